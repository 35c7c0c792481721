"""POST /chatops/mattermost: the slash command's token, in the form or the Authorization header."""

import pytest

from tests.base import DNS_LINE, QUIET_LINE, make_knowledge

TOKEN = "xr3j5x3p4pfk7rk1t1kpwccdzh"


@pytest.fixture(autouse=True)
def configured(settings):
    settings.MATTERMOST_TOKEN = [TOKEN]


def send(client, text, token=TOKEN, **headers):
    form = {"channel_id": "fukdpr9bk7n4xqzw", "user_id": "rnina9994bde8mua", "command": "/kb", "text": text,
            "response_url": "https://chat.example.com/hooks/commands/123"}
    if token is not None:
        form["token"] = token
    return client.post("/chatops/mattermost", form, **headers)


@pytest.mark.django_db(transaction=True)  # the answer is computed in a worker thread with its own connection
def test_it_answers_with_markdown(client):
    make_knowledge()
    response = send(client, f"{QUIET_LINE}\n{DNS_LINE}")
    assert response.status_code == 200, response.content
    reply = response.json()
    assert reply["response_type"] == "ephemeral"
    text = reply["text"]
    assert text.startswith("#### 1 known issue found\n\n2 lines read; 1 matched a known issue, 1 did not.")
    assert "**[KubeDNS drops queries under load](http://testserver/issues/kubedns-max-queries/)**" in text
    assert "Confident · score" in text and "Fixed upstream" in text
    assert "[LP\\#1650523](https://bugs.launchpad.net/fuel-ccp/+bug/1650523) (fixed)" in text
    assert "> Raise --dns-forward-max to 1000. Restart the kube-dns pods." in text
    assert "Line 2: `Maximum number of concurrent DNS queries" in text


@pytest.mark.django_db(transaction=True)
def test_it_counts_matched_log_records_out_of_records_not_lines(client):
    """A traceback is one log record: "1 of 6 lines matched" would undercount what was read.
    The sentence is the page's, the CLI's and text/plain's (kb.matching.report.count_summary)."""
    make_knowledge()
    traceback = 'Traceback (most recent call last):\n  File "/srv/a.py", line 3, in f\n    g()\nValueError: x'
    text = send(client, f"{DNS_LINE}\n{traceback}\n{QUIET_LINE}").json()["text"]
    assert text.startswith("#### 1 known issue found\n\n6 lines read, forming 3 log records (a traceback "
                           "or a wrapped line is one); 1 matched a known issue, 2 did not.")


@pytest.mark.django_db(transaction=True)
def test_it_accepts_the_token_in_the_authorization_header(client):
    make_knowledge()
    response = send(client, f"public {DNS_LINE}", token=None, HTTP_AUTHORIZATION=f"Token {TOKEN}")
    assert response.status_code == 200 and response.json()["response_type"] == "in_channel"


@pytest.mark.django_db(transaction=True)
def test_it_says_when_no_known_issue_matches(client):
    make_knowledge()
    text = send(client, QUIET_LINE).json()["text"]
    assert text.startswith("No known issue. 1 line read; 0 matched a known issue, 1 did not. "
                           "[Search kb](http://testserver/search/?q=")


def test_it_explains_itself_for_an_empty_command(client):
    text = send(client, "").json()["text"]
    assert "`/kb public <log line>`" in text


def test_it_accepts_any_of_several_tokens(client, settings):
    settings.MATTERMOST_TOKEN = ["first-command-token", TOKEN]
    assert send(client, "help").status_code == 200


@pytest.mark.parametrize("token", ["wrong", "", TOKEN[:-1], TOKEN + "x"])
def test_it_refuses_a_bad_token(client, token):
    response = send(client, "help", token=token)
    assert response.status_code == 401 and "MATTERMOST_TOKEN" in response.json()["detail"]


def test_it_refuses_a_missing_token(client):
    assert send(client, "help", token=None).status_code == 401


def test_a_bad_header_token_is_not_saved_by_nothing(client):
    assert send(client, "help", token=None, HTTP_AUTHORIZATION="Token wrong").status_code == 401


@pytest.mark.parametrize("text", ["help", "public", "public help"])
def test_its_usage_text_is_for_the_asker_only(client, text):
    """Seen: `/kb public` alone posted the usage text to the whole channel (in_channel)."""
    reply = send(client, text).json()
    assert reply["response_type"] == "ephemeral" and "`/kb public <log line>`" in reply["text"]


def test_it_is_disabled_without_a_token(client, settings):
    settings.MATTERMOST_TOKEN = []
    response = send(client, "help")
    assert response.status_code == 503
    assert response.json() == {"detail": "Mattermost commands are disabled: set MATTERMOST_TOKEN in kb's "
                                         "environment."}


@pytest.mark.django_db
def test_it_refuses_binary_text_with_the_reason(client):
    reply = send(client, "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00" * 10).json()
    assert "binary, not a text log" in reply["text"]
    # a chat command carries text only: no compressed file or bundle to offer
    assert ".gz" not in reply["text"] and "bundle" not in reply["text"]


@pytest.mark.django_db(transaction=True)
def test_a_matched_line_shows_its_message_not_its_prefix(client):
    # Seen: an oslo.log line's date, pid, level, logger and request ids filled the 200 characters
    # shown, and the message that was the evidence was cut off ("[instance: 4e8a1c36-2b7d…").
    make_knowledge()
    prefix = ("2016-11-23 03:12:44.507 31845 ERROR nova.compute.manager "
              "[req-5b0f8e2a-7c1d-4e59-9a3b-2f6d1c0e8b71 5d2e7a0c41b94c1e9d3b7a6f2e8c0d11 "
              "8c1f4e2b7d9a4b6c8e0f1a3d5c7b9e2f - - -] "
              "[instance: 4e8a1c36-2b7d-4f90-a1c5-7d3e9b0f6a28] ")
    text = send(client, prefix + DNS_LINE).json()["text"]
    assert "Line 1: `Maximum number of concurrent DNS queries reached (max: 150)`" in text
    assert "req-5b0f8e2a" not in text.split("Line 1:")[1]
