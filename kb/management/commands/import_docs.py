import json
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.editors import saving_as
from kb.rst import DOCUMENT_SUFFIXES, RstImportError, parse_file
from kb.sync import sync_document

# A folder's own notes beside its runbooks (README.md, SOURCES.md, LICENSE, CHANGELOG.rst, also
# README.ru.md or CHANGELOG-2024.md): a directory's import leaves them out and says so.
FOLDER_NOTES = re.compile(r"(?:README|SOURCES|LICEN[CS]E|CHANGELOG)(?![a-z])", re.IGNORECASE)


class Command(BaseCommand):
    help = "Import troubleshooting documents (RST or Markdown) into kb (one transaction per file)."
    suffixes = DOCUMENT_SUFFIXES  # what a directory contributes

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+",
                            help="Files, or directories of *.rst / *.md / *.markdown files.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Report what would change and write nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text",
                            help="With --dry-run: 'json' prints every parsed issue and, per section, "
                                 "whether it became an issue and why not, without touching the database.")
        parser.add_argument("--overwrite-edits", action="store_true",
                            help="Replace issues an editor changed since their last import.")
        parser.add_argument("--strict", action="store_true",
                            help="A document in which no issue is recognised is an error, not a warning.")

    def handle(self, *args, **options):
        # Who saved an issue, for an editor refused over it (kb.editors): this command.
        with saving_as("manage.py import_docs"):
            self._import(**options)

    def _import(self, *, paths, dry_run, format, overwrite_edits, strict, **options):
        if format == "json" and not dry_run:
            raise CommandError("--format json goes with --dry-run")
        files, skipped = _expand(paths, self.suffixes)
        failed, empty = 0, []
        parsed_docs = []
        for path in files:
            try:
                parsed = parse_file(_display_path(path))
            except RstImportError as exc:
                failed += 1
                self.stderr.write(f"refused {exc}")
                continue
            if not parsed.issues:
                empty.append(parsed.path)  # its first warning says why (kb.rst.parser, kb.rst.decisions)
            if format == "json":
                data = parsed.as_dict()
                data["why_no_issue"] = parsed.why_no_issue if not parsed.issues else ""
                parsed_docs.append(data)
                continue
            if strict and not parsed.issues:
                self.stderr.write(f"{parsed.path}: {parsed.why_no_issue}")
                continue
            summary = sync_document(parsed, overwrite_edits=overwrite_edits, dry_run=dry_run)
            self.stdout.write(("(dry run) " if dry_run else "") + summary.line())
            for warning in summary.warnings:
                self.stdout.write(f"  warning: {warning}")
            for slug in summary.kept_edits:
                self.stdout.write(f"  kept local edits of {slug} (use --overwrite-edits to replace)")
        if format == "json":
            self.stdout.write(json.dumps({"documents": parsed_docs}, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(f"{len(files)} document(s): {failed} refused, "
                              f"{len(empty)} with no issue recognised" + _skipped(skipped))
        if failed or (strict and empty):
            problems = [f"{failed} of {len(files)} file(s) refused"] if failed else []
            if strict and empty:
                problems.append(f"{len(empty)} document(s) with no issue recognised (--strict): "
                                + ", ".join(empty))
            raise CommandError("; ".join(problems) + _the_others(len(files) - failed - len(empty) * strict,
                                                                dry_run))


def _the_others(done: int, dry_run: bool) -> str:
    """What became of the files that were not refused: nothing was written by a dry run."""
    if not done:
        return ""
    return "; the others were checked (dry run: nothing written)" if dry_run else "; the others were imported"


def _expand(paths: list[str], suffixes) -> tuple[list[Path], list[Path]]:
    """The files to import, and those a directory holds that are its notes (FOLDER_NOTES)."""
    files, skipped = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes)
            skipped += [p for p in found if FOLDER_NOTES.match(p.name)]
            files += [p for p in found if not FOLDER_NOTES.match(p.name)]
        else:
            files.append(path)  # named on the command line: imported, whatever its name
    if not files:
        raise CommandError(f"no {' or '.join(suffixes)} files found in " + ", ".join(paths)
                           + _skipped(skipped))
    return files, skipped


def _skipped(skipped: list[Path]) -> str:
    if not skipped:
        return ""
    return (f"; skipped {len(skipped)} file(s) that are a folder's notes, not runbooks (name one to "
            "import it): " + ", ".join(str(path) for path in skipped))


def _display_path(path: Path) -> str:
    """Project files keep a relative path, so the same file is the same Document anywhere."""
    try:
        return str(path.resolve().relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path.resolve())
