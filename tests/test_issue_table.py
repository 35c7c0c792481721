"""The issue list as a table: sorting by each column, pages, filters kept in links, exports."""

import csv
import io
import json
import re
from datetime import timedelta
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kb import issue_table
from kb.learning.models import HitBucket
from kb.learning.recording import hour_of
from kb.models import Component, Issue, UpstreamLink

pytestmark = pytest.mark.django_db
GH = "https://github.com/a/b/issues/"

ROW_TITLE = re.compile(r'<th scope="row" class="col-title"><a href="[^"]+">([^<]+)</a>')


def make_issue(slug, *, components=(), hits=0, last_seen=None, links=(), **fields):
    fields.setdefault("title", slug)
    issue = Issue.objects.create(slug=slug, symptoms=f"Symptoms of {slug}.", last_seen=last_seen, **fields)
    for name in components:
        issue.components.add(Component.objects.get_or_create(name=name)[0])
    if hits:
        HitBucket.objects.create(issue=issue, hour=hour_of(timezone.now()), count=hits)
    for position, (url, status) in enumerate(links):
        UpstreamLink.objects.create(issue=issue, url=url, status=status, position=position,
                                    kind=UpstreamLink.Kind.GITHUB_ISSUE, label=url.rsplit("/", 1)[-1])
    return issue


@pytest.fixture
def five():
    now = timezone.now()
    return [
        make_issue("alpha", status="workaround", components=["nova"], environment="Mitaka", hits=2,
                   last_seen=now - timedelta(hours=5), links=[(GH + "11", "open")]),
        make_issue("bravo", status="fixed", components=["cinder", "nova"], environment="Kilo", hits=9,
                   last_seen=now - timedelta(minutes=3), links=[(GH + "12", "fixed")]),
        make_issue("charlie", status="investigating", components=["abacus"], environment="Newton", hits=0),
        make_issue("delta", status="config_fix", environment="", hits=4, last_seen=now - timedelta(days=3)),
        make_issue("echo", status="unknown", components=["zebra"], environment="Juno", hits=1,
                   last_seen=now - timedelta(days=1), links=[(GH + "13", "unknown")]),
    ]


def titles(client, **params) -> list[str]:
    response = client.get(reverse("kb:issue_list"), params)
    assert response.status_code == 200
    return ROW_TITLE.findall(response.content.decode())


@pytest.mark.parametrize("sort, expected", [
    ("title", ["alpha", "bravo", "charlie", "delta", "echo"]),
    ("-title", ["echo", "delta", "charlie", "bravo", "alpha"]),
    ("status", ["delta", "bravo", "charlie", "echo", "alpha"]),  # config_fix < fixed < ... < workaround
    ("components", ["charlie", "bravo", "alpha", "echo", "delta"]),  # by first name; none last
    ("environment", ["delta", "echo", "bravo", "alpha", "charlie"]),
    ("-hits", ["bravo", "delta", "alpha", "echo", "charlie"]),
    ("hits", ["charlie", "echo", "alpha", "delta", "bravo"]),
    ("-last_seen", ["bravo", "alpha", "echo", "delta", "charlie"]),  # never seen last
    ("last_seen", ["delta", "echo", "alpha", "bravo", "charlie"]),  # never seen last both ways
    ("upstream", ["bravo", "alpha", "echo", "charlie", "delta"]),  # fixed < open < unknown; none last
    ("hot", ["bravo", "delta", "alpha", "echo", "charlie"]),  # the older name of -hits
])
def test_it_sorts_by_each_column(client, five, sort, expected):
    assert titles(client, sort=sort) == expected


def test_a_header_link_sorts_by_its_column_and_a_second_click_reverses(client, five):
    html = client.get(reverse("kb:issue_list"), {"status": "fixed"}).content.decode()
    assert 'href="?status=fixed&amp;sort=title"' in html
    assert 'href="?status=fixed&amp;sort=-hits"' in html  # counters start most-first
    html = client.get(reverse("kb:issue_list"), {"status": "fixed", "sort": "title"}).content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?status=fixed&amp;sort=-title"' in html


def test_it_pages_and_keeps_the_filters_in_every_link(client):
    for n in range(12):
        make_issue(f"issue-{n:02}", status="fixed", components=["nova"])
    make_issue("other", status="workaround", components=["nova"])
    params = {"status": "fixed", "component": "nova", "sort": "title", "per_page": 5}
    assert titles(client, **params) == [f"issue-{n:02}" for n in range(5)]
    assert titles(client, **params, page=3) == ["issue-10", "issue-11"]
    assert titles(client, **params, page=99) == ["issue-10", "issue-11"]  # past the end: the last page
    html = client.get(reverse("kb:issue_list"), {**params, "page": 2}).content.decode()
    assert "6–10 of 12" in html
    # Every link of the page (sort headers, status facets, pages, page sizes, exports, the view
    # switch, component and environment links) changes one thing and keeps the rest.
    links = re.findall(r'href="(\?[^"]*)"', html)
    assert len(links) > 20
    current = {key: str(value) for key, value in params.items()}
    for link in links:
        query = {k: v[0] for k, v in parse_qs(unescape(link)[1:]).items()}
        changed = {k for k in set(current) | set(query) if k != "page" and current.get(k) != query.get(k)}
        assert len(changed) <= 1, (link, changed)
    kept = "?status=fixed&amp;component=nova&amp;sort=title&amp;per_page=5"
    assert f'href="{kept}&amp;page=3" rel="next"' in html
    assert f'href="{kept}&amp;format=csv"' in html


def test_per_page_is_capped_at_500_and_bad_values_fall_back(client):
    for n in range(3):
        make_issue(f"i-{n}")
    assert len(titles(client, per_page=501)) == 3  # refused: the default page size
    assert len(titles(client, per_page=2)) == 2
    assert len(titles(client, per_page="x", page="y", sort="nonsense")) == 3
    assert issue_table.MAX_PER_PAGE == 500


def test_the_table_costs_the_same_queries_for_5_or_60_issues(client):
    def queries(**params):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("kb:issue_list"), params).status_code == 200
        return len(ctx.captured_queries)

    for n in range(5):
        make_issue(f"a-{n}", components=["nova", f"c{n}"], hits=n, links=[(f"https://x.example/{n}", "open")])
    few = {sort: queries(sort=sort, per_page=100) for sort in ("", "components", "upstream", "-hits")}
    for n in range(55):
        make_issue(f"b-{n}", components=["nova", f"d{n}"], hits=n, last_seen=timezone.now(),
                   links=[(f"https://y.example/{n}", "fixed"), (f"https://z.example/{n}", "open")])
    many = {sort: queries(sort=sort, per_page=100) for sort in few}
    assert many == few
    assert max(many.values()) <= 8


def test_the_hits_column_draws_a_sparkline_of_the_last_24_hours(client):
    issue = make_issue("busy")
    now = timezone.now()
    HitBucket.objects.create(issue=issue, hour=hour_of(now), count=5)
    HitBucket.objects.create(issue=issue, hour=hour_of(now) - timedelta(hours=3), count=2)
    HitBucket.objects.create(issue=issue, hour=hour_of(now) - timedelta(hours=30), count=50)  # outside
    html = client.get(reverse("kb:issue_list")).content.decode()
    spark = re.search(r'<svg class="spark".*?</svg>', html).group(0)
    assert 'aria-label="Hits per hour over the last 24 hours: 7"' in spark
    assert spark.count("<rect") == 24
    assert spark.count('class="spark__bar"') == 2


def read_csv(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_it_exports_the_filtered_sorted_list_as_csv_and_json(client, five):
    # The export holds the whole list, not one page.
    response = client.get(reverse("kb:issue_list"), {"component": "nova", "sort": "-hits", "per_page": 1,
                                                     "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="kb-issues.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert [row["slug"] for row in rows] == ["bravo", "alpha"]
    assert rows[0]["components"] == "cinder; nova"
    assert rows[0]["hits_24h"] == "9"
    assert rows[0]["upstream"] == "https://github.com/a/b/issues/12"
    assert rows[0]["url"] == "http://testserver/issues/bravo/"
    assert list(rows[0]) == list(issue_table.EXPORT_FIELDS)
    data = json.loads(client.get(reverse("kb:issue_list"), {"status": "fixed", "format": "json"}).content)
    assert data["count"] == 1
    assert data["results"][0]["upstream"] == [
        {"url": GH + "12", "kind": "github_issue", "status": "fixed", "label": "12"}
    ]


def test_the_csv_export_defuses_spreadsheet_formulas(client):
    make_issue("formula", title='=HYPERLINK("https://evil.example","click")', environment="+1 cmd")
    row = read_csv(client.get(reverse("kb:issue_list"), {"format": "csv"}))[0]
    assert row["title"].startswith("'=HYPERLINK")
    assert row["environment"] == "'+1 cmd"


def test_the_export_query_count_does_not_grow_with_issues(client):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            client.get(reverse("kb:issue_list"), {"format": "csv"})
        return len(ctx.captured_queries)

    make_issue("one", components=["a"], links=[("https://x.example/1", "open")])
    few = queries()
    for n in range(40):
        make_issue(f"more-{n}", components=["a", "b"], links=[(f"https://x.example/m{n}", "open")])
    assert queries() == few


def test_the_card_view_is_kept_as_an_option(client, five):
    html = client.get(reverse("kb:issue_list"), {"view": "cards", "status": "fixed"}).content.decode()
    assert html.count('class="card issue-card') == 1
    assert "issue-table" not in html
    assert '<input type="hidden" name="view" value="cards">' in html



def test_the_api_exports_the_filtered_list_as_csv_without_paging(client, five):
    url = reverse("api:issue-list")
    response = client.get(url, {"component": "nova", "ordering": "-hits_24h", "limit": 1, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = read_csv(response)
    assert [row["slug"] for row in rows] == ["bravo", "alpha"]
    assert rows[0]["components"] == "cinder; nova" and rows[0]["hits_24h"] == "9"
    # The link opens the issue, not another CSV.
    assert rows[0]["last_seen"] and rows[0]["api_url"] == "http://testserver/api/issues/bravo/"
    assert client.get(url, {"format": "csv"}, HTTP_ACCEPT="text/csv").status_code == 200
    # JSON stays paged.
    assert len(client.get(url, {"limit": 1}).json()["results"]) == 1
    bad = client.get(url, {"status": "nonsense", "format": "csv"})
    assert bad.status_code == 400 and read_csv(bad)[0]["error"] == "400"


def test_the_api_csv_query_count_does_not_grow_with_issues(client):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("api:issue-list"), {"format": "csv"}).status_code == 200
        return len(ctx.captured_queries)

    make_issue("one", components=["a"])
    few = queries()
    for n in range(40):
        make_issue(f"more-{n}", components=["a", "b"], hits=n)
    assert queries() == few
