"""Write what one answer taught kb: hit counts and unknown lines.

`record_report(report, source)` is the one call the paste view, the API match
view, the chat bots and the job worker make after matching, with the report
as the matcher made it (a MatchReport, or a job's BundleReport). It never changes the answer: a
database error while recording is logged and swallowed, so statistics can
not take the matcher down with them.

Counters are incremented with `UPDATE ... SET count = count + n` and created
with get_or_create when the row is missing; a concurrent creator makes
get_or_create fetch the row the other process made, and the update is
retried. That is race-safe on SQLite and PostgreSQL without locking.

With KB_RECORD_FLUSH_SECONDS > 0 (the default) a process adds up what it saw
in memory and writes it within that many seconds, in one transaction
(kb/writebehind.py): recording one match cost two lookups, two UPDATEs and a
COMMIT per request, 85% of POST /api/match's time with one line (issue 12's
profile).
"""

import hashlib
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kb import writebehind
from kb.analysis import BundleReport
from kb.matching.grouping import physical_lines
from kb.matching.normalize import mask_secrets, normalize
from kb.matching.report import IssueMatch, MatchReport
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


def record_report(
    report: MatchReport | BundleReport, source: str = "web", *, now: datetime | None = None,
    text: str | None = None,
) -> None:
    """Count the confident matches of a matcher report and queue its unmatched lines.

    `text`, the paste itself, lets a re-paste of the same text within
    KB_REPASTE_WINDOW_SECONDS count once (a person retrying, a bot re-sending).
    """
    now = now or timezone.now()
    if text is not None and pasted_recently(text):
        return
    hits = confident_hits(report.known) if settings.KB_RECORD_HITS else {}
    clusters = []
    if settings.KB_RECORD_UNKNOWN:
        clusters = cluster_lines(report.unmatched_texts(), limit=settings.KB_UNKNOWN_MAX_LINES)
    if not (hits or clusters):
        return
    if settings.KB_RECORD_FLUSH_SECONDS:
        _buffer.add(hits, clusters, now)
        writebehind.added()
        return
    _write(hits, clusters, now, source)


def fingerprint(text: str) -> str:
    """The paste once masked (secrets, then values and numbers): what "the same paste" means."""
    masked = "\n".join(normalize(mask_secrets(line)) for line in physical_lines(text) if line.strip())
    return hashlib.sha256(masked.encode("utf-8", "replace")).hexdigest()


def pasted_recently(text: str) -> bool:
    """True when this paste was recorded within the window; remembers it otherwise."""
    window = settings.KB_REPASTE_WINDOW_SECONDS
    if not window:
        return False
    # cache.add is atomic: of two identical pastes at once, one records
    return not cache.add(f"kb:paste:{fingerprint(text)}", 1, timeout=window)


def _write(hits: dict[str, dict[str, int]], clusters: list, now: datetime, source: str = "buffer") -> bool:
    try:
        with transaction.atomic():
            write_hits(hits, now)
            record_clusters(clusters, now)
        prune_now_and_then(now)
    except DatabaseError:
        logger.exception("could not record the %s answer's statistics", source)
        return False
    return True


class _Buffer:
    """What this process saw since its last write: hits by hour and unknown clusters by digest."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clear()

    def clear(self):
        self.hits: dict[datetime, dict[str, dict[str, int]]] = {}
        self.clusters: dict[str, object] = {}
        self.last_seen = None

    def add(self, hits, clusters, now):
        with self.lock:
            by_slug = self.hits.setdefault(hour_of(now), {})
            for slug, texts in hits.items():
                counts = by_slug.setdefault(slug, {})
                for text, n in texts.items():
                    counts[text] = counts.get(text, 0) + n
            for found in clusters:
                kept = self.clusters.get(found.digest)
                if kept is None:
                    self.clusters[found.digest] = found
                else:
                    kept.count += found.count
            self.last_seen = now

    def take(self):
        with self.lock:
            taken = (self.hits, list(self.clusters.values()), self.last_seen)
            self.clear()
        return taken


_buffer = _Buffer()


@writebehind.writer
def flush() -> None:
    """Write what the buffer holds (hits of each hour to its bucket)."""
    hits_by_hour, clusters, last_seen = _buffer.take()
    for hour, hits in sorted(hits_by_hour.items()):
        # The bucket is the hour's; first/last seen take the last answer's time when it is in it.
        _write(hits, [], last_seen if last_seen and hour_of(last_seen) == hour else hour)
    if clusters:
        _write({}, clusters, last_seen)


def confident_hits(matches: Iterable[IssueMatch]) -> dict[str, dict[str, int]]:
    """slug -> {signature text that fired: 1, ..., "": 1 (the issue itself)}, confident matches only."""
    hits: dict[str, dict[str, int]] = {}
    for match in matches:
        if match.confident:
            counts = hits.setdefault(match.issue.spec.slug, {"": 1})
            for line in match.lines:
                if line.signature:
                    counts[line.signature] = 1
    return hits


def write_hits(hits: dict[str, dict[str, int]], now: datetime) -> None:
    """Add the counts of `hits` (see confident_hits; "" counts the issue) to the buckets of now's hour."""
    if not hits:
        return
    issue_ids = dict(Issue.objects.filter(slug__in=hits).values_list("slug", "id"))
    signature_ids = resolve_signatures(hits) if any(len(texts) > 1 for texts in hits.values()) else {}
    hour = hour_of(now)
    Issue.objects.filter(pk__in=issue_ids.values()).update(
        first_seen=Coalesce("first_seen", Value(now)), last_seen=now
    )
    # A fixed order of row locks, so two concurrent recordings can not deadlock.
    for slug, issue_id in sorted(issue_ids.items()):
        counts = hits[slug]
        if counts.get(""):
            increment(issue_id, None, hour, counts[""])
        for text in sorted(t for t in counts if t):
            if (slug, text) in signature_ids:
                increment(issue_id, signature_ids[slug, text], hour, counts[text])


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
    return record_clusters(cluster_lines(lines, limit=settings.KB_UNKNOWN_MAX_LINES), now)


def record_clusters(clusters: list, now: datetime) -> int:
    """Add clusters (kb.learning.clustering.Cluster) to the UnknownCluster rows; returns lines counted."""
    clusters = sorted(clusters, key=lambda c: c.digest)
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
