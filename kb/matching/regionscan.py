"""Triage's two scans of a whole region, templates and failure signs, in one Hyperscan database.

Triage scans each region of a file for the lines that may hold a signature (prefilter.py's
template scanner) and for those that may state a failure (failscan.py's failure scan). Each
scan of a region costs Hyperscan a pass over its bytes; one database holding both sets of
patterns costs less than the two (2026-12-07, callgrind on 10 MB of the bench log: 299 million
instructions against 159 + 182 million; the two scans are a third of a triage's instructions).
A pattern's matches do not depend on the others in its database, so the template hits and the
failure scan's lines are those of the two scans apart (tests/test_matching_regionscan.py).

The failure scan's LONG_RUN pattern is scanned alone, where its probe finds a run, as
failscan.FailureScanner does. Built per engine (its templates), and kept in an engine snapshot
beside the two it joins (kb/snapshots.py): compiling it costs ~0.5 s.
"""

import pickle

from .failscan import _RUN, LONG_RUN, TEMPLATE, Lines, failure_patterns, scan_lines
from .hyperscan_db import PatternDatabase
from .perengine import PerEngine
from .prefilter import TemplateScanner, template_patterns, template_scanner


class RegionScanner:
    """`scan(data, limit)`: the template scanner's hits and the failure scan's Lines of a region."""

    def __init__(self, templates: dict[int, bytes], failures: list[tuple[bytes, int]]):
        """`templates`: pattern by template id; `failures`: (pattern, what it says), as
        failscan.failure_patterns. A failure pattern's id is its index after the templates'."""
        base = max(templates, default=-1) + 1
        self._says = [TEMPLATE] * base + [says for _pattern, says in failures]
        short = [(base + i, p) for i, (p, _says) in enumerate(failures) if p != LONG_RUN]
        runs = [(base + i, p) for i, (p, _says) in enumerate(failures) if p == LONG_RUN]
        self._db = PatternDatabase([*templates.values(), *(p for _i, p in short)],
                                   ids=[*templates, *(i for i, _p in short)])
        self._runs = PatternDatabase([p for _i, p in runs], ids=[i for i, _p in runs])
        self._probe = PatternDatabase([_RUN])

    def dumps(self) -> bytes:
        """The compiled databases and what each pattern says, for a snapshot (kb/snapshots.py)."""
        return pickle.dumps((self._db.dumps(), self._runs.dumps(), self._probe.dumps(), self._says))

    @classmethod
    def loads(cls, data: bytes) -> "RegionScanner":
        database, runs, probe, says = pickle.loads(data)
        scanner = cls.__new__(cls)
        scanner._db, scanner._runs = PatternDatabase.loads(database), PatternDatabase.loads(runs)
        scanner._probe, scanner._says = PatternDatabase.loads(probe), says
        return scanner

    def scan(self, data, limit: int) -> tuple[list[tuple[int, int]], Lines]:
        """(end offset, template id) of every template match in data[:limit], ascending
        (TemplateScanner.hits), and what the failure patterns find in its lines
        (FailureScanner.lines); data[:limit] starts at a line's start."""
        hits: list[tuple[int, int]] = []
        found = scan_lines(data, limit, self._scan, self._says, hits)
        hits.sort()
        return hits, found

    def _scan(self, region, on_match) -> None:
        self._db.scan(region, on_match)
        if self._probe.holding([region])[0]:
            self._runs.scan(region, on_match)


def _compile(engine) -> RegionScanner | None:
    """The engine's region scanner; None when its template scanner is no Hyperscan one."""
    if not isinstance(template_scanner(engine), TemplateScanner):
        return None
    return RegionScanner(template_patterns(engine)[0], failure_patterns())


# The engine's region scanner, compiled on first use (`region_scanner.adopt` takes one loaded
# from a snapshot).
region_scanner: PerEngine[RegionScanner | None] = PerEngine(_compile)
