"""Feedback on answers: the API, the paste page's buttons, the wrong-votes report, the admin."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from kb.learning.models import Feedback
from kb.learning.recording import record_feedback
from kb.models import Issue, Signature

pytestmark = pytest.mark.django_db

SIGNATURE = "Maximum number of concurrent DNS queries reached (max: <NUM>)"
LINE = ("I1211 16:59:31.000000 1 nanny.go:108] dnsmasq[123]: Maximum number of concurrent DNS queries "
        "reached (max: 150) for 10.0.0.7")


@pytest.fixture(autouse=True)
def _throttle_counters():
    cache.clear()  # the API's throttle counts per address in the default cache
    yield
    cache.clear()


@pytest.fixture
def issue() -> Issue:
    issue = Issue.objects.create(slug="dns-limit", title="DNS query limit", symptoms="DNS fails.")
    Signature.objects.create(issue=issue, text=SIGNATURE, source=Signature.Source.CURATED)
    return issue


def post(client, body, **extra):
    return client.post("/api/feedback", body, content_type="application/json", **extra)


def test_anyone_can_say_an_answer_helped_through_the_api(client, issue):
    response = post(client, {"issue": "dns-limit", "verdict": "helped", "signature": SIGNATURE, "line": LINE})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["issue"], body["verdict"], body["source"], body["signature"]) == (
        "dns-limit", "helped", "api", SIGNATURE
    )
    feedback = Feedback.objects.get()
    assert feedback.signature == issue.signatures.get()
    assert feedback.line_template == "Maximum number of concurrent DNS queries reached (max: <NUM>) for <IP>"


def test_the_line_is_masked_before_it_is_stored(client, issue):
    post(client, {"issue": "dns-limit", "verdict": "wrong", "line": LINE})
    stored = " ".join(str(v) for v in Feedback.objects.values().get().values())
    for raw in ("10.0.0.7", "150", "node-3.example.com", "Dec 11 16:59:31"):
        assert raw not in stored


def test_a_secret_in_the_line_is_masked_before_it_is_stored(client, issue):
    line = "Dec 11 16:59:31 node-3 keystone[7]: Authentication failed with password=CorrectHorseBatteryStaple"
    post(client, {"issue": "dns-limit", "verdict": "wrong", "line": line})
    assert Feedback.objects.get().line_template == "Authentication failed with password=<SECRET>"


def test_the_trailing_slash_is_optional(client, issue):
    assert client.post("/api/feedback/", {"issue": "dns-limit", "verdict": "wrong"},
                       content_type="application/json").status_code == 201


def test_an_unknown_signature_still_counts_for_the_issue(client, issue):
    response = post(client, {"issue": "dns-limit", "verdict": "wrong", "signature": "not its signature"})
    assert response.status_code == 201
    assert response.json()["signature"] is None


def test_bad_feedback_is_refused(client, issue):
    assert post(client, {"issue": "dns-limit", "verdict": "meh"}).status_code == 400
    assert post(client, {"issue": "no-such-issue", "verdict": "helped"}).status_code == 400
    assert post(client, {"verdict": "helped"}).status_code == 400
    assert not Feedback.objects.exists()


def test_chat_bots_can_say_where_the_vote_came_from(client, issue):
    post(client, {"issue": "dns-limit", "verdict": "helped", "source": "slack"})
    assert Feedback.objects.get().source == "slack"


def test_anonymous_feedback_is_throttled_like_the_api(client, issue, settings):
    settings.KB_ANON_THROTTLE = "3/min"
    codes = [post(client, {"issue": "dns-limit", "verdict": "helped"}).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    assert Feedback.objects.count() == 3


def test_feedback_needs_a_login_when_kb_is_not_public(client, issue, settings):
    settings.KB_PUBLIC_READ = False
    assert post(client, {"issue": "dns-limit", "verdict": "helped"}).status_code in (401, 403)
    assert client.post("/feedback/", {"issue": "dns-limit", "verdict": "helped"}).status_code == 302
    assert not Feedback.objects.exists()


# The form the paste page posts

def test_the_buttons_partial_posts_both_verdicts_with_a_csrf_token(issue):
    request = RequestFactory().get("/match/")
    html = render_to_string(
        "learning/feedback_buttons.html",
        {"issue": "dns-limit", "signature": SIGNATURE, "line": LINE, "next": "/match/"}, request=request,
    )
    assert 'action="/feedback/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="verdict" value="helped"' in html and 'name="verdict" value="wrong"' in html
    assert 'name="issue" value="dns-limit"' in html


def test_the_form_records_a_vote_and_returns_to_the_page(client, issue):
    response = client.post("/feedback/", {
        "issue": "dns-limit", "verdict": "wrong", "signature": SIGNATURE, "line": LINE, "next": "/match/",
    })
    assert response.status_code == 302
    assert response["Location"] == "/match/"
    feedback = Feedback.objects.get()
    assert (feedback.verdict, feedback.source, feedback.signature.text) == ("wrong", "web", SIGNATURE)
    assert "10.0.0.7" not in feedback.line_template


def test_the_form_does_not_redirect_off_site(client, issue):
    response = client.post("/feedback/", {"issue": "dns-limit", "verdict": "helped",
                                          "next": "https://evil.example/"})
    assert response["Location"] == issue.get_absolute_url()


def test_the_form_answers_json_to_a_script(client, issue):
    response = client.post("/feedback/", {"issue": "dns-limit", "verdict": "helped"},
                           HTTP_ACCEPT="application/json")
    assert response.status_code == 201
    assert response.json() == {"recorded": True}


def test_the_form_needs_the_csrf_token(issue):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/feedback/", {"issue": "dns-limit", "verdict": "helped"}).status_code == 403
    assert not Feedback.objects.exists()


def test_the_form_is_throttled_too(client, issue, settings):
    settings.KB_ANON_THROTTLE = "2/min"
    codes = [client.post("/feedback/", {"issue": "dns-limit", "verdict": "helped"}).status_code
             for _ in range(3)]
    assert codes == [302, 302, 429]


# Reports

def test_the_report_lists_signatures_with_wrong_votes_first(client, issue):
    good = Signature.objects.create(issue=issue, text="too many concurrent DNS queries", source="editor")
    bad = issue.signatures.get(text=SIGNATURE)
    for verdict in ("wrong", "wrong", "wrong", "helped"):
        record_feedback(issue, verdict, "web", signature_text=SIGNATURE)
    record_feedback(issue, "wrong", "web", signature_text=good.text)
    record_feedback(issue, "helped", "web", signature_text=good.text)
    record_feedback(issue, "wrong", "slack")  # no signature named
    page = client.get("/reports/signatures/")
    assert page.status_code == 200
    rows = list(page.context["signatures"])
    assert [(s.pk, s.wrong, s.helped) for s in rows] == [(bad.pk, 3, 1), (good.pk, 1, 1)]
    assert [(r["issue__slug"], r["wrong"]) for r in page.context["issues"]] == [("dns-limit", 1)]
    assert "Maximum number of concurrent DNS queries reached" in page.content.decode()


def test_the_admin_shows_feedback_counts(issue):
    from kb.learning.quality import HealthyHits, store

    record_feedback(issue, "wrong", "web", signature_text=SIGNATURE)
    record_feedback(issue, "helped", "web", signature_text=SIGNATURE)
    store(HealthyHits(checked_files=10))
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", password="pw"))
    page = admin.get("/admin/learning/signaturequality/")
    assert page.status_code == 200
    (row,) = page.context["cl"].result_list
    assert (row.helped, row.wrong) == (1, 1)
    assert admin.get("/admin/learning/feedback/").status_code == 200
    assert admin.get("/admin/learning/unknowncluster/").status_code == 200
    assert admin.get("/admin/learning/hitbucket/").status_code == 200


def test_the_form_explains_a_bad_vote_to_a_script(client, issue):
    response = client.post("/feedback/", {"issue": "nope", "verdict": "ok"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert "issue" in response.json()["errors"]


def test_the_signature_admin_columns_count_votes_and_show_the_flag(issue):
    from django.contrib import admin

    from kb.learning.admin import SignatureLearningColumns
    from kb.learning.quality import HealthyHits, store

    class SignatureAdmin(SignatureLearningColumns, admin.ModelAdmin):
        list_display = ["text", *SignatureLearningColumns.learning_columns]

    signature = issue.signatures.get()
    for verdict in ("wrong", "wrong", "helped"):
        record_feedback(issue, verdict, "web", signature_text=SIGNATURE)
    hits = HealthyHits(checked_files=10)
    hits.files[signature.pk] = 5
    store(hits)
    model_admin = SignatureAdmin(Signature, admin.AdminSite())
    request = RequestFactory().get("/")
    request.user = User.objects.create_superuser("admin", password="pw")
    row = model_admin.get_queryset(request).get(pk=signature.pk)
    assert (model_admin.helped_votes(row), model_admin.wrong_votes(row), model_admin.too_broad(row)) == (
        1, 2, True
    )
