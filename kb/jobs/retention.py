"""Results and finished jobs past KB_RESULT_RETENTION_DAYS are deleted with the learning data."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Job, Result


def prune(now=None) -> dict[str, int]:
    days = settings.KB_RESULT_RETENTION_DAYS
    if not days:
        return {"results": 0, "jobs": 0}
    now = now or timezone.now()
    jobs, _ = Job.objects.filter(state__in=Job.FINISHED, created_at__lt=now - timedelta(days=days)).delete()
    results, _ = Result.objects.expired(days, now).delete()
    return {"results": results, "jobs": jobs}
