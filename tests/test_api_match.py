"""POST/GET /api/match and GET /api/search: the contract, plain text, and every refusal."""

import io
import json
from pathlib import Path

import pytest

from tests.base import (  # noqa: F401
    DNS_LINE,
    QUIET_LINE,
    RABBIT_LINE,
    make_knowledge,
    no_throttle,
)

pytestmark = pytest.mark.django_db

LOG = "\n".join([QUIET_LINE, DNS_LINE, QUIET_LINE, RABBIT_LINE])
ISSUE_KEYS = {"slug", "title", "url", "status", "components", "remedy", "remedy_short", "remedy_truncated",
              "fixed_in", "upstream", "needs_review"}


@pytest.fixture(autouse=True)
def knowledge(db):
    return make_knowledge()


def post_json(client, data, path="/api/match", **extra):
    return client.post(path, json.dumps(data), content_type="application/json", **extra)


def slugs(body):
    return [match["issue"]["slug"] for match in body["matches"]]


def test_it_matches_json_text_and_keeps_the_engine_contract(client):
    response = post_json(client, {"text": LOG})
    assert response.status_code == 200, response.content
    body = response.json()
    assert {"matches", "lines_total", "lines_matched", "unmatched"} <= set(body)
    assert body["lines_total"] == 4
    assert set(slugs(body)) == {"kubedns-max-queries", "rabbitmq-unreachable"}
    dns = next(m for m in body["matches"] if m["issue"]["slug"] == "kubedns-max-queries")
    assert ISSUE_KEYS <= set(dns["issue"])
    assert {"score", "confident", "lines", "why", "related"} <= set(dns)
    # absolute, as /api/issues gives an issue's url (it was a path here)
    assert dns["issue"]["url"] == dns["issue"]["absolute_url"] == "http://testserver/issues/kubedns-max-queries/"
    assert client.get("/api/issues/kubedns-max-queries/").json()["url"] == dns["issue"]["url"]
    assert dns["issue"]["api_url"] == "http://testserver/api/issues/kubedns-max-queries/"
    assert dns["lines"][0]["number"] == 2 and dns["lines"][0]["text"] == DNS_LINE
    assert {"number", "text", "signature"} <= set(dns["lines"][0])
    assert {line["number"] for line in body["unmatched"]} == {1, 3}


def test_it_matches_a_list_of_lines(client):
    body = post_json(client, {"lines": [QUIET_LINE, DNS_LINE]}).json()
    assert slugs(body) == ["kubedns-max-queries"]
    assert body["matches"][0]["lines"][0]["number"] == 2


def test_it_matches_a_text_plain_body_like_curl_data_binary(client):
    response = client.post("/api/match", LOG.encode(), content_type="text/plain")
    assert response.status_code == 200
    assert set(slugs(response.json())) == {"kubedns-max-queries", "rabbitmq-unreachable"}


def test_it_matches_a_query_string(client):
    response = client.get("/api/match", {"q": DNS_LINE})
    assert slugs(response.json()) == ["kubedns-max-queries"]


def test_it_answers_no_known_issue_honestly(client):
    body = post_json(client, {"text": QUIET_LINE}).json()
    assert body["matches"] == [] and body["lines_total"] == 1


def test_min_score_leaves_out_weaker_matches(client):
    score = post_json(client, {"text": RABBIT_LINE}).json()["matches"][0]["score"]
    assert score < 1  # a word match: a higher min_score within 0..1 leaves it out
    above = (score + 1) / 2
    assert post_json(client, {"text": RABBIT_LINE, "min_score": above}).json()["matches"] == []
    response = client.post(f"/api/match?min_score={above}", RABBIT_LINE, content_type="text/plain")
    assert response.json()["matches"] == []
    assert client.get("/api/match", {"q": RABBIT_LINE, "min_score": above}).json()["matches"] == []
    below = score - 0.001  # the score shown is rounded to 3 decimals
    assert post_json(client, {"text": RABBIT_LINE, "min_score": below}).json()["matches"]


MIN_SCORE_MESSAGE = "min_score: min_score is a match score, a number from 0 to 1"


@pytest.mark.parametrize("value", [1000, 1.0001, -1, -0.5, "1e308", True, "high", "nan"])
def test_a_min_score_out_of_0_to_1_is_a_400_that_says_the_range_on_every_way_in(client, value):
    """Above 1 nothing can match: the answer looked like an honest "no known issue" (issue 9)."""
    answers = [
        post_json(client, {"text": DNS_LINE, "min_score": value}),
        client.post(f"/api/match?min_score={value}", DNS_LINE, content_type="text/plain"),
        client.get("/api/match", {"q": DNS_LINE, "min_score": value}),
        client.post("/api/match", {"file": io.BytesIO(DNS_LINE.encode()), "min_score": value}),
        client.generic("POST", f"/api/jobs?min_score={value}", DNS_LINE.encode(),
                       content_type="application/octet-stream"),
    ]
    for response in answers:
        assert response.status_code == 400, (response.request, response.content)
        assert response["Content-Type"] == "application/json"
        assert response.json()["detail"].startswith(MIN_SCORE_MESSAGE), response.json()


@pytest.mark.parametrize("value", [0, 1, "0.5"])
def test_min_score_takes_the_ends_of_its_range(client, value):
    assert post_json(client, {"text": DNS_LINE, "min_score": value}).status_code == 200


def test_it_answers_plain_text_for_terminals(client):
    response = client.post("/api/match", LOG, content_type="text/plain", HTTP_ACCEPT="text/plain")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "2 known issues found" in text
    assert "KubeDNS drops queries under load" in text
    assert "   status:   Fixed upstream" in text
    assert "   remedy:   Raise --dns-forward-max to 1000. Restart the kube-dns pods." in text
    assert "   lines:    2: Maximum number of concurrent DNS queries reached" in text  # no log prefix
    assert "\n   http://testserver/issues/kubedns-max-queries/\n" in text  # under the title
    assert "score:" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_a_plain_text_remedy_shows_markdown_escapes_as_the_characters_they_escape(client):
    # A new user's trial: the remedy read "It \\_should\\_ fail" in the text/plain answer.
    from kb.models import Issue

    issue = Issue.objects.get(slug="kubedns-max-queries")
    issue.solution = r"Set \_dns\_forward\_max\_ to 1000: it \*should\* hold. Keep `a\_b` as written."
    issue.save()
    response = client.post("/api/match", DNS_LINE, content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = response.content.decode()
    assert "   remedy:   Set _dns_forward_max_ to 1000: it *should* hold. Keep a\\_b as written." in text
    body = client.post("/api/match", DNS_LINE, content_type="text/plain").json()
    short = body["matches"][0]["issue"]["remedy_short"]
    assert short.startswith("Set _dns_forward_max_ to 1000: it *should* hold.")


def test_a_match_of_an_issue_read_from_prose_says_it_needs_review_in_json_and_text(client):
    """Seen: an issue the importer read from prose (needs_review) answered as checked knowledge."""
    from kb.models import Issue

    Issue.objects.filter(slug="kubedns-max-queries").update(needs_review=True, structure="prose")
    Issue.objects.first().save()  # an edit: bumps the knowledge revision, as the admin would
    body = post_json(client, {"text": LOG}).json()
    review = {m["issue"]["slug"]: m["issue"]["needs_review"] for m in body["matches"]}
    assert review == {"kubedns-max-queries": True, "rabbitmq-unreachable": False}
    text = client.post("/api/match", LOG, content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = text.content.decode()
    assert text.count("needs review: read from prose, not yet checked by an editor") == 1
    assert "   status:   Fixed upstream · needs review: read from prose" in text


# A real nova-compute log (tests/data/healthy/SOURCES.md): its oslo TRACE tracebacks are records
# of many lines each, so its lines and its log records differ.
NOVA = Path(__file__).parent / "data/healthy/uforia-OpenStackForensics__nova-compute.log"
TRACEBACK = ["Traceback (most recent call last):", '  File "/srv/a.py", line 3, in f', "    g()",
             "ValueError: bad value"]


def test_its_counts_are_log_records_that_add_up_on_a_real_log(client):
    text = "\n".join(NOVA.read_text().splitlines()[:300]) + "\n"
    body = client.post("/api/match", text, content_type="text/plain").json()
    assert body["lines_total"] == 300
    assert body["records_total"] < 300 - 20  # its tracebacks, each one record
    assert body["lines_matched"] + body["unmatched_count"] == body["records_total"]
    assert len(body["unmatched"]) == min(200, body["unmatched_count"])


def test_plain_text_says_lines_read_and_records_matched(client):
    log = "\n".join([DNS_LINE, *TRACEBACK, QUIET_LINE])
    response = client.post("/api/match", log, content_type="text/plain", HTTP_ACCEPT="text/plain")
    first = response.content.decode().splitlines()[0:2]
    assert " ".join(first) == ("1 known issue found. 6 lines read, forming 3 log records (a traceback or a "
                               "wrapped line is one); 1 matched a known issue, 2 did not.")


def test_text_links_use_kb_base_url_when_set(client, settings):
    settings.KB_BASE_URL = "https://kb.example.com"
    response = client.post("/api/match", LOG, content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = response.content.decode()
    assert "   https://kb.example.com/issues/kubedns-max-queries/" in text
    assert "http://testserver" not in text


def test_format_text_works_in_the_query_string(client):
    response = client.get("/api/match", {"q": QUIET_LINE, "format": "text"})
    text = response.content.decode()
    assert text.startswith("No known issue. 1 line read; 0 matched a known issue, 1 did not.\n\n")
    assert "Permalink: http" in text


@pytest.mark.parametrize("path", ["/api/match?q=x&format=xml", "/api/search?q=x&format=yaml"])
def test_an_unknown_format_is_a_406_that_names_the_formats(client, path):
    response = client.get(path)
    assert response.status_code == 406 and response["Content-Type"] == "application/json"
    assert "?format= takes one of: api, json, text." in response.json()["detail"]


def test_errors_come_as_plain_text_to_a_terminal(client):
    response = client.get("/api/match?format=text")
    assert response.status_code == 400
    assert response.content.decode().startswith("error 400: q:")
    # one way on every endpoint that speaks text (a trial reported "Error 400" on one of them)
    for path in ("/api/search?format=text", "/api/match?format=text&q=x&min_score=2"):
        assert client.get(path).content.decode().startswith("error 400: "), path
    empty = client.post("/api/match", "", content_type="text/plain", HTTP_ACCEPT="text/plain")
    assert empty.content.decode().startswith("error 400: ")


@pytest.mark.parametrize("body, message", [
    ({}, "either 'text'"),
    ({"text": "a", "lines": ["b"]}, "either 'text'"),
    ({"text": "   \n  "}, "Nothing to match"),
    ({"lines": []}, "Nothing to match"),
    ({"text": 12}, "text: Not a string."),
    ({"text": None}, "text:"),
    ({"lines": "one line"}, "lines:"),
    ({"lines": ["ok", 3]}, "lines[1]: Not a string."),
    ({"lines": [["nested"]]}, "lines[0]: Not a string."),
    ({"text": "x", "min_score": "high"}, MIN_SCORE_MESSAGE),
    ({"text": "x", "min_score": -1}, "min_score:"),
    (["a", "list"], "Send a JSON object"),
    ("just a string", "Send a JSON object"),
])
def test_it_answers_400_with_a_detail_for_bad_json_input(client, body, message):
    response = post_json(client, body)
    assert response.status_code == 400, response.content
    assert message in response.json()["detail"]


def test_it_answers_400_for_json_nested_too_deeply(client):
    response = client.post("/api/match", "[" * 100_000 + "]" * 100_000, content_type="application/json")
    assert response.status_code == 400 and "nested too deeply" in response.json()["detail"]


def test_it_matches_text_with_nul_bytes(client):
    response = client.post("/api/match", f"{DNS_LINE}\n\x00\x00 binary junk\x00", content_type="text/plain")
    assert response.status_code == 200 and slugs(response.json()) == ["kubedns-max-queries"]


def test_the_text_layout_wraps_a_long_remedy():
    from kb.api.renderers import match_text

    issue = {"title": "T", "status": "fixed", "remedy": "word " * 200, "url": "/issues/t/"}
    text = match_text({"matches": [{"issue": issue, "score": 1, "confident": True, "lines": [], "why": ""}],
                       "lines_total": 1, "lines_matched": 1})
    from kb.terminal import REMEDY_LINES

    remedy = [line for line in text.splitlines() if line.startswith(("   remedy:", "             "))]
    assert len(remedy) == REMEDY_LINES + 1 and remedy[-1].strip() == "..."
    assert all(len(line) <= 100 for line in remedy)


def test_the_text_layout_labels_a_leads_remedy_as_what_to_do_if_it_is_that_issue():
    # A new user's trial (tests/eval/trial6) read a lead's fuel-ccp remedy as the answer.
    from kb.api.renderers import match_text

    def issue(title):
        return {"title": title, "status": "config_fix", "remedy": "Put this into nova.conf.j2.", "url": "/i/"}

    text = match_text({"matches": [
        {"issue": issue("Known"), "score": 0.9, "confident": True, "lines": [], "why": ""},
        {"issue": issue("Lead"), "score": 0.3, "confident": False, "lines": [], "why": ""},
    ], "lines_total": 2, "lines_matched": 1})
    known, lead = text.split("2. Lead")
    assert "   remedy:   Put this into nova.conf.j2." in known and "if it is:" not in known
    assert "   if it is: Put this into nova.conf.j2." in lead and "remedy:" not in lead


def test_it_answers_400_for_malformed_json(client):
    response = client.post("/api/match", '{"text": ', content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"].startswith("JSON parse error")


def test_it_refuses_nan_in_json(client):
    response = client.post("/api/match", '{"text": "x", "min_score": NaN}', content_type="application/json")
    assert response.status_code == 400


def test_it_answers_400_for_an_empty_text_plain_body(client):
    response = client.generic("POST", "/api/match", b"", CONTENT_TYPE="text/plain")
    assert response.status_code == 400 and "Nothing to match" in response.json()["detail"]


def test_it_answers_400_for_an_empty_query(client):
    assert client.get("/api/match").status_code == 400
    assert "Nothing to match" in client.get("/api/match", {"q": "  "}).json()["detail"]


def test_it_answers_400_for_a_json_body_that_is_not_utf8(client):
    """A text/plain body is a log: a stray byte of another charset is replaced, as every surface
    reads a log (tests/test_charsets.py); JSON is a document its client encodes."""
    response = client.generic("POST", "/api/match", b'{"text": "caf\xe9"}', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("The body is not utf-8 text (byte 0xe9 at offset 13)")


def test_it_honours_a_declared_charset(client):
    response = client.generic("POST", "/api/match", DNS_LINE.encode("latin-1") + b" caf\xe9",
                              content_type="text/plain; charset=latin-1")
    assert slugs(response.json()) == ["kubedns-max-queries"]


@pytest.mark.parametrize("body, content_type", [
    # PowerShell's `>` and Notepad's "Unicode": UTF-16 with a byte order mark, no charset named
    (b"\xff\xfe" + LOG.encode("utf-16-le"), "text/plain"),
    # the charset named, no byte order mark (README: "another charset can be named in Content-Type")
    (LOG.encode("utf-16-le"), "text/plain; charset=utf-16le"),
])
def test_it_reads_a_utf16_body(client, body, content_type):
    """Seen: both refused as "The body is binary, not a text log" (its NUL bytes), the charset
    named in Content-Type or not."""
    response = client.generic("POST", "/api/match", body, content_type=content_type)
    assert response.status_code == 200, response.content
    assert set(slugs(response.json())) == {"kubedns-max-queries", "rabbitmq-unreachable"}
    assert response.json()["lines_total"] == 4


def test_a_named_charset_does_not_let_binary_through(client):
    response = client.generic("POST", "/api/match", b"\x7fELF\x02\x01\x01\x00" * 200,
                              content_type="text/plain; charset=latin-1")
    assert response.status_code == 400 and "binary, not a text log" in response.json()["detail"]


def test_it_refuses_an_unknown_charset(client):
    response = client.generic("POST", "/api/match", b"x", content_type="text/plain; charset=klingon")
    assert response.status_code == 400 and "klingon" in response.json()["detail"]


def test_it_answers_415_for_an_unsupported_content_type(client):
    response = client.post("/api/match", b"text=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415
    detail = response.json()["detail"]
    assert "application/x-www-form-urlencoded" in detail
    assert "application/json, text/plain" in detail


def test_it_answers_415_when_the_content_type_is_missing(client):
    response = client.generic("POST", "/api/match", b"some log", CONTENT_TYPE="")
    assert response.status_code == 415 and response.json()["detail"].startswith("No Content-Type header")


def test_it_answers_413_over_the_paste_limit_and_states_it(client, settings):
    settings.KB_MAX_PASTE_BYTES = 1000
    response = client.post("/api/match", "x" * 1001, content_type="text/plain")
    assert response.status_code == 413
    assert "limit of 1000 bytes" in response.json()["detail"]
    assert client.post("/api/match", DNS_LINE + " " * (1000 - len(DNS_LINE)),
                       content_type="text/plain").status_code == 200


def test_it_answers_413_when_the_body_is_longer_than_its_content_length_says(rf, settings):
    """A lying or missing Content-Length cannot get more than the limit read."""
    from kb.api.views import MatchView

    settings.KB_MAX_PASTE_BYTES = 1000
    request = rf.post("/api/match", "x" * 5000, content_type="text/plain")
    request.META["CONTENT_LENGTH"] = "10"
    request._stream = io.BytesIO(b"x" * 5000)
    response = MatchView.as_view()(request)
    assert response.status_code == 413


def test_it_searches(client):
    response = client.get("/api/search", {"q": "dnsmasq"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "dnsmasq" and body["count"] >= 1
    hit = body["results"][0]
    assert hit["slug"] == "kubedns-max-queries"
    assert {"slug", "title", "url", "score", "snippet_html", "why", "absolute_url", "api_url"} <= set(hit)


def test_it_searches_in_plain_text(client):
    text = client.get("/api/search", {"q": "dnsmasq", "format": "text"}).content.decode()
    assert "1. KubeDNS drops queries under load" in text
    assert "http://testserver/issues/kubedns-max-queries/" in text and "<mark>" not in text


@pytest.mark.parametrize("query, message", [
    ("", "q: This field is required."),
    ("?q=", "q: This field may not be blank."),
    ("?q=dns&limit=0", "limit:"),
    ("?q=dns&limit=lots", "limit:"),
    ("?q=" + "x" * 501, "q:"),
])
def test_search_answers_400_for_bad_queries(client, query, message):
    response = client.get(f"/api/search{query}")
    assert response.status_code == 400 and message in response.json()["detail"]


def test_search_limits_its_results(client):
    body = client.get("/api/search", {"q": "issue queries rabbitmq dns", "limit": 1}).json()
    assert len(body["results"]) <= 1


def test_match_and_search_need_no_csrf_token_for_anonymous_scripts(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/api/match", DNS_LINE, content_type="text/plain").status_code == 200


def test_the_browsable_match_and_search_open_on_their_page_not_an_error(client, db):
    from kb.middleware import BROWSABLE_API_POLICY

    response = client.get("/api/match", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert "POST it" in html and 'id="id__content"' in html  # DRF's raw-data form for POST
    assert response["Content-Security-Policy"] == BROWSABLE_API_POLICY
    assert client.get("/api/search", HTTP_ACCEPT="text/html").status_code == 200
    # Scripts still get the 400 that names the missing q.
    assert client.get("/api/match").status_code == 400
    assert client.get("/api/search", HTTP_ACCEPT="application/json").status_code == 400


def test_it_refuses_a_binary_body_with_the_reason(client):
    response = client.post("/api/match", b"\x7fELF\x02\x01\x01\x00" * 200, content_type="text/plain")
    assert response.status_code == 400 and "binary, not a text log" in response.json()["detail"]


def test_it_decompresses_a_gzip_text_body(client):
    import gzip

    response = client.post("/api/match", gzip.compress(DNS_LINE.encode()), content_type="text/plain")
    assert response.status_code == 200 and slugs(response.json()) == ["kubedns-max-queries"]


def test_a_log_over_the_paste_limit_is_pointed_to_api_jobs(client, settings):
    # Seen: "send less text or split it", though /api/jobs reads the same log whole.
    settings.KB_MAX_PASTE_BYTES = 1000
    response = client.post("/api/match", "x" * 1001, content_type="text/plain")
    assert response.status_code == 413 and "/api/jobs" in response.json()["detail"]


@pytest.mark.parametrize("multipart", [False, True])
def test_a_gzipped_log_that_decompresses_over_the_paste_limit_is_a_413_pointing_to_api_jobs(
    client, settings, multipart
):
    # Seen: a 16 KB .gz of a 225 KB OpenSSH log was a 400 calling it "a compression bomb".
    import gzip

    settings.KB_MAX_PASTE_BYTES = 1000
    packed = gzip.compress(((DNS_LINE + "\n") * 100).encode())
    assert len(packed) < 1000
    if multipart:
        response = client.post("/api/match", {"file": io.BytesIO(packed)})
    else:
        response = client.post("/api/match", packed, content_type="text/plain")
    detail = response.json()["detail"]
    assert response.status_code == 413 and "/api/jobs" in detail and "bomb" not in detail


@pytest.mark.parametrize("multipart", [False, True])
def test_a_tar_gz_bundle_is_pointed_to_api_jobs_whatever_its_size(client, settings, multipart):
    import tarfile

    settings.KB_MAX_PASTE_BYTES = 1000
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        body = ((DNS_LINE + "\n") * 100).encode()
        info = tarfile.TarInfo("var/log/dnsmasq.log")
        info.size = len(body)
        archive.addfile(info, io.BytesIO(body))
    if multipart:
        response = client.post("/api/match", {"file": io.BytesIO(buffer.getvalue())})
    else:
        response = client.post("/api/match", buffer.getvalue(), content_type="text/plain")
    assert response.status_code == 400 and "bundle" in response.json()["detail"]
    assert "/api/jobs" in response.json()["detail"]


def test_a_text_answer_with_no_match_counts_records_as_every_other_surface(client):
    # Seen: "No known issue matches these 5 line(s)." in text/plain, where the page, JSON and the
    # CLI said "5 lines read, forming 2 log records ...; 0 matched a known issue, 2 did not."
    log = "\n".join([QUIET_LINE, "Traceback (most recent call last):", '  File "/srv/a.py", line 3, in f',
                     "    g()", "ValueError: x"])
    body = client.post("/api/match", log, content_type="text/plain").json()
    assert (body["lines_total"], body["records_total"], body["unmatched_count"]) == (5, 2, 2)
    answer = client.post("/api/match", log, content_type="text/plain", HTTP_ACCEPT="text/plain")
    text = " ".join(answer.content.decode().split())  # wrapped at 100 columns
    assert text.startswith("No known issue. 5 lines read, forming 2 log records (a traceback or a wrapped "
                           "line is one); 0 matched a known issue, 2 did not.")


@pytest.mark.parametrize("newline", ["\r", "\r\n", "mixed"])
def test_every_line_end_reads_as_lf_in_raw_and_json_bodies(client, newline):
    """Issue 9: a body separated by lone CRs was read as one line (lines_total 1, both issues
    on line 1)."""
    lines = LOG.split("\n")
    text = ("\r".join(lines[:2]) + "\r\n" + "\n".join(lines[2:]) if newline == "mixed"
            else newline.join(lines))
    expected = post_json(client, {"text": LOG}).json()
    for response in (client.post("/api/match", text.encode(), content_type="text/plain"),
                     post_json(client, {"text": text})):
        body = response.json()
        assert body["lines_total"] == 4
        assert [(m["issue"]["slug"], [line["number"] for line in m["lines"]]) for m in body["matches"]] == [
            (m["issue"]["slug"], [line["number"] for line in m["lines"]]) for m in expected["matches"]]
        assert {line["number"] for line in body["unmatched"]} == {1, 3}


def test_a_paste_that_would_take_too_long_is_refused_with_the_cpu_limit_stated(client, settings):
    # kb/matching/budget.py: past KB_MATCH_CPU_SECONDS the answer is a 413 naming the limit and
    # the job API, not a request that outlives the server's timeout
    settings.KB_MATCH_CPU_SECONDS = 0
    text = "\n".join([DNS_LINE, QUIET_LINE] * 300)
    response = client.post("/api/match", text, content_type="text/plain")
    assert response.status_code == 413, response.content
    detail = response.json()["detail"]
    assert "0 s of CPU time" in detail and "KB_MATCH_CPU_SECONDS" in detail and "/api/jobs" in detail
    settings.KB_MATCH_CPU_SECONDS = 10
    assert client.post("/api/match", text, content_type="text/plain").status_code == 200


def test_the_paste_page_refuses_a_paste_over_the_cpu_budget_with_the_limit_stated(client, settings):
    settings.KB_MATCH_CPU_SECONDS = 0
    response = client.post("/match/", {"text": "\n".join([DNS_LINE, QUIET_LINE] * 300)})
    assert response.status_code == 413
    html = response.content.decode()
    assert "KB_MATCH_CPU_SECONDS" in html and "/api/jobs" in html and "<textarea" in html
