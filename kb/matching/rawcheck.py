"""What a window of raw log bytes must hold for a signature to match a line in it.

Triage's scanner (prefilter.template_scanner) finds where a template's
letter-bearing pieces occur in order; it leaves out what is cheap to check
afterwards and costly in Hyperscan: the punctuation pieces (`] [`, `: (`,
`/`) and the numbers a signature spells out (`port 22`, `(429)`), without
which the template cannot match (scoring.template_evidence). Ordinary lines
hold the rest often (`/api/v1/namespaces/ ... returned 200`, `Connection
closed by <ip> port 38014`): triage decoded 2,635 windows of the 1,000,000-line
bench log (tests/bench/gen_log.py) and had the engine read them, for 994 known
lines; with this check it decodes 1,019 (2026-12-06).

`RawChecks.may_match` says, from the window's bytes alone and in a few
microseconds, whether any template the scanner found there can match:

* every piece of the template's segments (cut at placeholders and quotes,
  as `Template.literal`), in order, caseless in ASCII, its blanks any run of
  whitespace or none (a newline too: lines of a window may be one logical
  line; none: a prefix and a message written together are read apart);
* every number the signature spelled, not followed by a digit;
* every level word it wrote in capitals (`ERROR`), in capitals;
* every quoted value it spelled that masking hides (`'<*>/disk.config'`: its ending), caseless
  in ASCII, as the line's quoted values are compared (scoring._values_hold).

Sound, not a guess: in a window without the bytes `_UNSURE` names, normalising
a line changes no character outside whitespace and masked values (placeholders
hold no digit and no piece's character), so a piece, a number or a level word
of the normalised line is in the raw bytes as written here, and so is a quoted value the line's
message holds (normalize.masked_quotes reads it from the message itself). A window holding
one of those bytes (an ANSI escape or control character, which normalisation
removes or turns into a blank; a backslash, which JSON records escape with
and wrapped lines end with; any non-ASCII byte, which may be Unicode
whitespace) is left to the engine, as every window was before.
"""

import re
from collections.abc import Iterable

from .perengine import PerEngine
from .signatures import Template

# Bytes next to which the raw text and its normalised form may differ (see above).
_UNSURE = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f-\xff\\]")
_CUTS = re.compile(r"[<>']")
UNKNOWN = -1  # a hit of the literal prefilter (no Hyperscan): it names no template


def plain(data, start: int, end: int) -> bool:
    """Whether data[start:end] holds none of the bytes near which normalising may change the
    text (`_UNSURE`): there a template's pieces are found as written, or not at all."""
    return _UNSURE.search(data, start, end) is None


def pieces(segments: Iterable[str]) -> list[str]:
    """The pieces of normalised segments that raw text holds as written (but for blanks)."""
    return [piece for piece in (p.strip() for s in segments for p in _CUTS.split(s)) if piece]


# What a bytes regex's `\s` and bytes.lstrip() read as a blank.
_BLANKS = b" \t\n\r\x0b\x0c"
_DIGITS = b"0123456789"


def _number_in(data, number: bytes, start: int, end: int) -> bool:
    """Whether data[start:end] holds `number` not followed by a digit (`number(?!\\d)`)."""
    at = data.find(number, start, end)
    while at >= 0:
        after = at + len(number)
        if after >= end or data[after] not in _DIGITS:
            return True
        at = data.find(number, at + 1, end)
    return False


def _piece_end(low: bytes, words: tuple[bytes, ...], at: int) -> int:
    """Where the leftmost match at or after `at` of a piece's words with any run of blanks or
    none between them (`w1\\s*w2...`, caseless in ASCII: `low` and the words are lowered) ends;
    -1 if none. Each word starts with no blank, so a match is fixed by where it starts."""
    first, rest, size = words[0], words[1:], len(low)
    found = low.find(first, at)
    while found >= 0:
        end = found + len(first)
        for word in rest:
            while end < size and low[end] in _BLANKS:
                end += 1
            if not low.startswith(word, end):
                break
            end += len(word)
        else:
            return end
        found = low.find(first, found + 1)
    return -1


class _Needs:
    """One template's needs, as bytes to find: nothing to compile (a worker met some 120
    templates of the bench log, and compiling their regexes cost each worker 20-30 ms of its
    ~0.9 s, 2026-12-07). Each test is the regex it stands for: a piece `w1\\s*w2...` searched
    with re.IGNORECASE (ASCII letters, as bytes.lower() folds them; `_piece_end`), a number
    `n(?!\\d)` (`_number_in`), a quoted value caseless (tests/test_matching_rawcheck.py compares
    them with those regexes)."""

    def __init__(self, template: Template):
        self.pieces = [tuple(word.encode().lower() for word in piece.split())
                       for piece in pieces(template.segments)]
        self.numbers = [n.encode() for n in sorted(template.numbers)]
        self.levels = [level.encode() for level in template.levels]
        # the quoted values masking hides that the template spells out, whole or by their ending
        # (Template.quoted, quoted_ends: folded, as the line's are compared), but one holding a
        # blank, which the line may write otherwise
        self.quoted = [value.encode().lower() for value in sorted(template.quoted | template.quoted_ends)
                       if not any(char.isspace() for char in value)]

    def met(self, data, start: int, end: int) -> bool:
        # The numbers and level words first: triage asks this of a line the template scanner
        # found holding the pieces it keeps (prefilter._kept), which the numbers rule out most
        # often (57,000 access lines of the bench log hold `/api/v1/nodes` without its 429),
        # one search each; loops, not all() over a generator: 0.8 against 1.3 us a line.
        for number in self.numbers:
            if not _number_in(data, number, start, end):
                return False
        for level in self.levels:
            if data.find(level, start, end) < 0:
                return False
        if not (self.quoted or self.pieces):
            return True
        low = bytes(data[start:end]).lower()
        for value in self.quoted:
            if value not in low:
                return False
        at = 0
        # The leftmost match of a piece ends first: a match starting later inside it would hold
        # fewer of the bytes that are not blanks, yet a piece's words are all such bytes.
        for words in self.pieces:
            at = _piece_end(low, words, at)
            if at < 0:
                return False
        return True


class RawChecks:
    """Every strong template's needs, each read when a window first names its template (they are
    bytes to find, cheap to make: each worker makes those it meets). Threads racing for one make
    it twice, alike."""

    def __init__(self, templates: tuple[Template, ...]):
        self._templates = templates
        self._needs: dict[int, _Needs | None] = {}

    def _of(self, tid: int) -> "_Needs | None":
        """The needs of template `tid`; None for one that names no strong template (UNKNOWN)."""
        try:
            return self._needs[tid]
        except KeyError:
            template = self._templates[tid] if 0 <= tid < len(self._templates) else None
            needs = self._needs[tid] = None if template is None or template.weak else _Needs(template)
            return needs

    def test_of(self, tid: int):
        """`met` of template `tid` as a function of (data, start, end); None for one that names
        no strong template (it is met by any bytes)."""
        needs = self._of(tid)
        return None if needs is None else needs.met

    def met(self, tid: int, data, start: int, end: int) -> bool:
        """Whether plain bytes data[start:end] (`plain`) hold what template `tid` needs (True for
        one that names no strong template)."""
        needs = self._of(tid)
        return needs is None or needs.met(data, start, end)

    def may_match(self, data, start: int, end: int, tids: Iterable[int]) -> bool:
        """Whether one of these templates may match a line of data[start:end]."""
        if not plain(data, start, end):
            return True
        for tid in tids:
            needs = self._of(tid)
            if needs is None or needs.met(data, start, end):  # UNKNOWN: a hit naming no template
                return True
        return False


# The engine's checks, compiled on first use.
raw_checks: PerEngine[RawChecks] = PerEngine(lambda engine: RawChecks(engine._kb.templates))
