import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.rst import RstImportError, parse_file
from kb.sync import sync_document


class Command(BaseCommand):
    help = "Import RST incident documents into kb (one transaction per file)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="RST files or directories of *.rst files.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Report what would change and write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="With --dry-run: 'json' prints every parsed issue on stdout, "
                                 "without touching the database.")
        parser.add_argument("--overwrite-edits", action="store_true",
                            help="Replace issues an editor changed since their last import.")

    def handle(self, *args, paths, dry_run, format, overwrite_edits, **options):
        if format == "json" and not dry_run:
            raise CommandError("--format json goes with --dry-run")
        files = _expand(paths)
        failed = 0
        parsed_docs = []
        for path in files:
            try:
                parsed = parse_file(_display_path(path))
            except RstImportError as exc:
                failed += 1
                self.stderr.write(f"refused {exc}")
                continue
            if format == "json":
                parsed_docs.append(parsed.as_dict())
                continue
            summary = sync_document(parsed, overwrite_edits=overwrite_edits, dry_run=dry_run)
            self.stdout.write(("(dry run) " if dry_run else "") + summary.line())
            for warning in summary.warnings:
                self.stdout.write(f"  warning: {warning}")
            for slug in summary.kept_edits:
                self.stdout.write(f"  kept local edits of {slug} (use --overwrite-edits to replace)")
        if format == "json":
            self.stdout.write(json.dumps({"documents": parsed_docs}, indent=2, ensure_ascii=False))
        if failed:
            raise CommandError(f"{failed} of {len(files)} file(s) refused; the others were imported")


def _expand(paths: list[str]) -> list[Path]:
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files += sorted(path.glob("*.rst"))
        else:
            files.append(path)
    if not files:
        raise CommandError("no .rst files found in " + ", ".join(paths))
    return files


def _display_path(path: Path) -> str:
    """Project files keep a relative path, so the same file is the same Document anywhere."""
    try:
        return str(path.resolve().relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path.resolve())
