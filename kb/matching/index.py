"""Inverted indexes of the issues' words: IDF weights, BM25F postings, template postings.

Documents are issues; their fields carry different weight as evidence (a
word of the title or of a signature says more than a word of the solution).
Per-line work only walks the postings of rare terms (df <= `candidate_df`),
so it does not grow with the size of the knowledge base.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import bm25
from .background import Background, shipped
from .normalize import mask_values
from .plaintext import plain
from .programs import KNOWN_COMPONENTS, PARENT, agreement, canonical
from .thesaurus import concepts
from .tokens import COMMON, terms, words
from .types import IssueSpec

FIELD_WEIGHTS = (
    ("title", 1.0),
    ("signatures", 1.0),
    ("symptoms", 0.9),
    ("components", 0.8),
    ("root_cause", 0.6),
    ("solution", 0.4),
    ("workaround", 0.4),
    ("environment", 0.2),
)
# Log chatter (tokens.COMMON) keeps a third of its IDF: present, but weak.
COMMON_FACTOR = 0.3
# Fields whose words describe the failure itself (not the fix).
DESCRIPTIVE = 0.6


@dataclass(frozen=True)
class Document:
    fields: dict[str, float]  # term -> weight of the best field holding it
    length: float  # field-weighted number of terms (BM25F length)


def field_texts(spec: IssueSpec) -> dict[str, str]:
    return {
        "title": f"{spec.title} {spec.slug.replace('-', ' ')}",
        "signatures": " ".join(mask_values(s.text) for s in spec.signatures),
        "symptoms": plain(spec.symptoms),
        "components": " ".join(spec.components),
        "root_cause": plain(spec.root_cause),
        "solution": plain(spec.solution),
        "workaround": plain(spec.workaround),
        "environment": spec.environment,
    }


def text_terms(text: str) -> list[str]:
    """Evidence terms of a text, concepts included, in order (repeats kept for tf)."""
    tokens = words(text)
    return terms(tokens) + sorted(concepts(tokens))


class WordIndex:
    def __init__(
        self,
        specs: list[IssueSpec],
        template_terms: list[frozenset[str]],
        background: Background | None = None,
    ):
        self.background = shipped() if background is None else background
        self.n = len(specs)
        docs, tf_rows = [], []
        for spec in specs:
            fields: dict[str, float] = {}
            tf: Counter = Counter()
            texts = field_texts(spec)
            for name, weight in FIELD_WEIGHTS:
                for term in text_terms(texts[name]):
                    tf[term] += weight
                    fields[term] = max(fields.get(term, 0.0), weight)
            docs.append(Document(fields, sum(tf.values())))
            tf_rows.append(tf)
        self.docs = tuple(docs)
        self.norm = bm25.length_norms([d.length for d in docs])  # per issue, for BM25
        df = Counter(t for d in docs for t in d.fields)
        self.idf = {t: bm25.idf(self.n, c) for t, c in df.items()}
        self.idf_unknown = bm25.idf(max(self.n, 1), 1)
        self.rare_idf = self.idf_unknown / 2
        self.candidate_df = max(64, int(math.sqrt(self.n)))
        postings: dict[str, list] = defaultdict(list)
        for i, tf in enumerate(tf_rows):
            for term, count in tf.items():
                postings[term].append((i, count))
        self.postings = {t: tuple(p) for t, p in postings.items()}
        by_term: dict[str, list[int]] = defaultdict(list)
        for tid, tset in enumerate(template_terms):
            for term in tset:
                by_term[term].append(tid)
        self.template_postings = {t: tuple(ids) for t, ids in by_term.items()}
        self.template_mass = tuple(sum(self.weight(t) for t in ts) for ts in template_terms)
        self.component_idf = self._component_idf(specs)

    def _component_idf(self, specs: list[IssueSpec]) -> dict[str, float]:
        """IDF of a line's component among the issues it agrees with (programs.agreement)."""
        sets = Counter(frozenset(canonical(c) or c.lower() for c in s.components) for s in specs)
        names = set(KNOWN_COMPONENTS) | set(PARENT.values()) | {c for cs in sets for c in cs}
        out = {}
        for name in names:
            df = sum(n for cs, n in sets.items() if agreement(name, cs))
            if df:
                out[name] = bm25.idf(self.n, df)
        return out

    def weight(self, term: str) -> float:
        """Evidence weight of a term: its IDF, unknown words as rare, ids and numbers nil."""
        idf = self.idf.get(term)
        if idf is None:
            if not (term.isalpha() or term.startswith("~")):
                return 0.0
            idf = self.idf_unknown
        return idf * COMMON_FACTOR if term in COMMON else idf

    def is_rare(self, term: str) -> bool:
        """At least half as surprising as a word only one issue uses, and not chatter.

        Numbers count too (words() keeps only 3-4 digit ones: 429, 2003, 1213).
        Rare words rank answers; only distinctive ones make an answer confident.
        """
        return term not in COMMON and self.idf.get(term, 0.0) >= self.rare_idf

    def is_distinctive(self, term: str) -> bool:
        """Rare across the knowledge base AND across ordinary logs (background.py).

        "password" is used by one issue only, yet any auth log says it: rare
        here, common out there, so it may rank an answer but never carry one.
        """
        return self.is_rare(term) and not self.background.is_common(term) and _may_tell(term)

    def df(self, term: str) -> int:
        return len(self.postings.get(term, ()))


def _may_tell(term: str) -> bool:
    """A word that can tell one issue from others: not two letters (`fe`, a HAProxy frontend's
    prefix), nor one letter repeated (`xx`, `xxx`: a document's stand-in for a value), which an
    imported document's examples made weak leads on healthy HAProxy logs (tests/data/gathered34,
    2026-12-08). Numbers keep their three or four digits (429, 2003)."""
    return len(term) > 2 and len(set(term)) > 1
