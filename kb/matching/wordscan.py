"""Triage's word stage: the C pass that finds the lines where word evidence may be confident.

bounds.py says what such a line holds (three *rare* terms of one issue, and no
INFO/DEBUG level) and why the patterns below find every one of them; this
module compiles them, and cuts each line to what may be its message before they
run. All is sound: a line that cannot be confident may be kept, never one that can
be dropped (tests/test_matching_triage.py: triage with words equals full matching
on real logs, the eval sets, healthy logs and generated ones;
tests/test_matching_wordscan.py checks each cheap test against the code it
stands for).

* **What the patterns read** (`cut`, one regex over the lines read, `_REDUCE`):
  every line that heads its logical line is cut to what may be its message: a
  line of a shape prefix.parse reads as INFO/DEBUG (`_INFORMATIONAL`) to nothing
  (its group keeps 0.75 of its word evidence, never enough), a line of a shape
  whose prefix parse certainly strips (`_STRIPPED`: oslo.log at any level, under
  a container runtime's time or not, syslog with klog after it, etcd, libvirtd) to
  what follows it. A line that may continue another (after an indented line, a
  blank line after one, or a backslash) is read whole, one that may be a prefixed traceback's loses only
  its prefix (triage._segments). Every line stays, so a line the patterns hold
  maps back by its number. The year, host, program and logger of a prefix, and
  INFO chatter, no longer make candidates; on the bench log the patterns read
  a fifth of its bytes.
* **The patterns** (`word_patterns`, Hyperscan) read each distinct line (its
  digits 0, `_READ`) on its own and stop at the first match
  (`WordScanner.holding`): a bench log region's 200,000 cut lines are 5,000 so
  read. Reading digits as 0 holds more lines: a trigger that is a number (`400`,
  `2000`) then stands for any number of its length; on the real logs at hand 9 %
  more lines are read in Python (51,361 against 47,047), which costs what the scan
  saves there.
* **Large knowledge** (past PATTERNS_BUDGET triggers, a team's imported runbooks): the
  places are not spelled out, whose compile time grows faster than the patterns; a line is
  held when the triggers it holds stand for three rare terms of one issue in all
  (`_TriggerCount`, a superset: on the real logs at hand, where those patterns held every
  line of a sample, it holds 199 of 205).
* **What is read at all** (triage._Scanner._word_lines): only the lines the failure scan
  holds (failscan.py: a line that states no failure gives no confident word evidence), those
  that may belong to a logical line of several lines, and the lines of a segment that is not
  CUT; on the bench log 4 % of its lines.
* **What is left of a candidate**: a logical line of one physical line is ruled out if it
  states no failure, or by its *shape*, its digits rewritten, once per message
  (bounds.Bounds.line_ruled_out: a host masking hides, a status code, a BGP session's
  address make thousands of lines one shape); a line holding a Python frame or heading its
  logical line with an INFO/DEBUG shape is dropped (triage._wordless); the rest is read as
  full matching reads it.

Tried before and measured (2026-12-06): triggers matched only at token edges
(not between two lower-case letters: `Running` holds no `ng`) took Hyperscan 45 s
to 132 s to compile, or were refused as too large; one pattern per trigger
reports 6 triggers a line of the bench log; Hyperscan's Chimera (PCRE look-aheads
to skip INFO lines) took 2.5 s on 30 MB for two patterns; masking every line in
bulk (normalize's own regex over a region) costs 0.14 s a MB; the patterns run on to
each line's end (`[^\n]*$`, multiline) over the distinct cut lines joined took 0.19 s
on a bench log region where each line scanned alone up to its first match takes 0.04 s.
"""

import pickle
import re
from collections.abc import Iterable
from itertools import compress, count

from kb.lazyre import Lazy

from .bounds import bounds_of, triggers
from .hyperscan_db import PatternDatabase
from .perengine import PerEngine
from .prefix import _LEVELS

# How the patterns read a text (WordScanner): ASCII letters lowered (case aside, as the triggers
# say), and every ASCII digit written 0 (lines that differ in their numbers alone, a host, a pid,
# an address, are read once). A trigger is read the same way: a line that holds it holds it so
# read, and nothing else in a pattern names a digit or a capital, so the patterns hold every line
# they held as written, and maybe more.
_READ = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ123456789", b"abcdefghijklmnopqrstuvwxyz000000000")


def _either(strings: Iterable[str]) -> bytes:
    escaped = sorted({re.escape(s).encode().translate(_READ) for s in strings if s},
                     key=lambda s: (-len(s), s))
    return b"(?:" + b"|".join(escaped) + b")"


# How many triggers the issues' alternations may hold in all (each issue's counted once) for
# word_patterns to spell each issue's places out: Hyperscan's compile time grows faster than the
# patterns (measured 2026-12-06, CPU seconds: kb's own 30 issues, 1,781 triggers, 5 s to 10 s by
# the load; the patterns of 50 issues of a team's imported documents 6.7 s, of their 598 issues'
# 17,884 triggers 272 s and 559 MB, their indented ones alone 49 s). Past it, each issue's
# triggers are counted (_TriggerCount): one literal database, 0.3 s for those 17,884.
PATTERNS_BUDGET = 2000
# What the raw line does not show as the words scoring reads: colour codes masking removes
# (they may sit inside a word), a JSON record (its message is decoded), a group whose gist
# spans physical lines (a backslash-wrapped line, indented tails).
_UNSEEN = (rb"\x1b", rb"\\[ \t\r]*$", rb"\n[ \t]*\{[^\n]*\\")


def standing(bounds) -> list[dict[str, int]]:
    """Per issue that may be confident on a line's words (three rare terms and a distinct one,
    or none), its triggers and how many of its rare terms each stands for."""
    out = []
    for issue, rare in enumerate(bounds.rare):
        counts: dict[str, int] = {}  # trigger -> the terms it stands for
        if len(rare) >= 3 and bounds.distinct[issue]:
            for term in rare:
                for trigger in set(triggers(term)):
                    counts[trigger] = counts.get(trigger, 0) + 1
        out.append(counts)
    return out


def spelled_out(bounds) -> bool:
    """Whether word_patterns spells each issue's places out (PATTERNS_BUDGET), rather than
    leaving its triggers to _TriggerCount."""
    return sum(map(len, standing(bounds))) <= PATTERNS_BUDGET


def word_patterns(bounds) -> list[tuple[bytes, int]]:
    """(Hyperscan pattern, flags) for the lines around which word evidence may be confident
    (bounds.py says why these suffice), over one line read as _READ reads it, after a newline
    (WordScanner: `$` is the line's end). Past PATTERNS_BUDGET only the lines the raw text
    hides words in: _TriggerCount holds the rest."""
    import hyperscan

    flags = hyperscan.HS_FLAG_SINGLEMATCH
    patterns = list(_UNSEEN)
    for counts in standing(bounds) if spelled_out(bounds) else ():
        if not counts:
            continue  # three rare terms and a distinct one are needed
        # the terms that can sit at one place in the line: its own, and those inside it
        room = {t: sum(n for o, n in counts.items() if o in t) for t in counts}
        every = _either(counts)
        patterns.append(every + b".*" + every + b".*" + every)
        patterns.append(b"\n[ \t][^\n]*" + every)
        if two := [t for t, n in room.items() if n >= 2]:
            either = _either(two)
            patterns.append(b"(?:" + either + b".*" + every + b"|" + every + b".*" + either + b")")
        if three := [t for t, n in room.items() if n >= 3]:
            patterns.append(_either(three))
    return [(pattern, flags) for pattern in patterns]


class _TriggerCount:
    """The lines holding, for some issue, triggers that stand for three of its rare terms in all
    (or any trigger, indented): a superset of what word_patterns' places hold. A line holding
    three rare terms holds a trigger of each (bounds.triggers), and each term is counted in
    what its trigger stands for, so the sum over the triggers found is 3 or more; wherever
    they sit, nested or apart. One literal database of every trigger (_READ), linear to compile;
    a match costs a call in Python, which only knowledge past PATTERNS_BUDGET pays."""

    def __init__(self, weights: dict[bytes, tuple[tuple[int, int], ...]]):
        """`weights`: trigger (as _READ reads it) -> (issue, the terms it stands for) pairs."""
        self.weights = weights
        self._literals = list(weights)
        self._db = PatternDatabase(self._literals, literal=True)

    @classmethod
    def of(cls, bounds) -> "_TriggerCount":
        weights: dict[bytes, list[tuple[int, int]]] = {}
        for issue, counts in enumerate(standing(bounds)):
            read: dict[bytes, int] = {}
            for trigger, n in counts.items():
                key = trigger.encode().translate(_READ)
                read[key] = read.get(key, 0) + n
            for key, n in read.items():
                weights.setdefault(key, []).append((issue, n))
        return cls({key: tuple(pairs) for key, pairs in weights.items()})

    def holding(self, lines: list[bytes]) -> list[bool]:
        """Whether each line (no newline in it) holds three terms' triggers of one issue, or
        starts indented and holds any trigger."""
        per_line: dict[int, set[int]] = {}
        for number, id_ in self._db.matches_by_line(lines):
            per_line.setdefault(number, set()).add(id_)
        out = [False] * len(lines)
        for number, ids in per_line.items():
            out[number] = lines[number][:1] in (b" ", b"\t") or self._three(ids)
        return out

    def _three(self, ids: set[int]) -> bool:
        summed: dict[int, int] = {}
        for id_ in ids:
            for issue, n in self.weights[self._literals[id_]]:
                summed[issue] = summed.get(issue, 0) + n
        return any(n >= 3 for n in summed.values())


class WordScanner:
    """The compiled word_patterns: `holding(text)` gives the numbers of the candidate lines.

    The patterns read a line lowered and its digits 0 (_READ: ASCII, as Hyperscan's caseless
    flag) after a newline, and say a line's start by its newline, never `^`: the Hyperscan build
    kb runs (python-hyperscan 0.9.1) missed lines both ways (2026-12-06), context aside:
    caseless `(?:load|pool).*(?:max_pool_size|pool)` held no part of `Loaded module
    v0.8.3-1ubuntu12.13, ZFS pool version`, and multiline `^[ \t][^\n]*(?:three|int)` no
    ` int` after a line of 30 bytes or more (tests/test_matching_wordscan.py compares the
    scanner with Python's re).
    """

    name = "hyperscan-words"

    def __init__(self, patterns: list[tuple[bytes, int]] | None = None, *,
                 database: PatternDatabase | None = None, counting: "_TriggerCount | None" = None):
        """`database`: the patterns already compiled (one loaded from a snapshot); `counting`:
        the triggers of knowledge past PATTERNS_BUDGET, which the patterns leave out."""
        expressions, flags = zip(*patterns, strict=True) if patterns else ((), ())
        self._db = database or PatternDatabase(expressions, flags=flags)
        self._counting = counting

    @classmethod
    def of(cls, bounds) -> "WordScanner":
        return cls(word_patterns(bounds), counting=None if spelled_out(bounds) else _TriggerCount.of(bounds))

    def dumps(self) -> bytes:
        """The compiled database, for a snapshot (kb/snapshots.py): compiling costs ~5 s. With
        triggers counted, their table after a marker (their database compiles in well under 1 s)."""
        if self._counting is None:
            return self._db.dumps()
        return _COUNTING + pickle.dumps((self._db.dumps(), self._counting.weights))

    @classmethod
    def loads(cls, data: bytes) -> "WordScanner":
        if data.startswith(_COUNTING):
            patterns, weights = pickle.loads(data[len(_COUNTING):])
            return cls(database=PatternDatabase.loads(patterns), counting=_TriggerCount(weights))
        return cls(database=PatternDatabase.loads(data))

    def holding(self, text: bytes) -> list[int]:
        """Numbers (from 0) of the lines of `text` that a pattern holds, ascending. Each distinct
        line, as the patterns read it (_READ), is scanned once and on its own, up to its first
        match: no pattern reaches across a newline, so a line is held or not whatever lines
        surround it. On the bench log a region's 200,000 lines are 5,000 once read so, and
        scanning each alone took 0.04 s against 0.19 s for one scan of them joined with the
        patterns run on to each line's end (2026-12-06)."""
        lines = text.translate(_READ).split(b"\n")
        distinct = list(dict.fromkeys(lines))
        held = self._db.holding(b"\n" + line for line in distinct)
        if self._counting is not None:
            held = [a or b for a, b in zip(held, self._counting.holding(distinct), strict=True)]
        chosen = set(compress(distinct, held))
        return list(compress(count(), map(chosen.__contains__, lines)))


# What starts a dumped WordScanner that counts triggers (a Hyperscan database never does).
_COUNTING = b"kb-word-triggers\n"


# Line shapes prefix.parse reads as INFO/DEBUG (tests/test_matching_wordscan.py compares them with
# parse). Each is narrower than the parser's own pattern (ASCII only, no optional parts it need
# not have), and begins where no pattern parse tries before it can match:
# * oslo.log: `<ISO time> <pid> INFO <dotted.logger> ` (a syslog header would need `INFO: `,
#   Ceph's a dout priority after the pid, MySQL's a bracket);
# * the same under a container runtime's time (`_TIMED`: Pebble's `<ISO time>Z [service] `
#   in Sunbeam's OpenStack pods, then maybe a time of its own);
# * MySQL/MariaDB: `<ISO time> <thread> [Note] ` (with the thread: syslog would take `[Note]`
#   for a program, which starts with a letter);
# * klog's I lines under a syslog tag: `<Mon DD HH:MM:SS> <host> <program>[pid]: I1221 ...] `;
# * etcd's I, N and D lines: `<ISO time> I | etcdserver: ` (syslog would need a program
#   after the level, which `|` is not);
# * libvirtd's info and debug lines: `<ISO time>: <thread>: debug : ` (syslog needs a space
#   after the time).
_ISO = rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9}+)?+"
_ISO_ZONED = _ISO + rb"(?:Z|[+-]\d\d:?\d\d)?"
_DOTTED = rb"[A-Za-z_][A-Za-z0-9_]{0,63}+(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}+){1,12}+ "
_OSLO_INFO = rb" \d{1,10}+ (?:INFO|DEBUG) " + _DOTTED  # after its time (`_TIMED`)
_MONTH = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A container runtime's time before a line: Pebble's `<ISO time>Z [service] ` (a service
# named like no level: `[error]` is one), or a time alone (parse's _CRI, which no pattern it
# tries before it takes: what follows the time is no host and program, no level).
_NO_LEVEL = rb"(?!(?i:" + "|".join(sorted(_LEVELS, key=len, reverse=True)).encode() + rb")\])"
_PEBBLE = (rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9}+)?+Z "
           rb"\[" + _NO_LEVEL + rb"[A-Za-z][A-Za-z0-9_.@/-]{0,63}\] ")
# A line's time, maybe under a runtime's: `(?:<Pebble>)?(?:<time> )?<time>`, written so that a line
# with one time reads it once, not once as the runtime's and again as its own (what follows
# the time, a pid then a space, cannot start with a second time: taking one is final).
_TIMED = rb"(?:" + _PEBBLE + rb")?" + _ISO + rb"(?: " + _ISO + rb")?+"
_SYSLOG_HEAD = rb" [ \d]\d \d\d:\d\d:\d\d [!-~]{1,255} [A-Za-z][A-Za-z0-9_.@/-]{0,63}"
_KLOG_HEAD = rb"\d{4} \d\d:\d\d:\d\d\.\d{1,9} {1,12}\d{1,10} [A-Za-z0-9_.-]{1,128}:\d{1,7}\] "
_ETCD = _ISO_ZONED + rb" [IWEDNC] \| [A-Za-z0-9_/.-]{1,128}: "
_LIBVIRT = _ISO_ZONED + rb": \d{1,10}: (?:error|warning|info|debug) : "
_INFORMATIONAL_SHAPES = (
    rb"(?:" + _TIMED + _OSLO_INFO
    + rb"|" + _ISO + rb" \d{1,20}+ \[(?:Note|System)\] "
    rb"|" + _MONTH + _SYSLOG_HEAD + rb"\[\d{1,10}\]: I" + _KLOG_HEAD
    + rb"|" + _ETCD.replace(rb"[IWEDNC]", rb"[IND]")
    + rb"|" + _LIBVIRT.replace(rb"error|warning|", b"") + rb")"
)
_INFORMATIONAL = re.compile(_INFORMATIONAL_SHAPES)
# A Python stack frame (grouping._PY_FRAME, on bytes: ASCII digits, a byte per character at
# most): a logical line holding one is silent (scoring._silent: grouping.is_frame searches its
# whole gist), and a traceback leaves its frames out of its gist, so such a line gives no word
# evidence wherever it falls.
_PY_FRAME = re.compile(rb'File "[^"\n]{0,1000}", line \d{1,9}')


# What prefix.parse certainly strips off a line that starts with it (tests/test_matching_wordscan.py
# checks the message parse finds is in what is left): any level of the shapes above, a syslog
# header (with a klog one after it), Pebble's service name. Each begins where no pattern parse
# tries before it can match, ends where the one that matches it ends or earlier, and is ASCII
# only (parse's classes take more).
_OSLO_STRIPPED = (_TIMED + rb" \d{1,10}+ (?:TRACE|DEBUG|INFO|AUDIT|NOTICE|WARNING|WARN|ERROR"
                  rb"|CRITICAL|FATAL|EXCEPTION) " + _DOTTED)
_STRIPPED = (
    rb"(?:" + _OSLO_STRIPPED
    + rb"|" + _PEBBLE
    + rb"|" + _MONTH + _SYSLOG_HEAD + rb"(?:\[\d{1,10}\])?: (?:[IWEF]" + _KLOG_HEAD + rb")?"
    + rb"|" + _ETCD + rb"|" + _LIBVIRT + rb")"
)
# A region as the word patterns read it (`reduced`), line for line: each line that heads its
# logical line is cut to what may be its message: an INFO/DEBUG line (its group can give no
# confident word evidence, bounds.py) to nothing, a line of a shape above to what follows its
# prefix. An indented line has none of these shapes; a line that may not head its logical line
# (after an indented line or a backslash, inside a prefixed traceback's reach) is left out of
# the segments cut (triage._segments).
# An oslo.log line whose message is indented (a traceback's frame or code under its prefix) is
# never word evidence: within a prefixed traceback it is a frame, which no gist holds; heading
# its logical line, scoring._OSLO_INDENTED finds it within its gist's first 400 characters
# (this shape is shorter) and makes the group silent.
_SILENT = (_TIMED + rb" \d{1,10}+ (?:TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL) "
           rb"[A-Za-z_][A-Za-z0-9_.]{0,100}+(?: \[[^\]\n]{0,80}+\])?+ {3}[^\n]*")
# A line cut so heads its logical line, whose gist starts with it (grouping.py: a traceback's is
# its exception line, in no segment cut so), and also loses the context brackets (request,
# instance) after an oslo.log prefix: parse's oslo.log shape takes up to two of them with the
# prefix, the last followed by a space or the text's end, so it takes every one taken here, each
# followed by a space (and no longer than 512 bytes: characters, for parse). Lines that differ in
# their ids alone are then read once (WordScanner.holding): 19,000 near misses of the bench log,
# each read alone, cost the word patterns 0.12 s (2026-12-07).
_CONTEXT = rb"(?:\[[^\]\n]{0,512}\] ){0,2}"
_REDUCE = re.compile(rb"\n(?:" + _INFORMATIONAL_SHAPES + rb"[^\n]*|" + _SILENT
                     + rb"|" + _OSLO_STRIPPED + _CONTEXT + rb"|" + _STRIPPED + rb")")
# A line that may be a prefixed traceback's exception (its gist, whatever its level) loses only
# its prefix, unless it is a frame. Compiled when first used (kb/lazyre.py: 2 ms of `manage.py
# match`'s start-up, for logs with oslo.log's prefixed tracebacks only).
_STRIP = Lazy(rb"\n(?:" + _SILENT + rb"|" + _STRIPPED + rb")")
# What `reduced` does to the lines of a segment.
WHOLE, STRIP, CUT = 0, 1, 2


def reduced(data, segments) -> bytes:
    """The lines of data[start:end] for each (start, end, how) in `segments` (line-aligned, in
    order, covering a region), as the word patterns read them (`cut`). As many lines as the
    region."""
    return b"".join(cut(bytes(data[start:end]), how) for start, end, how in segments)


def cut(text: bytes, how: int) -> bytes:
    """Whole lines as the word patterns read them, line for line: WHOLE, their prefix stripped
    (STRIP: each must head its logical line or be a prefixed traceback's line), or CUT (_REDUCE:
    each must head its logical line, or be indented)."""
    if how == WHOLE:
        return text
    return (_REDUCE if how == CUT else _STRIP).sub(b"\n", b"\n" + text)[1:]


def informational_head(data, start: int) -> bool:
    """Whether the line at `start` has a prefix shape that prefix.parse reads as INFO/DEBUG."""
    return _INFORMATIONAL.match(data, start) is not None


def python_frame(data, start: int, end: int) -> bool:
    """Whether the line data[start:end] holds a Python stack frame (never word evidence)."""
    return _PY_FRAME.search(data, start, end) is not None


# The engine's WordScanner, compiled on first use.
word_scanner: PerEngine[WordScanner] = PerEngine(lambda engine: WordScanner.of(bounds_of(engine)))


