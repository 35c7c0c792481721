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

import re
from collections.abc import Iterable
from itertools import compress, count

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


def word_patterns(bounds) -> list[tuple[bytes, int]]:
    """(Hyperscan pattern, flags) for the lines around which word evidence may be confident
    (bounds.py says why these suffice), over one line read as _READ reads it, after a newline
    (WordScanner: `$` is the line's end)."""
    import hyperscan

    flags = hyperscan.HS_FLAG_SINGLEMATCH
    patterns = [
        # what the raw line does not show as the words scoring reads: colour codes masking
        # removes (they may sit inside a word), a JSON record (its message is decoded), a
        # group whose gist spans physical lines (a backslash-wrapped line, indented tails)
        rb"\x1b",
        rb"\\[ \t\r]*$",
        rb"\n[ \t]*\{[^\n]*\\",
    ]
    for issue, rare in enumerate(bounds.rare):
        if len(rare) < 3 or not bounds.distinct[issue]:
            continue  # three rare terms and a distinct one are needed
        standing: dict[str, int] = {}  # trigger -> the terms it stands for
        for term in rare:
            for trigger in set(triggers(term)):
                standing[trigger] = standing.get(trigger, 0) + 1
        # the terms that can sit at one place in the line: its own, and those inside it
        room = {t: sum(n for o, n in standing.items() if o in t) for t in standing}
        every = _either(standing)
        patterns.append(every + b".*" + every + b".*" + every)
        patterns.append(b"\n[ \t][^\n]*" + every)
        if two := [t for t, n in room.items() if n >= 2]:
            either = _either(two)
            patterns.append(b"(?:" + either + b".*" + every + b"|" + every + b".*" + either + b")")
        if three := [t for t, n in room.items() if n >= 3]:
            patterns.append(_either(three))
    return [(pattern, flags) for pattern in patterns]


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
                 database: PatternDatabase | None = None):
        """`database`: the patterns already compiled (one loaded from a snapshot)."""
        expressions, flags = zip(*patterns, strict=True) if patterns else ((), ())
        self._db = database or PatternDatabase(expressions, flags=flags)

    def dumps(self) -> bytes:
        """The compiled database, for a snapshot (kb/snapshots.py): compiling costs ~5 s."""
        return self._db.dumps()

    @classmethod
    def loads(cls, data: bytes) -> "WordScanner":
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
        chosen = set(compress(distinct, self._db.holding(b"\n" + line for line in distinct)))
        return list(compress(count(), map(chosen.__contains__, lines)))


# Line shapes prefix.parse reads as INFO/DEBUG (tests/test_matching_wordscan.py compares them with
# parse). Each is narrower than the parser's own pattern (ASCII only, no optional parts it need
# not have), and begins where no pattern parse tries before it can match:
# * oslo.log: `<ISO time> <pid> INFO <dotted.logger> ` (a syslog header would need `INFO: `,
#   Ceph's a dout priority after the pid, MySQL's a bracket);
# * the same under a container runtime's time (`_RUNTIME`: Pebble's `<ISO time>Z [service] `
#   in Sunbeam's OpenStack pods, then maybe a time of its own);
# * MySQL/MariaDB: `<ISO time> <thread> [Note] ` (with the thread: syslog would take `[Note]`
#   for a program, which starts with a letter);
# * klog's I lines under a syslog tag: `<Mon DD HH:MM:SS> <host> <program>[pid]: I1221 ...] `;
# * etcd's I, N and D lines: `<ISO time> I | etcdserver: ` (syslog would need a program
#   after the level, which `|` is not);
# * libvirtd's info and debug lines: `<ISO time>: <thread>: debug : ` (syslog needs a space
#   after the time).
_ISO = rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?"
_ISO_ZONED = _ISO + rb"(?:Z|[+-]\d\d:?\d\d)?"
_DOTTED = rb"[A-Za-z_][A-Za-z0-9_]{0,63}(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}){1,12} "
_OSLO_INFO = _ISO + rb" \d{1,10} (?:INFO|DEBUG) " + _DOTTED
_MONTH = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# A container runtime's time before a line: Pebble's `<ISO time>Z [service] ` (a service
# named like no level: `[error]` is one), or a time alone (parse's _CRI, which no pattern it
# tries before it takes: what follows the time is no host and program, no level).
_NO_LEVEL = rb"(?!(?i:" + "|".join(sorted(_LEVELS, key=len, reverse=True)).encode() + rb")\])"
_PEBBLE = (rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?Z "
           rb"\[" + _NO_LEVEL + rb"[A-Za-z][A-Za-z0-9_.@/-]{0,63}\] ")
_RUNTIME = rb"(?:" + _PEBBLE + rb")?(?:" + _ISO + rb" )?"
_SYSLOG_HEAD = rb" [ \d]\d \d\d:\d\d:\d\d [!-~]{1,255} [A-Za-z][A-Za-z0-9_.@/-]{0,63}"
_KLOG_HEAD = rb"\d{4} \d\d:\d\d:\d\d\.\d{1,9} {1,12}\d{1,10} [A-Za-z0-9_.-]{1,128}:\d{1,7}\] "
_ETCD = _ISO_ZONED + rb" [IWEDNC] \| [A-Za-z0-9_/.-]{1,128}: "
_LIBVIRT = _ISO_ZONED + rb": \d{1,10}: (?:error|warning|info|debug) : "
_INFORMATIONAL_SHAPES = (
    rb"(?:" + _RUNTIME + _OSLO_INFO
    + rb"|" + _ISO + rb" \d{1,20} \[(?:Note|System)\] "
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
_STRIPPED = (
    rb"(?:" + _RUNTIME + _ISO + rb" \d{1,10} (?:TRACE|DEBUG|INFO|AUDIT|NOTICE|WARNING|WARN|ERROR"
    rb"|CRITICAL|FATAL|EXCEPTION) " + _DOTTED
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
_SILENT = (_RUNTIME + _ISO + rb" \d{1,10} (?:TRACE|DEBUG|INFO|WARNING|ERROR|CRITICAL) "
           rb"[A-Za-z_][A-Za-z0-9_.]{0,100}(?: \[[^\]\n]{0,80}\])? {3}[^\n]*")
_REDUCE = re.compile(rb"\n(?:" + _INFORMATIONAL_SHAPES + rb"[^\n]*|" + _SILENT + rb"|" + _STRIPPED + rb")")
# A line that may be a prefixed traceback's exception (its gist, whatever its level) loses only
# its prefix, unless it is a frame.
_STRIP = re.compile(rb"\n(?:" + _SILENT + rb"|" + _STRIPPED + rb")")
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
word_scanner: PerEngine[WordScanner] = PerEngine(lambda engine: WordScanner(word_patterns(bounds_of(engine))))


