"""A compiled Hyperscan database (block mode): what triage's three C-speed scans share.

prefilter.py's literal prefilter and template scanner and wordscan.py's word scanner each
compile their patterns once per engine (perengine.py), then scan many windows with them,
from several threads at once; patterns compiled before are not compiled again (`_compiled`).
The template scanner's database is also kept as bytes in an engine snapshot (kb/snapshots.py):
compiling it costs ~0.4 s.
"""

import threading
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate

# Compiled databases by what they were compiled from, the most recently asked for last. An engine
# is rebuilt whenever the knowledge changes, and its scanners compiled again; most of their
# patterns did not change (the failure scan's never do), and a compiled database is immutable,
# scanned from several threads at once with a scratch space each: one compiled from the same
# patterns, ids, flags and literal-ness is the same database. The test suite builds an engine of
# the same knowledge per database test, and compiling took 6 of such a test's 7.7 s (2026-12-07,
# tests/test_match_command.py). A few are kept: a server holds one engine at a time.
_COMPILED: "OrderedDict[tuple, object]" = OrderedDict()
_KEEP = 8
_compiled_lock = threading.Lock()


def _compiled(hyperscan, patterns: list[bytes], ids: list[int], flags, literal: bool):
    key = (tuple(patterns), tuple(ids), flags if isinstance(flags, int) else tuple(flags), literal)
    with _compiled_lock:
        database = _COMPILED.get(key)
        if database is not None:
            _COMPILED.move_to_end(key)
            return database
    database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)  # raises on a bad pattern: not kept
    database.compile(expressions=patterns, ids=ids, flags=flags if isinstance(flags, int) else list(flags),
                     literal=literal)
    with _compiled_lock:
        _COMPILED[key] = database
        while len(_COMPILED) > _KEEP:
            _COMPILED.popitem(last=False)
    return database


class PatternDatabase:
    """Patterns compiled for scanning bytes; with none, a scan finds nothing."""

    def __init__(self, patterns: Sequence[bytes], *, ids: Sequence[int] | None = None,
                 flags: Sequence[int] | int = 0, literal: bool = False):
        """`ids`: what a match reports for each pattern (default: its position); `flags`: one per
        pattern, or one for all; `literal`: the patterns are bytes matched as they are (no regex
        syntax, no escaping)."""
        import hyperscan

        self._hs = hyperscan
        self._db = None
        self._local = threading.local()  # each thread's scratch space (`_scratch`)
        if patterns:
            patterns = list(patterns)
            self._db = _compiled(hyperscan, patterns,
                                 list(ids) if ids is not None else list(range(len(patterns))), flags, literal)

    def _scratch(self):
        """This thread's scratch space, Hyperscan's working memory for one scan at a time (scans
        may run in several threads at once; no callback here scans again). Allocated once per
        thread, not per scan: for the word scanner's database that took 0.8 ms, 69 times in a
        triage of the bench log, and the three databases' together 0.033 s of its CPU."""
        scratch = getattr(self._local, "scratch", None)
        if scratch is None:
            scratch = self._local.scratch = self._hs.Scratch(self._db)
        return scratch

    def scan(self, data, on_match: Callable) -> None:
        """Call `on_match(id, start, end, flags, context)` for each match in `data`, as found."""
        if self._db is not None:
            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch())

    def matches_by_line(self, lines: Sequence[bytes]) -> list[tuple[int, int]]:
        """(index of the line, pattern id) of each match in `lines` (no newline in any), in the
        order found: the lines are scanned joined by newlines, in one scan (a scan's set-up
        counts for many short lines), and a match is the line's that holds its last byte."""
        ends: list[tuple[int, int]] = []
        self.scan(b"\n".join(lines), lambda id_, _start, end, *_: ends.append((end, id_)))
        starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
        return [(bisect_right(starts, end - 1) - 1, id_) for end, id_ in ends]

    def holding(self, texts: Iterable[bytes]) -> list[bool]:
        """Whether each text holds a match of some pattern: one scratch space for all, and each
        scan stops at its first match (for many short texts, where a scan's set-up counts)."""
        if self._db is None:
            return [False for _text in texts]
        scratch, terminated, out = self._scratch(), self._hs.ScanTerminated, []
        for text in texts:
            try:
                self._db.scan(text, match_event_handler=_stop, scratch=scratch)
                out.append(False)
            except terminated:
                out.append(True)
        return out

    def dumps(self) -> bytes:
        """The compiled database, for a snapshot."""
        return self._hs.dumpb(self._db) if self._db is not None else b""

    @classmethod
    def loads(cls, data: bytes) -> "PatternDatabase":
        database = cls([])
        if data:
            database._db = database._hs.loadb(data, database._hs.HS_MODE_BLOCK)
        return database


def _stop(*_match) -> bool:
    return True  # Hyperscan ends the scan (ScanTerminated)
