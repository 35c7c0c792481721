from django.core.management.base import BaseCommand

from kb.learning.recording import prune


class Command(BaseCommand):
    help = (
        "Delete hit counts older than 10 days and unknown-error clusters not seen for "
        "KB_UNKNOWN_RETENTION_DAYS days (promoted clusters are kept), and stored results and "
        "finished jobs older than KB_RESULT_RETENTION_DAYS. Safe to run from cron."
    )

    def handle(self, *args, **options):
        deleted = prune()
        self.stdout.write(
            f"Deleted {deleted['hit_buckets']} hit bucket(s) and "
            f"{deleted['unknown_clusters']} unknown cluster(s), "
            f"{deleted['results']} result(s) and {deleted['jobs']} job(s)."
        )
