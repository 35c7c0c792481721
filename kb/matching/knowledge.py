"""What the engine knows: the issues, indexed for matching and searching.

Built once by `Engine.build` and never mutated, so any number of threads read
it. Every step of the pipeline (scoring.py, ranking.py, search.py) takes it as
its first argument, `kb`.
"""

from dataclasses import dataclass

from .index import WordIndex
from .ranking import StemIndex
from .report import IssueRecord
from .signatures import Template


@dataclass(frozen=True)
class Knowledge:
    issues: tuple[IssueRecord, ...]  # by issue index, the number every other structure uses
    templates: tuple[Template, ...]  # compiled signatures, by template id
    automaton: object  # Aho-Corasick over the templates' key segments -> template ids
    index: WordIndex  # words: IDF, BM25F postings, template postings, background commonness
    stems: StemIndex  # the postings conflated by stem, for ranking
