"""Ranking the issues a line may belong to: BM25F of the line's terms against the issues' fields.

The calibrated evidence of scoring.py says whether a line *is* a known issue;
this module says which issues it most resembles, so that a line without
confident evidence still gets a ranked answer (shown as "possible").

The query is the line's message terms (thesaurus concepts included), plus
the words of the program or logger that wrote it (`heat.engine.resource`,
`keystonemiddleware.auth_token._memcache_pool`) at half weight: the prefix
says who spoke, the message what went wrong. Documents are issues, their
term frequencies already weighted per field (index.FIELD_WEIGHTS), so this
is BM25F. The component the prefix names (programs.py) agreeing with an
issue's components counts as one more matched term of the components field.

An issue is a candidate when it shares a rare word or a concept with the
line. The prefix's rare words select too (`..._memcache_pool` names the
memcache issue when the message only says "unable to get a connection from
pool"), but only on a line that reports a failure (ERROR/WARNING or a
failure word: scoring.LineView.failing); who spoke is one piece of evidence
however many words its name has, and at half weight it ranks below what the
message says.

Only terms with df <= index.candidate_df are walked, so the work per line
does not grow with the knowledge base; a frequent term says little anyway.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import bm25
from .index import COMMON_FACTOR
from .programs import agreement
from .tokens import COMMON

if TYPE_CHECKING:  # annotations only: knowledge.py imports the modules it is built from
    from .knowledge import Knowledge

# Words of the program or logger name: who spoke, not what failed.
SOURCE_WEIGHT = 0.5
TOP = 8


def stem(term: str) -> str:
    """Plural to singular, nothing more: `pods` meets `pod`, `timeouts` meets `timeout`."""
    if len(term) <= 3 or term.startswith("~") or not term.isalpha():
        return term
    if term.endswith("ies") and len(term) > 4:
        return term[:-3] + "y"
    if term.endswith("sses"):
        return term[:-2]
    if term.endswith("s") and not term.endswith(("ss", "us", "is")):
        return term[:-1]
    return term


class StemIndex:
    """The word index's postings, conflated by stem: what the ranking walks."""

    def __init__(self, index):
        merged: dict[str, dict[int, float]] = {}
        for term, postings in index.postings.items():
            row = merged.setdefault(stem(term), {})
            for issue, tf in postings:
                row[issue] = row.get(issue, 0.0) + tf
        self.postings = {s: tuple(row.items()) for s, row in merged.items()}
        n = max(index.n, 1)
        self.idf = {s: bm25.idf(n, len(p)) for s, p in self.postings.items()}


@dataclass(frozen=True)
class Ranking:
    """Issues by weighted shared terms (for scoring.py) and by BM25F relevance."""

    by_weight: list[int]
    relevance: dict[int, float]  # issue -> BM25F / the line's ceiling, 0..1
    evidence: dict[int, frozenset[str]]  # issue -> rare terms and concepts it shares
    # issue -> distinct pieces of that evidence (a concept and its words: one; the prefix: one)
    pieces: dict[int, int]


def _query(view) -> dict[str, float]:
    """Stemmed query terms and their weights; words bound in a phrase speak through its concept."""
    query: dict[str, float] = {}
    for term in view.terms:
        if term not in view.bound:
            query[stem(term)] = 1.0
    for term in view.source_terms:
        query.setdefault(stem(term), SOURCE_WEIGHT)
    return query


def _by_weight(kb: "Knowledge", view) -> list[int]:
    """Issues sharing the most IDF weight of rare-enough terms (scoring.py's prose candidates)."""
    index = kb.index
    by_issue: dict[int, float] = {}
    for term in view.terms:
        postings = index.postings.get(term)
        if not postings or len(postings) > index.candidate_df:
            continue
        weight = index.weight(term)
        for issue, _tf in postings:
            by_issue[issue] = by_issue.get(issue, 0.0) + weight
    return sorted(by_issue, key=by_issue.get, reverse=True)[:TOP]


def _groups(view, query: dict[str, float]) -> dict[str, str]:
    """Query term -> the concept it stands with: a word and its concept are one piece of evidence."""
    groups = {c: c for c in query if c.startswith("~")}
    for concept, word in sorted(view.synonyms):
        if concept in groups:
            groups.setdefault(stem(word), concept)
    return groups


def rank(kb: "Knowledge", view) -> Ranking:
    """BM25F relevance of the issues sharing rare-enough terms with the line.

    A concept and the line's words that raised it count once per issue, at
    the larger of the two: "timeout" meeting "timeout" is not twice the
    evidence of "timeout" meeting "timed out".
    """
    index, stems = kb.index, kb.stems
    scores: dict[int, float] = {}
    grouped: dict[tuple[int, str, bool], float] = {}
    shared: dict[int, set[str]] = {}
    by_prefix: dict[int, set[str]] = {}
    ceiling = 0.0
    query = _query(view)
    groups = _groups(view, query)
    for term, q in query.items():
        postings = stems.postings.get(term)
        if not postings or len(postings) > index.candidate_df:
            continue
        w = q * stems.idf[term] * (COMMON_FACTOR if term in COMMON else 1.0)
        group = groups.get(term)
        if group is None or group == term:
            ceiling += bm25.ceiling(w)
        rare = term.startswith("~") or (term not in COMMON and stems.idf[term] >= index.rare_idf)
        # the message says what failed; who spoke names candidates only when something failed
        selects = shared if q == 1.0 else by_prefix if view.failing else {}
        for issue, tf in postings:
            gain = bm25.gain(w, tf, index.norm[issue])
            if group is None:
                scores[issue] = scores.get(issue, 0.0) + gain
            else:
                key = (issue, group, group == term)
                grouped[key] = grouped.get(key, 0.0) + gain
                scores.setdefault(issue, 0.0)
            if rare:
                selects.setdefault(issue, set()).add(term)
    for (issue, group, is_concept), gain in grouped.items():
        other = grouped.get((issue, group, not is_concept), 0.0)
        if gain > other or (gain == other and is_concept):
            scores[issue] += gain
    weight = _component_weight(kb, view)
    if weight:
        _component(kb, view, weight, scores)
        ceiling += bm25.ceiling(weight)
    ranked = sorted(shared.keys() | by_prefix.keys(), key=scores.get, reverse=True)[:TOP]
    relevance = {i: min(1.0, scores[i] / ceiling) for i in ranked} if ceiling else {}
    evidence = {i: frozenset(shared.get(i, set()) | by_prefix.get(i, set())) for i in ranked}
    # who spoke is one piece of evidence, however many words its name has
    pieces = {
        i: len({groups.get(t, t) for t in shared.get(i, ())}) + (i in by_prefix) for i in ranked
    }
    return Ranking(_by_weight(kb, view), relevance, evidence, pieces)


def _component_weight(kb: "Knowledge", view) -> float:
    return kb.index.component_idf.get(view.component, 0.0) if view.component else 0.0


def _component(kb: "Knowledge", view, weight: float, scores: dict[int, float]) -> None:
    """The prefix's component agreeing with an issue's: a matched term of the components field."""
    for issue in scores:
        agree = agreement(view.component, kb.issues[issue].components)
        if agree:
            scores[issue] += bm25.gain(agree * weight, 1, kb.index.norm[issue])
