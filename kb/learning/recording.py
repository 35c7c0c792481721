"""Write what one answer taught kb: hit counts and unknown lines.

`record_report(report, source)` is the one call the paste view, the API match
view and the chat bots make after matching. It never changes the answer: a
database error while recording is logged and swallowed, so statistics can
not take the matcher down with them.

Counters are incremented with `UPDATE ... SET count = count + n` and created
with get_or_create when the row is missing; a concurrent creator makes
get_or_create fetch the row the other process made, and the update is
retried. That is race-safe on SQLite and PostgreSQL without locking.
"""

import logging
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kb.models import Issue, Signature

from .clustering import cluster_lines, message_template
from .models import HITS_RETENTION, Feedback, HitBucket, UnknownCluster

logger = logging.getLogger(__name__)

# Opportunistic pruning: at most once an hour per process (prune_learning does it on demand).
PRUNE_EVERY_SECONDS = 3600
_last_prune = {"at": None}


def hour_of(moment: datetime) -> datetime:
    """The start of the UTC hour holding `moment` (UTC, so +05:30 zones fall in whole buckets too)."""
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def record_report(report: dict, source: str = "web", *, now: datetime | None = None) -> None:
    """Count the confident matches of a matcher report and queue its unmatched lines."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            if settings.KB_RECORD_HITS:
                record_hits(report.get("matches", ()), now)
            if settings.KB_RECORD_UNKNOWN:
                record_unknown((line["text"] for line in report.get("unmatched", ())), now)
        prune_now_and_then(now)
    except DatabaseError:
        logger.exception("could not record the %s answer's statistics", source)


def confident_hits(matches: Iterable[dict]) -> dict[str, set[str]]:
    """slug -> signature texts that fired, for the confident matches only."""
    hits: dict[str, set[str]] = {}
    for match in matches:
        if match.get("confident"):
            texts = hits.setdefault(match["issue"]["slug"], set())
            texts.update(line["signature"] for line in match.get("lines", ()) if line.get("signature"))
    return hits


def record_hits(matches: Iterable[dict], now: datetime) -> None:
    hits = confident_hits(matches)
    if not hits:
        return
    issue_ids = dict(Issue.objects.filter(slug__in=hits).values_list("slug", "id"))
    signature_ids = resolve_signatures(hits) if any(hits.values()) else {}
    hour = hour_of(now)
    Issue.objects.filter(pk__in=issue_ids.values()).update(
        first_seen=Coalesce("first_seen", Value(now)), last_seen=now
    )
    # A fixed order of row locks, so two concurrent recordings can not deadlock.
    for slug, issue_id in sorted(issue_ids.items()):
        increment(issue_id, None, hour)
        for text in sorted(hits[slug]):
            if (slug, text) in signature_ids:
                increment(issue_id, signature_ids[slug, text], hour)


def resolve_signatures(slugs: Iterable[str] | None = None) -> dict[tuple[str, str], int]:
    """(issue slug, reported signature text) -> Signature id, for the issues in `slugs` (None: all).

    The matcher reports the signature as it matched: the whole text, or one
    line of a multi-line signature; both are keys here.
    """
    keys: dict[tuple[str, str], int] = {}
    rows = Signature.objects.order_by("id")
    if slugs is not None:
        rows = rows.filter(issue__slug__in=list(slugs))
    for pk, slug, text in rows.values_list("id", "issue__slug", "text"):
        keys.setdefault((slug, text.strip()), pk)
        for line in text.splitlines():
            keys.setdefault((slug, line.strip().rstrip("\\").strip()), pk)
    return keys


def increment(issue_id: int, signature_id: int | None, hour: datetime, n: int = 1) -> None:
    """Add n to a bucket, creating it if needed; safe against a concurrent creator."""
    bucket = HitBucket.objects.filter(issue_id=issue_id, signature_id=signature_id, hour=hour)
    if bucket.update(count=F("count") + n):
        return
    _, created = HitBucket.objects.get_or_create(
        issue_id=issue_id, signature_id=signature_id, hour=hour, defaults={"count": n}
    )
    if not created:
        bucket.update(count=F("count") + n)


def record_unknown(lines: Iterable[str], now: datetime) -> int:
    """Cluster up to KB_UNKNOWN_MAX_LINES lines into UnknownCluster rows; returns lines counted."""
    clusters = sorted(cluster_lines(lines, limit=settings.KB_UNKNOWN_MAX_LINES), key=lambda c: c.digest)
    if not clusters:
        return 0
    known = set(
        UnknownCluster.objects.filter(template_hash__in=[c.digest for c in clusters])
        .values_list("template_hash", flat=True)
    )
    # One UPDATE per distinct count (usually just 1) for the clusters already known.
    by_count = defaultdict(list)
    for found in clusters:
        if found.digest in known:
            by_count[found.count].append(found.digest)
    for n, digests in by_count.items():
        UnknownCluster.objects.filter(template_hash__in=digests).update(count=F("count") + n, last_seen=now)
    keep_sample = settings.KB_STORE_UNKNOWN_SAMPLES
    for found in clusters:
        if found.digest in known:
            continue
        _, created = UnknownCluster.objects.get_or_create(template_hash=found.digest, defaults={
            "template": found.text, "program": found.program, "logger": found.logger,
            "count": found.count, "first_seen": now, "last_seen": now,
            "sample": found.sample if keep_sample else "",
        })
        if not created:
            UnknownCluster.objects.filter(template_hash=found.digest).update(
                count=F("count") + found.count, last_seen=now
            )
    return sum(found.count for found in clusters)


def record_feedback(
    issue: Issue, verdict: str, source: str, *, signature_text: str = "", line: str = ""
) -> Feedback:
    """Store a verdict on an answer; the line is kept only as its masked template.

    A signature text that is not (or no longer) one of the issue's signatures
    is dropped: the verdict still counts for the issue.
    """
    signature = issue.signatures.filter(text=signature_text.strip()).first() if signature_text else None
    feedback = Feedback(
        issue=issue, signature=signature, verdict=verdict, source=source,
        line_template=message_template(line)[0] if line.strip() else "",
    )
    feedback.full_clean()
    feedback.save()
    return feedback


def prune(now: datetime | None = None) -> dict[str, int]:
    """Delete hit buckets past HITS_RETENTION (30 days, for the issue page's chart), unknown
    clusters past their retention, and stored results (permalinks) and finished jobs past
    KB_RESULT_RETENTION_DAYS."""
    now = now or timezone.now()
    buckets, _ = HitBucket.objects.filter(hour__lte=hour_of(now) - HITS_RETENTION).delete()
    clusters = 0
    if settings.KB_UNKNOWN_RETENTION_DAYS:
        clusters, _ = UnknownCluster.objects.expired(settings.KB_UNKNOWN_RETENTION_DAYS, now).delete()
    from kb.jobs.retention import prune as prune_results

    return {"hit_buckets": buckets, "unknown_clusters": clusters, **prune_results(now)}


def prune_now_and_then(now: datetime) -> None:
    tick = time.monotonic()
    if _last_prune["at"] is not None and tick - _last_prune["at"] < PRUNE_EVERY_SECONDS:
        return
    _last_prune["at"] = tick
    prune(now)
