"""A stored answer (Result, the permalink) and a background job that makes one (Job)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class ResultQuerySet(models.QuerySet):
    def expired(self, days: int, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - timedelta(days=days))


class Result(models.Model):
    """One answer kb gave (a paste, an API match, a job), masked like the learning data.

    The id is random: a permalink can be shared, not guessed. `text` holds the
    input itself only when the person who sent it opted in.
    """

    class Source(models.TextChoices):
        WEB = "web", "Web paste"
        API = "api", "API"
        JOB = "job", "Job"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    source = models.CharField(max_length=8, choices=Source.choices)
    name = models.CharField(max_length=300, blank=True, help_text="The uploaded file's name, if any.")
    report = models.JSONField(help_text="The /api/match structure (plus files and skipped), masked.")
    text = models.TextField(blank=True, help_text="The raw input, only when its sender opted in.")

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"result {self.id}"

    def get_absolute_url(self):
        return reverse("jobs:result", kwargs={"pk": self.pk})

    @property
    def confident(self) -> bool:
        return any(m.get("confident") for m in self.report.get("matches", ()))


class Job(models.Model):
    """A log or bundle above the paste limit, matched by a Celery worker."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    FINISHED = (State.DONE, State.FAILED, State.CANCELLED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True,
                                        help_text="Last progress report of the worker running it.")
    sent_at = models.DateTimeField(null=True, blank=True,
                                   help_text="When its task was last sent to the queue.")
    name = models.CharField(max_length=300, blank=True)
    input_path = models.CharField(max_length=500, help_text="The upload, under KB_JOB_DIR, until done.")
    input_bytes = models.BigIntegerField(default=0)
    min_score = models.FloatField(null=True, blank=True)
    bytes_read = models.BigIntegerField(default=0)
    lines_read = models.BigIntegerField(default=0)
    files_done = models.IntegerField(default=0)
    current = models.CharField(max_length=300, blank=True, help_text="The file being read.")
    cancel_requested = models.BooleanField(default=False)
    error = models.TextField(blank=True, help_text="Why the job failed.")
    worker = models.CharField(max_length=200, blank=True)
    result = models.OneToOneField(Result, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"job {self.id} ({self.state})"

    def get_absolute_url(self):
        return reverse("jobs:job", kwargs={"pk": self.pk})

    @property
    def finished(self) -> bool:
        return self.state in self.FINISHED

    def progress(self) -> dict:
        return {"bytes": self.bytes_read, "bytes_total": self.input_bytes, "lines": self.lines_read,
                "files": self.files_done, "current": self.current}

    def unsent(self, now=None) -> bool:
        """Queued, and its task sent (or the job made) longer ago than a worker takes to start a
        job when one is free: the message may be lost (a broker flushed or restarted)."""
        if self.state != self.State.QUEUED:
            return False
        sent = self.sent_at or self.created_at
        return (now or timezone.now()) - sent > timedelta(seconds=settings.KB_JOB_STALE_SECONDS)

    def lost(self, now=None) -> bool:
        """Running, but its worker stopped reporting (killed, or its machine gone)."""
        if self.state != self.State.RUNNING:
            return False
        beat = self.heartbeat_at or self.started_at or self.created_at
        return (now or timezone.now()) - beat > timedelta(seconds=settings.KB_JOB_STALE_SECONDS)
