"""Hit counts per issue and signature, windowed over 24 hours and 10 days."""

from datetime import UTC, datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import QuerySet

from kb.learning import queries, recording
from kb.learning.models import HitBucket, UnknownCluster
from kb.learning.recording import hour_of, increment, record_report
from kb.models import Issue, Signature
from tests.base import matched as match
from tests.base import report_of as report

pytestmark = pytest.mark.django_db

NOW = datetime(2024, 5, 20, 12, 30, tzinfo=UTC)
DNS_LINE = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[123]: Maximum number of concurrent DNS queries reached (max: 150)")


def make_issue(slug: str, *signatures: str) -> Issue:
    issue = Issue.objects.create(slug=slug, title=slug.replace("-", " ").capitalize(), symptoms="It breaks.")
    for text in signatures:
        Signature.objects.create(issue=issue, text=text, source=Signature.Source.CURATED)
    return issue


def count(issue, signature=None) -> int:
    return sum(HitBucket.objects.filter(issue=issue, signature=signature).values_list("count", flat=True))


def test_it_counts_one_hit_per_confident_issue_and_per_signature():
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached", "dnsmasq refused query")
    first, second = dns.signatures.order_by("id")
    # Three lines of one signature in one request are one hit of it.
    record_report(report(match(dns, first.text, first.text, first.text, None)), "web", now=NOW)
    record_report(report(match(dns, first.text, second.text)), "api", now=NOW)
    assert count(dns) == 2
    assert count(dns, first) == 2
    assert count(dns, second) == 1


def test_it_does_not_count_possible_matches():
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    record_report(report(match(dns, None, confident=False)), "web", now=NOW)
    assert not HitBucket.objects.exists()


def test_it_resolves_a_line_of_a_multiline_signature():
    issue = make_issue("galera-down")
    signature = Signature.objects.create(
        issue=issue, text="WSREP: failed to open gcomm backend\nWSREP: gcs connect failed", source="curated"
    )
    record_report(report(match(issue, "WSREP: gcs connect failed")), "web", now=NOW)
    assert count(issue, signature) == 1


def test_a_signature_text_of_another_issue_is_not_counted_for_this_one():
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    other = make_issue("other-issue")
    record_report(report(match(other, dns.signatures.get().text)), "web", now=NOW)
    assert count(other) == 1
    assert HitBucket.objects.filter(signature__isnull=False).count() == 0


def test_it_keeps_one_row_per_hour():
    dns = make_issue("dns-limit")
    for minutes in (0, 10, 59):
        record_report(report(match(dns)), "web", now=NOW.replace(minute=minutes))
    record_report(report(match(dns)), "web", now=NOW + timedelta(hours=1))
    assert list(HitBucket.objects.order_by("hour").values_list("hour", "count")) == [
        (hour_of(NOW), 3), (hour_of(NOW) + timedelta(hours=1), 1),
    ]


def test_it_counts_hits_in_24_hours_and_in_10_days():
    dns = make_issue("dns-limit")
    quiet = make_issue("quiet-issue")
    for hours_ago in (0, 5, 23, 24, 30, 24 * 9, 24 * 10, 24 * 11):
        record_report(report(match(dns)), "web", now=NOW - timedelta(hours=hours_ago))
    # 24 h: this hour and the 23 before it; 10 days: this hour and the 239 before it.
    assert queries.hits_for([dns.pk, quiet.pk], now=NOW) == {dns.pk: (3, 6)}


def test_hits_for_is_one_query(django_assert_num_queries):
    issues = [make_issue(f"issue-{n}") for n in range(5)]
    for issue in issues:
        record_report(report(match(issue)), "web", now=NOW)
    with django_assert_num_queries(1):
        hits = queries.hits_for([i.pk for i in issues], now=NOW)
    assert hits == {i.pk: (1, 1) for i in issues}


def test_signature_hits_are_windowed_too():
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    signature = dns.signatures.get()
    record_report(report(match(dns, signature.text)), "web", now=NOW)
    record_report(report(match(dns, signature.text)), "web", now=NOW - timedelta(days=3))
    assert queries.signature_hits_for([signature.pk], now=NOW) == {signature.pk: (1, 2)}


def test_it_sorts_issues_hot_now_first_without_a_query_per_issue(django_assert_num_queries):
    steady = make_issue("steady")  # many hits last week, one today
    burst = make_issue("burst")  # three today
    make_issue("never")
    for days in range(1, 8):
        record_report(report(match(steady)), "web", now=NOW - timedelta(days=days))
    record_report(report(match(steady)), "web", now=NOW)
    for _ in range(3):
        record_report(report(match(burst)), "web", now=NOW)
    with django_assert_num_queries(1):
        rows = [(i.slug, i.hits_24h, i.hits_10d) for i in queries.hot(Issue.objects.all(), now=NOW)]
    assert rows == [("burst", 3, 3), ("steady", 1, 8), ("never", 0, 0)]


def test_an_issue_level_bucket_is_unique_per_hour():
    dns = make_issue("dns-limit")
    HitBucket.objects.create(issue=dns, hour=hour_of(NOW), count=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        HitBucket.objects.create(issue=dns, hour=hour_of(NOW), count=1)


def test_increment_adds_to_a_bucket_another_process_just_created():
    dns = make_issue("dns-limit")
    real_update = QuerySet.update

    # Our UPDATE finds no row; a concurrent request inserts it before our get_or_create runs.
    def racing_update(self, **kwargs):
        if not HitBucket.objects.exists():
            HitBucket.objects.create(issue=dns, hour=hour_of(NOW), count=5)
            return 0
        return real_update(self, **kwargs)

    with mock.patch.object(QuerySet, "update", racing_update):
        increment(dns.pk, None, hour_of(NOW))
    assert count(dns) == 6


def test_recording_never_breaks_the_answer(caplog):
    dns = make_issue("dns-limit")
    with mock.patch.object(recording, "increment", side_effect=DatabaseError("disk full")):
        record_report(report(match(dns)), "web", now=NOW)
    assert "could not record the web answer" in caplog.text


def test_it_records_nothing_when_switched_off(settings):
    settings.KB_RECORD_HITS = False
    settings.KB_RECORD_UNKNOWN = False
    dns = make_issue("dns-limit")
    record_report(report(match(dns), unmatched=["nova-compute could not reach the placement service"]), "web")
    assert not HitBucket.objects.exists()
    assert not UnknownCluster.objects.exists()


def test_it_keeps_30_days_of_buckets_for_the_trend_chart():
    dns = make_issue("dns-limit")
    for days in (0, 9, 10, 11, 29, 30, 31):
        HitBucket.objects.create(issue=dns, hour=hour_of(NOW) - timedelta(days=days), count=1)
    # The bucket of exactly 30 days ago is outside the 30 days the issue page charts.
    assert recording.prune(NOW)["hit_buckets"] == 2
    assert HitBucket.objects.count() == 5


def test_it_sets_first_and_last_seen_on_a_confident_match():
    dns = make_issue("dns-limit")
    record_report(report(match(dns)), "web", now=NOW - timedelta(days=3))
    record_report(report(match(dns)), "web", now=NOW)
    dns.refresh_from_db()
    assert (dns.first_seen, dns.last_seen) == (NOW - timedelta(days=3), NOW)


def test_the_prune_command_says_what_it_deleted():
    dns = make_issue("dns-limit")
    HitBucket.objects.create(issue=dns, hour=hour_of(datetime.now(UTC)) - timedelta(days=32), count=1)
    out = StringIO()
    call_command("prune_learning", stdout=out)
    assert "Deleted 1 hit bucket(s)" in out.getvalue()
    assert not HitBucket.objects.exists()


def test_hot_report_page_lists_issues_hit_lately(client):
    dns = make_issue("dns-limit")
    make_issue("never-hit")
    record_report(report(match(dns)), "web")
    page = client.get("/reports/hot/")
    assert page.status_code == 200
    assert dns.title in page.content.decode()
    assert "Never hit" not in page.content.decode()


# End to end through the matcher (kb/matching/engine.py) and the API's match view.

def test_an_api_match_counts_a_hit_for_its_issue_and_signature(client):
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached (max: <NUM>)")
    response = client.post("/api/match", {"text": DNS_LINE}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["matches"][0]["issue"]["slug"] == "dns-limit"
    assert queries.hits_for([dns.pk]) == {dns.pk: (1, 1)}
    assert queries.signature_hits_for([dns.signatures.get().pk]) == {dns.signatures.get().pk: (1, 1)}


@pytest.mark.parametrize("how", ["json", "query", "text/plain", "multipart", "get"])
def test_an_api_match_asked_not_to_record_counts_no_hit_and_queues_nothing(client, how):
    # A new user's trial (tests/eval/trial6) counted its test pastes as hits on the issues' pages.
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached (max: <NUM>)")
    text = f"{DNS_LINE}\nvolume backend refused the attachment request for an unknown reason"
    if how == "json":
        response = client.post("/api/match", {"text": text, "record": False}, content_type="application/json")
    elif how == "query":
        response = client.post("/api/match?record=false", {"text": text}, content_type="application/json")
    elif how == "text/plain":
        response = client.post("/api/match?record=false", text, content_type="text/plain")
    elif how == "multipart":
        response = client.post("/api/match", {"file": StringIO(text), "record": "false"})
    else:
        response = client.get("/api/match", {"q": text, "record": "false"})
    assert response.status_code == 200, response.content
    assert response.json()["matches"][0]["issue"]["slug"] == "dns-limit"
    assert queries.hits_for([dns.pk]) == {}
    assert not UnknownCluster.objects.exists()
    # (and asked to, or by default, it counts)
    client.post("/api/match", {"text": text, "record": True}, content_type="application/json")
    assert queries.hits_for([dns.pk]) == {dns.pk: (1, 1)}
    assert UnknownCluster.objects.exists()


def test_a_record_value_that_is_no_boolean_is_a_400_naming_it(client):
    response = client.post("/api/match", {"text": DNS_LINE, "record": "perhaps"},
                           content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"record": ["Must be a valid boolean."]}


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_lose_no_hit():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    text = dns.signatures.get().text

    def requests(n):
        try:
            for _ in range(n):
                record_report(report(match(dns, text)), "web", now=NOW)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(requests, [25] * 8))
    assert count(dns) == 200
    assert count(dns, dns.signatures.get()) == 200
    assert HitBucket.objects.count() == 2


def test_buckets_are_utc_hours_whatever_the_time_zone_of_the_caller():
    from zoneinfo import ZoneInfo

    dns = make_issue("dns-limit")
    kolkata = datetime(2024, 5, 20, 18, 15, tzinfo=ZoneInfo("Asia/Kolkata"))  # 12:45 UTC
    record_report(report(match(dns)), "web", now=kolkata)
    assert HitBucket.objects.get().hour == datetime(2024, 5, 20, 12, tzinfo=UTC)


def test_hot_sorting_composes_with_the_issue_list_filters():
    from kb.models import Component

    nova = Component.objects.create(name="nova")
    busy, calm = make_issue("busy"), make_issue("calm")
    for issue in (busy, calm):
        issue.components.add(nova)
    make_issue("other-component")
    record_report(report(match(busy)), "web", now=NOW)
    listing = queries.hot(Issue.objects.active().for_listing().filter_by(component="nova"), now=NOW)
    assert [(i.slug, i.hits_24h) for i in listing] == [("busy", 1), ("calm", 0)]


def test_the_hit_counts_partial_shows_annotated_hits_only():
    from django.template.loader import render_to_string

    dns = make_issue("dns-limit")
    record_report(report(match(dns)), "web")
    annotated = queries.with_hits(Issue.objects.all()).get()
    html = render_to_string("learning/hit_counts.html", {"issue": annotated})
    assert "1 hit in 24 h · 1 in 10 days" in html
    assert render_to_string("learning/hit_counts.html", {"issue": dns}).strip() == ""


def test_a_process_adds_up_in_memory_and_writes_at_most_every_flush_interval(settings,
                                                                              django_assert_num_queries):
    settings.KB_RECORD_FLUSH_SECONDS = 3600
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    signature = dns.signatures.get()
    odd = "ERROR nova.compute.manager something odd happened on host"
    with django_assert_num_queries(0):  # answering costs no write
        for _ in range(5):
            record_report(report(match(dns, signature.text), unmatched=[odd, odd]), "api", now=NOW)
    assert count(dns) == 0
    recording.flush()
    assert (count(dns), count(dns, signature)) == (5, 5)
    assert UnknownCluster.objects.get().count == 10
    recording.flush()  # nothing twice
    assert count(dns) == 5


def test_the_buffer_is_written_once_the_interval_passed(settings):
    settings.KB_RECORD_FLUSH_SECONDS = 1
    dns = make_issue("dns-limit", "Maximum number of concurrent DNS queries reached")
    record_report(report(match(dns)), "api", now=NOW)
    assert count(dns) == 0
    with mock.patch.object(recording.time, "monotonic", return_value=recording.time.monotonic() + 2):
        record_report(report(match(dns)), "api", now=NOW)
    assert count(dns) == 2
