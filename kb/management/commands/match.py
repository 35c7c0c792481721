"""`manage.py match PATH|-`: which known issues a log, a compressed log or a bundle shows.

PATH may be a log, a compressed log (.gz .bz2 .xz .zst), a bundle (.tar in
any compression, .zip) or a directory (a sosreport, a copy of /var/log):
kb.intake reads it, each log is matched on its own and the report groups
results per file; binary members are skipped and listed. Up to --full-limit
bytes (default KB_MAX_PASTE_BYTES) a log gets the same analysis as
/api/match; a larger one is streamed through triage with bounded memory. A
big plain file read without a terminal is triaged on every core
(kb.matching.parallel); on a terminal progress is shown instead.
"""

import json
import os
import sys
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser, handle_default_options

from kb import snapshots, terminal
from kb.analysis import BundleReport, Progress, analyse, triaged
from kb.answers import enrich
from kb.intake import Refused, kind_of, members
from kb.matching.parallel import triage_file

# Where `make run` serves; the links printed start here unless KB_BASE_URL or --base-url says.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
# Progress redraws at most this often (seconds): a terminal is slower than triage.
_REDRAW = 0.2


def main(argv: list[str]) -> None:
    """`manage.py match ...` without setting Django up first (manage.py calls this).

    The report needs only the engine and the issues' details, loaded from their
    snapshot (kb/snapshots.py) without the ORM: Django's set-up (apps, models,
    the admin, DRF) was two thirds of the command's start-up (issue 11). A
    snapshot rebuilt sets Django up when it comes to it (kb.snapshots.django_ready).
    """
    # --settings and --pythonpath first, as Django's own dispatcher does: the parser's
    # defaults (--base-url) read the settings.
    early = CommandParser(add_help=False, allow_abbrev=False)
    early.add_argument("--settings")
    early.add_argument("--pythonpath")
    early.add_argument("args", nargs="*")
    try:
        handle_default_options(early.parse_known_args(argv[2:])[0])
    except CommandError:
        pass  # the command's own parser says what is wrong
    Command().run_from_argv(argv)


class _Ticker:
    """Redraws the progress line every _REDRAW seconds, with the time spent, until stopped.

    A thread, because a log analysed in full reports nothing until it is done:
    the line keeps saying what is being done and for how long.
    """

    def __init__(self, draw):
        self.draw, self.state, self.started = draw, None, time.monotonic()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def update(self, state: Progress):
        self.state = Progress(**{k: getattr(state, k) for k in ("bytes", "lines", "files", "current",
                                                                 "stage")})

    def _run(self):
        while not self.done.wait(_REDRAW):
            state = self.state
            if state is not None:
                self.draw(f"{time.monotonic() - self.started:6.1f} s {state.bytes / 1048576:9.1f} MB "
                          f"{state.lines:>12,} lines {state.files:>5} files  {state.stage}  "
                          f"{state.current[-40:]}")

    def stop(self):
        self.done.set()
        self.thread.join()
        self.draw("")


class Command(BaseCommand):
    help = "Match a log, a compressed log, a bundle (.tar*, .zip) or a directory (or - for stdin)."
    # The checks import every URLconf, DRF and the admin: most of a second before reading a byte.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="Log file, compressed log, bundle or directory; - for stdin.")
        parser.add_argument("--json", action="store_true",
                            help="Print the /api/match structure (with per-file groups) as JSON.")
        parser.add_argument("--min-score", type=float, default=None,
                            help="Hide matches scoring below this (0..1).")
        parser.add_argument("--hit-lines", default=None, metavar="PATH",
                            help="Also write the number of every line matched to PATH, one a line "
                                 "(file:number for a bundle; make bench compares them with grep's).")
        parser.add_argument("--full-limit", type=int, default=None,
                            help="Bytes of one log analysed in full before switching to streaming "
                                 "triage (default: KB_MAX_PASTE_BYTES).")
        parser.add_argument("--base-url", default=settings.KB_BASE_URL or DEFAULT_BASE_URL,
                            help="kb's address for the links printed (default: KB_BASE_URL, else "
                                 f"{DEFAULT_BASE_URL}, where `make run` serves).")

    def handle(self, *args, path, json, min_score, full_limit, base_url=None, hit_lines=None, **options):
        self.base_url = (base_url or settings.KB_BASE_URL or DEFAULT_BASE_URL).rstrip("/")
        if min_score is not None and not 0 <= min_score <= 1:
            raise CommandError("--min-score must be between 0 and 1")
        limit = settings.KB_MAX_PASTE_BYTES if full_limit is None else full_limit
        if path != "-" and not os.path.exists(path):
            raise CommandError(f"{path}: No such file or directory")
        hits: list[tuple[str, int]] = []
        self.snapshot = snapshots.load()
        try:
            if self._plain_big_file(path, limit):
                # Each core reads its own byte range of the file.
                engine = self.snapshot.engine
                summary = triage_file(engine, path, on_hit=lambda n, *_: hits.append((path, n)))
                report = triaged(engine, path, summary, min_score)
            else:
                report = self._analyse(path, limit, min_score,
                                       on_hit=lambda name, n, *_: hits.append((name, n)))
        except Refused as exc:
            raise CommandError(str(exc)) from None
        if hit_lines:
            _write_numbers(hit_lines, hits)
        data = report.as_dict()  # the report leaves the process: from here on, a dict
        if json:
            self.stdout.write(_dumps(data))
        else:
            self._print(data)

    def _plain_big_file(self, path: str, limit: int) -> bool:
        if path == "-" or not os.path.isfile(path) or self.stderr.isatty():
            return False
        if os.path.getsize(path) <= limit:
            return False
        with open(path, "rb") as handle:
            head = handle.read(8192)
        return kind_of(head) == "text"

    def _analyse(self, path: str, limit: int, min_score, on_hit=None) -> BundleReport:
        source = sys.stdin.buffer if path == "-" else path
        items = members(source, settings.KB_MAX_UPLOAD_BYTES, name=path)
        ticker = _Ticker(self._status) if self.stderr.isatty() else None
        try:
            report = analyse(self.snapshot.engine, items, full_limit=limit, min_score=min_score,
                             progress=ticker.update if ticker else None, on_hit=on_hit)
        finally:
            if ticker:
                ticker.stop()
        if not report.files and len(report.skipped) == 1 and "binary" in report.skipped[0].reason:
            raise Refused(f"{report.skipped[0].path}: binary, not a text log; kb reads text logs, "
                          "compressed logs and bundles.")
        return report

    def _status(self, text: str):
        # Plain text: Django styles stderr as an error (red), which a progress line is not.
        self.stderr.write(f"\r\x1b[2K{text}", ending="", style_func=lambda s: s)
        self.stderr.flush()

    def _print(self, report):
        matches = report["matches"]
        self.stdout.write(f"{report['headline']}.")
        self.stdout.write(f"{report['lines_total']} lines read ({report['mode']} analysis), "
                          f"{report['lines_matched']} matched a known issue.")
        files = report.get("files", [])
        if len(files) > 1 or report.get("skipped"):
            self._print_files(report)
        if not matches:
            self.stdout.write("No known issue matched.")
        # The terminal layout of text/plain answers: 100 columns, messages without their log
        # prefix, absolute links (KB_BASE_URL, else --base-url's default).
        enrich(report, self.snapshot.details)
        for match in matches:
            match["issue"]["absolute_url"] = self.base_url + match["issue"]["url"]
        for number, match in enumerate(matches, 1):
            self.stdout.write("")
            for line in terminal.match_lines(number, match, file_names=len(files) > 1):
                self.stdout.write(line)

    def _print_files(self, report):
        self.stdout.write("\nPer file:")
        for group in report["files"]:
            found = ", ".join(f"{m['slug']} x{m['line_count']}" for m in group["matches"] if m["confident"])
            self.stdout.write(f"  {group['path']}: {group['lines_total']} lines, "
                              f"{group['lines_matched']} matched{': ' + found if found else ''}")
        for skipped in report.get("skipped", []):
            self.stdout.write(f"  {skipped['path']}: skipped, {skipped['reason']}")


def _write_numbers(path: str, hits: list[tuple[str, int]]):
    """One matched line number a line; `file:number` when the input held several files."""
    several = len({name for name, _ in hits}) > 1
    with open(path, "w") as out:
        out.write("".join(f"{name}:{n}\n" if several else f"{n}\n" for name, n in sorted(set(hits))))


def _dumps(report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)

