"""`manage.py match FILE|-`: which known issues a log shows.

Up to --full-limit bytes (default KB_MAX_PASTE_BYTES) the whole text gets the
same analysis as /api/match. Larger inputs are streamed through the engine's
triage: fixed-size chunks, a C prefilter over each chunk and full matching
only on candidate lines, so memory stays bounded whatever the file size.
Triage counts signature hits only (word evidence needs every line parsed in
Python); the summary says which mode ran. A regular file read without a
terminal is triaged on every core (kb.matching.parallel); on a terminal the
single stream shows a progress bar instead.
"""

import io
import json
import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.matching import triage_stream
from kb.matching.loader import current_engine
from kb.matching.parallel import triage_file
from kb.matching.report import Verdict


class _Prefixed(io.RawIOBase):
    """Bytes already read, then the rest of the stream, as one readable stream."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = memoryview(head), rest

    def readable(self):
        return True

    def readinto(self, buffer):
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count] = self.head[:count]
            self.head = self.head[count:]
            return count
        return self.rest.readinto(buffer)


class Command(BaseCommand):
    help = "Match a log file (or - for standard input) against the known issues."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Log file to read, or - for standard input.")
        parser.add_argument("--json", action="store_true",
                            help="Print the /api/match structure as JSON.")
        parser.add_argument("--min-score", type=float, default=None,
                            help="Hide matches scoring below this (0..1).")
        parser.add_argument("--full-limit", type=int, default=None,
                            help="Bytes analysed in full before switching to streaming triage "
                                 "(default: KB_MAX_PASTE_BYTES).")

    def handle(self, *args, path, json, min_score, full_limit, **options):
        if min_score is not None and not 0 <= min_score <= 1:
            raise CommandError("--min-score must be between 0 and 1")
        limit = settings.KB_MAX_PASTE_BYTES if full_limit is None else full_limit
        regular = path != "-" and os.path.isfile(path)
        stream = self._open(path)
        try:
            if regular and not self.stderr.isatty() and os.path.getsize(path) > limit:
                # Each core reads its own byte range: a head read here would be read twice.
                report = self._tallies(triage_file(current_engine(), path), min_score)
            else:
                head = stream.read(limit + 1)
                if len(head) <= limit:
                    report = self._full(head, min_score)
                else:
                    size = os.path.getsize(path) if regular else 0
                    report = self._triage(_Prefixed(head, stream), size, min_score)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        if json:
            self.stdout.write(_dumps(report))
        else:
            self._print(report)

    def _open(self, path):
        if path == "-":
            return sys.stdin.buffer
        try:
            return open(path, "rb")
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from None

    def _full(self, data: bytes, min_score):
        report = current_engine().match_text(data.decode("utf-8", "replace"), min_score=min_score)
        return dict(report.as_dict(), mode="full")

    def _triage(self, stream, size, min_score):
        progress = self._progress(size) if self.stderr.isatty() else None
        summary = triage_stream(current_engine(), io.BufferedReader(stream, 1 << 20), progress)
        if progress:
            self.stderr.write("")
        return self._tallies(summary, min_score)

    def _tallies(self, summary, min_score):
        """The /api/match shape from a triage summary, each issue scored on its sample lines."""
        engine = current_engine()
        matches = []
        for tally in summary.issues:
            sample = engine.match_lines([text for _, text in tally.samples], min_score=min_score)
            best = next((m for m in sample.as_dict()["matches"] if m["issue"]["slug"] == tally.slug), None)
            if best is None:
                continue
            numbers = [number for number, _ in tally.samples]
            for line, number in zip(best["lines"], numbers, strict=False):
                line["number"] = number
            best.update(count=tally.count, first_line=tally.first_line, last_line=tally.last_line)
            matches.append(best)
        known = sum(1 for m in matches if m["confident"])
        verdict = Verdict.KNOWN_ISSUE if known else Verdict.WEAK_LEADS if matches else Verdict.NO_KNOWN_ISSUE
        return {
            "verdict": verdict.value,
            "headline": f"{known} known issue(s) found" if known else verdict.label,
            "matches": matches,
            "lines_total": summary.lines_total,
            "lines_matched": sum(m["count"] for m in matches),
            "unmatched": [],
            "unmatched_truncated": True,
            "mode": "triage",
            "prefilter": summary.prefilter,
        }

    def _progress(self, size):
        def report(read, lines):
            share = f"{100 * read / size:5.1f}% " if size else ""
            self.stderr.write(f"\r{share}{read / 1048576:8.1f} MB {lines:>12,} lines", ending="")
            self.stderr.flush()

        return report

    def _print(self, report):
        matches = report["matches"]
        self.stdout.write(f"{report['headline']}.")
        self.stdout.write(f"{report['lines_total']} lines read ({report['mode']} analysis), "
                          f"{report['lines_matched']} matched a known issue.")
        for match in matches:
            issue = match["issue"]
            label = "confident" if match["confident"] else "weak lead"
            count = match.get("count", len(match["lines"]))
            self.stdout.write(f"\n{issue['title']}  [{issue['status']}]  {match['score']:.0%} {label}, "
                              f"{count} line(s)")
            self.stdout.write(f"  {issue['url']}")
            if issue.get("remedy"):
                self.stdout.write(f"  Remedy: {issue['remedy']}")
            for line in match["lines"][:5]:
                self.stdout.write(f"  {line['number']:>8}: {line['text'][:200]}")
            self.stdout.write(f"  Why: {match['why']}")


def _dumps(report) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False)
