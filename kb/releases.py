"""Which release carries a fix, read from what a document says ("backport to Newton (merged)").

For a fixed issue an operator needs the version to upgrade to, not the story
of the upstream patch. Documents state it in a few ways: "fixed in Newton",
"backported to Newton", "backport to the 1.5 branch, released with 1.5.2",
"fixed in version 2.3.1". Only what is stated is taken: a version number, or a
capitalised word that is a known release name (OpenStack's series) or is
followed by "release" or "branch", so "Fixed in Nova: ..." names no release.
Pure functions: no Django.
"""

import re

# OpenStack series names; "2023.1" style names are caught as versions.
SERIES = frozenset(
    "Austin Bexar Cactus Diablo Essex Folsom Grizzly Havana Icehouse Juno Kilo Liberty Mitaka Newton "
    "Ocata Pike Queens Rocky Stein Train Ussuri Victoria Wallaby Xena Yoga Zed Antelope Bobcat Caracal "
    "Dalmatian Epoxy Flamingo Gazpacho".split()
)

_VERSION = r"v?\d+(?:\.\d+){1,3}"
_NAME = r"[A-Z][A-Za-z]{2,20}"
_LEAD = r"(?:the\s+|version\s+|release\s+|v(?=\d))?"
# Strongest first: a release that ships the fix, then "fixed in", then a backport target.
_PATTERNS = [
    re.compile(rf"\b(?:released?|ships?|shipped|available)\s+(?:with|in)\s+{_LEAD}(?P<v>{_VERSION}|{_NAME})"
               rf"(?P<kind>\s+(?:release|branch|series))?", re.I),
    re.compile(rf"\bfixed\s+(?:in|since)\s+{_LEAD}(?P<v>{_VERSION}|{_NAME})"
               rf"(?P<kind>\s+(?:release|branch|series))?", re.I),
    re.compile(rf"\bbackport(?:ed|s)?\s+(?:\w+\s+)?to\s+{_LEAD}(?P<v>{_VERSION}|{_NAME})"
               rf"(?P<kind>\s+(?:release|branch|series))?", re.I),
]

# Words every match of a pattern holds, lower case: most texts hold none, and testing them is
# far faster than the three searches (an issue's fix is read by the parser and again by
# kb.sync: 7,783 texts for the 5 MiB document of tests/bench/bench_import.py). Only for ASCII
# text, where lower() finds all that re.I does (re.I also matches the long s to "s" and the
# Kelvin sign to "k").
_CUE_WORDS = ("releas", "ship", "available", "fixed", "backport")


def fixed_in_from(*texts: str) -> str:
    """The release(s) the texts say carry the fix, most specific first, "" when none is stated."""
    found: list[str] = []
    text = " ".join(t for t in texts if t)
    if text.isascii() and not any(word in text.lower() for word in _CUE_WORDS):
        return ""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _release(match.group("v"), bool(match.group("kind")))
            if value and not any(value in known or known in value for known in found):
                found.append(value)
    # "1.5" from "the 1.5 branch" says less than "1.5.2" from "released with 1.5.2".
    found = [v for v in found if not any(o != v and o.startswith(v + ".") for o in found)]
    return ", ".join(found[:3])


def _release(value: str, named_as_release: bool) -> str:
    if re.fullmatch(_VERSION, value):
        return value.lstrip("v")
    name = value[:1].upper() + value[1:]
    return name if (name in SERIES or named_as_release) else ""
