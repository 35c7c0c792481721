"""A score as a person reads it: one function (kb.scores.score_text) for the page, text/plain,
the CLI and chat; JSON keeps the number.

Seen: one match's score showed as "86%" on the page, 0.85 in the text/plain answer and the CLI,
0.855 in JSON: each surface formatted the float itself, and a binary float's 0.855 rounds down
under :.2f.
"""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from kb import terminal
from kb.chatops import mattermost, replies, slack
from kb.scores import score_text
from kb.templatetags.kb_tags import percent
from tests.base import DNS_LINE, QUIET_LINE, issue_match, make_knowledge, no_throttle, report_of  # noqa: F401


@pytest.mark.parametrize("score, text", [
    (0.855, "86%"), (0.8549, "86%"), (0.845, "85%"), (0.125, "13%"), (1, "100%"), (0.0, "0%"),
    ("0.5", "50%"), (None, ""), ("x", ""), (float("nan"), ""),
])
def test_score_text(score, text):
    assert score_text(score) == text


def test_every_surface_writes_0_855_alike():
    assert percent(0.855) == "86%"  # the page's filter
    match = {"issue": {"title": "T", "url": "http://kb/issues/t/", "slug": "t"}, "score": 0.855,
             "confident": True, "lines": []}
    line = next(x for x in terminal.match_lines(1, match) if "score" in x)  # text/plain and the CLI
    assert line.split()[-2:] == ["86%", "(confident)"], line
    answer = replies.build_answer(
        report_of(issue_match("t", score=0.855)), absolute=lambda path: "https://kb.example.com" + path,
        upstream={}, search_url="https://kb.example.com/search/?q=x")
    assert answer.hits[0].score == 0.855  # the number, as JSON gives it
    assert "score 86% ·" in mattermost.reply(answer, replies.Command("x"), "/kb")["text"]
    blocks = slack.reply(answer, replies.Command("x"), "/kb")["blocks"]
    assert any("score 86% ·" in block.get("text", {}).get("text", "") for block in blocks)


@pytest.mark.django_db
def test_the_page_text_plain_and_the_cli_show_the_json_score_alike(client, tmp_path):
    make_knowledge()
    log = f"{QUIET_LINE}\n{DNS_LINE}\n"
    number = client.post("/api/match", {"text": log}, content_type="application/json").json()
    number = number["matches"][0]["score"]
    assert isinstance(number, float)  # JSON keeps the number
    shown = score_text(number)
    plain = client.post("/api/match", log, content_type="text/plain", HTTP_ACCEPT="text/plain")
    assert re.search(rf"score: +{shown} \(", plain.content.decode()), plain.content.decode()
    path = tmp_path / "dns.log"
    path.write_text(log)
    out = StringIO()
    call_command("match", str(path), stdout=out, stderr=StringIO())
    assert re.search(rf"score: +{shown} \(", out.getvalue()), out.getvalue()
    cli_json = StringIO()
    call_command("match", str(path), "--json", stdout=cli_json, stderr=StringIO())
    assert json.loads(cli_json.getvalue())["matches"][0]["score"] == number
    page = client.post(reverse("kb:paste"), {"text": log}, follow=True).content.decode()
    assert f'title="Match score">{shown}</span>' in page
