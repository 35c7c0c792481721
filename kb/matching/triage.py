"""Triage of huge log files: which known signatures occur, how often, where.

The file is read in fixed-size chunks (memory stays bounded whatever its
size). Each chunk is scanned whole by the C prefilter (prefilter.py
TemplateScanner) for lines holding every literal piece of a signature in
order; only the lines around such a hit are decoded and matched in Python,
with the same grouping and templates as `match_lines`. A line that shares a
literal with a signature and nothing more is never decoded, nor is a window
whose bytes lack a punctuation piece or a number that every template found
there needs (rawcheck.py).

Chunks are cut at a *safe head* (grouping.is_safe_head): a line that starts a
logical line whatever precedes it, so no traceback or wrapped line straddles
two chunks and every group is seen whole; a window around a candidate reaches
from the safe head before it to the one after it, and over the whole of an
oslo-style prefixed traceback it may belong to (`_Tracebacks`: each of its
lines is a safe head, yet a frame of it is no line of its own). In a window
the engine decides as in full matching (`match_lines`), and every confident
line it reports is counted.

Triage also finds the lines only word evidence makes confident, as full matching does
(issue 11; `words=False`, `manage.py match --no-words`, counts signature hits only). Word
evidence is confident only on a line that states a failure: the failure scan (failscan.py,
Hyperscan over the whole region, patterns derived from the scorer's own tables) leaves
the word stage the lines that may state one and those that may belong to a logical line of
several lines; wordscan.py cuts each to what may be its message and finds those that hold
three rare terms of one issue; `_word_lines` rules out by its shape, once per message, a line
that is a logical line of its own (bounds.py). tests/test_matching_triage.py finds triage and
full matching equal on real logs, the eval sets, healthy logs and generated ones, and as a
seeded property on real lines mixed with lines written otherwise; tests/test_matching_failscan.py
checks that every line stating a failure is held. Cost (2026-12-06 19:30 UTC, CPU seconds of
triage_stream on the 1M-line bench log, load ~10): 1.9 s with words against 0.7 without, 4.8 s
before the failure scan. Of the 1.2 s: the failure scan 0.26 s, the word patterns over the
38,000 lines that may state a failure 0.22 s (99 % of them hold three rare terms of an issue:
the bench log's near misses), their shape verdicts 0.45 s (a parse each: the ids in oslo.log's
context brackets make each line a shape of its own), the windows read 0.26 s. Measured again
2026-12-07 (load ~6, the whole log in one process): 1.34 s with words, of which the failure
scan 0.31 s (0.44 s with each sign run on to its line's end), the word patterns 0.04 s (0.16 s
before wordscan._CONTEXT), the shape verdicts 0.16 s (0.30 s before prefix.message_of), the
template scan 0.26 s, the windows read 0.20 s.

Known blind spots, all consequences of scanning raw bytes: a signature
segment that spans the join of two physical lines, that the log writes with
tabs or runs of spaces where the signature has one space, or that holds a
character a JSON log record escapes (a double quote inside `{"log": ...}`).
And one of cutting: a shared library's message whose prefix names nobody is read with the
logical line before it (Engine._in_context), which a window reaches, but not across a chunk's
or a worker's cut: such a line first in a chunk is a lead where full matching may find it
confident (a cut falls every CHUNK_SIZE bytes, at a safe head).
"""

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from .bounds import bounds_of
from .failscan import CONTINUING, Lines, failure_scanner
from .grouping import MAX_GROUP_LINES, TRACEBACK_HEAD, group_lines
from .prefilter import TemplateScanner, template_scanner
from .rawcheck import UNKNOWN, raw_checks
from .regionscan import region_scanner
from .report import clip
from .scoring import CONFIDENT
from .wordscan import CUT, STRIP, WHOLE, cut, informational_head, python_frame, word_scanner

CHUNK_SIZE = 4 << 20
# The buffer grows past CHUNK_SIZE only for a line or traceback longer than it.
MAX_BUFFER = 64 << 20
MAX_SAMPLES = 3
# analysis.tally_report scores and explains an issue by matching its samples again: each is kept
# as the engine read it, the physical lines of its logical line (issue 11: kept as the logical
# line's text clipped to 300 characters, a record joined to the end of another line where a file
# ends without a newline lost its signature at character 381, and a Python traceback with a
# frame, read again as one line, was no traceback: triage reported neither issue, full matching
# both). A line is clipped only past this, so that memory stays bounded (MAX_SAMPLES per issue);
# a line that long with its evidence past it is a blind spot.
MAX_SAMPLE_CHARS = 64 << 10
# How much of a sample's text is shown (TriageSummary.as_dict); the report shows its lines as read.
SHOWN_SAMPLE_CHARS = 300
# What the scanners saw in a window: a signature's pieces, or what word evidence may need.
SIGNATURE, WORDS = 1, 2


@dataclass
class IssueTally:
    slug: str
    title: str
    url: str
    count: int = 0
    first_line: int = 0
    last_line: int = 0
    samples: list[tuple[int, str]] = field(default_factory=list)  # (number, text) as shown
    # (number of its first line, its physical lines) of each sample: as the engine read it
    read: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    signatures: set[str] = field(default_factory=set)

    def add(self, number: int, text: str, signature: str | None, read: tuple[int, tuple[str, ...]]):
        self.count += 1
        self.first_line = self.first_line or number
        self.last_line = number
        if signature:
            self.signatures.add(signature)
        if len(self.samples) < MAX_SAMPLES:
            self.samples.append((number, clip(text, SHOWN_SAMPLE_CHARS)))
            self.read.append((read[0], tuple(clip(line, MAX_SAMPLE_CHARS) for line in read[1])))


@dataclass
class TriageSummary:
    issues: list[IssueTally]
    lines_total: int
    bytes: int
    candidate_lines: int
    prefilter: str
    # log records with a confident match, each once: a record matched by two issues is in two
    # tallies (as full matching's lines_matched counts it, once)
    records_matched: int = 0

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
            "records_matched": self.records_matched,
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
    return not previous.rstrip().endswith(b"\\") and not indented and not _blank(previous)


def _blank(line: bytes) -> bool:
    """Whether group_lines reads the line as blank (str.strip: Unicode whitespace too)."""
    if not line.strip():
        return True
    if b"!" <= line[:1] <= b"~":
        return False
    return not line.decode("utf-8", "replace").strip()


def _previous_start(data, start: int) -> int:
    return data.rfind(b"\n", 0, start - 1) + 1


def _is_head(data, start: int, limit: int) -> bool:
    """Whether the line starting at `start` is a safe head (region start is one)."""
    return start == 0 or _safe_head(bytes(data[_previous_start(data, start) : start - 1]),
                                    _line_at(data, start, limit))


def _head_before(data, start: int, limit: int) -> int:
    """Nearest safe head at or before the line starting at `start` (region start is one)."""
    while not _is_head(data, start, limit):
        start = _previous_start(data, start)
    return start


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


_HEADER = TRACEBACK_HEAD.encode()


def _marker(data, start: int, at: int) -> bytes:
    """What grouping.py calls a prefixed traceback's marker: the last word before its header."""
    head = bytes(data[start:at]).split()
    return head[-1] if head else b""


def _headers(data, limit: int):
    """Where each traceback header (_HEADER) of data[:limit] starts, ascending (it cannot overlap
    itself)."""
    at = 0
    while (at := data.find(_HEADER, at, limit)) >= 0:
        yield at
        at += len(_HEADER)


class _Tracebacks:
    """Where a region's prefixed Python tracebacks start, to keep each one whole in a window.

    Every line of a traceback whose lines all carry a log prefix (oslo.log's
    `ERROR ... [instance: x]   File ...`) is a safe head by itself, yet belongs
    to the group its header opened while it holds the header's marker
    (grouping.py): a window around such a line reaches back to the header and
    on for MAX_GROUP_LINES lines, as far as the group can go, so that the
    engine groups it as full matching does.
    """

    def __init__(self, data: bytearray, limit: int, headers: list[int] | None = None):
        """`headers`: where each traceback header (_HEADER) of data[:limit] starts, ascending, if
        the failure scan found them (failscan.Lines.headers); else they are searched for."""
        self.data, self.limit = data, limit
        self.starts: list[int] = []  # line start of each prefixed header
        self.lines: list[int] = []  # lines before it in the region
        self.markers: list[bytes] = []
        self._counted = (-1, 0, 0)  # (header, line, lines from the header to that line)
        self._reaches: dict[int, int] = {}
        counted_to = counted = 0
        for at in _headers(data, limit) if headers is None else headers:
            start = data.rfind(b"\n", 0, at) + 1
            marker = _marker(data, start, at)
            if marker and (not self.starts or self.starts[-1] != start):
                counted += data.count(b"\n", counted_to, start)
                counted_to = start
                self.starts.append(start)
                self.lines.append(counted)
                self.markers.append(marker)

    def widen(self, line: int, head: int, covered: int) -> tuple[int, int]:
        """The window [head, covered) around the line starting at `line`, widened to the
        prefixed traceback it may belong to (lines come in ascending order): the line holds its
        marker, or the head it continues does (an indented line after the exception or a
        prefix-only line ending it is the traceback's too, grouping.py)."""
        last = bisect.bisect_right(self.starts, line) - 1
        if (last < 0 or self._since(last, line) >= MAX_GROUP_LINES
                or not (self._holds(line, last) or head < line and self._holds(head, last))):
            return head, covered
        first = last  # a header holding the marker of one just before is inside that one
        while (first > 0 and self.lines[first] - self.lines[first - 1] < MAX_GROUP_LINES
               and self._holds(self.starts[first], first - 1)):
            first -= 1
        head = min(head, _head_before(self.data, self.starts[first], self.limit))
        while True:  # on to the last line the last traceback can reach, and a safe head after
            end = self.starts[last]
            for _ in range(MAX_GROUP_LINES):
                end = self.data.find(b"\n", end, self.limit) + 1 or self.limit
            covered = max(covered, _head_after(self.data, end, self.limit) if end < self.limit else end)
            following = bisect.bisect_left(self.starts, covered) - 1
            if following <= last:
                return head, covered
            last = following

    def may_hold(self, line: int) -> bool:
        """Whether the line starting at `line` may be a line of a prefixed traceback before it:
        within MAX_GROUP_LINES of a header whose marker it holds."""
        header = bisect.bisect_right(self.starts, line) - 1
        while header >= 0 and line < self._reach(header):
            if self._holds(line, header):
                return True
            header -= 1
        return False

    def _reach(self, header: int) -> int:
        """Start of the first line MAX_GROUP_LINES lines after a header's (past the region's
        end when there is none): lines before it are within the header's reach."""
        reach = self._reaches.get(header)
        if reach is None:
            reach = self.starts[header]
            for _ in range(MAX_GROUP_LINES):
                newline = self.data.find(b"\n", reach, self.limit)
                if newline < 0:
                    reach = self.limit + 1
                    break
                reach = newline + 1
            self._reaches[header] = reach
        return reach

    def _since(self, header: int, line: int) -> int:
        """Lines from a header to `line`, counted on from the last call's (ascending lines)."""
        if self._counted[0] != header:
            self._counted = (header, self.starts[header], 0)
        _header, at, lines = self._counted
        lines += self.data.count(b"\n", at, line)
        self._counted = (header, line, lines)
        return lines

    def _holds(self, line: int, header: int) -> bool:
        end = self.data.find(b"\n", line, self.limit)
        return self.data.find(self.markers[header], line, self.limit if end < 0 else end) >= 0


def _wordless(data: bytearray, end: int, tracebacks: _Tracebacks) -> bool:
    """No word evidence can be confident on the line ending at `end`: it holds a Python frame
    (wordscan.python_frame), or it reads as INFO/DEBUG (wordscan.informational_head) and heads
    its logical line, being neither a continuation (`_is_head`) nor, though a safe head, a
    line of a prefixed traceback (`_Tracebacks`)."""
    start = data.rfind(b"\n", 0, end) + 1
    if python_frame(data, start, end):
        return True
    return (informational_head(data, start) and _is_head(data, start, end)
            and not tracebacks.may_hold(start))


# A plain line (rawcheck.plain: no byte _UNSURE names, no backslash either) that starts with a
# printable ASCII byte that is no blank, up to its end, and the first byte of the line after it,
# also such a byte (or the region's end): `_plain_alone` in one match.
_PLAIN_LINE = re.compile(rb"[!-\[\]-~][\t\x0b\x0c\r -\[\]-~]*+(?:\n(?:[!-~]|\Z)|\Z)")
# What bytes.rstrip strips: a line ending in one of these may still end in a backslash before them.
_TRAILING_BLANKS = frozenset(b" \t\n\r\x0b\x0c")


def _plain_alone(data: bytearray, start: int, limit: int, tracebacks: _Tracebacks) -> bool:
    """Whether the line starting at `start` is plain (rawcheck.plain: no backslash either) and
    surely a logical line of its own, its window in `_Scanner.region` the line alone: it, the
    line before it and the one after it start with a printable ASCII byte that is no blank (so
    none is blank or indented, `_safe_head`), the line before ends in no backslash, and it is no
    line of a prefixed traceback (`_Tracebacks.may_hold`). The line and the next one's first
    byte are read by one regex (`_PLAIN_LINE`): the bench log asks this of 58,000 lines."""
    if _PLAIN_LINE.match(data, start, limit) is None:
        return False
    if start:
        previous = data.rfind(b"\n", 0, start - 1) + 1
        if not 33 <= data[previous] <= 126:
            return False
        last = data[start - 2]  # the line before is not empty: its first byte is printable
        if last == 92 or (last in _TRAILING_BLANKS
                          and bytes(data[previous : start - 1]).rstrip().endswith(b"\\")):
            return False
    return not (tracebacks.starts and tracebacks.may_hold(start))


_CONTINUED = tuple(map(re.compile, CONTINUING))


def _segments(data, limit: int, tracebacks: _Tracebacks,
              following: set[int] | None = None) -> list[tuple[int, int, int]]:
    """(start, end, how) of the region's lines for wordscan.reduced: WHOLE a line that may not
    head its logical line whatever its shape (after a backslash or an indented line), STRIP
    one that may be a line of a prefixed traceback (within a header's reach, holding its
    marker: `_Tracebacks.may_hold`), CUT the others. The region starts at a head."""
    special: dict[int, tuple[int, int]] = {}  # line start -> (line end, WHOLE or STRIP)
    if following is None:  # not found by the failure scan (failscan.CONTINUING): searched here
        following = set()
        for continued in _CONTINUED:
            at = 0
            while (m := continued.search(data, at, limit)) is not None:
                after = m.end()  # the next line's start
                at = after - 1  # an indented line may follow: its newline starts the next match
                if after < limit:
                    following.add(after)
    for after in following:
        newline = data.find(b"\n", after, limit)
        special[after] = (limit if newline < 0 else newline + 1, WHOLE)
    for header, marker in enumerate(tracebacks.markers):
        at, reach = tracebacks.starts[header], min(tracebacks._reach(header), limit)
        while (found := data.find(marker, at, reach)) >= 0:
            line = data.rfind(b"\n", 0, found) + 1
            newline = data.find(b"\n", found, limit)
            at = limit if newline < 0 else newline + 1
            special.setdefault(line, (at, STRIP))
    segments: list[tuple[int, int, int]] = []
    at = 0
    for start in sorted(special):
        end, how = special[start]
        if start > at:
            segments.append((at, start, CUT))
        if segments and segments[-1][1] == start and segments[-1][2] == how:
            segments[-1] = (segments[-1][0], end, how)
        else:
            segments.append((start, end, how))
        at = end
    if at < limit:
        segments.append((at, limit, CUT))
    return segments


def _alone(data, start: int, end: int, limit: int, tracebacks: _Tracebacks, line: bytes) -> bool:
    """The line data[start:end] is a logical line of its own, as group_lines reads it: it heads
    one, is no prefixed traceback's line, opens no traceback nor goroutine dump, the next line
    continues it in no way, and it is no JSON record (whose message is decoded)."""
    if (b"\x1b" in line or line.lstrip()[:1] == b"{" or _HEADER in line or line.startswith(b"goroutine ")
            or not _is_head(data, start, limit) or tracebacks.may_hold(start)):
        return False
    if end >= limit:  # the region ends at a hard head
        return True
    following = _line_at(data, end + 1, limit)
    return not following.strip() or _safe_head(line, following)


def _may_head(line: bytes) -> bool:
    """Whether the line itself may head a logical line (`_alone_cut`): not blank, indented, a
    terminal's escape, JSON, a traceback's header or a goroutine dump's."""
    return not (not line.strip() or line[:1] in (b" ", b"\t") or b"\x1b" in line or line.lstrip()[:1] == b"{"
                or _HEADER in line or line.startswith(b"goroutine "))


def _alone_cut(data, end: int, limit: int, line: bytes) -> bool:
    """`_alone` for a line of a CUT segment (`_segments`), ending at `end`: not after a backslash
    or an indented line, nor a prefixed traceback's, so it heads its logical line unless it is
    indented or blank itself."""
    if not _may_head(line):
        return False
    if end >= limit or data[end + 1 : end + 2] not in (b" ", b"\t"):
        return end >= limit or not line.rstrip().endswith(b"\\")
    return not _line_at(data, end + 1, limit).strip()  # a blank line, though not empty, ends it


def _other_lines(data, segments: list[tuple[int, int, int]]) -> set[int]:
    """Starts of the lines of the segments that are not CUT (`_segments`): few, read whatever
    the failure scan says of them."""
    starts: set[int] = set()
    for start, end, how in segments:
        if how != CUT:
            at = start
            while at < end:
                starts.add(at)
                at = data.find(b"\n", at, end) + 1 or end
    return starts


def _lines_at(data, starts: list[int], limit: int, segments) -> list[tuple[int, int, int]]:
    """(start, end, how) of the lines starting at `starts` (ascending): its end (its newline, or
    `limit`) and how the segment it falls in is cut (wordscan.cut)."""
    out: list[tuple[int, int, int]] = []
    bounds = [segment[0] for segment in segments]
    for start in starts:
        end = data.find(b"\n", start, limit)
        out.append((start, limit if end < 0 else end, segments[bisect.bisect_right(bounds, start) - 1][2]))
    return out


def _hard_cut(data, cut: int, end: int) -> int:
    """`cut` moved back out of a prefixed traceback it may fall into (see _Tracebacks)."""
    while cut > 0:
        # a header MAX_GROUP_LINES lines or more before the cut reaches no line after it: searched
        # for only after the newline that far back (the whole chunk's count and search back cost
        # 0.03 s per 148 MB, 2026-12-07)
        reach = cut
        for _ in range(MAX_GROUP_LINES):
            reach = data.rfind(b"\n", 0, reach)
            if reach < 0:
                break
        at = data.rfind(_HEADER, reach + 1, cut)
        if at < 0:
            return cut
        start = data.rfind(b"\n", 0, at) + 1
        marker = _marker(data, start, at)
        line_end = data.find(b"\n", cut, end)  # none: the line is not read whole, it may hold it
        if not marker or (line_end >= 0 and data.find(marker, cut, line_end) < 0):
            return cut
        earlier = _head_before(data, start, end)
        if earlier >= cut:
            return cut
        cut = earlier
    return cut


class _Scanner:
    def __init__(self, engine, prefilter, on_hit, words: bool):
        self.engine, self.prefilter, self.on_hit = engine, prefilter, on_hit
        # bounds are read only for word evidence: default triage neither builds nor reads them
        self.bounds = bounds = bounds_of(engine) if words else None
        self.words_may_be_confident = bounds.words_may_be_confident if bounds else None
        self.word_scanner = word_scanner(engine) if words else None
        self.failures = failure_scanner() if words else None
        # with word evidence, the template and failure scans are one (regionscan.py)
        self.regions = region_scanner(engine) if words else None
        self.checks = raw_checks(engine)
        self.generic = engine.generic_templates
        self.tallies: dict[str, IssueTally] = {}
        self.candidates = 0
        self.lines_before = 0  # lines in all regions already scanned
        self.records_matched = 0
        self._last_record = 0  # windows come in log order: a record seen again is the last one

    def region(self, data: bytearray, view: memoryview, limit: int):
        """Scan data[:limit], which starts and ends at hard heads (`_hard_cut`)."""
        # the failure scan (word evidence) finds the tracebacks' headers too
        hits = None  # the template scanner's, when the region scanner found them with the failures
        if self.regions is not None:
            hits, failures = self.regions.scan(data, limit)
        else:
            failures = self.failures.lines(data, limit) if self.failures is not None else None
        tracebacks = _Tracebacks(data, limit, failures.headers if failures is not None else None)
        # [start, end, what the scanners saw in it, the templates whose pieces it holds], ascending
        windows: list[list] = []
        for end, kind, tid in self._hits(data, view[:limit], tracebacks, failures, hits):
            # a shared library's message whose prefix names nobody takes its service from the
            # logical line before it (Engine._in_context): its window holds that line too
            context = tid == UNKNOWN or tid in self.generic
            if windows and end <= windows[-1][1] and not context:
                windows[-1][2] |= kind
                windows[-1][3].add(tid)
                continue
            line = data.rfind(b"\n", 0, end) + 1
            head = _head_before(data, line, limit)
            covered = _head_after(data, line, limit)
            if head and context:
                before = _previous_start(data, head)
                # the line before may be a prefixed traceback's last: the window holds it whole
                head, covered = tracebacks.widen(before, _head_before(data, before, limit), covered)
            head, covered = tracebacks.widen(line, head, covered)
            tids = {tid}
            while windows and head < windows[-1][1]:  # reaching into the window before: one window
                start, last_covered, last_kind, last_tids = windows.pop()
                head, covered, kind = min(head, start), max(covered, last_covered), kind | last_kind
                tids |= last_tids
            windows.append([head, covered, kind, tids])
        counted_to, counted = 0, self.lines_before
        for start, end, kinds, tids in windows:
            # no template found here can match (a piece or number it needs is missing): the
            # window is not even decoded, unless word evidence may need it
            if kinds & SIGNATURE and not self.checks.may_match(data, start, end, tids - {None}):
                kinds &= ~SIGNATURE
            if not kinds:
                continue
            counted += data.count(b"\n", counted_to, start)
            counted_to = start
            self._match(view, start, end, counted, kinds)
        self.lines_before = counted + data.count(b"\n", counted_to, limit)

    def _hits(self, data: bytearray, view, tracebacks: "_Tracebacks", failures: Lines | None = None,
              hits: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int | None]]:
        """(end offset, SIGNATURE or WORDS, template id or None) of what the scanners find in
        `view` (data's region), ascending; a literal prefilter's hit names no template (UNKNOWN).
        `failures`: what the failure scan found in the region (word evidence only); `hits`: the
        template scanner's, if the region scanner found them."""
        if isinstance(self.prefilter, TemplateScanner):
            found = self._signature_hits(data, view, tracebacks, hits)
        else:
            found = [(end, SIGNATURE, UNKNOWN) for end in self.prefilter.positions(view)]
        if self.word_scanner is not None:
            words = self._word_lines(data, len(view), tracebacks, failures)
            found += [(end, WORDS, None) for end in words]
            found.sort(key=lambda hit: hit[0])
        return found

    def _signature_hits(self, data: bytearray, view, tracebacks: "_Tracebacks",
                        hits: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int]]:
        """(end offset, SIGNATURE, template id) of the template scanner's hits in `view`, ascending,
        but those whose window rawcheck.py would find lacking what the template needs: a hit of a
        checked template's kept pieces (prefilter._kept leaves a piece out) on a line that is a
        logical line of its own and plain (`_plain_alone`), so that its window is the line alone,
        and that lacks a piece, a number or a level word of the template (RawChecks.met).

        The bench log's access lines hold `/api/v1/nodes` of `/api/v1/nodes<*>: (<*>) 429` 57,000
        times: 15 us each for a window, for nothing. A whole pattern per checked template in
        Hyperscan (every piece from the first kept one) ruled most of them out before this, at
        0.09 s of Hyperscan's time on the bench log; the line's needs read here cost 0.05 s."""
        hits = self.prefilter.hits(view) if hits is None else hits
        checked, limit = self.prefilter.checked, len(view)
        # bound once: the loop runs per hit (61,000 on the bench log), most of them checked; so is
        # each template's test (RawChecks.met, two calls fewer a hit)
        rfind, find, test_of = data.rfind, data.find, self.checks.test_of
        tests: dict[int, Callable | None] = {}
        found: list[tuple[int, int, int]] = []
        keep = found.append
        alone: dict[int, bool] = {}  # line start -> _plain_alone, for a line several templates hit
        for end, tid in hits:
            if tid in checked:
                start = rfind(b"\n", 0, end) + 1
                lone = alone.get(start)
                if lone is None:
                    lone = alone[start] = _plain_alone(data, start, limit, tracebacks)
                if lone:
                    test = tests[tid] if tid in tests else tests.setdefault(tid, test_of(tid))
                    if test is not None:
                        line_end = find(b"\n", end, limit)
                        if not test(data, start, limit if line_end < 0 else line_end):
                            continue
            keep((end, SIGNATURE, tid))
        return found

    def _word_lines(self, data: bytearray, limit: int, tracebacks: _Tracebacks,
                    found: Lines | None = None) -> list[int]:
        """End offsets of the region's lines around which word evidence may be confident.

        Word evidence is confident only on a logical line that states a failure: the failure
        scan (failscan.py, in C over the whole region) finds the lines that may state one, and
        those that may not be logical lines of their own (indented, continued, JSON...), whose
        logical line may state it on another of its lines. Only those, and every line of a
        segment that is not CUT (`_segments`: after a backslash or an indented line, or within a
        prefixed traceback's reach), are read on: cut to what may be their messages
        (wordscan.cut) and held by the word patterns, each distinct one once. Then each line
        held is read as the engine reads it, unless it cannot be word evidence (`_wordless`)
        or, a logical line of its own (`_alone`, `_alone_cut`), it states no failure or its
        shape rules it out whatever its digits (bounds.line_ruled_out)."""
        if found is None:
            found = self.failures.lines(data, limit)
        segments = _segments(data, limit, tracebacks, found.following)
        failing = found.failing
        starts = sorted(failing | found.continued | _other_lines(data, segments))
        if not starts:
            return []
        # (start, end, how) of each line read, and the lines of each kind, cut as wordscan reads them
        lines = _lines_at(data, starts, limit, segments)
        by_how: dict[int, list[int]] = {}
        for index, (_start, _end, how) in enumerate(lines):
            by_how.setdefault(how, []).append(index)
        held: set[int] = set()
        for how, indexes in by_how.items():
            text = cut(b"\n".join(bytes(data[lines[i][0] : lines[i][1]]) for i in indexes), how)
            held.update(indexes[k] for k in self.word_scanner.holding(text))
        if found.saying:  # words its numbers say count as rare terms its text need not hold
            held.update(i for i, (start, _end, _how) in enumerate(lines) if start in found.saying)
        out: list[int] = []
        for start, end, how in map(lines.__getitem__, sorted(held)):
            raw = bytes(data[start:end])
            alone = (_alone_cut(data, end, limit, raw) if how == CUT
                     else _alone(data, start, end, limit, tracebacks, raw))
            if alone and (start not in failing or self.bounds.line_ruled_out(raw)):
                continue
            if not _wordless(data, end, tracebacks):
                out.append(end)
        return out

    def _match(self, view: memoryview, start: int, end: int, lines_before: int, kinds: int):
        """The engine's own decision (match_lines) on the logical lines around a candidate."""
        text = bytes(view[start:end]).decode("utf-8", "replace")
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()
        self.candidates += len(lines)
        # A window is left at once unless a line of it may be confident: one with a signature
        # hit, or whose word evidence bounds.py cannot rule out; that keeps near misses cheap.
        # Then it gets the engine's whole decision (frames, the line's best issue...), as
        # full matching does.
        groups = group_lines(lines)
        if not (kinds & SIGNATURE and any(self.engine.holds_signature(group) for group in groups)
                or kinds & WORDS and any(self.words_may_be_confident(g.text, g.gist) for g in groups)):
            return
        found: list[tuple[int, str, str | None]] = []
        report = self.engine.match_lines(lines, min_score=CONFIDENT, confident_words=True,
                                         on_hit=lambda *hit: found.append(hit))
        # every confident line, in log order (a report lists MAX_LINES_PER_MATCH per issue), as
        # the report shows a line: its whole logical line (a traceback, a wrapped line), clipped,
        # and its physical lines as the engine read them (MAX_SAMPLE_CHARS);
        # a hit numbered by another line than its group's is a later row of the group holding the
        # signature alone (Engine._located: a `kubectl describe` Events row), shown alone as full
        # matching shows it. Records are counted by the group's head.
        record_of = {index + 1: group for group in groups for index in range(group.first, group.last + 1)}
        specs = {m.issue.spec.slug: m.issue.spec for m in report.matches}
        for number, slug, signature in sorted(found, key=lambda hit: hit[0]):
            group = record_of[number]
            if lines_before + group.first + 1 != self._last_record:
                self.records_matched += 1
                self._last_record = lines_before + group.first + 1
            tally = self.tallies.get(slug)
            if tally is None:
                spec = specs[slug]
                tally = self.tallies[slug] = IssueTally(slug, spec.title, spec.url)
            if number == group.number:
                text = group.text
                read = (lines_before + group.first + 1, tuple(lines[group.first : group.last + 1]))
            else:
                text = lines[number - 1].strip()
                read = (lines_before + number, (text,))
            tally.add(lines_before + number, clip(text), signature, read)
            if self.on_hit:
                self.on_hit(lines_before + number, slug, signature)


_LONE_CR = re.compile(rb"\r(?!\r?\n)")


def lone_returns(data: bytearray, start: int, end: int, *, final: bool) -> None:
    """Make each lone \r of data[start:end] a \n, in place: a line ends at \n, \r\n, \r\r\n or a
    lone \r (grouping.physical_lines), and triage reads lines at \n (a line's \r before it is
    stripped as full matching strips it). Same length, so offsets and byte counts hold. One or
    two \r ending data[:end] are left for the next read to decide (\r\n or \r\r\n split between
    two reads), unless the stream is over (`final`). A search for \r (memchr) skips the usual chunk
    that has none: counting \r and \r\n cost 0.3-0.4 s on the 148 MB bench log (2026-12-06);
    two counts skip a chunk of Windows lines."""
    if data.find(b"\r", start, end) < 0 or data.count(b"\r", start, end) == data.count(b"\r\n", start, end):
        return
    stop = end
    while not final and stop > max(start, end - 2) and data[stop - 1 : stop] == b"\r":
        stop -= 1
    data[start:stop] = _LONE_CR.sub(b"\n", bytes(data[start:stop]))


def triage_stream(
    engine,
    stream: BinaryIO,
    progress: Callable[[int, int], None] | None = None,
    *,
    chunk_size: int = CHUNK_SIZE,
    on_hit: Callable[[int, str, str], None] | None = None,
    words: bool = True,
) -> TriageSummary:
    """Scan a binary stream; `progress(bytes_read, lines_scanned)` is called per chunk.

    `on_hit(line_number, slug, signature)`, if given, hears of every hit (the
    summary itself keeps counts and a few samples only, to stay bounded).
    `words`: also find the lines only word evidence makes confident, as full
    matching does (the default; False: signature hits only, ~0.4x the CPU).

    One buffer of `chunk_size` bytes is reused: the unfinished tail of a chunk
    (after its last safe head) moves to the front and the next read fills the
    rest. It doubles when a single line or group does not fit, up to MAX_BUFFER.
    """
    scanner = _Scanner(engine, template_scanner(engine), on_hit, words)
    data = bytearray(chunk_size)
    view = memoryview(data)
    filled = total = 0
    last = b""
    while True:
        read = stream.readinto(view[filled:]) or 0
        total += read
        end = filled + read
        # the carried tail is done but for the \r (or two) it ended on, which the new bytes decide
        lone_returns(data, max(0, filled - 2), end, final=not read)
        cut = end if not read else _hard_cut(data, _safe_cut(data, end), end)
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
    return TriageSummary(issues, lines_total, total, scanner.candidates, scanner.prefilter.name,
                         scanner.records_matched)
