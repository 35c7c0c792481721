"""What a match returns: issues found, with the lines that show them and why."""

from dataclasses import dataclass, field

from .types import IssueSpec

MAX_LINES_PER_MATCH = 200
MAX_UNMATCHED = 200
MAX_TEXT = 1000


@dataclass(frozen=True)
class IssueRecord:
    """An issue as the engine holds it: the spec plus what matching derived from it."""

    spec: IssueSpec
    components: frozenset[str]
    remedy: str
    related: tuple[tuple[int, str], ...]  # (issue index, relation seen from this issue)


@dataclass(frozen=True)
class LineHit:
    number: int  # 1-based; the head line of a joined traceback or wrapped line
    text: str
    signature: str | None  # None when the line matched by its words


@dataclass(frozen=True)
class IssueMatch:
    issue: IssueRecord
    score: float
    confident: bool
    lines: tuple[LineHit, ...]
    line_count: int
    why: str
    related: tuple[tuple[IssueRecord, str], ...] = ()

    def as_dict(self) -> dict:
        spec = self.issue.spec
        return {
            "issue": {
                "slug": spec.slug,
                "title": spec.title,
                "url": spec.url,
                "status": spec.status,
                "components": list(spec.components),
                "remedy": self.issue.remedy,
            },
            "score": round(self.score, 3),
            "confident": self.confident,
            "lines": [
                {"number": h.number, "text": h.text, "signature": h.signature} for h in self.lines
            ],
            "line_count": self.line_count,
            "lines_truncated": self.line_count > len(self.lines),
            "why": self.why,
            "related": [
                {
                    "slug": r.spec.slug,
                    "title": r.spec.title,
                    "url": r.spec.url,
                    "relation": relation,
                }
                for r, relation in self.related
            ],
        }


@dataclass(frozen=True)
class MatchReport:
    matches: tuple[IssueMatch, ...]
    lines_total: int
    lines_matched: int
    unmatched: tuple[tuple[int, str], ...] = field(default=())
    unmatched_count: int = 0

    @property
    def confident(self) -> bool:
        """False means the honest answer: no known issue."""
        return any(m.confident for m in self.matches)

    def as_dict(self) -> dict:
        return {
            "matches": [m.as_dict() for m in self.matches],
            "lines_total": self.lines_total,
            "lines_matched": self.lines_matched,
            "unmatched": [{"number": n, "text": t} for n, t in self.unmatched],
            "unmatched_count": self.unmatched_count,
            "unmatched_truncated": self.unmatched_count > len(self.unmatched),
        }


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
