"""A big alternation searched by trying, at each word, only the alternatives that can begin there.

kb's cause and fix cues (kb.rst.cues.CAUSE and FIX) are `\\b(...)\\b` around a
hundred-odd alternatives, searched in every sentence of every section.
Python's matcher tries every alternative at every word boundary: it skips an
alternative quickly only when it begins with a plain character, and most
begin with a group ("(can|could|may) (also )?be caused by"). CAUSE and FIX
took about a quarter of deciding the sections of the 5 MiB document of
tests/bench/bench_import.py (cProfile, 2026-12-06); tried this way, in text
folded to ASCII (kb.rst.cues.CaselessStart), CAUSE is 4 times as fast and FIX
twice.

Here the alternatives are sorted by the characters a match of each can begin
with (read from the pattern's parse tree: a zero-width assertion is looked
through, so the set is never too small), and at a word boundary only the
alternatives that can begin with the character there are tried. A match at
a position is a match of one alternative there, and that alternative is in
the group tried there: so the first position that matches is the one the
whole pattern's search finds. An alternative that can begin with any
character (a negated class, `\\w`) is in every group; one that begins with `^`
can match at the text's start only, where the whole pattern is tried.
"""

import functools
import re
from re import _constants as sre
from re import _parser as sre_parse

ANY = None  # any character may begin the match


class FirstCharDispatch:
    """pattern.search(text)'s start (-1: no match) for a pattern `\\b(alt|alt|...)<suffix>`."""

    def __init__(self, pattern: re.Pattern):
        prefix, alternatives, suffix = _top_alternatives(pattern.pattern)
        if prefix != r"\b" or pattern.flags & re.IGNORECASE:
            raise ValueError(r"a pattern of the form \b(alternative|...), without re.I")
        firsts = [_alternative_firsts(a, pattern.flags) for a in alternatives]
        keys = sorted(set().union(*firsts))
        self.whole = pattern
        self.groups = {}
        for key in keys:
            chosen = "|".join(a for a, first in zip(alternatives, firsts, strict=True) if key in first)
            self.groups[key] = re.compile(f"{prefix}(?:{chosen}){suffix}", pattern.flags)
        self.candidates = re.compile(r"\b(?=[" + "".join(map(re.escape, keys)) + "])", pattern.flags)

    def start(self, text: str) -> int:
        if self.whole.match(text):
            return 0
        groups = self.groups
        for candidate in self.candidates.finditer(text, 1):
            at = candidate.start()
            if groups[text[at]].match(text, at):  # (a match at `at` sees the text before it, as search does)
                return at
        return -1


def _top_alternatives(source: str) -> tuple[str, list[str], str]:
    """(prefix, alternatives, suffix) of `prefix(alt|alt|...)suffix`, where only the group holds a `|`."""
    if re.search(r"\\[1-9]|\(\?P=", source):
        raise ValueError("a back-reference: the alternatives cannot be compiled apart")
    depth, in_class, at, opened, cut, closed, alternatives = 0, False, 0, None, 0, None, []
    while at < len(source):
        char = source[at]
        if char == "\\":
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            at += source[at + 1:at + 2] == "^"
            at += source[at + 1:at + 2] == "]"  # a `]` right after `[` or `[^` is a member
        elif char == "(":
            depth += 1
            if depth == 1:
                if opened is not None:
                    raise ValueError("more than one group at the top")
                opened = cut = at + 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                alternatives.append(source[cut:at])
                closed = at
        elif char == "|":
            if depth == 0:
                raise ValueError("an alternation outside the group")
            if depth == 1:
                alternatives.append(source[cut:at])
                cut = at + 1
        at += 1
    if opened is None or closed is None or source[opened:opened + 1] == "?":
        raise ValueError("no capturing group at the top")
    return source[:opened - 1], alternatives, source[closed + 1:]


@functools.lru_cache(maxsize=1024)
def match_firsts(source: str, flags: int) -> frozenset | None:
    """The characters a match of the pattern at a text's start may begin with; None: any, or none.

    None too when the pattern may match an empty text, or when re.I would
    make more characters match than its parse tree names.
    """
    if flags & re.IGNORECASE:
        return ANY
    chars, empty = _first_chars(sre_parse.parse(source, flags), at_start=True)
    return ANY if chars is ANY or empty else frozenset(chars)


def _alternative_firsts(alternative: str, flags: int) -> set:
    chars, empty = _first_chars(sre_parse.parse(alternative, flags))
    if chars is ANY or empty:
        raise ValueError(f"the alternative {alternative[:40]!r} may begin anywhere: nothing to skip")
    return chars


def _first_chars(items, at_start=False) -> tuple[set | None, bool]:
    """(the characters a match of the sequence may begin with, or ANY; whether it may match nothing).

    `at_start`: the match is tried at the text's start only, where `^` matches.
    """
    chars: set = set()
    for op, av in items:
        if op is sre.LITERAL:
            return chars | {chr(av)}, False
        if op is sre.IN:
            got = _class_chars(av)
            return (ANY if got is ANY else chars | got), False
        if op is sre.AT and av in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING) and not at_start:
            return chars, False  # only at the text's start, where FirstCharDispatch tries the whole pattern
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: what follows begins the match
        if op is sre.SUBPATTERN and not (av[1] or av[2]):  # a group without flags of its own
            got, empty = _first_chars(av[3], at_start)
        elif op is sre.BRANCH:
            got, empty = set(), False
            for alternative in av[1]:
                alternative_chars, alternative_empty = _first_chars(alternative, at_start)
                got = ANY if got is ANY or alternative_chars is ANY else got | alternative_chars
                empty = empty or alternative_empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            got, empty = _first_chars(av[2], at_start)
            empty = empty or av[0] == 0
        else:
            return ANY, False
        if got is ANY:
            return ANY, False
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _class_chars(items) -> set | None:
    """The members of a character class, or ANY for a negated class, a category or a wide range."""
    chars = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < 128:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return ANY
    return chars
