"""Relations between issues that a report states in words.

Reports say "this turned out to be exactly the same issue with KubeDNS ...
as described above" or "it is linked to a scheduler bug (see below)". A
sentence with such a cue names its target by words of the target's title;
the cue decides the kind and "above"/"below" which side to look at.
"""

import re
from collections import Counter
from dataclasses import dataclass

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
# Only for ASCII text, where lower() finds all that re.I does.
_CUE_WORDS = ("turned out to be", "caused by", "same ", "linked to", "related to", "(see ")
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
                 index: dict[str, list[int]] | None = None) -> list[tuple[str, str]]:
    """(target slug, kind) for each sentence of `text` that points at another issue."""
    found: dict[str, str] = {}
    lowered = text.lower()
    if text.isascii() and not any(word in lowered for word in _CUE_WORDS):
        return []
    if not _ANY_CUE.search(text):
        return []
    for sentence in _SENTENCE.split(text):
        for pattern, kind, side in _CUES:
            match = pattern.search(sentence)
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
                 index: dict[str, list[int]]) -> str | None:
    words = _words(window)
    lowered = sentence.lower()
    side = 0
    if re.search(r"\babove\b", lowered):
        side = -1
    elif re.search(r"\bbelow\b", lowered):
        side = 1
    # Count shared words through an index of the titles, so that a document
    # of thousands of issues is not compared title by title for every cue.
    # (Counter.update counts in C: a title repeated through a big document puts thousands of
    # positions under each of its words)
    overlaps: Counter[int] = Counter()
    for word in words:
        overlaps.update(index.get(word, ()))
    # The most shared words, then the nearest; on a tie the first title. A title repeated in
    # a big document shares its words with thousands: only the titles sharing the most words
    # are looked at one by one (those sharing fewer only if none of these is on the right side).
    while overlaps:
        most = max(overlaps.values())
        level = [number for number, overlap in overlaps.items() if overlap == most]
        allowed = [number for number in level if others[number].position != position
                   and not (side and (others[number].position - position) * side < 0)]
        if allowed:
            return others[max(allowed, key=lambda n: (-abs(others[n].position - position), -n))].slug
        for number in level:
            del overlaps[number]
    return None


def title_index(others: list[TitleRef]) -> dict[str, list[int]]:
    """Word -> positions in `others`; build it once per document."""
    index: dict[str, list[int]] = {}
    for number, ref in enumerate(others):
        for word in _words(ref.title):
            index.setdefault(word, []).append(number)
    return index
