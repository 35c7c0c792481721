"""What a worker does with a job, and how a job whose worker died (or message was lost) is found out.

A job reports progress (and so a heartbeat) at most every PROGRESS_SECONDS
while it reads; cancelling is a flag the job reads back at each report. A
job still "running" whose heartbeat is older than KB_JOB_STALE_SECONDS had
its worker killed: the next look at it (a page, the API, a starting
worker) marks it failed with that reason. A job still "queued" that long
after its task was sent may have lost its message (the broker flushed or
restarted without persistence): the next look sends it again
(queue.resend_if_unsent).
"""

import json
import logging
import os
import socket
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kb.analysis import BundleReport, Cancelled, Progress, analyse
from kb.intake import Refused, members
from kb.learning.clustering import mask_path
from kb.learning.recording import record_report
from kb.matching.loader import current_engine

from .models import Job
from .queue import resend_if_unsent
from .results import store

logger = logging.getLogger(__name__)
PROGRESS_SECONDS = 1.0
LOST = "The worker running this job stopped (killed, or its machine went away) before it finished."


def run(job_id) -> None:
    job = _claim(job_id)
    if job is None:
        return
    try:
        report = _analyse(job)
    except Cancelled:
        _finish(job, Job.State.CANCELLED, "Cancelled on request.")
    except Refused as exc:
        _finish(job, Job.State.FAILED, str(exc))
    except Exception as exc:  # the reason is kept for the person waiting, the trace for us
        logger.exception("job %s failed", job.pk)
        _finish(job, Job.State.FAILED, f"kb could not finish this job ({type(exc).__name__}: {exc}).")
    else:
        job.result = store(report, "job", name=job.name)
        record_report(report, "job", text=_as_paste(report))
        _finish(job, Job.State.DONE, "", report)
    finally:
        _remove(job.input_path)


def _as_paste(report: BundleReport) -> str:
    """What stands for a job's upload when recording asks whether it was sent already: the
    upload may be 2 GiB, its report is bounded and the same for the same upload (the same
    bundle uploaded again counted every unknown line and hit twice; a re-paste counts once)."""
    return json.dumps(report.as_dict(), sort_keys=True)


def _claim(job_id) -> Job | None:
    """The job, now marked running by this worker; None if it was cancelled or taken already."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.state != Job.State.QUEUED:
            return None
        if job.cancel_requested:
            job.state, job.finished_at = Job.State.CANCELLED, timezone.now()
            job.error = "Cancelled on request."
            job.save()
            _remove(job.input_path)
            return None
        now = timezone.now()
        job.state, job.started_at, job.heartbeat_at = Job.State.RUNNING, now, now
        job.worker = f"{socket.gethostname()}:{os.getpid()}"
        job.save()
        return job


def _analyse(job: Job) -> BundleReport:
    name = job.name or "upload"
    try:
        upload = open(job.input_path, "rb")
    except OSError as exc:
        raise Refused(f"{name}: {exc.strerror}.") from None
    with upload:
        items = members(upload, settings.KB_MAX_UPLOAD_BYTES, name=name)
        return analyse(current_engine(), items, full_limit=settings.KB_MAX_PASTE_BYTES,
                       min_score=job.min_score, progress=_reporter(job, upload))


def _reporter(job: Job, upload):
    """Progress as the bytes of the upload consumed, out of its size: for a compressed upload
    the decompressed bytes read (Progress.bytes) run far past it (a 5.6 kB .gz job showed
    136,989 of 5,660 bytes, its bar full at once)."""
    last = [0.0]

    def report(state: Progress):
        now = time.monotonic()
        if now - last[0] < PROGRESS_SECONDS:
            return
        last[0] = now
        Job.objects.filter(pk=job.pk).update(
            bytes_read=min(upload.tell(), job.input_bytes), lines_read=state.lines, files_done=state.files,
            current=state.current[-300:], heartbeat_at=timezone.now(),
        )
        if Job.objects.filter(pk=job.pk, cancel_requested=True).exists():
            raise Cancelled()

    return report


def _finish(job: Job, state: str, error: str, report: BundleReport | None = None):
    job.refresh_from_db(fields=["bytes_read", "lines_read", "files_done", "current", "cancel_requested"])
    if report is not None:  # done: the totals are the report's, not the last progress report's
        job.lines_read = report.lines_total
        job.files_done = len(report.files)
        job.bytes_read = job.input_bytes  # the whole upload was read
    # Shown while the job runs; once it ends, kept masked as its stored result is (results.masked).
    job.name, job.current = mask_path(job.name), mask_path(job.current)
    job.state, job.error, job.finished_at = state, error, timezone.now()
    job.save()


def _remove(path: str):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


def recover(job: Job) -> Job:
    """A job whose worker died is failed, one whose message was lost sent again; returns it fresh.

    Idempotent and race-safe: any number of pages, API calls and workers may look at once.
    """
    if resend_if_unsent(job):
        job.refresh_from_db()
    if job.lost():
        Job.objects.filter(pk=job.pk, state=Job.State.RUNNING, heartbeat_at=job.heartbeat_at).update(
            state=Job.State.FAILED, error=LOST, finished_at=timezone.now()
        )
        _remove(job.input_path)
        job.refresh_from_db()
    return job


def recover_jobs() -> int:
    """`recover` every unfinished job (a worker calls this at start); how many it failed."""
    count = 0
    for job in Job.objects.filter(state__in=(Job.State.QUEUED, Job.State.RUNNING)):
        if recover(job).state == Job.State.FAILED:
            count += 1
    return count


def cancel(job: Job) -> Job:
    """Ask a job to stop; a queued job stops before it starts, a running one at its next report."""
    Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
        state=Job.State.CANCELLED, error="Cancelled on request.", finished_at=timezone.now()
    )
    job.refresh_from_db()
    if job.state == Job.State.CANCELLED:
        _remove(job.input_path)
    return job
