"""Free-text search for people: BM25F over the issues (bm25.py), with a highlighted snippet."""

import html
import re
from typing import TYPE_CHECKING

from . import bm25
from .index import field_texts, text_terms
from .thesaurus import concepts, describe
from .tokens import terms, words
from .types import SearchHit

if TYPE_CHECKING:  # annotations only: knowledge.py imports the modules it is built from
    from .knowledge import Knowledge

# A synonym is a weaker reason to show an issue than the word the person typed.
_CONCEPT_FACTOR = 0.5
_WORD = re.compile(r"[A-Za-z0-9_]+")
_SNIPPET_FIELDS = ("symptoms", "root_cause", "solution", "workaround")
_FIELD_NAMES = {
    "title": "title",
    "signatures": "signatures",
    "symptoms": "symptoms",
    "components": "components",
    "root_cause": "root cause",
    "solution": "solution",
    "workaround": "workaround",
    "environment": "environment",
}


def query_terms(query: str) -> set[str]:
    tokens = words(query)
    return set(terms(tokens)) | concepts(tokens)


def _bm25(kb: "Knowledge", qterms: set[str]) -> tuple[dict[int, float], dict[int, set[str]]]:
    index = kb.index
    scores: dict[int, float] = {}
    matched: dict[int, set[str]] = {}
    for term in qterms:
        postings = index.postings.get(term)
        if not postings:
            continue
        idf = index.idf[term] * (_CONCEPT_FACTOR if term.startswith("~") else 1.0)
        for issue, tf in postings:
            scores[issue] = scores.get(issue, 0.0) + bm25.gain(idf, tf, index.norm[issue])
            matched.setdefault(issue, set()).add(term)
    return scores, matched


def _is_hit(word: str, qterms: set[str]) -> bool:
    return word.lower() in qterms or any(p in qterms for p in words(word)[1:])


def snippet_html(text: str, qterms: set[str], width: int = 240) -> str:
    """A window of `text` around the densest run of query words, escaped, words in <mark>."""
    hits = [m for m in _WORD.finditer(text) if _is_hit(m.group(0), qterms)][:200]
    start = 0
    if hits:

        def density(m):
            return len(
                {h.group(0).lower() for h in hits if m.start() <= h.start() < m.start() + width}
            )

        best = max(hits, key=density)
        start = max(0, best.start() - 40)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < best.start() else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    out, cursor = [], start
    for m in _WORD.finditer(text, start, end):
        out.append(html.escape(text[cursor : m.start()]))
        word = html.escape(m.group(0))
        out.append(f"<mark>{word}</mark>" if _is_hit(m.group(0), qterms) else word)
        cursor = m.end()
    out.append(html.escape(text[cursor:end]))
    return ("…" if start else "") + "".join(out) + ("…" if end < len(text) else "")


def _explain(texts: dict[str, str], matched: set[str]) -> tuple[str, str]:
    """Which matched words sit in which fields; and the body field to take a snippet from.

    The title is shown anyway, so the snippet comes from the body field with
    the most matched words (the symptoms when none has any).
    """
    where: dict[str, set[str]] = {}
    for name, text in texts.items():
        present = matched & set(text_terms(text))
        if present:
            where[name] = present
    bodies = [f for f in _SNIPPET_FIELDS if texts[f]]
    shown = max(bodies, key=lambda f: len(where.get(f, ())), default="title")
    plain_words = sorted({describe(t) for t in matched})
    fields = ", ".join(_FIELD_NAMES[f] for f in where)
    return f"matched {', '.join(plain_words)} in {fields}", shown


def search(kb: "Knowledge", query: str, limit: int = 20) -> list[SearchHit]:
    qterms = query_terms(query)
    if not qterms or limit <= 0:
        return []
    scores, matched = _bm25(kb, qterms)
    ceiling = sum(
        bm25.ceiling(kb.index.idf.get(t, 0.0) * (_CONCEPT_FACTOR if t.startswith("~") else 1.0))
        for t in qterms
    )
    ranked = sorted(scores, key=lambda i: (-scores[i], kb.issues[i].spec.slug))[:limit]
    hits = []
    for i in ranked:
        spec = kb.issues[i].spec
        texts = field_texts(spec)
        why, shown = _explain(texts, matched[i])
        hits.append(
            SearchHit(
                slug=spec.slug,
                title=spec.title,
                url=spec.url,
                score=round(min(1.0, scores[i] / ceiling) if ceiling else 0.0, 3),
                snippet_html=snippet_html(spec.title if shown == "title" else texts[shown], qterms),
                why=why,
            )
        )
    return hits
