"""What an answer needs so that a person can act on it, added at the edge to the matcher's report.

The matcher knows an issue's title, status and remedy. Under the remedy a
reader also needs the upstream bugs with their kind and status, and for a
fixed issue the release that carries the fix; and every surface (the match
card, /api/match, text/plain, the CLI, chat) shows the remedy shortened at a
sentence or list-item boundary (kb.remedy). `enrich(report)` adds these to a
report dict in two queries, whatever the number of matches; or in none, from
what the process read under the knowledge revision its matcher last checked
(they were a quarter of a one-line POST /api/match, issue 12's profile).
"""

import threading

from kb.matching.prefix import parse
from kb.remedy import short_remedy

_lock = threading.Lock()
_known: dict = {"revision": None, "details": {}}


def details_for(slugs: list[str]) -> dict[str, dict]:
    """{slug: {"remedy": Markdown, "fixed_in": ..., "upstream": [...]}} for the issues named.

    Kept while the knowledge revision stays (every edit of an issue or its links bumps it),
    so they are as fresh as the matcher's knowledge: KB_MATCHER_REFRESH_SECONDS.
    """
    # Here, not at the top: the loader imports Django's settings and database layer, which a
    # report printed by manage.py match (from its snapshot) never needs.
    from kb.matching.loader import checked_revision

    revision = checked_revision()
    if revision is None:
        return read_details(slugs)
    with _lock:
        if _known["revision"] != revision:
            _known.update(revision=revision, details={})
        known = _known["details"]
    missing = [slug for slug in slugs if slug not in known]
    if missing:
        known.update(read_details(missing))  # if the revision moved meanwhile, into a dict dropped already
    return {slug: copy_of(known[slug]) for slug in slugs if slug in known}


def copy_of(details: dict) -> dict:
    """A copy an answer may change (enrich adds links to it) without touching what is kept."""
    return {**details, "upstream": [dict(link) for link in details["upstream"]]}


def read_details(slugs: list[str] | None = None) -> dict[str, dict]:
    """details_for's dicts read from the database: for these issues, or every active one."""
    # Here, not at the top: manage.py match enriches from its snapshot without the ORM.
    from kb.models import Issue

    chosen = Issue.objects.filter(slug__in=slugs) if slugs is not None else Issue.objects.active()
    issues = (chosen.only("slug", "fixed_in", "solution", "workaround", "needs_review")
              .prefetch_related("upstream_links"))
    return {
        issue.slug: {
            "remedy": issue.remedy, "fixed_in": issue.fixed_in, "needs_review": issue.needs_review,
            "upstream": [upstream_dict(link) for link in issue.upstream_links.all()],
        }
        for issue in issues
    }


def upstream_dict(link) -> dict:
    """An UpstreamLink as answers show it."""
    return {
        "url": link.url, "label": link.label or link.url,
        "kind": link.kind, "kind_label": link.get_kind_display(),
        "status": link.status, "status_label": link.get_status_display(),
    }


def remedies_for(slugs: list[str]) -> dict[str, str]:
    """{slug: remedy (Markdown)} as the knowledge says it now, for the issues named (chat replies)."""
    return {slug: found["remedy"] for slug, found in details_for(slugs).items()} if slugs else {}


def enrich(report: dict, known: dict[str, dict] | None = None) -> dict:
    """The report with, on each matched issue: the full remedy (Markdown, from the knowledge as it is
    now; the matcher's own is a plain excerpt), remedy_short, remedy_truncated, fixed_in, upstream,
    needs_review (now);
    and on each matched line its `message`, the text without the log prefix, for terminals.
    `known`: read_details() of the same knowledge revision as the report's engine, if at hand
    (manage.py match keeps them in its snapshot); else they are read (details_for)."""
    matches = report.get("matches") or []
    slugs = [m["issue"]["slug"] for m in matches]
    if known is not None:
        details = {slug: copy_of(known[slug]) for slug in slugs if slug in known}
    else:
        details = details_for(slugs) if matches else {}
    for match in matches:
        issue = match["issue"]
        found = details.get(issue["slug"], {})
        issue["upstream"] = found.get("upstream", [])
        issue["fixed_in"] = found.get("fixed_in", "")
        if "remedy" in found:
            issue["remedy"] = found["remedy"]
        # as the knowledge says now: a stored result shown after an editor checked the issue
        issue["needs_review"] = found.get("needs_review", issue.get("needs_review", False))
        short = short_remedy(issue.get("remedy") or "")
        issue["remedy_short"], issue["remedy_truncated"] = short.text, short.truncated
        for line in match.get("lines") or ():  # a stored result's lines carry their masked message
            line.setdefault("message", log_message(line.get("text") or ""))
    return report


def log_message(line: str) -> str:
    """The message of a log line without its prefix (timestamp, host, pid, level, logger)."""
    return parse(line).message or line.strip()
