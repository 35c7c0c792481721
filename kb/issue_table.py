"""The issue list as a table, in the manner of NetBox's object tables.

Which columns there are, how each sorts (`?sort=status`, `?sort=-hits`),
how many rows a page holds (`?per_page=`, at most MAX_PER_PAGE), and the
rows of a CSV or JSON export of the filtered list. The view stays thin:
it validates the query with IssueTableForm, calls `rows()` and paginates.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery

from kb.learning.queries import with_hits
from kb.models import Component, Issue, UpstreamLink

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # Fields to order by, ascending; a descending sort reverses each.
    order: tuple[str, ...]
    # Where the table starts for a click on the header: hits and last seen are read
    # most-first, like NetBox's counters; words A to Z.
    first_descending: bool = False


COLUMNS = (
    Column("title", "Title", ("title",)),
    Column("status", "Status", ("status", "title")),
    Column("components", "Components", ("first_component", "title")),
    Column("environment", "Environment", ("environment", "title")),
    Column("hits", "Hits 24 h", ("hits_24h", "hits_10d", "title"), first_descending=True),
    Column("last_seen", "Last seen", ("last_seen", "title"), first_descending=True),
    Column("upstream", "Upstream", ("upstream_status", "title")),
)
BY_KEY = {column.key: column for column in COLUMNS}
# ?sort= values the form accepts: "title", "-title", ...; "hot" is the older name of "-hits".
SORT_CHOICES = [("", "document order"), ("hot", "hot now")] + [
    (f"{sign}{c.key}", f"{c.label} {'descending' if sign else 'ascending'}")
    for c in COLUMNS for sign in ("", "-")
]


def rows(issues: QuerySet, sort: str = "") -> QuerySet:
    """The table's rows: hits annotated, components and upstream links prefetched, sorted.

    The number of queries does not depend on the number of issues (tests/test_issue_table.py).
    """
    issues = with_hits(issues).select_related("document").prefetch_related("components", "upstream_links")
    if sort == "hot":
        sort = "-hits"
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    column = BY_KEY.get(key)
    if column is None:
        return issues
    if key == "components":
        first = Component.objects.filter(issues=OuterRef("pk")).order_by("name").values("name")[:1]
        issues = issues.annotate(first_component=Subquery(first))
    if key == "upstream":
        links = UpstreamLink.objects.filter(issue=OuterRef("pk")).order_by("position", "id")
        issues = issues.annotate(upstream_status=Subquery(links.values("status")[:1]))
    # Empty cells (no component, never seen, no upstream link) go last both ways.
    ordering = [F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
                for name in column.order]
    return issues.order_by(*ordering, "pk")


def headers(sort: str) -> list[dict]:
    """Each column's label, the sort its header link sets, and aria-sort for the current one."""
    sort = "-hits" if sort == "hot" else sort
    out = []
    for column in COLUMNS:
        current = sort.removeprefix("-") == column.key
        descending = sort.startswith("-")
        if current:
            next_sort = column.key if descending else f"-{column.key}"
        else:
            next_sort = f"-{column.key}" if column.first_descending else column.key
        out.append({
            "key": column.key, "label": column.label, "sort": next_sort,
            "aria_sort": ("descending" if descending else "ascending") if current else "",
        })
    return out


# The export: one row per issue, flat values a spreadsheet or jq can take.
EXPORT_FIELDS = (
    "slug", "title", "status", "components", "environment", "fixed_in", "hits_24h", "hits_10d",
    "first_seen", "last_seen", "upstream", "url",
)


def export_records(issues: Iterable[Issue], absolute) -> Iterable[dict]:
    """Dicts of EXPORT_FIELDS; `absolute(path)` makes the issue's page URL absolute."""
    for issue in issues:
        yield {
            "slug": issue.slug,
            "title": issue.title,
            "status": issue.status,
            "components": [c.name for c in issue.components.all()],
            "environment": issue.environment,
            "fixed_in": issue.fixed_in,
            "hits_24h": issue.hits_24h or 0,
            "hits_10d": issue.hits_10d or 0,
            "first_seen": issue.first_seen.isoformat() if issue.first_seen else None,
            "last_seen": issue.last_seen.isoformat() if issue.last_seen else None,
            "upstream": [
                {"url": link.url, "kind": link.kind, "status": link.status, "label": link.label}
                for link in issue.upstream_links.all()
            ],
            "url": absolute(issue.get_absolute_url()),
        }


def to_csv(records: Iterable[dict], fields: Iterable[str] | None = None) -> str:
    """CSV with a header row; lists joined with "; ", upstream links as their URLs."""
    records = list(records)
    fields = list(fields or (records[0].keys() if records else EXPORT_FIELDS))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for record in records:
        writer.writerow([csv_cell(record.get(name)) for name in fields])
    return out.getvalue()


# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection);
# an apostrophe in front makes it text. Titles come from documents anyone may write.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        value = value.get("slug") or value.get("url") or value.get("name") or ""
    if isinstance(value, list | tuple):
        value = "; ".join(csv_cell(item) for item in value)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text
