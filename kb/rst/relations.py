"""Relations between issues that a report states in words.

Reports say "this turned out to be exactly the same issue with KubeDNS ...
as described above" or "it is linked to a scheduler bug (see below)". A
sentence with such a cue names its target by words of the target's title;
the cue decides the kind and "above"/"below" which side to look at.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from .cues import ascii_folded, without_case

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z0-9][a-z0-9+-]*")
# (cue, kind, which side of the cue names the target)
_CUES = (
    (re.compile(r"\bturned out to be\b|\bcaused by\b", re.I), "caused_by", "after"),
    (re.compile(r"\bsame (issue|problem|root cause)\b", re.I), "same_root_cause", "after"),
    (re.compile(r"\blinked to\b|\brelated to\b", re.I), "related", "after"),
    # "... 429 error from kube-apiserver (see above)": the words before point.
    (re.compile(r"\(see (above|below)\)", re.I), "related", "before"),
)
# Any cue at all: none of them spans a sentence break (no [.!?] in them), so
# text without a match here has no sentence with one, and is not split.
_ANY_CUE = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _, _ in _CUES), re.I)
# Words every match of a cue holds, lower case: testing them is ten times faster than the
# search, and most issues hold none (a 5 MiB document has 4,000 issues to look through).
# Tested in the text folded to ASCII (kb.rst.cues.ascii_folded), where the cues are searched
# without re.I: the same matches, at the same places, three times as fast.
_CUE_WORDS = ("turned out to be", "caused by", "same ", "linked to", "related to", "(see ")
_FOLDED_CUES = tuple((without_case(pattern), kind, side) for pattern, kind, side in _CUES)
_ANY_CUE_FOLDED = without_case(_ANY_CUE)
WINDOW = 120  # characters either side of a cue that may name the target
# Words too common in titles to identify one issue.
_STOP = frozenset(
    "a an and the of on in to is are be with for from not no can cannot at by as it its this "
    "that issue issues problem problems bug section above below see same kubernetes openstack "
    "default big high low too".split()
)


@dataclass(frozen=True)
class TitleRef:
    slug: str
    title: str
    position: int


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def _stem(word: str) -> str:
    # "loads"/"load", "schedulers"/"scheduler": enough for title matching.
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def relations_in(text: str, position: int, others: list[TitleRef],
                 index: "TitleIndex | None" = None) -> list[tuple[str, str]]:
    """(target slug, kind) for each sentence of `text` that points at another issue."""
    found: dict[str, str] = {}
    folded = ascii_folded(text)
    if not any(word in folded for word in _CUE_WORDS) or not _ANY_CUE_FOLDED.search(folded):
        return []
    # (folding keeps every character's place, and the punctuation and spaces a split cuts at)
    for sentence, folded_sentence in zip(_SENTENCE.split(text), _SENTENCE.split(folded), strict=True):
        for pattern, kind, side in _FOLDED_CUES:
            match = pattern.search(folded_sentence)
            if not match:
                continue
            if side == "after":
                window = sentence[match.end(): match.end() + WINDOW]
            else:
                window = sentence[max(0, match.start() - WINDOW): match.start()]
            index = index if index is not None else title_index(others)
            target = _best_target(window, sentence, position, others, index)
            if target and target not in found:
                found[target] = kind
            break
    return list(found.items())


def _best_target(window: str, sentence: str, position: int, others: list[TitleRef],
                 index: "TitleIndex") -> str | None:
    """The slug of the title sharing the most words with `window`; then the nearest; then the first.

    Only titles on the side the sentence points at ("above", "below") and not the issue's own
    position count. Titles with the same words share one count (index.groups): a big document
    repeats its titles (4,163 issues under 27 titles in the 5 MiB bench document), and
    comparing every one of them, title by title, for each cue took most of the time of
    resolving relations.
    """
    words = _words(window)
    lowered = sentence.lower()
    side = 0
    if re.search(r"\babove\b", lowered):
        side = -1
    elif re.search(r"\bbelow\b", lowered):
        side = 1
    overlaps: Counter[int] = Counter()
    for word in words:
        overlaps.update(index.words.get(word, ()))
    # From the most shared words down: the nearest allowed title of any group at that level.
    for most in sorted(set(overlaps.values()), reverse=True):
        keys = [key for group, overlap in overlaps.items() if overlap == most
                for key in [_nearest(index.groups[group], position, side)] if key is not None]
        if keys:
            return others[min(keys)[1]].slug
    return None


def _nearest(members: tuple[list[int], list[int]], position: int, side: int) -> tuple[int, int] | None:
    """(distance, number) of the group's nearest title on `side` of `position` (the first on a tie).

    `members` is (positions, numbers) sorted by position, then number.
    """
    positions, numbers = members
    below = bisect.bisect_left(positions, position)  # the first title at or after `position`
    above = bisect.bisect_right(positions, position)  # the first title after it
    keys = []
    if side <= 0 and below > 0:  # the titles before: the nearest ones, the first of them
        first = bisect.bisect_left(positions, positions[below - 1])
        keys.append((position - positions[first], numbers[first]))
    if side >= 0 and above < len(positions):
        keys.append((positions[above] - position, numbers[above]))
    return min(keys) if keys else None


@dataclass
class TitleIndex:
    """The titles of a document by word, those with the same words as one group."""

    words: dict[str, list[int]]  # word -> the groups whose titles hold it
    groups: list[tuple[list[int], list[int]]]  # (positions, numbers in `others`), by position then number


def title_index(others: list[TitleRef]) -> TitleIndex:
    """Build it once per document."""
    by_words: dict[frozenset, list[tuple[int, int]]] = {}
    for number, ref in enumerate(others):
        by_words.setdefault(frozenset(_words(ref.title)), []).append((ref.position, number))
    index = TitleIndex({}, [])
    for words, members in by_words.items():
        members.sort()
        for word in words:
            index.words.setdefault(word, []).append(len(index.groups))
        index.groups.append(([p for p, _ in members], [n for _, n in members]))
    return index
