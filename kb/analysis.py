"""Match every log an input holds: one report per file, and one for the whole input.

    bundle = analyse(engine, members(path, limit), full_limit=..., progress=...)

A member up to `full_limit` bytes is matched whole (`Engine.match_text`); a
larger one is streamed through triage, with bounded memory. Each log gets a
`FileReport`; the `BundleReport` holds them, the members skipped (binary,
links...) and the matches across all files, each line naming its file. Its
`as_dict()` is the /api/match structure plus `files` and `skipped`: the dict
is made at the edge (the CLI's output, a stored result), nowhere before.
Pure Python: no Django, the caller passes the engine.
"""

import bisect
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .intake import BINARY_MEMBER, Member, Refused, Skipped, binary_reason
from .intake.formats import Prefixed
from .matching.engine import MAX_WEAK_LEADS
from .matching.report import (
    MAX_LINES_PER_MATCH,
    MAX_UNMATCHED,
    IssueMatch,
    MatchReport,
    Tally,
    Verdicts,
    why_of,
)
from .matching.triage import TriageSummary, triage_stream

# Lines of each issue a file's summary shows (the whole list is in the bundle's matches).
SUMMARY_LINES = 5


class Cancelled(Exception):
    """Raised by a progress callback to stop the analysis (a job cancelled by its owner)."""


@dataclass
class Progress:
    bytes: int = 0
    lines: int = 0
    files: int = 0
    current: str = ""
    # "reading" while a log is streamed; "matching N lines" while one is analysed in full,
    # which reports nothing until it is done (a terminal shows the time passing meanwhile)
    stage: str = "reading"
    _done_bytes: int = field(default=0, repr=False)
    _done_lines: int = field(default=0, repr=False)

    def as_dict(self) -> dict:
        return {"bytes": self.bytes, "lines": self.lines, "files": self.files, "current": self.current,
                "stage": self.stage}


@dataclass(frozen=True)
class FileReport:
    """One log of an input: how it was read and what matching it found."""

    path: str
    bytes: int
    compression: str  # empty: not compressed
    mode: str  # "full": matched whole; "triage": streamed, issues tallied (kb.matching.triage)
    report: MatchReport
    prefilter: str | None = None  # triage: the literal scanner it used

    def as_dict(self) -> dict:
        """A log given alone (`manage.py match big.log`): the /api/match structure and its mode."""
        out = {**self.report.as_dict(), "mode": self.mode}
        if self.prefilter is not None:
            out["prefilter"] = self.prefilter
        return out

    def summary_dict(self) -> dict:
        """Its group in a bundle's `files`: counts, and each issue with its first lines."""
        return {
            "path": self.path,
            "bytes": self.bytes,
            "compression": self.compression,
            "mode": self.mode,
            "lines_total": self.report.lines_total,
            "records_total": self.report.records_total,
            "lines_matched": self.report.lines_matched,
            "matches": [
                {
                    "slug": m.issue.spec.slug,
                    "title": m.issue.spec.title,
                    "url": m.issue.spec.url,
                    "score": round(m.score, 3),
                    "confident": m.confident,
                    "line_count": m.line_count,
                    "lines": [hit.as_dict() for hit in m.lines[:SUMMARY_LINES]],
                }
                for m in self.report.matches
            ],
        }


@dataclass(frozen=True)
class BundleReport(Verdicts):
    """Every log of an input: the matches across them (each line naming its file), and per file."""

    matches: tuple[IssueMatch, ...]
    unmatched: tuple[tuple[str, int, str], ...]  # (file, number, text): MAX_UNMATCHED, each file its share
    files: tuple[FileReport, ...]
    skipped: tuple[Skipped, ...]

    @property
    def lines_total(self) -> int:
        return sum(f.report.lines_total for f in self.files)

    @property
    def records_total(self) -> int | None:
        """None when a file's were not counted (triage): a sum without them would mislead."""
        counts = [f.report.records_total for f in self.files]
        return None if None in counts else sum(counts)

    @property
    def lines_matched(self) -> int:
        return sum(f.report.lines_matched for f in self.files)

    @property
    def unmatched_count(self) -> int:
        return sum(f.report.unmatched_count for f in self.files)

    @property
    def unmatched_leading(self) -> int:
        """Each file's lead evidence, summed: exact unless the bundle drops a lead some file
        listed (more than MAX_WEAK_LEADS over all files), where it may count that lead's lines."""
        return sum(f.report.unmatched_leading for f in self.files)

    @property
    def unmatched_truncated(self) -> bool:
        listed = sum(len(f.report.unmatched) for f in self.files)
        return any(f.report.unmatched_truncated for f in self.files) or listed > MAX_UNMATCHED

    @property
    def mode(self) -> str:
        return "triage" if any(f.mode == "triage" for f in self.files) else "full"

    def unmatched_texts(self) -> list[str]:
        return [text for _, _, text in self.unmatched]

    def as_dict(self) -> dict:
        return {
            **self._answer_dict([{"number": n, "text": t, "file": path} for path, n, t in self.unmatched]),
            "mode": self.mode,
            "files": [f.summary_dict() for f in self.files],
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
        }


def analyse(
    engine,
    items: Iterable[Member | Skipped],
    *,
    full_limit: int,
    min_score: float | None = None,
    progress: Callable[[Progress], None] | None = None,
    on_hit: Callable[[str, int, str, str | None], None] | None = None,
    words: bool = True,
) -> BundleReport:
    """`on_hit(path, line_number, slug, signature)`, if given, hears of every matched line;
    `words`: triage finds the lines word evidence makes confident too, as full matching does
    (triage_stream's; False: signature hits only)."""
    state = Progress()
    files, skipped = [], []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        state.current = item.path
        hear = (lambda *hit, path=item.path: on_hit(path, *hit)) if on_hit else None
        files.append(_member(engine, item, full_limit, min_score, state, progress, hear, words))
        state.files += 1
        state._done_bytes, state._done_lines = state.bytes, state.lines
        if progress:
            progress(state)
    if not files and len(skipped) == 1 and skipped[0].reason == BINARY_MEMBER:
        # One binary file is no bundle with a member skipped: it is refused, as a paste or an
        # /api/match body is (a job answered "done, No known issue" for an ELF file).
        raise Refused(binary_reason(skipped[0].path))
    return combine(files, skipped)


def _member(engine, member: Member, full_limit, min_score, state: Progress, progress, on_hit,
            words: bool = True) -> FileReport:
    head = member.stream.read(full_limit + 1)
    if len(head) <= full_limit:
        text = head.decode("utf-8", "replace")
        # line ends as grouping.physical_lines counts them: \n, \r\n, \r\r\n or a lone \r (C counts,
        # no split)
        ends = text.count("\n") + text.count("\r") - text.count("\r\n") - text.count("\r\r\n")
        state.stage = f"matching {ends:,} lines in full"
        if progress:
            progress(state)
        report = engine.match_text(text, min_score=min_score, on_hit=on_hit)
        state.stage = "reading"
        state.bytes += len(head)
        state.lines += report.lines_total
        return FileReport(member.path, len(head), member.compression, "full", report)

    def tick(read, lines):
        state.bytes, state.lines = state._done_bytes + read, state._done_lines + lines
        if progress:
            progress(state)

    stream = io.BufferedReader(Prefixed(head, member.stream), 1 << 20)
    summary = triage_stream(engine, stream, tick, on_hit=on_hit, words=words)
    return triaged(engine, member.path, summary, min_score, compression=member.compression)


def triaged(engine, path: str, summary: TriageSummary, min_score=None, *, compression="") -> FileReport:
    """The report of a log triage streamed: each issue scored on its sample lines."""
    return FileReport(path, summary.bytes, compression, "triage", tally_report(engine, summary, min_score),
                      prefilter=summary.prefilter)


def tally_report(engine, summary: TriageSummary, min_score=None) -> MatchReport:
    """A report from a triage summary: an issue is matched as full matching would its samples,
    and stands for every line the tally counted (unmatched lines are not gathered)."""
    matches = []
    for tally in summary.issues:
        # the samples' lines as the engine read them (triage.IssueTally.read), one after another
        lines: list[str] = []
        starts: list[int] = []  # where each sample starts in `lines`
        for _first, physical in tally.read:
            starts.append(len(lines))
            lines += physical
        sample = engine.match_lines(lines, min_score=min_score)
        best = next((m for m in sample.matches if m.issue.spec.slug == tally.slug), None)
        if best is None:
            continue
        # Give each line its number in the log, and let `why` name the deciding line (lines[0]) by
        # it and count what the tally counted.
        lines_hit = tuple(replace(hit, number=_number_in_log(hit.number, starts, tally.read))
                          for hit in best.lines)
        matches.append(replace(best, lines=lines_hit, line_count=tally.count,
                               why=why_of(lines_hit[0].number, best.reason, tally.count),
                               tally=Tally(tally.count, tally.first_line, tally.last_line)))
    # A record matched by two issues is in both tallies: it counts once, as in full matching.
    # When min_score left an issue out, which of its records others matched too is not known.
    every = len(matches) == len(summary.issues) and summary.records_matched
    matched = summary.records_matched if every else sum(m.line_count for m in matches)
    return MatchReport(tuple(matches), summary.lines_total, matched, unmatched_listed=False)


def _number_in_log(number: int, starts: list[int], read: list[tuple[int, tuple[str, ...]]]) -> int:
    """A line's number among the samples' lines (tally_report) -> its number in the log."""
    k = bisect.bisect_right(starts, number - 1) - 1
    return read[k][0] + number - 1 - starts[k]


def combine(files: list[FileReport], skipped: list[Skipped]) -> BundleReport:
    """One report over all files: an issue's lines from every file (each naming its file)."""
    merged: dict[str, IssueMatch] = {}
    for report in files:
        for match in report.report.matches:
            slug = match.issue.spec.slug
            merged[slug] = _merged(merged.get(slug), match, report.path)
    named = len(files) > 1
    matches = sorted((_why_over_files(m, named) for m in merged.values()),
                     key=lambda m: (not m.confident, -_shown(m), m.issue.spec.slug))
    # weak leads over all files: as few as over one (issue 9)
    known = [m for m in matches if m.confident]
    matches = known + [m for m in matches if not m.confident][:MAX_WEAK_LEADS]
    shares = _shares([len(f.report.unmatched) for f in files], MAX_UNMATCHED)
    unmatched = [(f.path, n, text) for f, share in zip(files, shares, strict=True)
                 for n, text in f.report.unmatched[:share]]
    return BundleReport(tuple(matches), tuple(unmatched), tuple(files), tuple(skipped))


def _shares(listed: list[int], budget: int) -> list[int]:
    """How many of each file's unmatched lines a bundle lists: an equal share each, what a file
    does not use going to the others. The first file's lines alone filled the list (and the
    unknown-errors queue, which reads it) for a tar.gz of four real logs."""
    shares = [0] * len(listed)
    while budget > 0:
        open_ = [i for i, count in enumerate(listed) if shares[i] < count]
        if not open_:
            break
        each = max(1, budget // len(open_))
        for i in open_:
            given = min(each, listed[i] - shares[i], budget)
            shares[i] += given
            budget -= given
    return shares


def _merged(current: IssueMatch | None, match: IssueMatch, path: str) -> IssueMatch:
    """An issue's match over the files so far, with `match` from the file at `path` added.

    The file whose match scores best comes first, so its deciding line is `lines[0]`, the
    line `_why_over_files` names. A tally keeps its count over all files;
    its first and last lines are the first file's (each file's own are in its group).
    """
    lines = tuple(replace(hit, file=path) for hit in match.lines)
    if current is None:
        merged = replace(match, lines=lines[:MAX_LINES_PER_MATCH])
    else:
        better = _shown(match) > _shown(current)
        best = match if better else current
        tally = current.tally
        if tally is not None and match.tally is not None:
            tally = replace(tally, count=tally.count + match.tally.count)
        merged = replace(
            current,
            line_count=current.line_count + match.line_count,
            lines=((lines + current.lines) if better else (current.lines + lines))[:MAX_LINES_PER_MATCH],
            confident=current.confident or match.confident,
            score=best.score,
            reason=best.reason,
            tally=tally,
        )
    return merged


def _why_over_files(match: IssueMatch, named: bool) -> IssueMatch:
    """`why` told again over all files: the deciding line (named by its file when there are
    several) and the lines counted in every file."""
    if not match.lines or not match.reason:
        return match
    decider = match.lines[0]
    why = why_of(decider.number, match.reason, match.line_count)
    return replace(match, why=f"{decider.file}: {why}" if named else why)


def _shown(match: IssueMatch) -> float:
    """The score as a report shows it (3 decimals): files are ranked, and ties kept, on that."""
    return round(match.score, 3)
