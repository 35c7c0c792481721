"""Triage's first word filter: the lines that may state a failure, found in raw bytes at C speed.

Word evidence is never confident on a line that states no failure (scoring.states_failure:
`LineView.failing`). On a logical line of one physical line that reads: its level, as
prefix.parse reads it, is an error or a warning (prefix._LEVELS), or a word of the head of its
masked message reads as a failure (signatures.reads_as_failure: _FAILURE_WORDS, or a word
starting with one of _FAILURE_STEMS), or its numbers say one (scoring.numbers_say: a slow
request, plain HTTP sent to a TLS port, a live migration stuck). `failure_patterns` turns each
of these into Hyperscan patterns over the raw line, derived from those same tables and
thresholds (nothing is listed twice), each a superset of what it stands for; so a line no
pattern holds states no failure and triage leaves it to signatures (triage._Scanner._word_lines,
for a line that is a logical line of its own). On the bench log this leaves ~5 % of the lines
to the word stage; on real healthy logs about a quarter (tests/bench/bench_words.py).

Why each pattern holds every line it must (tests/test_matching_failscan.py checks each one
against view_of on real logs, generated lines and crafted ones):

* **Failure words.** tokens.words reads ASCII words (`[A-Za-z][A-Za-z0-9_]{0,79}`) and their
  parts (split at `_`, or at case changes: `isNotFound` -> is, not, found); a word or part
  starts after a byte that is no lower-case letter, or at a capital (`XYno` -> xy, no: a small
  letter after two capitals), and a part that ends in a small letter ends before one that is
  no small letter (a capital may end one anywhere: `NOx` -> no, x). Each spelling of a failure
  word (with `n't` and `n\u2019t` for its contraction, tokens.words reads `can't` as `cant`) is
  matched so (`_word`), each stem at a word's start (`_stem`). A word of 80 characters is cut
  there and the next starts mid-run: any such run is let through. Masking only takes words
  away (a placeholder is no word, and a masked value starts and ends at a word's edge), but
  for a colour code it removes (`\\x1b`: let through); a JSON record's message is decoded
  (`\\uXXXX`): a line holding `{` then a backslash is let through, another JSON record's text is
  its own bytes.
* **Levels.** prefix.parse reads a level in three kinds of place: a level word in capitals in a
  known shape (oslo.log, Python logging, klog's letter, OVS's `|ERR|`, `_LEVEL_NEAR`...), as
  written in capitals: every level word of three letters or more is a pattern, in capitals
  (`WARN` holds `WARNING`), and also in any case when it has four or more (libvirt's `error`,
  MySQL's `[Warning]`); a value it upper-cases (nginx's `[error]`, logfmt's `level=e`, a JSON
  record's `"level": "W"`): each error or warning key of _LEVELS in that place, in any case, or
  any value with a byte past ASCII (str.upper makes `\u0131` an I); a single letter in a
  known shape (klog `E1211 `, etcd's ` W | `), Ceph's negative dout priority, an RFC 5424 or
  journald priority.
* **Numbers.** an access line or `openstack --timing` row ending in a request time of as many
  digits as SLOW_SECONDS or more, haproxy's timers of a request that may have taken that long
  (`_haproxy_patterns`), an http:// URL to port 443 or 8443, a migration's progress
  line whose seconds have as many digits as PROGRESS_TIMEOUT or more. Python's `\\d` reads
  any Unicode digit (int() too): a byte past ASCII stands for one.
"""

import pickle
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from . import http_lines, migration_lines
from .bounds import triggers
from .grouping import TRACEBACK_HEAD
from .hyperscan_db import PatternDatabase
from .prefix import _LEVELS
from .signatures import _FAILURE_STEMS, _FAILURE_WORDS

# What a pattern says of the line it holds: it may state a failure (FAILING), or it may not be
# a logical line of its own (`CONTINUED`, triage reads it whatever it states; PREVIOUS: nor
# may the line before it, which it may continue); NEXT: the line after its match continues a
# logical line whatever its shape (triage._segments reads it whole); HEADER: the match is
# grouping.TRACEBACK_HEAD, where it starts is kept (`Lines.headers`).
FAILING, CONTINUED, PREVIOUS, NEXT, SAYS, HEADER = 0, 1, 2, 3, 4, 5
# Not a failure pattern's: a template's, scanned in the same database (regionscan.py).
TEMPLATE = 6
_TRACEBACK_HEAD = TRACEBACK_HEAD.encode()

# The characters past ASCII that str.upper() makes ASCII letters (tests/test_matching_failscan.py
# finds them among all code points): prefix._level upper-cases a value to read it as a level.
UPPER_TO_ASCII = "\u00df\u0131\u017f\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
_FAILING_LEVELS = sorted(word for word, level in _LEVELS.items() if level in ("error", "warning"))
# A digit as Python's str regexes read `\d` (and int() takes): ASCII, or a character past it.
_DIGIT = rb"[0-9\x80-\xff]"
# A pattern ends where its sign ends (or on the newline after it), and its match is the line's
# that holds its last byte (`FailureScanner.lines`): a line may report several matches, one per
# sign. Each sign ran on to its line's end before (`[^\n]*\n`: one match a line), which cost
# Hyperscan more than mapping every match in Python saves: 0.44 s against 0.30 s of CPU for the
# 148 MB bench log and its 164,000 matches on 37,000 lines (2026-12-07).
_APOSTROPHES = {"'": rb"(?:'|\xe2\x80\x99)", "\u2019": rb"(?:'|\xe2\x80\x99)"}


def _hex(data: bytes) -> bytes:
    return b"".join(b"\\x%02x" % byte for byte in data)


def _letter(char: str, *, caseless: bool = True) -> bytes:
    if char in _APOSTROPHES:
        return _APOSTROPHES[char]
    if char.isalpha() and caseless:
        return b"[" + char.lower().encode() + char.upper().encode() + b"]"
    return re.escape(char).encode()


def _start(char: str) -> bytes:
    """A word or part starting with this letter: a capital anywhere, a small letter after a byte
    that is no small letter (or at the start of the text scanned)."""
    return b"(?:" + char.upper().encode() + b"|(?:^|[^a-z])" + char.lower().encode() + b")"


def _end(char: str) -> bytes:
    """A word or part ending with this letter: a capital anywhere, a small letter before a byte
    that is no small letter (or the newline ending its line)."""
    return b"(?:" + char.upper().encode() + b"|" + char.lower().encode() + rb"(?:\n|[^a-z\n]))"


def _word(spelling: str) -> bytes:
    """A failure word as a word or a part (module doc)."""
    middle = b"".join(_letter(c) for c in spelling[1:-1])
    return _start(spelling[0]) + middle + _end(spelling[-1])


def _stem(stem: str) -> bytes:
    """A word or part starting with a failure stem."""
    return _start(stem[0]) + b"".join(_letter(c) for c in stem[1:])


def _caseless(words) -> bytes:
    spelled = (b"".join(_letter(c) for c in w) for w in sorted(words, key=len, reverse=True))
    return b"(?:" + b"|".join(spelled) + b")"


def _level_patterns(stems: Sequence[str] = ()) -> list[bytes]:
    """Where prefix.parse may read an error or a warning level (module doc), but what `stems`
    (failure stems, `_stem`: in the same pattern) hold anyway. A sign that another holds adds
    no line, only matches, each a call into Python (`FailureScanner.lines`): the bench log's
    164,000 are 101,000 without them. So a level word in capitals is left to its spelling in
    any case (four letters or more) or to a stem it starts with (`ERR`, err); one in any case
    that holds a shorter one is left to it (`warning`, warn); one a stem starts with is matched
    only where the stem is not, after a small letter (`xerror`); a value upper-cased is
    matched only for the keys none of those hold (each comes after a `[`, a quote or a `=`,
    where a stem's word starts)."""
    started = tuple(s.lower() for s in stems)
    short = [w for w in _FAILING_LEVELS if len(w) < 4 and not w.lower().startswith(started)]
    key = _caseless(short)
    signs = [
        # in capitals, as written (three letters), and in any case from four letters on
        *(re.escape(w).encode() for w in short if len(w) >= 3),
        *(b"[a-z]" + w[0].lower().encode() + b"".join(_letter(c) for c in w[1:])
          if w.lower().startswith(started) else _caseless([w]) for w in _any_case_levels()),
        # values upper-cased: nginx's `[warn]`, MySQL's `[Warning]`, Ceph's `[WRN]`; logfmt's
        # `level=e` (below); a JSON record's level
        rb"\[" + key + rb"\]",
        rb"\"(?:level|severity|lvl|levelname)\"\s*:\s*\"" + key + rb"\"",
        # a value str.upper() reads may hold a letter it makes ASCII letters (`\u0131` is I)
        b"(?:" + b"|".join(_hex(c.encode()) for c in UPPER_TO_ASCII) + b")",
        # a letter in a known shape: klog (`E1211 16:59:31.552018`), etcd (` W | `)
        rb"[WEF]" + _digits(4, 4) + b" " + _digits(2, 2) + b":",
        rb" [EWC] \| ",
        # Ceph's negative dout priority after its thread id; syslog priorities (RFC 5424's
        # <PRI>1, journald's PRIORITY 0-4)
        rb" [0-9a-f]{8,16} {1,3}-" + _digits(1, 2) + b" ",
        rb"<" + _digits(1, 3) + rb">1 ",
        rb"\"PRIORITY\"\s*:\s*\"[0-4]\"",
    ]
    # a logfmt value ends at a space, a quote or the line's end
    return [*signs, rb"(?:level|lvl)=\"?" + key + rb"(?:\n|[\" \r])"]


def _any_case_levels() -> list[str]:
    """The level words `_level_patterns` matches in any case: four letters or more, and holding
    no other such word (`WARNING` is left to `WARN`)."""
    long = [w for w in _FAILING_LEVELS if len(w) >= 4]
    return [w for w in long if not any(o != w and o in w for o in long)]


def _stems() -> list[str]:
    """The failure stems but those holding a level word `_level_patterns` matches in any case
    wherever it is (`critical` holds crit): that pattern holds their lines."""
    anywhere = [w.lower() for w in _any_case_levels() if not w.lower().startswith(_FAILURE_STEMS)]
    return [s for s in _FAILURE_STEMS if not any(w in s for w in anywhere)]


def _digits(low: int, high: int | None = None) -> bytes:
    """`\\d{low,high}` of a Python str regex, as bytes: a digit past ASCII is up to 4 bytes."""
    return _DIGIT + (b"{%d,}" % low if high is None else b"{%d,%d}" % (low, 4 * high))


def _number_patterns() -> list[bytes]:
    """What scoring.numbers_say reads as a failure (module doc): http_lines' access tail and
    timing row with a request time of SLOW_SECONDS or more (as many digits before its point),
    its plain http:// URL to a TLS port, migration_lines' progress line of more than
    PROGRESS_TIMEOUT seconds (as many digits or more)."""
    slow = len(str(int(http_lines.SLOW_SECONDS)))
    stuck = len(str(migration_lines.PROGRESS_TIMEOUT))
    seconds = _digits(slow, 7) + rb"\."
    return [
        rb"HTTP/" + _digits(1, 1) + rb"(?:\." + _digits(1, 1) + rb")?\" (?:status: )?" + _digits(3, 3)
        + rb" {1,2}(?:len: )?(?:" + _digits(1, 15) + rb"|-) (?:time: )?" + seconds,
        rb"(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) https?://[^\n]*\|[^\n]*" + seconds,
        rb"http://[^:/\n]+:8?443",
        rb"low watermark [^\n]* " + _digits(stuck) + rb" seconds ago",
        *_haproxy_patterns(slow),
    ]


def _haproxy_patterns(slow: int) -> list[bytes]:
    """haproxy's five timers (http_lines._haproxy_ms, in ms) where the request may have taken
    SLOW_SECONDS or more: Tw + Tc + Tr that long needs one of them of as many digits as a third
    of it has, and the last timer less the first as many digits as it has."""
    most = len(str(int(http_lines.SLOW_SECONDS * 1000)))  # 10,000 ms: 5 digits
    timer, big = rb"-?" + _digits(1, 9), rb"-?" + _digits(most - 1, 9)
    tail = rb"/\+?" + _digits(1, 9) + rb" " + _digits(3, 3) + rb" "
    return [
        timer + rb"/" + big + rb"/" + timer + rb"/" + timer + tail,
        timer + rb"/" + timer + rb"/" + big + rb"/" + timer + tail,
        timer + rb"/" + timer + rb"/" + timer + rb"/" + big + tail,
        timer + rb"/" + timer + rb"/" + timer + rb"/" + timer + rb"/\+?" + _digits(most, 9) + rb" "
        + _digits(3, 3) + rb" ",
    ]


def failure_patterns() -> list[tuple[bytes, int]]:
    """(pattern, what it says: FAILING, CONTINUED or PREVIOUS) for triage's failure scan, over a
    region of whole lines, each ending in a newline. The failure signs are one pattern, each
    sign ending where it does (a line may hold several)."""
    spellings = sorted({t for w in _FAILURE_WORDS for t in triggers(w)})
    # the numbers' signs are SAYS patterns (below), which mark their lines failing too
    stems = _stems()
    failing = b"(?:" + b"|".join([*(_word(s) for s in spellings), *_level_patterns(stems),
                                  *(_stem(s) for s in stems)]) + b")"
    # What masking or decoding changes (module doc): a colour code, an escaped JSON record, a run
    # of 80 word characters (matched where it ends, once: matched at each of its bytes, a 7 MB
    # line of one letter called back 7 million times). Rare, and cheap alone (a bounded repeat
    # then the rest of its line is not: 0.04 s on 30 MB of the bench log against 0.008 s).
    # An escaped JSON record (a `{` then a backslash on its line) is found in Python (`_braces`).
    changed = [rb"\x1b", LONG_RUN]
    # What makes a line no logical line of its own (triage._alone_cut): indented (the line before
    # it too; a file's first line may be), JSON (a `{` after blanks alone: `_braces`), a
    # traceback's or goroutine dump's header, or ending in a backslash.
    continued = [
        rb"\\[ \t\r\x0b\x0c]*\n",
        rb"Traceback \(most recent call last\):",
        rb"(?:^|\n)goroutine ",
    ]
    # A line whose numbers say words (`plain`, `https`, `slow`) is also found on its own: those
    # words count as rare terms of the line, which its text need not hold, so the word patterns
    # (wordscan.py: three rare terms in the text) may miss it (triage._word_lines keeps it).
    return [(failing, FAILING), *((p, FAILING) for p in changed), *((p, CONTINUED) for p in continued),
            (re.escape(_TRACEBACK_HEAD).replace(b"\\ ", b" "), HEADER),
            (rb"(?:^|\n)[ \t]", PREVIOUS), *((p, NEXT) for p in CONTINUING),
            *((p, SAYS) for p in _number_patterns())]


# A run of 80 word characters, matched where it ends (once a run: matched at each of its bytes, a
# 7 MB line of one letter called back 7 million times). Its end costs Hyperscan as much as all
# the other failure patterns together (0.050 of 0.132 s on 32 MB of the bench log, 2026-12-07),
# where the bare run costs a tenth of that: a region is first probed for a bare run (`_RUN`, the
# scan stopped at its first), and one with none, as most are, is scanned without LONG_RUN, which
# can match nothing there (`FailureScanner.lines`).
LONG_RUN = rb"[A-Za-z0-9_]{80}[^A-Za-z0-9_]"
_RUN = rb"[A-Za-z0-9_]{80}"

# What may stand before a JSON record's `{` on its line (`_braces`).
_BLANKS = re.compile(rb"[ \t\r\x0b\x0c]*")

# The line after these may continue a logical line, whatever its shape: one ending in a backslash
# (wrapped), an indented one (a traceback's exception, or an indented tail), an indented one and a
# blank line (a traceback's exception after a blank line, grouping.py; blank as str.strip reads
# it, Unicode whitespace in UTF-8 too). Found in the same pass (triage._segments reads the lines
# after them whole; it searched the region for each with sre: 0.17 s on the bench log).
_SPACES = (rb"(?:[ \t\r\x0b\x0c\x1c-\x1f]|\xc2[\x85\xa0]|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xa8\xa9\xaf]"
           rb"|\xe2\x81\x9f|\xe3\x80\x80)*")
CONTINUING = (rb"\\[ \t\r]*\n", rb"\n[ \t][^\n]*\n", rb"\n[ \t][^\n]*\n" + _SPACES + rb"\n")


@dataclass
class Lines:
    """What the failure scan found in a region: starts of its lines that may state a failure
    (`failing`), of those that may not be logical lines of their own (`continued`), of
    those that follow a line that may be continued (`following`, CONTINUING), and of those
    whose numbers may say words (`saying`: scoring.numbers_may_say)."""

    failing: set[int]
    continued: set[int]
    following: set[int]
    saying: set[int] = field(default_factory=set)
    # where each Python traceback header (grouping.TRACEBACK_HEAD) starts, ascending:
    # triage._Tracebacks reads them instead of searching the region for them again (0.03 s of CPU
    # on the bench log)
    headers: list[int] = field(default_factory=list)


class FailureScanner:
    """The compiled failure_patterns: `lines(data, limit)` gives the lines they hold."""

    name = "hyperscan-failures"

    def __init__(self, patterns: list[tuple[bytes, int]] | None = None):
        patterns = failure_patterns() if patterns is None else patterns
        self._says = [says for _pattern, says in patterns]
        self._db = PatternDatabase([p for p, _says in patterns])
        # the same patterns, under the same ids, but LONG_RUN: for a region `_probe` finds no run in
        short = [(i, p) for i, (p, _says) in enumerate(patterns) if p != LONG_RUN]
        self._fast = PatternDatabase([p for _i, p in short], ids=[i for i, _p in short])
        self._probe = PatternDatabase([_RUN])

    def dumps(self) -> bytes:
        """The compiled databases and what each pattern says, for a snapshot (kb/snapshots.py):
        compiling costs ~0.3 s, more than `manage.py match` takes to start."""
        return pickle.dumps((self._db.dumps(), self._fast.dumps(), self._probe.dumps(), self._says))

    @classmethod
    def loads(cls, data: bytes) -> "FailureScanner":
        database, fast, probe, says = pickle.loads(data)
        scanner = cls.__new__(cls)
        scanner._db, scanner._says = PatternDatabase.loads(database), says
        scanner._fast, scanner._probe = PatternDatabase.loads(fast), PatternDatabase.loads(probe)
        return scanner

    def lines(self, data, limit: int) -> Lines:
        """What the patterns find in the lines of data[:limit], which starts at a line's start."""
        return scan_lines(data, limit, self._scan, self._says)

    def _scan(self, region, on_match) -> None:
        (self._db if self.runs_in(region) else self._fast).scan(region, on_match)

    def runs_in(self, region) -> bool:
        """Whether the region holds a run that LONG_RUN may match (`_probe`, stopped at its first):
        most hold none, and are scanned without it."""
        return self._probe.holding([region])[0]


def scan_lines(data, limit: int, scan: Callable, says: Sequence[int], hits: list | None = None) -> Lines:
    """The Lines of data[:limit], which starts at a line's start: `scan(region, on_match)` scans
    it with the patterns `says` tells the kind of, by id (TEMPLATE: the match is appended to
    `hits` as (end, id): regionscan.py scans templates in the same database).

    The patterns read a line up to its newline: a region ending without one is scanned, and
    read, as a copy with one."""
    region = memoryview(data)[:limit]
    if limit and data[limit - 1] != 10:
        region = data = bytes(region) + b"\n"
    found, on_match = _reader(says, data, limit, hits)
    scan(region, on_match)
    _braces(data, len(region), found)
    return found


def _reader(says, data, limit: int, hits: list | None = None):
    """(Lines, on_match): `on_match(id, start, end, flags, context)` folds a match of the pattern
    that `says[id]` tells the kind of into the Lines of data[:limit] (TEMPLATE: appends (end, id)
    to `hits`, regionscan.py's template hits scanned with these patterns in one database).

    A pattern may match at every byte of a long line (a 7 MB line of one letter gave 7
    million matches): each match is folded into its line as it comes, and the line holding
    the last match is remembered, so each line's start and end are searched for once (a
    search back to the line's start per match took 1.1 s for one 300 kB line, 60 s and
    800 MB of kept matches for 7 MB).
    """
    found = Lines(set(), set(), set())
    span = [0, -1]  # the [start, end) of the line holding the last match
    held = [0, 0]  # the [start, end) of the last line a FAILING match was on (most are on one)

    def line_of(end: int) -> int:
        # the match's last byte is in its line (a newline it ended on is the line's own)
        if not span[0] <= end - 1 < span[1]:
            span[0] = data.rfind(b"\n", 0, end - 1) + 1
            span[1] = data.find(b"\n", end - 1) + 1 or len(data)
        return span[0]

    def on_match(pattern, _start, end, _flags, _context):
        kind = says[pattern]
        if kind == FAILING:  # the bench log's 101,000 matches on 36,000 lines: kept short
            if not held[0] < end <= held[1]:
                found.failing.add(line_of(end))
                held[0], held[1] = span
            return
        if kind == TEMPLATE:
            hits.append((end, pattern))
            return
        if kind == NEXT:  # the match ends on a newline: the next line starts there
            if end < limit:
                found.following.add(end)
            return
        if kind == HEADER:
            found.headers.append(end - len(_TRACEBACK_HEAD))
            return
        start = line_of(end)
        if kind == SAYS:
            found.failing.add(start)
            found.saying.add(start)
        else:
            found.continued.add(start)
            if kind == PREVIOUS and start:
                found.continued.add(data.rfind(b"\n", 0, start - 1) + 1)

    return found, on_match


def _braces(data, limit: int, found: Lines) -> None:
    """The lines of data[:limit] (whole lines) holding a `{`, read from their first: JSON, no
    logical line of its own (`{` after blanks alone: CONTINUED), and an escaped JSON record (a
    backslash after it: FAILING). Two patterns found them before, `(?:^|\\n)[ \\t\\r\\x0b\\x0c]*\\{`
    and `\\{[^\\n]*\\\\`: together 0.07 s of Hyperscan's 0.32 s of CPU for the bench log's 148 MB,
    which holds 1,592 `{` on 1,264 lines (2026-12-07); this search, a line at a time, 0.01 s.
    A pattern for the `{` alone costs Hyperscan nothing, but calls Python at each: 1.8 s for a
    line of 7 million."""
    at = data.find(b"{", 0, limit)
    while at >= 0:
        start = data.rfind(b"\n", 0, at) + 1
        end = data.find(b"\n", at, limit)
        end = limit if end < 0 else end
        if _BLANKS.fullmatch(data, start, at):
            found.continued.add(start)
        if data.find(b"\\", at, end) >= 0:
            found.failing.add(start)
        at = data.find(b"{", end, limit)


class _Compiled:
    """The FailureScanner, compiled on first use (or adopted from an engine snapshot: it depends
    on kb's code alone, which a snapshot's key holds)."""

    def __init__(self):
        self._scanner: FailureScanner | None = None
        self._lock = threading.Lock()

    def __call__(self) -> FailureScanner:
        with self._lock:
            if self._scanner is None:
                self._scanner = FailureScanner()
            return self._scanner

    def adopt(self, scanner: FailureScanner) -> None:
        with self._lock:
            self._scanner = scanner


failure_scanner = _Compiled()


def stating_lines(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines that may state a failure (a FAILING pattern holds them), each read
    as a physical line of its own: what full matching of a whole log asks (engine.py) before it
    reads the words of a logical line of one physical line. Scanned joined, in one call: 5 MB
    of the bench log in about 0.03 s. Without Hyperscan (a platform with no wheel), every line."""
    try:
        scanner = failure_scanner()
    except ImportError:
        return set(range(len(lines)))
    encoded = [line.encode("utf-8", "surrogatepass") for line in lines]
    data = b"\n".join(encoded) + b"\n"
    failing = scanner.lines(data, len(data)).failing
    starts = accumulate((len(line) + 1 for line in encoded), initial=0)
    return {index for index, start in enumerate(starts) if start in failing}
