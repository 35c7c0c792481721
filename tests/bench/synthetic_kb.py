"""A big synthetic knowledge base, to show per-line cost does not grow with the issues.

Issues get pronounceable made-up words drawn with a skewed distribution (a
few words are in thousands of issues, most in a handful, like real prose),
components from the canonical list, and one to three signatures shaped like
real log messages (`FlorbanError: zeltic quorp failed for <*> on <IP> (code <NUM>)`).
"""

import random

from kb.components import KNOWN_COMPONENTS
from kb.matching import IssueSpec, SignatureSpec

_ONSETS = (
    "b",
    "d",
    "f",
    "g",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "kl",
    "st",
    "tr",
)
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "n", "r", "s", "t", "l", "x", "rd", "nk")
_SHAPES = (
    "{C}Error: {w} {w} failed for <*> on <IP> (code <NUM>)",
    "Unable to {w} {w} {w}: {C}Exception: {w} {w} not {w}",
    "{w} {w} reached the {w} limit of <NUM> {w} after <NUM> seconds",
    "{C}Timeout: {w} {w} did not {w} the {w} within <NUM>s",
    "{w}_{w} is {w} in state {w}; expected {w} while {w} <UUID>",
)


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < size:
        syllables = rng.randint(2, 4)
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        words.setdefault(word, None)
    return list(words)


class _Writer:
    def __init__(self, rng: random.Random, vocabulary: list[str]):
        self.rng, self.vocabulary = rng, vocabulary

    def word(self) -> str:
        # skewed: index ~ n * u^3 puts most draws on a small head of common words
        return self.vocabulary[int(len(self.vocabulary) * self.rng.random() ** 3)]

    def rare(self) -> str:
        return self.rng.choice(self.vocabulary)

    def prose(self, low: int, high: int) -> str:
        return " ".join(self.word() for _ in range(self.rng.randint(low, high))) + "."

    def signature(self) -> str:
        shape = self.rng.choice(_SHAPES)
        text = shape.replace("{C}", self.rare().capitalize(), 1)
        while "{w}" in text:
            text = text.replace("{w}", self.rare(), 1)
        return text


def synthetic_issues(count: int = 10_000, seed: int = 11) -> list[IssueSpec]:
    rng = random.Random(seed)
    writer = _Writer(rng, _vocabulary(rng, 30_000))
    components = sorted(KNOWN_COMPONENTS)
    issues = []
    for n in range(count):
        slug = f"synthetic-{n:05d}"
        signatures = tuple(
            SignatureSpec(f"{slug}-{k}", writer.signature(), "curated")
            for k in range(rng.randint(1, 3))
        )
        issues.append(
            IssueSpec(
                slug=slug,
                title=writer.prose(4, 8).rstrip(".").capitalize(),
                status=rng.choice(("fixed", "workaround", "investigating", "config_fix")),
                components=tuple(rng.sample(components, rng.randint(1, 2))),
                symptoms=writer.prose(20, 50),
                root_cause=writer.prose(15, 35),
                solution=writer.prose(15, 35),
                signatures=signatures,
                url=f"/issues/{slug}/",
            )
        )
    return issues
