from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.learning.quality import TOO_BROAD_SHARE, count_healthy_hits, store
from kb.matching.loader import current_engine
from kb.models import Signature


class Command(BaseCommand):
    help = (
        "Run every active signature over log files known to be healthy and flag the ones that "
        "fire on more than 10 % of them as too broad (elastic-recheck's rule). The flags are "
        "stored for the admin and /reports/signatures/ unless --dry-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("logs", nargs="+", type=Path, help="Healthy log files (no incident in them).")
        parser.add_argument(
            "--threshold", type=float, default=TOO_BROAD_SHARE,
            help="Share of files above which a signature is too broad (default 0.10).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report only; store nothing.")
        parser.add_argument(
            "--all", action="store_true", dest="show_all", help="Also list signatures that fired on no file."
        )

    def handle(self, *args, logs, threshold, dry_run, show_all, **options):
        if not 0 < threshold < 1:
            raise CommandError(f"--threshold {threshold} must be between 0 and 1")
        result = count_healthy_hits(current_engine(), logs)
        for path, reason in result.failed:
            self.stderr.write(f"{path}: not read: {reason}")
        if not result.checked_files:
            raise CommandError("No file could be read.")
        self._report(result, threshold, show_all)
        if not dry_run:
            broad = store(result, threshold)
            self.stdout.write(f"Stored the verdict of every active signature: {broad} too broad.")
        if result.failed:
            raise CommandError(f"{len(result.failed)} file(s) could not be read.")

    def _report(self, result, threshold: float, show_all: bool):
        signatures = Signature.objects.filter(is_active=True).select_related("issue").order_by("id")
        rows = [(result.files[s.pk], s) for s in signatures if show_all or result.files[s.pk]]
        rows.sort(key=lambda row: (-row[0], row[1].pk))
        total = result.checked_files
        self.stdout.write(
            f"{total} healthy file(s) checked; a signature firing on more than {threshold:.0%} of them "
            "is too broad."
        )
        for files, signature in rows:
            flag = "TOO BROAD" if result.too_broad(signature.pk, threshold) else "ok"
            self.stdout.write(
                f"{flag:9}  {files:>5}/{total} files ({files / total:4.0%})  "
                f"#{signature.pk} {signature.issue.slug}: {signature.text[:100]}"
            )
        if not rows:
            self.stdout.write("No signature fired on the healthy logs.")
