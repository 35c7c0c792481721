"""kb's matching engine: log lines -> known issues, in pure Python (no Django).

    engine = Engine.build(issue_specs)
    engine.match_text(paste).as_dict()
    engine.search("rate limit apiserver")
    triage_stream(engine, open(path, "rb"))

Only `loader.py` reads the database; everything else takes plain records.
"""

from .engine import Engine
from .knowledge import Knowledge
from .normalize import normalize
from .report import IssueMatch, LineHit, MatchReport, Verdict
from .scoring import CANDIDATE, CONFIDENT
from .triage import TriageSummary, triage_stream
from .types import IssueSpec, SearchHit, SignatureSpec

__all__ = [
    "CANDIDATE",
    "CONFIDENT",
    "Engine",
    "IssueMatch",
    "IssueSpec",
    "Knowledge",
    "LineHit",
    "MatchReport",
    "SearchHit",
    "SignatureSpec",
    "TriageSummary",
    "Verdict",
    "normalize",
    "triage_stream",
]
