"""The unknown-errors queue: unmatched lines clustered, listed, and promoted by editors."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kb.learning.models import UnknownCluster
from kb.learning.recording import prune, record_report
from kb.matching.loader import current_engine
from kb.matching.report import MatchReport
from kb.models import ApiToken, Issue, Signature
from tests.base import report_of

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, 30, tzinfo=UTC)
TEMPLATE = "Failed to bind port <UUID> for network segment <NUM> on host <IP>"
LINE_A = (
    "2024-05-20 12:01:02.345 2211 ERROR neutron.plugins.ml2.managers "
    "[req-1a2b3c4d-1111-2222-3333-444455556666 - - - - -] "
    "Failed to bind port 6f9c1a2e-7b3d-4c5e-8f90-a1b2c3d4e5f6 for network segment 1042 on host 10.20.30.40"
)
LINE_B = (
    "2024-05-20 12:07:09.001 2211 ERROR neutron.plugins.ml2.managers "
    "[req-9a8b7c6d-1111-2222-3333-444455556666 - - - - -] "
    "Failed to bind port 0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6 for network segment 77 on host 172.16.0.9"
)
RAW_VALUES = ["10.20.30.40", "172.16.0.9", "6f9c1a2e-7b3d-4c5e-8f90-a1b2c3d4e5f6", "1042", "req-1a2b3c4d"]


def unmatched(*lines: str) -> MatchReport:
    """A report of lines no issue explains."""
    return report_of(unmatched=lines, lines_total=len(lines))


def make_issue(slug="port-binding", **fields) -> Issue:
    return Issue.objects.create(slug=slug, title=slug.replace("-", " ").capitalize(), symptoms="It breaks.",
                                **fields)


@pytest.fixture
def staff(client):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def cluster() -> UnknownCluster:
    record_report(unmatched(LINE_A, LINE_B), "web", now=NOW)
    return UnknownCluster.objects.get()


def stored_text() -> str:
    """Every stored value of every cluster, to look for raw pasted text in."""
    return " ".join(str(value) for row in UnknownCluster.objects.values() for value in row.values())


def test_it_clusters_unknown_lines_by_template():
    record_report(unmatched(LINE_A, LINE_B), "web", now=NOW)
    cluster = UnknownCluster.objects.get()
    assert cluster.template == TEMPLATE
    assert cluster.count == 2
    assert cluster.logger == "neutron.plugins.ml2.managers"
    assert cluster.first_seen == cluster.last_seen == NOW


def test_later_requests_add_to_the_cluster():
    record_report(unmatched(LINE_A), "web", now=NOW)
    record_report(unmatched(LINE_B, LINE_A, "nova-compute could not reach the placement service"), "api",
                  now=NOW + timedelta(hours=2))
    cluster = UnknownCluster.objects.get(template=TEMPLATE)
    assert (cluster.count, cluster.first_seen, cluster.last_seen) == (3, NOW, NOW + timedelta(hours=2))
    assert UnknownCluster.objects.count() == 2


def test_nothing_raw_is_stored_by_default():
    record_report(unmatched(LINE_A, LINE_B), "web", now=NOW)
    text = stored_text()
    for value in RAW_VALUES:
        assert value not in text
    assert UnknownCluster.objects.get().sample == ""


def test_a_sample_is_stored_masked_when_the_operator_asks(settings):
    settings.KB_STORE_UNKNOWN_SAMPLES = True
    record_report(unmatched(LINE_A, LINE_B), "web", now=NOW)
    sample = UnknownCluster.objects.get().sample
    assert sample.startswith("<TS> 2211 ERROR neutron.plugins.ml2.managers [<UUID> - - - - -] Failed to bind")
    for value in ("10.20.30.40", "6f9c1a2e-7b3d-4c5e-8f90-a1b2c3d4e5f6", "req-1a2b3c4d"):
        assert value not in stored_text()


def test_noise_and_short_lines_are_not_queued():
    info = "2024-05-20 12:01:02.345 1 INFO nova.compute.manager Instance spawned fine"
    record_report(unmatched("ok", "connection refused", "-----", "12 34 56 78", info), "web")
    assert not UnknownCluster.objects.exists()


def test_a_huge_paste_can_not_flood_the_queue(settings):
    settings.KB_UNKNOWN_MAX_LINES = 50
    lines = [f"disk {n} of array {n * 7} reports error code E{n} in slot {n}" for n in range(5000)]
    record_report(unmatched(*lines), "web", now=NOW)
    assert sum(UnknownCluster.objects.values_list("count", flat=True)) == 50


def test_old_clusters_expire_but_promoted_ones_stay(settings):
    settings.KB_UNKNOWN_RETENTION_DAYS = 30
    record_report(unmatched(LINE_A), "web", now=NOW - timedelta(days=40))
    record_report(unmatched("cinder-volume lost its connection to the iSCSI target"), "web",
                  now=NOW - timedelta(days=40))
    record_report(unmatched("glance-api could not store the image in the backend"), "web",
                  now=NOW - timedelta(days=2))
    UnknownCluster.objects.filter(template=TEMPLATE).update(status=UnknownCluster.Status.PROMOTED)
    assert prune(NOW)["unknown_clusters"] == 1
    assert UnknownCluster.objects.count() == 2


# The page

def test_the_page_lists_new_clusters_by_count(client, cluster):
    record_report(unmatched("glance-api could not store the image in the backend"), "web", now=NOW)
    page = client.get("/unknown/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index("Failed to bind port") < body.index("glance-api could not store")
    assert "Add as signature" not in body  # anonymous: no editor actions


def test_the_page_sorts_by_last_seen_and_filters_by_status(client, cluster):
    record_report(unmatched("glance-api could not store the image in the backend"), "web",
                  now=NOW + timedelta(hours=1))
    body = client.get("/unknown/?sort=last_seen").content.decode()
    assert body.index("glance-api could not store") < body.index("Failed to bind port")
    cluster.set_status(UnknownCluster.Status.IGNORED)
    assert "Failed to bind port" not in client.get("/unknown/").content.decode()
    assert "Failed to bind port" in client.get("/unknown/?status=ignored").content.decode()


def test_an_editor_adds_a_cluster_as_signature_in_two_clicks(client, staff, cluster):
    issue = make_issue()
    page = client.get("/unknown/")
    assert 'list="issue-slugs"' in page.content.decode()
    assert '<option value="port-binding">' in page.content.decode()
    response = client.post(f"/unknown/{cluster.pk}/signature/", {"issue": issue.slug, "next": "/unknown/"})
    assert response.status_code == 302
    signature = issue.signatures.get()
    assert (signature.text, signature.source) == (TEMPLATE, Signature.Source.EDITOR)
    cluster.refresh_from_db()
    assert cluster.status == UnknownCluster.Status.PROMOTED
    assert cluster.promoted_signature == signature


def test_a_promoted_template_matches_the_next_paste(client, staff, cluster):
    make_issue()
    client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "port-binding"})
    report = current_engine().match_text(LINE_A.replace("10.20.30.40", "10.9.9.9"))
    assert [m.issue.spec.slug for m in report.known] == ["port-binding"]


def test_adding_to_an_unknown_issue_is_refused(client, staff, cluster):
    response = client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "no-such-issue"}, follow=True)
    assert "No issue" in response.content.decode()
    assert not Signature.objects.exists()


def test_an_editor_makes_a_new_issue_from_a_cluster(client, staff, cluster):
    form = client.get(f"/unknown/{cluster.pk}/new-issue/")
    body = form.content.decode()
    assert form.status_code == 200
    assert "Failed to bind port for network segment on host" in body  # suggested title
    assert "Failed to bind port &lt;UUID&gt;" in body  # symptoms prefilled with the template
    response = client.post(f"/unknown/{cluster.pk}/new-issue/", {
        "title": "Port binding fails on ml2", "slug": "port-binding-ml2", "status": "investigating",
        "symptoms": "Ports do not bind.",
    })
    issue = Issue.objects.get(slug="port-binding-ml2")
    assert response.status_code == 302
    assert response["Location"] == issue.get_absolute_url()
    assert issue.signatures.get().text == TEMPLATE
    cluster.refresh_from_db()
    assert cluster.status == UnknownCluster.Status.PROMOTED


def test_an_editor_ignores_a_cluster(client, staff, cluster):
    client.post(f"/unknown/{cluster.pk}/status/", {"status": "ignored"})
    cluster.refresh_from_db()
    assert cluster.status == UnknownCluster.Status.IGNORED


def test_anonymous_and_non_staff_users_can_not_promote(client, cluster):
    make_issue()
    for attempt in (
        lambda: client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "port-binding"}),
        lambda: client.post(f"/unknown/{cluster.pk}/new-issue/", {"title": "X issue", "slug": "x"}),
        lambda: client.post(f"/unknown/{cluster.pk}/status/", {"status": "ignored"}),
        lambda: client.get(f"/unknown/{cluster.pk}/new-issue/"),
    ):
        response = attempt()
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    client.force_login(User.objects.create_user("reader", password="pw"))
    response = client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "port-binding"})
    assert "/admin/login/" in response["Location"]
    assert not Signature.objects.exists()
    cluster.refresh_from_db()
    assert cluster.status == UnknownCluster.Status.NEW


def test_editor_forms_need_the_csrf_token(staff, cluster):
    make_issue()
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "port-binding"})
    assert response.status_code == 403
    assert not Signature.objects.exists()
    page = client.get("/unknown/").content.decode()
    assert page.count('name="csrfmiddlewaretoken"') == 2  # "Add as signature" and "Ignore"


def test_the_page_needs_a_login_when_kb_is_not_public(client, settings, cluster):
    settings.KB_PUBLIC_READ = False
    assert client.get("/unknown/").status_code == 302


# The API

def token(user, write=True) -> dict:
    _, key = ApiToken.create_for(user, "test", write=write)
    return {"HTTP_AUTHORIZATION": f"Token {key}"}


def test_the_api_lists_clusters_paginated(client, cluster):
    record_report(unmatched("glance-api could not store the image in the backend"), "web", now=NOW)
    body = client.get("/api/unknown/?limit=1").json()
    assert body["count"] == 2
    assert [c["template"] for c in body["results"]] == [TEMPLATE]
    assert body["results"][0]["count"] == 2
    assert body["next"]
    assert client.get("/api/unknown/?status=ignored").json()["count"] == 0
    assert client.get(f"/api/unknown/{cluster.pk}/").json()["template"] == TEMPLATE


def test_an_unknown_status_or_sort_is_a_400_listing_the_valid_values(client, cluster):
    """As an unknown ?ordering= does: the 400 said only "Select a valid choice"."""
    body = client.get("/api/unknown/?status=open&sort=hits").json()
    assert body["errors"]["sort"] == ["Unknown value 'hits': use one of count, last_seen."]
    assert body["errors"]["status"][0].startswith("Unknown value 'open': use one of new, ")


def test_listing_clusters_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    for n in range(20):
        record_report(unmatched(f"volume {n} backend{'x' * n} refused the attachment request"), "web")
    with django_assert_num_queries(2):  # count + page
        assert client.get("/api/unknown/").status_code == 200


def test_an_api_match_queues_its_unmatched_lines(client):
    response = client.post("/api/match", {"text": f"{LINE_A}\n{LINE_B}\n"}, content_type="application/json")
    assert response.status_code == 200
    (found,) = client.get("/api/unknown/").json()["results"]
    assert (found["template"], found["count"]) == (TEMPLATE, 2)


def test_a_staff_token_promotes_a_cluster_through_the_api(client, staff, cluster):
    client.logout()
    issue = make_issue()
    response = client.post(f"/api/unknown/{cluster.pk}/signature/", {"issue": "port-binding"},
                           content_type="application/json", **token(staff))
    assert response.status_code == 200, response.content
    assert response.json()["signature"]["text"] == TEMPLATE
    assert response.json()["cluster"]["status"] == "promoted"
    assert response.json()["cluster"]["promoted_to"]["issue"] == "port-binding"
    assert issue.signatures.get().text == TEMPLATE


def test_a_staff_token_makes_a_new_issue_through_the_api(client, staff, cluster):
    client.logout()
    response = client.post(f"/api/unknown/{cluster.pk}/issue/", {"status": "workaround"},
                           content_type="application/json", **token(staff))
    assert response.status_code == 201, response.content
    issue = Issue.objects.get(slug=response.json()["signature"]["issue"])
    assert issue.title == "Failed to bind port for network segment on host"
    assert issue.status == "workaround"
    assert TEMPLATE in issue.symptoms
    assert issue.signatures.get().text == TEMPLATE


def test_a_staff_token_ignores_a_cluster_through_the_api(client, staff, cluster):
    client.logout()
    response = client.post(f"/api/unknown/{cluster.pk}/status/", {"status": "ignored"},
                           content_type="application/json", **token(staff))
    assert response.json()["status"] == "ignored"


def test_the_api_refuses_anonymous_and_non_staff_writers(client, cluster):
    make_issue()
    anonymous = client.post(f"/api/unknown/{cluster.pk}/signature/", {"issue": "port-binding"},
                            content_type="application/json")
    assert anonymous.status_code == 401
    reader = User.objects.create_user("reader")
    refused = client.post(f"/api/unknown/{cluster.pk}/signature/", {"issue": "port-binding"},
                          content_type="application/json", **token(reader))
    assert refused.status_code == 403
    read_only = User.objects.create_user("staff-reader", is_staff=True)
    refused = client.post(f"/api/unknown/{cluster.pk}/signature/", {"issue": "port-binding"},
                          content_type="application/json", **token(read_only, write=False))
    assert refused.status_code == 403
    assert not Signature.objects.exists()


def test_the_api_explains_a_bad_promotion(client, staff, cluster):
    client.logout()
    response = client.post(f"/api/unknown/{cluster.pk}/signature/", {"issue": "nope"},
                           content_type="application/json", **token(staff))
    assert response.status_code == 400
    assert "issue" in response.json() or "issue" in str(response.json())


def test_a_promoted_template_with_masked_names_matches_other_hosts(client, staff):
    make_issue("keystone-down")
    line = "May 20 12:00:01 lb haproxy[301]: Server keystone-api/{} is DOWN, reason: Layer4 connection lost"
    record_report(unmatched(line.format("compute-7"), line.format("kube-worker-112")), "web", now=NOW)
    cluster = UnknownCluster.objects.get()
    assert (cluster.template, cluster.count, cluster.program) == (
        "Server keystone-api/<*> is DOWN, reason: Layer<NUM> connection lost", 2, "haproxy"
    )
    client.post(f"/unknown/{cluster.pk}/signature/", {"issue": "keystone-down"})
    report = current_engine().match_text(line.format("ctrl-3"))
    assert [m.issue.spec.slug for m in report.known] == ["keystone-down"]


def test_the_page_takes_a_fixed_number_of_queries(client, staff, django_assert_max_num_queries):
    issue = make_issue()
    for n in range(12):
        record_report(unmatched(f"volume {n} backend{'x' * n} refused the attachment request"), "web")
    for cluster in UnknownCluster.objects.all()[:6]:
        cluster.promote_to(issue)
    # session + user, count, page, issues for the datalist: not one more per row
    with django_assert_max_num_queries(5):
        body = client.get("/unknown/?status=").content.decode()
    assert body.count('href="/issues/port-binding/"') == 6


def test_it_never_queues_frames_code_or_shell_traces():
    from kb.learning.clustering import template_of

    prefix = "2016-12-11 16:59:22.220 1165 TRACE nova.compute.manager "
    for line in (
        prefix + "    res = self.dispatcher.dispatch(message)",
        prefix + '  File "/usr/lib/python2.7/dist-packages/nova/manager.py", line 12, in f',
        "2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager [instance: x]     guest.launch(pause=pause)",
        "+ '[' kubelet = kubelet ']'",
        'I0820 20:28:26.509526    3312 flags.go:33] FLAG: --container-log-max-files="5"',
    ):
        assert template_of(line) is None, line
    failing = prefix.replace("TRACE", "ERROR") + "Failed to allocate network for instance"
    assert template_of(failing) is not None


@pytest.mark.django_db
def test_it_counts_a_repaste_of_the_same_text_once(settings):
    from django.core.cache import cache

    from kb.learning.models import UnknownCluster
    from kb.learning.recording import record_report

    settings.KB_REPASTE_WINDOW_SECONDS = 600
    cache.clear()
    line = "2016-12-11 16:59:22.220 1 ERROR nova.compute.manager [-] placement refused the claim"
    report = unmatched(line)
    for _ in range(6):
        record_report(report, "web", text=line)
    # the same paste with other ids and numbers is the same paste once masked
    record_report(report, "web", text=line.replace("16:59:22.220 1", "17:01:02.003 2"))
    assert UnknownCluster.objects.get().count == 1
    other = line.replace("claim", "allocation")
    record_report(unmatched(other), "web", text=other)
    assert UnknownCluster.objects.count() == 2


def test_ceph_audit_lines_are_routine_and_not_queued():
    path = Path(__file__).resolve().parent / "data" / "healthy" / "hotsos__ceph.audit.log.lines1-2000"
    lines = path.read_text(encoding="utf-8").splitlines()[:200]
    record_report(unmatched(*lines), "web", now=NOW)
    assert not UnknownCluster.objects.exists()
