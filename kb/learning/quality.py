"""Signature quality: which signatures fire on logs known to be healthy.

elastic-recheck's rule for its queries applies to kb's signatures: one that
fires on more than 10 % of healthy (successful) runs is too broad to say an
incident happened. `count_healthy_hits` triages healthy log files with the
matcher and counts, per signature, the files it fired on; `store` writes the
verdicts to SignatureQuality in one transaction.
"""

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from kb.matching import triage_stream
from kb.matching.triage import TriageSummary
from kb.models import Signature

from .models import SignatureQuality
from .recording import resolve_signatures

# elastic-recheck: a query hitting more than 10 % of successful runs is too broad.
TOO_BROAD_SHARE = 0.10


@dataclass
class HealthyHits:
    checked_files: int = 0
    files: Counter = field(default_factory=Counter)  # signature id -> healthy files it fired on
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def too_broad(self, signature_id: int, share: float = TOO_BROAD_SHARE) -> bool:
        return bool(self.checked_files) and self.files[signature_id] / self.checked_files > share


def fired(summary: TriageSummary) -> set[tuple[str, str]]:
    """(issue slug, signature text) of every signature a triage saw."""
    return {(tally.slug, text) for tally in summary.issues for text in tally.signatures}


def count_healthy_hits(
    engine, paths: Iterable[Path], on_file: Callable[[Path, set[int]], None] = lambda path, ids: None
) -> HealthyHits:
    """Triage every file (kb.matching.triage_stream: bounded memory, confident signature hits).

    A file that can not be read is recorded in `failed` and skipped.
    """
    result = HealthyHits()
    keys = resolve_signatures()
    for path in paths:
        try:
            with open(path, "rb") as handle:
                # signature hits are all it counts: word evidence would only cost time
                summary = triage_stream(engine, handle, words=False)
        except OSError as exc:
            result.failed.append((str(path), exc.strerror or str(exc)))
            continue
        result.checked_files += 1
        ids = {keys[key] for key in fired(summary) if key in keys}
        result.files.update(ids)
        on_file(path, ids)
    return result


@transaction.atomic
def store(result: HealthyHits, share: float = TOO_BROAD_SHARE, now: datetime | None = None) -> int:
    """Write a SignatureQuality row for every active signature; returns how many are too broad."""
    now = now or timezone.now()
    ids = list(Signature.objects.filter(is_active=True).values_list("id", flat=True))
    existing = {q.signature_id: q for q in SignatureQuality.objects.filter(signature_id__in=ids)}
    rows = []
    for pk in ids:
        quality = existing.get(pk) or SignatureQuality(signature_id=pk)
        quality.too_broad = result.too_broad(pk, share)
        quality.healthy_hits = result.files[pk]
        quality.checked_files = result.checked_files
        quality.checked_at = now
        rows.append(quality)
    fields = ["too_broad", "healthy_hits", "checked_files", "checked_at"]
    SignatureQuality.objects.bulk_update([q for q in rows if q.pk], fields, batch_size=500)
    SignatureQuality.objects.bulk_create([q for q in rows if not q.pk], batch_size=500)
    return sum(q.too_broad for q in rows)
