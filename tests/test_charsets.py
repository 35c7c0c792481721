"""One behaviour for a log with a stray byte of another charset, on every surface.

Seen: the same Latin-1 line was refused by `POST /api/match` as text/plain (400 "byte 0xe9 at
offset 15") while the page and `manage.py match FILE` matched it. Every surface now reads it as
kb.intake.decode does: the byte replaced (U+FFFD), the line matched; binary input stays refused.
"""

import json
from io import StringIO
from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.base import make_knowledge, no_throttle  # noqa: F401

pytestmark = pytest.mark.django_db

LATIN1_LINE = (b"I1211 16:59:31.000000 1 nanny.go:108] "
    b"dnsmasq[9]: caf\xe9 Maximum number of concurrent DNS queries reached (max: 150)")
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 40
SLUG = "kubedns-max-queries"


@pytest.fixture
def knowledge(db):
    return make_knowledge()


def test_the_api_matches_a_text_plain_log_with_a_latin1_byte(knowledge, client):
    response = client.generic("POST", "/api/match", LATIN1_LINE, content_type="text/plain")
    assert response.status_code == 200, response.content
    body = response.json()
    assert [m["issue"]["slug"] for m in body["matches"]] == [SLUG]
    assert "caf\ufffd Maximum" in body["matches"][0]["lines"][0]["text"]


def test_the_api_text_plain_still_refuses_binary(knowledge, client):
    response = client.generic("POST", "/api/match", ELF, content_type="text/plain")
    assert response.status_code == 400 and "binary, not a text log" in response.json()["detail"]


def test_the_api_uploaded_file_with_a_latin1_byte_is_matched(knowledge, client):
    upload = SimpleUploadedFile("dns.log", LATIN1_LINE + b"\n")
    response = client.post("/api/match", {"file": upload})
    assert response.status_code == 200, response.content
    assert [m["issue"]["slug"] for m in response.json()["matches"]] == [SLUG]


def test_a_json_body_must_still_be_utf8(knowledge, client):
    """JSON is no log: its client encodes the strings; a bad byte there is a broken document."""
    body = b'{"text": "' + LATIN1_LINE + b'"}'
    response = client.generic("POST", "/api/match", body, content_type="application/json")
    assert response.status_code == 400 and "byte 0xe9" in response.json()["detail"]


def test_the_page_matches_an_upload_with_a_latin1_byte(knowledge, client):
    upload = SimpleUploadedFile("dns.log", LATIN1_LINE + b"\n")
    response = client.post(reverse("kb:paste"), {"text": "", "file": upload}, follow=True)
    assert response.status_code == 200
    assert "KubeDNS drops queries under load" in response.content.decode()


def test_the_page_matches_a_form_encoded_paste_with_a_latin1_byte(knowledge, client):
    body = "text=" + quote(LATIN1_LINE, safe="")  # %E9: not UTF-8
    response = client.post(reverse("kb:paste"), body, content_type="application/x-www-form-urlencoded",
                           follow=True)
    assert response.status_code == 200
    assert "KubeDNS drops queries under load" in response.content.decode()


def test_the_page_refuses_a_binary_upload(knowledge, client):
    response = client.post(reverse("kb:paste"), {"text": "", "file": SimpleUploadedFile("bin.dat", ELF)})
    assert response.status_code == 400 and "binary, not a text log" in response.content.decode()


def test_the_cli_matches_a_file_with_a_latin1_byte(knowledge, tmp_path):
    path = tmp_path / "dns.log"
    path.write_bytes(LATIN1_LINE + b"\n")
    out = StringIO()
    call_command("match", str(path), "--json", stdout=out, stderr=StringIO())
    assert [m["issue"]["slug"] for m in json.loads(out.getvalue())["matches"]] == [SLUG]


@pytest.mark.django_db(transaction=True)  # chat answers in a worker thread with its own connection
def test_chat_matches_a_command_with_a_latin1_byte(client, settings):
    """Mattermost and Slack send form-encoded text; a %E9 in it is read as the page reads it."""
    settings.MATTERMOST_TOKEN = ["xr3j5x3p4pfk7rk1t1kpwccdzh"]
    make_knowledge()
    body = "token=xr3j5x3p4pfk7rk1t1kpwccdzh&command=%2Fkb&text=" + quote(LATIN1_LINE, safe="")
    response = client.post("/chatops/mattermost", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200, response.content
    assert "KubeDNS drops queries under load" in response.json()["text"]
