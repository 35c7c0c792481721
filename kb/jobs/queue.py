"""Making a job: the upload is written under KB_JOB_DIR, the job row made, the task sent.

The web process only copies bytes here; the matching runs in a worker.
"""

import logging
import os
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from kb.intake import human

from .models import Job

logger = logging.getLogger(__name__)
_COPY_CHUNK = 1 << 20


class TooLarge(ValueError):
    def __init__(self):
        limit = settings.KB_MAX_UPLOAD_BYTES
        super().__init__(f"The upload is larger than the limit of {human(limit)} (KB_MAX_UPLOAD_BYTES).")


def save_input(stream, job_id: uuid.UUID) -> tuple[str, int]:
    """Copy a readable stream to KB_JOB_DIR, at most KB_MAX_UPLOAD_BYTES; (path, size)."""
    os.makedirs(settings.KB_JOB_DIR, exist_ok=True)
    path = os.path.join(settings.KB_JOB_DIR, f"{job_id}.input")
    limit, size = settings.KB_MAX_UPLOAD_BYTES, 0
    try:
        with open(path, "wb") as out:
            while chunk := stream.read(_COPY_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise TooLarge()
                out.write(chunk)
    except BaseException:
        os.remove(path)
        raise
    return path, size


def submit_upload(upload, name: str = "", min_score: float | None = None) -> Job:
    """A job for an uploaded file (a Django UploadedFile, or any readable stream)."""
    job_id = uuid.uuid4()
    if hasattr(upload, "seek"):
        upload.seek(0)
    path, size = save_input(upload, job_id)
    job = Job.objects.create(id=job_id, name=(name or getattr(upload, "name", "") or "upload")[:300],
                             input_path=path, input_bytes=size, min_score=min_score)
    transaction.on_commit(lambda: enqueue(job))
    return job


def enqueue(job: Job):
    from .tasks import run_job

    Job.objects.filter(pk=job.pk).update(sent_at=timezone.now())
    try:
        run_job.apply_async(args=[str(job.pk)], retry=False)
    except Exception as exc:  # a broker that is down: say so on the job, not a 500
        logger.exception("could not queue job %s", job.pk)
        Job.objects.filter(pk=job.pk, state=Job.State.QUEUED).update(
            state=Job.State.FAILED, finished_at=timezone.now(),
            error=f"The job queue could not be reached ({type(exc).__name__}); try again later.",
        )
        if os.path.exists(job.input_path):
            os.remove(job.input_path)


def resend_if_unsent(job: Job) -> bool:
    """Send a queued job's task again when its message may be lost (Job.unsent); True if sent.

    A second message for a job still in the queue is harmless: a worker claims a
    job under a row lock only while it is queued (running._claim), so the other
    message finds it taken and does nothing. Of several looks at once, one sends.
    """
    if not job.unsent():
        return False
    taken = Job.objects.filter(pk=job.pk, state=Job.State.QUEUED, sent_at=job.sent_at).update(
        sent_at=timezone.now())
    if taken:
        logger.warning("job %s still queued %s after its task was sent: sending it again", job.pk,
                       timezone.now() - (job.sent_at or job.created_at))
        enqueue(job)
    return bool(taken)
