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


def _piece(piece: str) -> re.Pattern:
    words = (re.escape(word.encode()) for word in piece.split())
    return re.compile(rb"\s*".join(words), re.IGNORECASE)


class _Needs:
    """One template's needs, compiled."""

    def __init__(self, template: Template):
        self.pieces = [_piece(p) for p in pieces(template.segments)]
        self.numbers = [re.compile(re.escape(n.encode()) + rb"(?!\d)") for n in sorted(template.numbers)]
        self.levels = [level.encode() for level in template.levels]
        # the quoted values masking hides that the template spells out, whole or by their ending
        # (Template.quoted, quoted_ends: folded, as the line's are compared), but one holding a
        # blank, which the line may write otherwise
        self.quoted = [re.compile(re.escape(value.encode()), re.IGNORECASE)
                       for value in sorted(template.quoted | template.quoted_ends)
                       if not any(char.isspace() for char in value)]

    def met(self, data, start: int, end: int) -> bool:
        # The numbers and level words first: triage asks this of a line the template scanner
        # found holding the pieces it keeps (prefilter._kept), which the numbers rule out most
        # often (57,000 access lines of the bench log hold `/api/v1/nodes` without its 429),
        # one search each; loops, not all() over a generator: 0.8 against 1.3 us a line.
        for number in self.numbers:
            if number.search(data, start, end) is None:
                return False
        for level in self.levels:
            if data.find(level, start, end) < 0:
                return False
        for value in self.quoted:
            if value.search(data, start, end) is None:
                return False
        at = start
        # The leftmost match of a piece ends first: a match starting later inside it would hold
        # fewer of the bytes that are not blanks, yet a piece's words are all such bytes.
        for piece in self.pieces:
            found = piece.search(data, at, end)
            if found is None:
                return False
            at = found.end()
        return True


class RawChecks:
    """Every strong template's needs, each compiled when a window first names its template: the
    shipped knowledge's all at once cost ~15 ms (2026-12-06), before triage forked its workers
    (parallel.py), on the path every process waits for; a worker now compiles those it meets,
    beside the other's. Threads racing for one compile it twice, alike."""

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
