from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from kb.export.loader import EDITOR_SLUG, documents_to_export
from kb.export.roundtrip import round_trip_problems
from kb.export.writer import write_document


class Command(BaseCommand):
    help = (
        "Write the knowledge base as RST files that import_rst reads back into the same issues: "
        f"one file per document, issues without a document in {EDITOR_SLUG}.rst."
    )

    def add_arguments(self, parser):
        parser.add_argument("outdir", help="Directory to write the .rst files to; created if missing.")
        parser.add_argument("--document", action="append", dest="documents", metavar="SLUG",
                            help=f"Export only this document ({EDITOR_SLUG} for issues without one). "
                                 "May be given more than once.")
        parser.add_argument("--include-retired", action="store_true",
                            help="Also write issues retired from their document; "
                                 "importing the file makes them active again.")

    def handle(self, *args, outdir, documents, include_retired, **options):
        try:
            exports = documents_to_export(slugs=documents, include_retired=include_retired)
        except LookupError as exc:
            raise CommandError(f"no such document: {exc}") from None
        outdir = Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        for document in exports:
            text = write_document(document)
            path = outdir / document.path
            path.write_text(text, encoding="utf-8")
            problems = document.warnings + round_trip_problems(document, text)
            self.stdout.write(f"{path}: {len(document.issues)} issues")
            for problem in problems:
                self.stdout.write(f"  warning: {problem}")
        written = {document.path.removesuffix(".rst") for document in exports}
        for slug in sorted(set(documents or ()) - written):
            self.stdout.write(f"{slug}: no issues to export")
        if not exports:
            self.stdout.write("nothing to export")
