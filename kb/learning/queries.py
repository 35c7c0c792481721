"""Reads over what kb learned: hits per window, hot issues, feedback per signature.

The windows count whole hourly buckets: "24 h" is the current hour and the
23 before it, "10 days" the current hour and the 239 before it.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kb.models import Signature

from .models import HITS_WINDOW, Feedback, HitBucket, verdict_counts
from .recording import hour_of

DAY = timedelta(hours=24)


def window_starts(now: datetime | None = None) -> tuple[datetime, datetime]:
    """(24 h, 10 days): buckets whose hour is after these are in the window."""
    hour = hour_of(now or timezone.now())
    return hour - DAY, hour - HITS_WINDOW


def _windowed(buckets: QuerySet, key: str, ids: Iterable[int], now) -> dict[int, tuple[int, int]]:
    day, days = window_starts(now)
    rows = (
        buckets.filter(**{f"{key}__in": list(ids)}, hour__gt=days)
        .values(key)
        .annotate(h24=Sum("count", filter=Q(hour__gt=day)), d10=Sum("count"))
        .values_list(key, "h24", "d10")
        .order_by()
    )
    return {pk: (h24 or 0, d10 or 0) for pk, h24, d10 in rows}


def hits_for(issue_ids: Iterable[int], now: datetime | None = None) -> dict[int, tuple[int, int]]:
    """{issue_id: (hits in 24 h, hits in 10 days)} in one query; issues never hit are left out."""
    return _windowed(HitBucket.objects.filter(signature__isnull=True), "issue_id", issue_ids, now)


def signature_hits_for(signature_ids: Iterable[int], now=None) -> dict[int, tuple[int, int]]:
    """{signature_id: (hits in 24 h, hits in 10 days)} in one query."""
    return _windowed(HitBucket.objects.filter(signature__isnull=False), "signature_id", signature_ids, now)


def _hits_since(since: datetime, ref: str = "pk", **match) -> Coalesce:
    buckets = (
        HitBucket.objects.filter(issue=OuterRef(ref), hour__gt=since, **match)
        .order_by()
        .values("issue")
        .annotate(n=Sum("count"))
        .values("n")
    )
    return Coalesce(Subquery(buckets, output_field=IntegerField()), Value(0))


def with_hits(issues: QuerySet, now: datetime | None = None) -> QuerySet:
    """Issues annotated with `hits_24h` and `hits_10d` (two subqueries, no N+1)."""
    day, days = window_starts(now)
    return issues.annotate(
        hits_24h=_hits_since(day, signature__isnull=True),
        hits_10d=_hits_since(days, signature__isnull=True),
    )


def hot(issues: QuerySet, now: datetime | None = None) -> QuerySet:
    """Issues hit most in the last 24 h first ("hot now"), then by 10 days, then by title."""
    return with_hits(issues, now).order_by("-hits_24h", "-hits_10d", "title")


def signature_feedback(min_wrong: int = 1) -> QuerySet:
    """Signatures with at least `min_wrong` "wrong issue" votes, most disputed first."""
    return (
        Signature.objects.select_related("issue", "quality")
        .annotate(**verdict_counts("feedback__"))
        .filter(wrong__gte=min_wrong)
        .order_by("-wrong", "helped", "id")
    )


def issue_feedback(min_wrong: int = 1) -> QuerySet:
    """Verdicts given to an issue with no signature named, per issue."""
    return (
        Feedback.objects.filter(signature__isnull=True)
        .values("issue__slug", "issue__title")
        .annotate(**verdict_counts())
        .filter(wrong__gte=min_wrong)
        .order_by("-wrong", "helped", "issue__slug")
    )


def hourly_hits_for(issue_ids: Iterable[int], now: datetime | None = None) -> dict[int, list[int]]:
    """{issue_id: hits in each of the 24 hourly buckets of the 24 h window, oldest first}, one query."""
    day, _ = window_starts(now)
    rows = HitBucket.objects.filter(
        issue_id__in=list(issue_ids), signature__isnull=True, hour__gt=day
    ).values_list("issue_id", "hour", "count")
    series: dict[int, list[int]] = {}
    for issue_id, hour, n in rows:
        index = int((hour - day).total_seconds() // 3600) - 1
        if 0 <= index < 24:
            series.setdefault(issue_id, [0] * 24)[index] += n
    return series


def daily_hits(issue_id: int, days: int = 30, now: datetime | None = None) -> list[tuple[date, int]]:
    """[(UTC day, hits)] for the last `days` days, today last, days without hits as 0; one query."""
    today = (now or timezone.now()).astimezone(UTC).date()
    first = today - timedelta(days=days - 1)
    start = datetime.combine(first, datetime.min.time(), tzinfo=UTC)
    counts: dict[date, int] = {}
    rows = HitBucket.objects.filter(issue_id=issue_id, signature__isnull=True, hour__gte=start)
    for hour, n in rows.values_list("hour", "count"):
        day = hour.astimezone(UTC).date()
        counts[day] = counts.get(day, 0) + n
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0)) for i in range(days)]
