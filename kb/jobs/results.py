"""Storing an answer for its permalink: masked like the learning data, raw only on request.

The API's answers are not written while answering: each process keeps their
results in memory and writes them together within KB_RECORD_FLUSH_SECONDS
(kb/writebehind.py); one INSERT per answer was about half of a one-line
POST /api/match once statistics were gathered the same way (issue 12's
profile). Until then a permalink is served by its own process (which writes
at once when asked), and another process answers 503 with Retry-After rather
than 404: an id carries the time it was made (`new_id`), so a reader can tell
a result not written yet from one that does not exist.
"""

import logging
import math
import secrets
import threading
import time
import uuid

from django.conf import settings
from django.db import DatabaseError, transaction

from kb import writebehind
from kb.analysis import BundleReport
from kb.answers import log_message
from kb.learning.clustering import mask_line, mask_path
from kb.matching.report import MatchReport

from .models import Result

logger = logging.getLogger(__name__)

# Results kept while the database refuses them (a restart): past this, the oldest are dropped.
MAX_WAITING = 20_000
# A reader in another process allows the writer this long past the bound (a slow flush, clock steps).
MARGIN_SECONDS = 2

_lock = threading.Lock()
_waiting: dict[uuid.UUID, Result] = {}


class NotYetStored(Exception):
    """A result made moments ago, maybe by another process that has not written it yet."""

    def __init__(self, retry_after: int):
        super().__init__(f"This result is being stored; try again in {retry_after} s.")
        self.retry_after = retry_after


def new_id(now: float | None = None) -> uuid.UUID:
    """A random id that carries its time (the layout of a UUIDv7: 48 bits of Unix milliseconds,
    74 random bits, so a permalink still can not be guessed)."""
    millis = int((time.time() if now is None else now) * 1000) & ((1 << 48) - 1)
    value = (millis << 80) | secrets.randbits(80)
    value = (value & ~(0xF << 76)) | (0x7 << 76)  # version 7
    value = (value & ~(0x3 << 62)) | (0x2 << 62)  # RFC 4122 variant
    return uuid.UUID(int=value)


def made_at(pk: uuid.UUID) -> float | None:
    """The Unix time a `new_id` id was made; None for other ids (uuid4 ones made before)."""
    return (pk.int >> 80) / 1000 if pk.version == 7 else None


def masked(report: dict) -> dict:
    """The report with every log line's text masked (secrets, ids, addresses, times, values), and
    a bundle's paths of its logs as well (a member may be named by its host: var/log/<HOST>/...)."""
    out = dict(report)
    out["matches"] = [dict(match, lines=[_masked(line) for line in match.get("lines", ())],
                           **_why_masked(match))
                      for match in report.get("matches", ())]
    out["unmatched"] = [_text_masked(line) for line in report.get("unmatched", ())]
    if "files" in report:  # per-file groups: texts only (the page shows the lines)
        out["files"] = [
            dict(group, path=mask_path(group["path"]),
                 matches=[dict(m, lines=[_text_masked(line) for line in m.get("lines", ())])
                          for m in group.get("matches", ())])
            for group in report["files"]
        ]
    if "skipped" in report:
        out["skipped"] = [dict(skipped, path=mask_path(skipped["path"])) for skipped in report["skipped"]]
    return out


def _text_masked(line: dict) -> dict:
    return dict(line, text=mask_line(line["text"]), **_file_masked(line))


def _masked(line: dict) -> dict:
    """A line shown under its issue, masked, with its message (the text without the log prefix)
    masked on its own: the masked text's prefix (`<TS> 1165 WARNING ...`) no longer parses, so a
    message read from it later kept the prefix on terminals and chat."""
    text = line["text"]
    return dict(line, text=mask_line(text), message=mask_line(log_message(text)), **_file_masked(line))


def _why_masked(match: dict) -> dict:
    """A bundle's `why` opens on the file of the deciding line, its first (analysis._why_over_files)."""
    why, lines = match.get("why") or "", match.get("lines") or ()
    path = lines[0].get("file") if lines else None
    if not path or not why.startswith(f"{path}: "):
        return {}
    return {"why": mask_path(path) + why[len(path):]}


def _file_masked(line: dict) -> dict:
    """A bundle's line names the log it is in: that path masked (empty for a single log's line)."""
    return {"file": mask_path(line["file"])} if line.get("file") else {}


def store(report: MatchReport | BundleReport, source: str, *, name: str = "", text: str = "",
          keep_text: bool = False, wait_for_disk: bool = True) -> Result:
    """Keep an answer under /results/<id>/ (its as_dict() and `name`, masked); `text` (and `name`
    unmasked) only with `keep_text`.

    wait_for_disk=False (the API's answers): kept in memory and written with the next flush
    (module doc), on PostgreSQL through the connection whose COMMIT does not wait for the
    WAL flush (settings.RELAXED_DATABASE): a crash may lose the last seconds of permalinks,
    never corrupt them. The web form redirects to the permalink at once: it waits.
    """
    # the upload's name may name a host as a member's path does (sosreport-db-7.acme.corp.tar.xz)
    name = name if keep_text else mask_path(name)
    result = Result(id=new_id(), source=source, name=name[:300], report=masked(report.as_dict()),
                    text=text.replace("\x00", "") if keep_text else "")  # PostgreSQL refuses NUL in text
    if wait_for_disk or not settings.KB_RECORD_FLUSH_SECONDS:
        result.save(using="default" if wait_for_disk else settings.RELAXED_DATABASE, force_insert=True)
        return result
    with _lock:
        _waiting[result.pk] = result
    writebehind.added()
    return result


@writebehind.writer
def flush() -> None:
    """Write the waiting results in one INSERT; when the database refuses, keep them for the next."""
    with _lock:
        rows = list(_waiting.values())
        _waiting.clear()
    if not rows:
        return
    try:
        # ignore_conflicts: a retry after a COMMIT whose answer was lost must not fail on the rows it made
        with transaction.atomic(using=settings.RELAXED_DATABASE):
            Result.objects.using(settings.RELAXED_DATABASE).bulk_create(rows, ignore_conflicts=True)
    except DatabaseError:
        logger.warning("could not write %d permalinks; trying again within %s s", len(rows),
                       settings.KB_RECORD_FLUSH_SECONDS, exc_info=True)
        with _lock:
            kept = {row.pk: row for row in rows[-MAX_WAITING:]}
            kept.update(_waiting)
            _waiting.clear()
            _waiting.update(kept)
        writebehind.waiting()


def find(pk: uuid.UUID) -> Result | None:
    """The stored result with this id, None if there is none.

    Raises NotYetStored for an id made within the flush bound that no database row holds
    yet: another process may hold it in memory.
    """
    if pk in _waiting:  # this process's own: written now, so the page can join it like any other
        writebehind.flush()
    found = Result.objects.filter(pk=pk).first()
    if found is not None:
        return found
    made = made_at(pk)
    if made is not None:
        left = made + settings.KB_RECORD_FLUSH_SECONDS + MARGIN_SECONDS - time.time()
        if 0 < left <= settings.KB_RECORD_FLUSH_SECONDS + MARGIN_SECONDS:
            raise NotYetStored(math.ceil(left))
    return None
