"""Trends you can see: the charts (pure), hits per day on the issue page, first and last seen."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from kb import charts
from kb.learning.models import HitBucket
from kb.learning.queries import daily_hits, hourly_hits_for
from kb.learning.recording import hour_of, record_report
from kb.models import Issue
from tests.base import matched, report_of

NOW = datetime(2026, 12, 5, 14, 20, tzinfo=UTC)


def test_bars_scale_to_the_largest_value_and_keep_zeros_on_the_baseline():
    drawn = charts.bars([0, 5, 10], ["a", "b", "c"], width=30, height=20, gap=0, floor=1)
    assert [(b.x, b.width) for b in drawn] == [(0, 10), (10, 10), (20, 10)]
    assert [b.height for b in drawn] == [1, 10, 20]
    assert [b.y + b.height for b in drawn] == [20, 20, 20]  # all stand on the baseline
    assert charts.bars([], [], width=10, height=10) == []
    assert [b.height for b in charts.bars([0, 0], ["", ""], width=10, height=10)] == [0, 0]


def test_the_chart_has_one_bar_per_day_with_hits_and_says_what_it_shows():
    svg = charts.bar_chart([0, 3, 0, 1], ["d1", "d2", "d3", "d4"], title="Hits per day")
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg and 'aria-label="Hits per day"' in svg
    assert re.findall(r"<title>([^<]+)</title></rect>", svg) == ["d2: 3 hits", "d4: 1 hit"]
    assert "style=" not in svg and "<script" not in svg


def test_chart_labels_are_escaped():
    svg = charts.bar_chart([1], ["<b>x</b>"], title='"><script>')
    assert "<script>" not in svg and "<b>" not in svg


@pytest.mark.django_db
def test_daily_hits_sum_the_hours_of_each_utc_day_over_30_days():
    issue = Issue.objects.create(slug="x", title="x", symptoms="s")
    for hours_ago, count in [(0, 2), (5, 3), (15, 4), (24 * 29, 1), (24 * 31, 100)]:
        HitBucket.objects.create(issue=issue, hour=hour_of(NOW) - timedelta(hours=hours_ago), count=count)
    days = daily_hits(issue.pk, days=30, now=NOW)
    assert len(days) == 30 and days[-1][0] == date(2026, 12, 5) and days[0][0] == date(2026, 11, 6)
    by_day = dict(days)
    assert by_day[date(2026, 12, 5)] == 5  # 14:00 and 09:00 today
    assert by_day[date(2026, 12, 4)] == 4  # 23:00 yesterday
    assert by_day[date(2026, 11, 6)] == 1
    assert sum(by_day.values()) == 10  # 31 days ago is outside


@pytest.mark.django_db
def test_hourly_hits_fill_24_buckets_oldest_first():
    issue = Issue.objects.create(slug="x", title="x", symptoms="s")
    for hours_ago, count in [(0, 7), (23, 1), (24, 50)]:
        HitBucket.objects.create(issue=issue, hour=hour_of(NOW) - timedelta(hours=hours_ago), count=count)
    series = hourly_hits_for([issue.pk], now=NOW)[issue.pk]
    assert len(series) == 24 and series[-1] == 7 and series[0] == 1 and sum(series) == 8


@pytest.fixture
def seen_issue(db):
    issue = Issue.objects.create(slug="dns", title="DNS overload", symptoms="s", status="fixed")
    report = report_of(matched(issue), lines_total=1)
    record_report(report, "web", now=datetime.now(UTC) - timedelta(days=12))
    record_report(report, "web")
    record_report(report, "web")
    return issue


def test_the_issue_page_charts_hits_per_day_with_first_and_last_seen(client, seen_issue):
    html = client.get(reverse("kb:issue", args=["dns"])).content.decode()
    svg = re.search(r'<svg class="chart".*?</svg>', html, re.S).group(0)
    today = datetime.now(UTC).date()
    assert f"<title>{today:%Y-%m-%d}: 2 hits</title>" in svg
    assert f"<title>{today - timedelta(days=12):%Y-%m-%d}: 1 hit</title>" in svg
    assert "3 hits in 30 days, at most 2 a day" in html
    seen_issue.refresh_from_db()
    assert seen_issue.first_seen.date() == today - timedelta(days=12)
    assert f'First seen</dt><dd><time datetime="{seen_issue.first_seen.isoformat()}"' in html
    assert "Last seen</dt>" in html


def test_an_issue_never_matched_says_so(client, db):
    Issue.objects.create(slug="quiet", title="Quiet", symptoms="s")
    html = client.get(reverse("kb:issue", args=["quiet"])).content.decode()
    assert html.count("never matched") == 2
    assert "0 hits in 30 days" in html


def test_staff_see_edit_on_the_issue_page_and_others_do_not(client, seen_issue):
    edit = reverse("admin:kb_issue_change", args=[seen_issue.pk])
    assert edit not in client.get(reverse("kb:issue", args=["dns"])).content.decode()
    user = get_user_model().objects.create_user("reader", password="x-long-password-1")
    client.force_login(user)
    assert edit not in client.get(reverse("kb:issue", args=["dns"])).content.decode()
    user.is_staff = True
    user.save()
    assert f'href="{edit}"' in client.get(reverse("kb:issue", args=["dns"])).content.decode()


def test_the_navigation_links_the_hot_report_which_links_the_signature_report(client, db):
    html = client.get(reverse("kb:home")).content.decode()
    assert f'href="{reverse("learning:hot_report")}"' in html
    html = client.get(reverse("learning:hot_report")).content.decode()
    assert f'href="{reverse("learning:signature_report")}"' in html
