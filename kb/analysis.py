"""Match every log an input holds: one report per file, and one for the whole input.

    result = analyse(engine, members(path, limit), full_limit=..., progress=...)

A member up to `full_limit` bytes is matched whole (`Engine.match_text`); a
larger one is streamed through triage, with bounded memory. The result is the
/api/match structure (matches across all files, each line naming its file)
plus `files` (path, bytes, lines, matches per file) and `skipped` (binary
members, links...). Pure Python: no Django, the caller passes the engine.
"""

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .intake import Member, Skipped
from .intake.formats import Prefixed
from .matching.engine import MAX_WEAK_LEADS
from .matching.report import MAX_LINES_PER_MATCH, MAX_UNMATCHED, with_verdict
from .matching.triage import triage_stream


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


def analyse(
    engine,
    items: Iterable[Member | Skipped],
    *,
    full_limit: int,
    min_score: float | None = None,
    progress: Callable[[Progress], None] | None = None,
    on_hit: Callable[[str, int, str, str | None], None] | None = None,
) -> dict:
    """`on_hit(path, line_number, slug, signature)`, if given, hears of every matched line."""
    state = Progress()
    files, skipped = [], []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append({"path": item.path, "reason": item.reason})
            continue
        state.current = item.path
        hear = (lambda *hit, path=item.path: on_hit(path, *hit)) if on_hit else None
        report = _member(engine, item, full_limit, min_score, state, progress, hear)
        files.append(report)
        state.files += 1
        state._done_bytes, state._done_lines = state.bytes, state.lines
        if progress:
            progress(state)
    return combine(files, skipped)


def _member(engine, member: Member, full_limit, min_score, state: Progress, progress, on_hit) -> dict:
    head = member.stream.read(full_limit + 1)
    if len(head) <= full_limit:
        text = head.decode("utf-8", "replace")
        state.stage = f"matching {text.count(chr(10)):,} lines in full"
        if progress:
            progress(state)
        report = dict(engine.match_text(text, min_score=min_score, on_hit=on_hit).as_dict(), mode="full")
        state.stage = "reading"
        state.bytes += len(head)
        state.lines += report["lines_total"]
        size = len(head)
    else:
        def tick(read, lines):
            state.bytes, state.lines = state._done_bytes + read, state._done_lines + lines
            if progress:
                progress(state)

        stream = io.BufferedReader(Prefixed(head, member.stream), 1 << 20)
        summary = triage_stream(engine, stream, tick, on_hit=on_hit)
        report = tally_report(engine, summary, min_score)
        size = summary.bytes
    return {"path": member.path, "bytes": size, "compression": member.compression, **report}


def tally_report(engine, summary, min_score=None) -> dict:
    """The /api/match shape from a triage summary, each issue scored on its sample lines."""
    matches = []
    for tally in summary.issues:
        sample = engine.match_lines([text for _, text in tally.samples], min_score=min_score)
        best = next((m for m in sample.as_dict()["matches"] if m["issue"]["slug"] == tally.slug), None)
        if best is None:
            continue
        numbers = [number for number, _ in tally.samples]
        for line, number in zip(best["lines"], numbers, strict=False):
            line["number"] = number
        best.update(line_count=tally.count, count=tally.count,
                    first_line=tally.first_line, last_line=tally.last_line)
        matches.append(best)
    return with_verdict({
        "matches": matches,
        "lines_total": summary.lines_total,
        "lines_matched": sum(m["count"] for m in matches),
        "unmatched": [],
        "unmatched_count": 0,
        "unmatched_truncated": True,
        "mode": "triage",
        "prefilter": summary.prefilter,
    })


def combine(files: list[dict], skipped: list[dict]) -> dict:
    """One report over all files: an issue's lines from every file (each naming its file)."""
    merged: dict[str, dict] = {}
    unmatched = []
    for report in files:
        for match in report["matches"]:
            _merge_match(merged, match, report["path"])
        unmatched += [dict(line, file=report["path"]) for line in report.get("unmatched", ())]
    matches = sorted(merged.values(), key=lambda m: (not m["confident"], -m["score"], m["issue"]["slug"]))
    # weak leads over all files: as few as over one (issue 9)
    known = [m for m in matches if m["confident"]]
    matches = known + [m for m in matches if not m["confident"]][:MAX_WEAK_LEADS]
    for match in matches:
        match["lines_truncated"] = match["line_count"] > len(match["lines"])
    return with_verdict({
        "matches": matches,
        "lines_total": sum(f["lines_total"] for f in files),
        "lines_matched": sum(f["lines_matched"] for f in files),
        "unmatched": unmatched[:MAX_UNMATCHED],
        "unmatched_count": sum(f.get("unmatched_count", 0) for f in files),
        "unmatched_truncated": any(f.get("unmatched_truncated") for f in files)
        or len(unmatched) > MAX_UNMATCHED,
        "mode": "triage" if any(f["mode"] == "triage" for f in files) else "full",
        "files": [_file_summary(f) for f in files],
        "skipped": skipped,
    })


def _merge_match(merged: dict, match: dict, path: str):
    lines = [dict(line, file=path) for line in match["lines"]]
    current = merged.get(match["issue"]["slug"])
    if current is None:
        merged[match["issue"]["slug"]] = dict(match, lines=lines[:MAX_LINES_PER_MATCH])
        return
    current["line_count"] += match["line_count"]
    current["lines"] = (current["lines"] + lines)[:MAX_LINES_PER_MATCH]
    current["confident"] = current["confident"] or match["confident"]
    if match["score"] > current["score"]:
        current.update(score=match["score"], why=f"{path}: {match['why']}")


def _file_summary(report: dict) -> dict:
    return {
        "path": report["path"],
        "bytes": report["bytes"],
        "compression": report["compression"],
        "mode": report["mode"],
        "lines_total": report["lines_total"],
        "lines_matched": report["lines_matched"],
        "matches": [
            {
                "slug": m["issue"]["slug"],
                "title": m["issue"]["title"],
                "url": m["issue"]["url"],
                "score": m["score"],
                "confident": m["confident"],
                "line_count": m["line_count"],
                "lines": m["lines"][:5],
            }
            for m in report["matches"]
        ],
    }
