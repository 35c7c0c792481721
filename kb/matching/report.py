"""What a match returns: issues found, with the lines that show them and why.

A `MatchReport` is what every edge receives (page, API, text/plain, CLI, chat,
learning queue; a bundle's is kb.analysis.BundleReport, of one per file); it
becomes a dict only where it leaves the process (`as_dict`: the HTTP answer,
the CLI's output, a stored result), and `as_dict` is the one place its JSON
shape is written (kb.api.serializers describes it for the schema, checked by
tests/test_schema.py). Its `verdict` is the one answer all of them give: a
known issue, weak leads only, or no known issue.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .types import IssueSpec

MAX_LINES_PER_MATCH = 200
MAX_UNMATCHED = 200
MAX_TEXT = 1000
# What every answer says of a match whose issue the importer read from prose and no editor has
# checked yet (Issue.needs_review): such an issue is a guess at the document's meaning, not
# checked knowledge. The JSON says it in `issue.needs_review`; text, pages and chat show this.
REVIEW_MARK = "needs review: read from prose, not yet checked by an editor"


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
    file: str | None = None  # the log it is in, in a report over several (kb.analysis)

    def as_dict(self) -> dict:
        line = {"number": self.number, "text": self.text, "signature": self.signature}
        if self.file is not None:
            line["file"] = self.file
        return line


@dataclass(frozen=True)
class Tally:
    """Where streaming triage saw an issue in a big log: it counts every line, keeps a few."""

    count: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class IssueMatch:
    issue: IssueRecord
    score: float
    confident: bool
    lines: tuple[LineHit, ...]
    line_count: int
    why: str
    related: tuple[tuple[IssueRecord, str], ...] = ()
    tally: Tally | None = None  # an issue found by triage: line_count is the tally's count
    reason: str = ""  # what the deciding line (lines[0]) showed: `why` without its number and count

    @property
    def lines_truncated(self) -> bool:
        return self.line_count > len(self.lines)

    def as_dict(self) -> dict:
        spec = self.issue.spec
        match = {
            "issue": {
                "slug": spec.slug,
                "title": spec.title,
                "url": spec.url,
                "status": spec.status,
                "components": list(spec.components),
                "remedy": self.issue.remedy,
                "needs_review": spec.needs_review,
            },
            "score": round(self.score, 3),
            "confident": self.confident,
            "lines": [hit.as_dict() for hit in self.lines],
            "line_count": self.line_count,
            "lines_truncated": self.lines_truncated,
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
        if self.tally is not None:
            match.update(count=self.tally.count, first_line=self.tally.first_line,
                         last_line=self.tally.last_line)
        return match


class Verdict(StrEnum):
    KNOWN_ISSUE = "known_issue"  # at least one confident match
    WEAK_LEADS = "weak_leads"  # no confident match; weak leads worth a look
    NO_KNOWN_ISSUE = "no_known_issue"

    @property
    def label(self) -> str:
        return {
            "known_issue": "Known issue",
            "weak_leads": "Weak leads only",
            "no_known_issue": "No known issue",
        }[self.value]


class Verdicts:
    """The answer of a report with `matches` (confident first): one report, or several files'."""

    matches: tuple[IssueMatch, ...]

    @property
    def confident(self) -> bool:
        """False means the honest answer: no known issue."""
        return any(m.confident for m in self.matches)

    @property
    def known(self) -> tuple[IssueMatch, ...]:
        """The confident matches: what a headline counts."""
        return tuple(m for m in self.matches if m.confident)

    @property
    def leads(self) -> tuple[IssueMatch, ...]:
        """Weak leads: shown below the answer, labelled as such."""
        return tuple(m for m in self.matches if not m.confident)

    @property
    def verdict(self) -> Verdict:
        return verdict_of(len(self.known), len(self.leads))

    @property
    def headline(self) -> str:
        """One sentence every surface shows: counts confident matches only."""
        return headline_of(len(self.known), len(self.leads))

    def _answer_dict(self, unmatched: list[dict]) -> dict:
        """The keys every report's JSON starts with (kb.api.serializers.MatchReportSerializer)."""
        return {
            "verdict": self.verdict.value,
            "headline": self.headline,
            "matches": [m.as_dict() for m in self.matches],
            "lines_total": self.lines_total,
            "records_total": self.records_total,
            "lines_matched": self.lines_matched,
            "unmatched": unmatched,
            # not counted where the records were not (triage): 0 would say every record matched
            "unmatched_count": self.unmatched_count if self.records_total is not None else None,
            "unmatched_truncated": self.unmatched_truncated,
            "unmatched_leading": self.unmatched_leading,
        }


@dataclass(frozen=True)
class MatchReport(Verdicts):
    """Counts, in two units (see `count_summary`): `lines_total` counts the physical lines
    read; everything else counts log records (grouping.py: a traceback, a hard-wrapped line
    is one record), so that lines_matched + unmatched_count == records_total."""

    matches: tuple[IssueMatch, ...]
    lines_total: int
    lines_matched: int  # records with a confident match (the key predates records_total)
    unmatched: tuple[tuple[int, str], ...] = field(default=())
    unmatched_count: int = 0
    # False when the unmatched lines were not gathered at all (triage of a big log)
    unmatched_listed: bool = True
    # None when not counted: triage of a big log groups only the lines around a candidate
    records_total: int | None = None
    # unmatched records that are evidence of a weak lead the report lists (no confident match)
    unmatched_leading: int = 0

    @property
    def unmatched_truncated(self) -> bool:
        return not self.unmatched_listed or self.unmatched_count > len(self.unmatched)

    def unmatched_texts(self) -> list[str]:
        return [text for _, text in self.unmatched]

    def as_dict(self) -> dict:
        """The one JSON description of a report (kb.api.serializers.MatchReportSerializer documents it)."""
        return self._answer_dict([{"number": n, "text": t} for n, t in self.unmatched])


def verdict_of(known: int, leads: int) -> Verdict:
    """The verdict of a report with `known` confident matches and `leads` weak leads."""
    if known:
        return Verdict.KNOWN_ISSUE
    return Verdict.WEAK_LEADS if leads else Verdict.NO_KNOWN_ISSUE


def headline_of(known: int, leads: int) -> str:
    if known:
        return f"{known} known issue{'s' if known > 1 else ''} found"
    if leads:
        return f"No known issue; {leads} weak lead{'s' if leads > 1 else ''}"
    return "No known issue"


def count_summary(report: dict) -> str:
    """What was read and matched, each count with its unit: the one sentence of the CLI,
    text/plain, chat and the result page (a report dict: a stored result may predate
    `records_total`, triage has none).

    Matching reads log records, so matched and unmatched counts are records; when the lines
    formed fewer records (tracebacks, wrapped lines), both numbers are given, since
    "13869 lines read" above "12528 lines matched no known issue" read as a contradiction.
    """
    lines, records = report.get("lines_total", 0), report.get("records_total")
    matched = report.get("lines_matched", 0)
    read = f"{lines:,} line{_s(lines)} read"
    if records is None:
        return (f"{read}; {matched:,} log record{_s(matched)} matched a known issue "
                "(a traceback counts once).")
    unmatched = report.get("unmatched_count", records - matched)
    leading = report.get("unmatched_leading") or 0
    # the lines a weak lead's card lists are among those that did not match: say so, or the
    # sentence reads "0 matched" above a card showing "1 matched line"
    of_them = f" ({leading:,} of them a weak lead's evidence)" if leading else ""
    outcome = f"{matched:,} matched a known issue, {unmatched:,} did not{of_them}."
    if records == lines:
        return f"{read}; {outcome}"
    return (f"{read}, forming {records:,} log record{_s(records)} (a traceback or a wrapped line "
            f"is one); {outcome}")


def _s(count: int) -> str:
    return "" if count == 1 else "s"


# A sentence already ended: . ! ? (or …), perhaps inside a closing quote or bracket.
_ENDED = re.compile(r"[.!?…][”’\"')\]]*$")


def why_of(number: int, reason: str, line_count: int) -> str:
    """A match's `why`: the deciding line by its number in the log, what it showed, the lines in all.
    Its full stop is left out when the reason already ends one (a quoted signature ending in a
    full stop read `…reached.”.`)."""
    others = f"; {line_count} lines in all" if line_count > 1 else ""
    sentence = f"Line {number} {reason}{others}"
    return sentence if _ENDED.search(sentence) else f"{sentence}."


def clip(text: str, limit: int = MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
