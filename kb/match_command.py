"""`manage.py match PATH|-`: which known issues a log, a compressed log or a bundle shows.

PATH may be a log, a compressed log (.gz .bz2 .xz .zst), a bundle (.tar in
any compression, .zip) or a directory (a sosreport, a copy of /var/log):
kb.intake reads it, each log is matched on its own and the report groups
results per file; binary members are skipped and listed. Up to --full-limit
bytes (default KB_MAX_PASTE_BYTES) a log gets the same analysis as
/api/match; a larger one is streamed through triage with bounded memory. A
big plain file read without a terminal is triaged on every core
(kb.matching.parallel); on a terminal progress is shown instead.

manage.py runs it through `main`, without Django's management machinery:
the report needs only the engine and the issues' details, loaded from their
snapshot (kb/snapshots.py) without the ORM, and Django's set-up (apps, models,
the admin, DRF) was two thirds of the command's start-up, its settings and
base command another 50 ms (issue 11). A snapshot rebuilt sets Django up
when it comes to it (kb.snapshots.django_ready). Django's own dispatcher
(`django-admin match`, `call_command("match")`) runs the same `run` through
kb/management/commands/match.py.
"""

import argparse
import gc
import json
import os
import sys
import threading
import time

from kb import snapshots
from kb.analysis import BundleReport, Progress, analyse, triaged
from kb.answers import enrich
from kb.conf import setting
from kb.intake import Refused, kind_of, members
from kb.matching.parallel import triage_file
from kb.matching.report import count_summary

HELP = "Match a log, a compressed log, a bundle (.tar*, .zip) or a directory (or - for stdin)."
# Where `make run` serves by default; the links printed start here unless --base-url, KB_BASE_URL
# or a running `make run HOST=...` (SERVING) says otherwise.
DEFAULT_BASE_URL = "http://127.0.0.1:8000"
# `make run` writes its HOST here (under BASE_DIR) while it serves, and removes it when it stops.
SERVING = os.path.join("var", "serving-host")
# Progress redraws at most this often (seconds): a terminal is slower than triage.
_REDRAW = 0.2


# What the page, the API and chat answer an empty paste (kb.api.serializers.MatchRequestSerializer).
EMPTY = "Nothing to match: the text is empty."


class MatchError(Exception):
    """What the operator did wrong or must do: printed as one line, exit status 1."""


class _Output:
    """The part of Django's OutputWrapper the command uses: a line ends unless told."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str = "", style_func=None, ending: str = "\n"):
        if ending and not text.endswith(ending):
            text += ending
        self._stream.write(text)

    def flush(self):
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()


def add_arguments(parser):
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
    parser.add_argument("--no-words", dest="words", action="store_false",
                        help="Triage counts signature hits only: faster on huge logs, but misses the "
                             "lines only word evidence makes confident, which full matching and "
                             "triage find by default.")
    # word evidence became triage's default (issue 11): the old opt-in flag is still accepted
    parser.add_argument("--words", dest="words", action="store_true", default=True, help=argparse.SUPPRESS)
    parser.add_argument("--base-url", default=None,
                        help="kb's address for the links printed (default: KB_BASE_URL, else where "
                             f"a running `make run` serves, else {DEFAULT_BASE_URL}).")


def served_url() -> str:
    """http://<address> a running `make run HOST=...` serves on (its record, SERVING), or "".
    HOST is what runserver takes: a port alone serves on 127.0.0.1, and an address listening
    on every interface (0.0.0.0, 0, ::) is reached on this machine by its loopback address."""
    try:
        with open(os.path.join(setting("BASE_DIR"), SERVING), encoding="utf-8") as handle:
            host = handle.read(300).strip()
    except OSError:
        return ""
    if not host or any(char.isspace() or char in "/@?#" for char in host):
        return ""
    if host.isdigit():
        return f"http://127.0.0.1:{host}"
    address, _, port = host.rpartition(":")
    if not port.isdigit() or not address:
        return ""
    address = {"0.0.0.0": "127.0.0.1", "0": "127.0.0.1", "[::]": "[::1]"}.get(address, address)
    return f"http://{address}:{port}"


def main(argv: list[str]) -> int:
    """`manage.py match ...` (manage.py calls this): the options Django's dispatcher takes for
    every command are taken here too (--settings and --pythonpath applied as it applies them)."""
    parser = argparse.ArgumentParser(prog=f"{os.path.basename(argv[0])} match", description=HELP)
    add_arguments(parser)
    parser.add_argument("--settings", help="A settings module (default: DJANGO_SETTINGS_MODULE).")
    parser.add_argument("--pythonpath", help="A directory to add to the Python path.")
    parser.add_argument("--traceback", action="store_true", help="Raise on an error.")
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], default=1,
                        help=argparse.SUPPRESS)
    for flag in ("--no-color", "--force-color", "--skip-checks"):
        parser.add_argument(flag, action="store_true", help=argparse.SUPPRESS)
    options = vars(parser.parse_args(argv[2:]))
    if options["settings"]:
        os.environ["DJANGO_SETTINGS_MODULE"] = options["settings"]
    if options["pythonpath"]:
        sys.path.insert(0, options["pythonpath"])
    stdout, stderr = _Output(sys.stdout), _Output(sys.stderr)
    try:
        run(stdout, stderr, loaded=_collect_from_here,
            **{k: options[k] for k in ("path", "json", "min_score", "full_limit", "base_url", "hit_lines",
                                        "words")})
    except MatchError as exc:
        if options["traceback"]:
            raise
        stderr.write(f"CommandError: {exc}")
        return 1
    except BrokenPipeError:
        # The reader left (`manage.py match big.log | head`): stop quietly, as grep does, rather
        # than print a traceback; stdout goes to /dev/null so that Python's flush at exit is quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except ModuleNotFoundError as exc:  # --settings naming no module: said as Django says it
        if options["traceback"] or exc.name != os.environ.get("DJANGO_SETTINGS_MODULE"):
            raise
        stderr.write(f"ImproperlyConfigured: the settings module {exc.name!r} was not found ({exc})")
        return 1
    return 0


def _collect_from_here():
    """Start-up made objects that live to the end (modules, the engine) and no garbage, yet the
    collector walked them about 45 times (15-25 ms of a 0.13 s start-up, 2026-12-06): manage.py
    keeps it off until the snapshot is loaded; from here on it runs, and leaves them out
    (gc.freeze), in forked triage workers too, whose pages then stay shared."""
    gc.freeze()
    gc.enable()


def run(stdout, stderr, *, path, json=False, min_score=None, full_limit=None, base_url=None,
        hit_lines=None, loaded=None, words=True) -> None:
    """`loaded()`, if given, is called once the knowledge is loaded, before any log is read."""
    base_url = (base_url or setting("KB_BASE_URL") or served_url() or DEFAULT_BASE_URL).rstrip("/")
    if min_score is not None and not 0 <= min_score <= 1:
        raise MatchError("--min-score must be between 0 and 1")
    limit = setting("KB_MAX_PASTE_BYTES") if full_limit is None else full_limit
    if path != "-" and not os.path.exists(path):
        raise MatchError(f"{path}: No such file or directory")
    hits: list[tuple[str, int]] = []
    try:
        # the word and failure scanners serve triage alone: a file small enough to match in full
        # needs neither (compiling the word scanner costs ~5 s on the first run after a change)
        snapshot = snapshots.load(words=words and not _small_file(path, limit))
    except snapshots.NotMigrated as exc:
        raise MatchError(str(exc)) from None
    if loaded:
        loaded()
    try:
        if _plain_big_file(path, limit, stderr):
            # The cores share the byte ranges of the file (kb.matching.parallel).
            summary = triage_file(snapshot.engine, path, on_hit=lambda n, *_: hits.append((path, n)),
                                  words=words)
            report = triaged(snapshot.engine, path, summary, min_score)
        else:
            report = _analyse(snapshot.engine, path, limit, min_score, stderr,
                              on_hit=lambda name, n, *_: hits.append((name, n)), words=words)
    except Refused as exc:
        raise MatchError(str(exc)) from None
    data = report.as_dict()  # the report leaves the process: from here on, a dict
    if _blank(data, path):
        raise MatchError(f"{'standard input' if path == '-' else path}: {EMPTY}")
    if hit_lines:
        _write_numbers(hit_lines, hits)
    _as_answered(data, snapshot, base_url)
    if json:
        stdout.write(_dumps(data))
    else:
        _print(stdout, data)


def _blank(report: dict, path: str) -> bool:
    """A log given alone (a file or stdin, not a directory) that holds no record: nothing but
    blank lines, as every non-blank line starts or continues a record (grouping.group_lines)."""
    files = report.get("files", [])
    return (len(files) == 1 and not report.get("skipped") and not os.path.isdir(path)
            and files[0].get("records_total") == 0)


def _as_answered(report: dict, snapshot, base_url: str) -> dict:
    """What /api/match adds to a report, so that --json is its structure: each issue's full
    remedy, remedy_short, upstream links and fixed_in, its absolute page and API links, each
    line's message (--json gave the matcher's clipped remedy and none of the rest)."""
    enrich(report, snapshot.details)
    for match in report["matches"]:
        issue = match["issue"]
        issue["url"] = issue["absolute_url"] = base_url + issue["url"]  # as /api/match gives them
        for related in match["related"]:
            related["url"] = base_url + related["url"]
        # the API's route for an issue (kb/api/urls.py): Django is not set up here to reverse it
        issue["api_url"] = f"{base_url}/api/issues/{issue['slug']}/"
    return report


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


def _small_file(path: str, limit: int) -> bool:
    """A regular file no bigger than the paste limit (if compressed, it may still be triaged:
    the scanners are then compiled when first needed)."""
    return path != "-" and os.path.isfile(path) and os.path.getsize(path) <= limit


def _plain_big_file(path: str, limit: int, stderr) -> bool:
    if path == "-" or not os.path.isfile(path) or stderr.isatty():
        return False
    if os.path.getsize(path) <= limit:
        return False
    with open(path, "rb") as handle:
        head = handle.read(8192)
    return kind_of(head) == "text"


def _analyse(engine, path: str, limit: int, min_score, stderr, on_hit=None, words=True) -> BundleReport:
    source = sys.stdin.buffer if path == "-" else path
    items = members(source, setting("KB_MAX_UPLOAD_BYTES"), name=path)

    def status(text: str):
        # Plain text: Django styles stderr as an error (red), which a progress line is not.
        stderr.write(f"\r\x1b[2K{text}", ending="", style_func=lambda s: s)
        stderr.flush()

    ticker = _Ticker(status) if stderr.isatty() else None
    try:
        report = analyse(engine, items, full_limit=limit, min_score=min_score,
                         progress=ticker.update if ticker else None, on_hit=on_hit, words=words)
    finally:
        if ticker:
            ticker.stop()
    return report  # a lone binary file was refused by analyse, as every surface refuses it


def _print(stdout, report):
    # Here, not at the top: only a printed report needs it.
    from kb import terminal

    matches = report["matches"]
    stdout.write(f"{report['headline']}.")
    stdout.write(f"{report['mode'].capitalize()} analysis: {count_summary(report)}")
    files = report.get("files", [])
    if len(files) > 1 or report.get("skipped"):
        _print_files(stdout, report)
    # The terminal layout of text/plain answers: 100 columns, messages without their log
    # prefix, absolute links (--base-url, KB_BASE_URL, a running `make run`'s address: run()).
    for number, match in enumerate(matches, 1):
        stdout.write("")
        for line in terminal.match_lines(number, match, file_names=len(files) > 1):
            stdout.write(line)


def _print_files(stdout, report):
    from kb import terminal

    stdout.write("")
    for line in terminal.file_lines(report):
        stdout.write(line)


def _write_numbers(path: str, hits: list[tuple[str, int]]):
    """One matched line number a line; `file:number` when the input held several files."""
    several = len({name for name, _ in hits}) > 1
    with open(path, "w") as out:
        out.write("".join(f"{name}:{n}\n" if several else f"{n}\n" for name, n in sorted(set(hits))))


def _dumps(report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
