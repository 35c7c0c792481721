"""BM25, the one relevance formula kb ranks issues with.

Two readers: ranking.py (which issues a log line resembles) and search.py
(free text typed by a person). Documents are issues whose term frequencies
are already weighted by field (index.FIELD_WEIGHTS), so BM25 over them is
BM25F. index.WordIndex computes each issue's length normalisation once;
callers pass the weight of the query term (its IDF times whatever they
discount it by: a concept, a word of the program's name, log chatter).
"""

import math
from collections.abc import Sequence

# Term-frequency saturation: the second occurrence of a word adds less than the first.
K1 = 1.2
# Length normalisation: a long issue is not more relevant for holding more words.
B = 0.75


def idf(n: int, df: int) -> float:
    """Robertson-Sparck Jones IDF, kept positive (the +1) for terms most documents hold."""
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def length_norms(lengths: Sequence[float]) -> tuple[float, ...]:
    """Per document: 1 - B + B x its length over the average length."""
    average = (sum(lengths) / max(1, len(lengths))) or 1.0
    return tuple(1 - B + B * length / average for length in lengths)


def gain(weight: float, tf: float, norm: float) -> float:
    """What one query term of this weight adds to a document holding it tf times."""
    return weight * tf * (K1 + 1) / (tf + K1 * norm)


def ceiling(weight: float) -> float:
    """The most one query term of this weight can add (saturated in a document)."""
    return weight * (K1 + 1)
