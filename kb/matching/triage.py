"""Triage of huge log files: which known signatures occur, how often, where.

The file is read in fixed-size chunks (memory stays bounded whatever its
size). Each chunk is scanned whole by the C prefilter (prefilter.py
TemplateScanner) for lines holding every literal piece of a signature in
order; only the lines around such a hit are decoded and matched in Python,
with the same grouping and templates as `match_lines`. A line that shares a
literal with a signature and nothing more is never decoded.

Chunks are cut at a *safe head* (grouping.is_safe_head): a line that starts a
logical line whatever precedes it, so no traceback or wrapped line straddles
two chunks and every group is seen whole. Around a signature hit the engine
decides as in full matching (`match_lines`). Triage does not find lines that
only word evidence makes confident (issue 11, open). No word prefilter found
them cheaply, measured 2026-12-05 on the 1,000,000-line bench log against the
shipped knowledge: word evidence is confident only on a line that is not
INFO/DEBUG (those keep 0.75 of their score, which then tops out at 0.65, below
WORD_THRESHOLD 0.72), shares at least three rare words with one issue (scoring's
rarity factor) and has SUPPORT_NEEDED = 2 support, of which one distinctive word
at least (the other may be the line's component). 84 % of the lines hold some
issue's distinctive word as a word, 42 % two of one issue's, and 16 % (of the
first 100,000) pass the whole word-presence condition above on their raw text;
deciding those costs the full pipeline (~0.1-0.3 ms a line), far from grep
speed. A sound prefilter needs a cheaper upper bound on a line's word score first.

Known blind spots, all consequences of scanning raw bytes: a signature
segment that spans the join of two physical lines, that the log writes with
tabs or runs of spaces where the signature has one space, or that holds a
character a JSON log record escapes (a double quote inside `{"log": ...}`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from .grouping import group_lines
from .prefilter import template_scanner
from .report import clip
from .scoring import CONFIDENT

CHUNK_SIZE = 4 << 20
# The buffer grows past CHUNK_SIZE only for a line or traceback longer than it.
MAX_BUFFER = 64 << 20
MAX_SAMPLES = 3


@dataclass
class IssueTally:
    slug: str
    title: str
    url: str
    count: int = 0
    first_line: int = 0
    last_line: int = 0
    samples: list[tuple[int, str]] = field(default_factory=list)
    signatures: set[str] = field(default_factory=set)

    def add(self, number: int, text: str, signature: str | None):
        self.count += 1
        self.first_line = self.first_line or number
        self.last_line = number
        if signature:
            self.signatures.add(signature)
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append((number, clip(text, 300)))


@dataclass
class TriageSummary:
    issues: list[IssueTally]
    lines_total: int
    bytes: int
    candidate_lines: int
    prefilter: str

    def as_dict(self) -> dict:
        return {
            "issues": [
                {
                    "slug": t.slug,
                    "title": t.title,
                    "url": t.url,
                    "count": t.count,
                    "first_line": t.first_line,
                    "last_line": t.last_line,
                    "samples": [{"number": n, "text": s} for n, s in t.samples],
                    "signatures": sorted(t.signatures),
                }
                for t in self.issues
            ],
            "lines_total": self.lines_total,
            "bytes": self.bytes,
            "candidate_lines": self.candidate_lines,
            "prefilter": self.prefilter,
        }


def _line_at(data, start: int, limit: int) -> bytes:
    end = data.find(b"\n", start, limit)
    return bytes(data[start : limit if end < 0 else end])


def _safe_head(previous: bytes | None, line: bytes) -> bool:
    """grouping.is_safe_head, on bytes."""
    if not line.strip() or line[:1] in (b" ", b"\t"):
        return False
    if previous is None:
        return True
    indented = previous[:1] in (b" ", b"\t") and bool(previous.strip())
    return not previous.rstrip().endswith(b"\\") and not indented


def _previous_start(data, start: int) -> int:
    return data.rfind(b"\n", 0, start - 1) + 1


def _head_before(data, start: int, limit: int) -> int:
    """Nearest safe head at or before the line starting at `start` (region start is one)."""
    while start > 0:
        previous = _previous_start(data, start)
        if _safe_head(bytes(data[previous : start - 1]), _line_at(data, start, limit)):
            return start
        start = previous
    return 0


def _head_after(data, start: int, limit: int) -> int:
    """Start of the first safe head after the line starting at `start`, or `limit`."""
    previous = start
    while True:
        newline = data.find(b"\n", previous, limit)
        if newline < 0 or newline + 1 >= limit:
            return limit
        line = newline + 1
        if _safe_head(bytes(data[previous:newline]), _line_at(data, line, limit)):
            return line
        previous = line


def _safe_cut(data, limit: int) -> int:
    """Offset of the last safe head in data[:limit] whose first byte is read; 0 if none."""
    newline = data.rfind(b"\n", 0, limit)
    while newline > 0:
        start = newline + 1
        previous = _previous_start(data, start)
        if start < limit and _safe_head(
            bytes(data[previous:newline]), bytes(data[start : start + 1])
        ):
            return start
        newline = data.rfind(b"\n", 0, newline)
    return 0


class _Scanner:
    def __init__(self, engine, prefilter, on_hit):
        self.engine, self.prefilter, self.on_hit = engine, prefilter, on_hit
        self.tallies: dict[str, IssueTally] = {}
        self.candidates = 0
        self.lines_before = 0  # lines in all regions already scanned

    def region(self, data: bytearray, view: memoryview, limit: int):
        """Scan data[:limit], which starts and ends at safe heads."""
        counted_to, counted = 0, self.lines_before
        covered = -1
        for end in self.prefilter.positions(view[:limit]):
            if end <= covered:
                continue
            line = data.rfind(b"\n", 0, end) + 1
            head = _head_before(data, line, limit)
            covered = _head_after(data, line, limit)
            counted += data.count(b"\n", counted_to, head)
            counted_to = head
            self._match(bytes(view[head:covered]), counted)
        self.lines_before = counted + data.count(b"\n", counted_to, limit)

    def _match(self, window: bytes, lines_before: int):
        """The engine's own decision (match_lines) on the logical lines around a candidate."""
        text = window.decode("utf-8", "replace")
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        self.candidates += len(lines)
        # Word evidence is not looked for here (see the module doc): a window without a
        # signature hit is left at once, which keeps near misses cheap; one with a hit gets
        # the engine's whole decision (frames, the line's best issue...), as full matching does.
        if not any(self.engine.signature_hits(group) for group in group_lines(lines)):
            return
        report = self.engine.match_lines(lines, min_score=CONFIDENT)
        for match in report.matches:
            if not match.confident:
                continue
            spec = match.issue.spec
            tally = self.tallies.get(spec.slug)
            if tally is None:
                tally = self.tallies[spec.slug] = IssueTally(spec.slug, spec.title, spec.url)
            for hit in match.lines:
                number = lines_before + hit.number
                tally.add(number, hit.text, hit.signature)
                if self.on_hit:
                    self.on_hit(number, spec.slug, hit.signature)


def triage_stream(
    engine,
    stream: BinaryIO,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk_size: int = CHUNK_SIZE,
    on_hit: Callable[[int, str, str], None] | None = None,
) -> TriageSummary:
    """Scan a binary stream; `progress(bytes_read, lines_scanned)` is called per chunk.

    `on_hit(line_number, slug, signature)`, if given, hears of every hit (the
    summary itself keeps counts and a few samples only, to stay bounded).

    One buffer of `chunk_size` bytes is reused: the unfinished tail of a chunk
    (after its last safe head) moves to the front and the next read fills the
    rest. It doubles when a single line or group does not fit, up to MAX_BUFFER.
    """
    scanner = _Scanner(engine, template_scanner(engine), on_hit)
    data = bytearray(chunk_size)
    view = memoryview(data)
    filled = total = 0
    last = b""
    while True:
        read = stream.readinto(view[filled:]) or 0
        total += read
        end = filled + read
        cut = end if not read else _safe_cut(data, end)
        if not cut and end == len(data):
            if len(data) < MAX_BUFFER:
                # a line (or group) longer than the buffer: grow it, up to MAX_BUFFER
                view.release()
                data.extend(bytes(len(data)))
                view, filled = memoryview(data), end
                continue
            # one giant blob without a safe head: cut at a newline anyway
            cut = data.rfind(b"\n", 0, end) + 1 or end
        if cut:
            scanner.region(data, view, cut)
            last = bytes(data[cut - 1 : cut])
        filled = end - cut
        data[:filled] = data[cut:end]
        if progress:
            progress(total, scanner.lines_before)
        if not read:
            break
    lines_total = scanner.lines_before + (1 if last not in (b"", b"\n") else 0)
    issues = sorted(scanner.tallies.values(), key=lambda t: (-t.count, t.first_line))
    return TriageSummary(issues, lines_total, total, scanner.candidates, scanner.prefilter.name)
