"""What a line must hold for its evidence to matter: cheap, sound tests that let matching skip it.

Derived from scoring.py's rules (read its module doc first); the tests in
tests/test_matching_bounds.py compare matching with and without them on real logs.

**Word evidence is confident, or a weak lead in a whole log, only on a line that**

* is not INFO/DEBUG: such a line keeps 0.75 of its word evidence, which then
  tops out at 0.75 x 0.8 + 0.05 = 0.65, below WORD_THRESHOLD (0.72); and in a
  log of more than SHORT_PASTE lines an informational line is never a lead
  (scoring._lead_need: NO_LEAD);
* shares a *distinct* term with an issue (scoring._distinct: a term of its
  description, index.DESCRIPTIVE or more, distinctive, not a component's
  name): confidence needs SUPPORT_NEEDED = 2 pieces of support, of which the
  line's own component is one at most; a lead in a whole log needs
  DISTINCT_NEEDED = 2 of them;
* for confidence, also shares three *rare* terms with one issue's signature or
  description (the rarity factor: below three, signature words top out at
  0.8 x 2/3 = 0.53 and prose at 0.75 x 2/3 = 0.5, plus 0.05, below 0.72).

Signature hits need a template's key segment in the line's normalised text.

`Bounds.may_matter` applies the first two (and the key segments, looked for
in the raw text) to a line, which costs a parse instead of the whole
pipeline: full matching of a long paste skips the rest for lines that fail
it (engine.py).
"""

import re
import threading
import weakref

import ahocorasick

from kb.components import canonical

from .index import DESCRIPTIVE
from .normalize import _ANSI, fold, mask_numbers, mask_values
from .prefix import parse

# scoring.py's own reading of a line (private there): the test here reads what the pipeline reads
from .scoring import _masked, _message_words

_INFORMATIONAL = ("info", "debug")


class Bounds:
    """Per engine: the terms that can make word evidence matter, by issue."""

    def __init__(self, engine):
        self._kb = kb = engine._kb
        index = kb.index
        self.distinct: list[frozenset[str]] = []  # per issue: terms scoring._distinct may count
        for doc in index.docs:
            described = {t for t, w in doc.fields.items() if w >= DESCRIPTIVE}
            self.distinct.append(frozenset(
                t for t in described if index.is_distinctive(t) and not canonical(t)))
        self.any_distinct = frozenset().union(*self.distinct)
        self._pieces = _piece_automaton(kb.templates)

    def may_matter(self, text: str, gist: str) -> bool:
        """False when the logical line (text, gist) can give no confident evidence and no
        weak lead in a log of more than SHORT_PASTE lines (the module doc says why)."""
        if self._may_hit(text):
            return True  # a signature hit, a symptom line or a contradiction, maybe
        parsed = parse(text)
        if parsed.level in _INFORMATIONAL:
            return False
        message = parsed.message if gist == text else parse(gist).message
        return not _message_words(mask_values(message))[0].isdisjoint(self.any_distinct)

    def _may_hit(self, text: str) -> bool:
        """Whether the line may hold a template's key segment (scoring.template_evidence).

        Read on the raw text: a key holds no placeholder (signatures.py cuts segments
        there), so outside whitespace and quotes its characters are the line's own, and
        every such run of a key (`_pieces_of`) is in the line whenever the key is in
        its normalised form. Masking's own changes are undone first (ANSI colour
        codes removed); a JSON record, whose message is decoded, is read as scoring does,
        and so is every line when some key has no such run.
        """
        if not self._kb.templates:
            return False
        if self._pieces is None or text.lstrip().startswith("{"):
            normalized = fold(mask_numbers(_masked(text)[2]))
            return next(self._kb.automaton.iter(normalized), None) is not None
        folded = fold(text)
        if "\x1b" in text:  # masking removes colour codes (both readings: it may cut one in two)
            folded += "\n" + fold(_ANSI.sub("", text))
        return any(all(p in folded for p in rest)
                   for _end, rests in self._pieces.iter(folded) for rest in rests)


_BRACKETED = re.compile(r"<[^<>\s]*>")
_RUN = re.compile(r"[^\s'<>]+")


def _pieces_of(key: str) -> tuple[str, ...]:
    """The runs of a (folded) key segment that are the raw line's own text, longest first:
    no whitespace (masking collapses it), no quote (it drops Python 2's u before one),
    nothing in angle brackets (a lower-case <ip> in a signature meets a folded placeholder)."""
    return tuple(sorted(set(_RUN.findall(_BRACKETED.sub(" ", key))), key=lambda p: (-len(p), p)))


def _piece_automaton(templates):
    """Aho-Corasick over each key's longest piece -> the other pieces of its keys; None when
    a key has no piece (only punctuation and quotes)."""
    by_piece: dict[str, list[tuple[str, ...]]] = {}
    for key in {key for t in templates for key in t.keys}:
        pieces = _pieces_of(key)
        if not pieces:
            return None
        by_piece.setdefault(pieces[0], []).append(pieces[1:])
    automaton = ahocorasick.Automaton()
    for piece, rests in by_piece.items():
        automaton.add_word(piece, tuple(rests))
    automaton.make_automaton()
    return automaton


_bounds: "weakref.WeakKeyDictionary[object, Bounds]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def bounds_of(engine) -> Bounds:
    """The engine's Bounds, built on first use and kept with it."""
    with _lock:
        found = _bounds.get(engine)
        if found is None:
            found = _bounds[engine] = Bounds(engine)
        return found
