"""What kb answers in chat, before it is dressed as Slack blocks or Mattermost Markdown.

No database here: a matcher report (a MatchReport) plus the issues' remedies
and upstream links as the knowledge has them now become an Answer; slack.py
and mattermost.py lay it out.
"""

import re
from dataclasses import dataclass, field

from kb.answers import log_message
from kb.matching.grouping import physical_lines
from kb.matching.prefix import parse
from kb.matching.report import REVIEW_MARK, IssueMatch, MatchReport, count_summary
from kb.models import Issue
from kb.remedy import short_remedy

MAX_MATCHES = 3
REMEDY_LINES = 4
REMEDY_WIDTH = 400
LINE_WIDTH = 200
SHOWN_LINES = 3
# A longer signature is left out of the feedback buttons (the vote still counts for the issue).
FEEDBACK_SIGNATURE_WIDTH = 1000
THANKS = "Thanks: your vote was recorded."
# "/kb public <text>" or "/kb --in-channel <text>" answers in the channel; otherwise only to the asker.
PUBLIC_FLAGS = ("public", "--in-channel", "--public")
STATUS_LABELS = dict(Issue.Status.choices)


@dataclass(frozen=True)
class Command:
    text: str
    public: bool = False

    @property
    def wants_help(self) -> bool:
        return not self.text.strip() or self.text.strip().lower() in ("help", "-h", "--help")


@dataclass(frozen=True)
class Upstream:
    label: str
    url: str
    status: str


@dataclass
class Hit:
    title: str
    url: str
    score: float
    confident: bool
    status: str
    remedy: list[str]
    lines: list[tuple[int, str]]
    upstream: list[Upstream] = field(default_factory=list)
    slug: str = ""
    signature: str = ""  # the kb signature that fired (kb's text, never the pasted line), for feedback
    line_count: int = 0  # the match's evidence lines in all, of which `lines` shows the first

    @property
    def confidence(self) -> str:
        return "confident" if self.confident else "weak lead"

    @property
    def remedy_heading(self) -> str:
        """What the remedy is to the reader: a lead's is what to do if the lead proves right
        (text/plain labels it "if it is:", the page "If it is this issue")."""
        return "" if self.confident else "If it is this issue:"

    @property
    def more_lines(self) -> int:
        """Evidence lines not shown (text/plain and the CLI say "... and N more" too)."""
        return max(0, self.line_count - len(self.lines))

    @property
    def more_lines_text(self) -> str:
        more = self.more_lines
        return f"… and {more} more line{'s' if more > 1 else ''}" if more else ""


@dataclass
class Answer:
    hits: list[Hit]
    lines_total: int
    lines_matched: int
    search_url: str
    more: int = 0  # matches beyond the MAX_MATCHES shown
    verdict: str = "no_known_issue"  # the report's: known_issue | weak_leads | no_known_issue
    headline: str = "No known issue"  # counts confident matches only
    records_total: int | None = None  # log records the lines formed (kb.matching.report.count_summary)
    unmatched_leading: int = 0  # unmatched records a weak lead lists as its evidence

    @property
    def counts(self) -> str:
        """What was read and matched: the sentence of the page, the CLI and text/plain
        (lines_matched counts log records: a traceback is one)."""
        return count_summary({"lines_total": self.lines_total, "records_total": self.records_total,
                              "lines_matched": self.lines_matched,
                              "unmatched_leading": self.unmatched_leading})


def parse_command(text: str) -> Command:
    first, _, rest = (text or "").strip().partition(" ")
    if first.lower() in PUBLIC_FLAGS:
        return Command(rest.strip(), public=True)
    return Command((text or "").strip())


def build_answer(report: MatchReport, *, absolute, upstream: dict[str, list[Upstream]], search_url: str,
                 remedies: dict[str, str] | None = None) -> Answer:
    """`absolute(path)` makes a full URL; `upstream` maps issue slug to its links, `remedies` to its
    remedy (Markdown) as the knowledge says it now: the matcher's own excerpt stands in without it."""
    remedies = remedies or {}
    return Answer(
        hits=[_hit(match, absolute, upstream, remedies) for match in report.matches[:MAX_MATCHES]],
        lines_total=report.lines_total,
        lines_matched=report.lines_matched,
        records_total=report.records_total,
        unmatched_leading=report.unmatched_leading,
        search_url=search_url,
        more=max(0, len(report.matches) - MAX_MATCHES),
        verdict=report.verdict.value,
        headline=report.headline,
    )


def _hit(match: IssueMatch, absolute, upstream: dict[str, list[Upstream]], remedies: dict[str, str]) -> Hit:
    spec = match.issue.spec
    return Hit(
        title=spec.title,
        url=absolute(spec.url),
        score=round(match.score, 3),  # as every other surface shows it
        confident=match.confident,
        # slack.py and mattermost.py show the status beside the score: the mark rides with it
        status=STATUS_LABELS.get(spec.status, "Status unknown")
        + (f" · {REVIEW_MARK}" if spec.needs_review else ""),
        remedy=remedy_lines(remedies.get(spec.slug, match.issue.remedy)),
        # the message, as text/plain and the CLI show it: a prefix (time, pid, level, logger, request
        # ids) could fill the width and cut off the evidence
        lines=[(line.number, clip(log_message(line.text))) for line in match.lines[:SHOWN_LINES]],
        upstream=upstream.get(spec.slug, []),
        slug=spec.slug,
        signature=fired_signature(match),
        line_count=max(match.line_count, len(match.lines)),
    )


def fired_signature(match: IssueMatch) -> str:
    """The first signature that fired for a match, if short enough to ride in a feedback button."""
    texts = (line.signature or "" for line in match.lines)
    text = next((text.strip() for text in texts if text.strip()), "")
    return text if len(text) <= FEEDBACK_SIGNATURE_WIDTH else ""


@dataclass(frozen=True)
class Vote:
    """A click on a feedback button, as the chat service sends it back."""

    issue: str
    verdict: str
    signature: str = ""


class PayloadError(Exception):
    """A malformed interaction payload (a 400)."""


VERDICTS = ("helped", "wrong")
SLUG_WIDTH = 100  # Issue.slug's max_length


def vote(issue, verdict, signature="") -> Vote:
    """A Vote from untrusted values, or PayloadError."""
    if not isinstance(issue, str) or not issue or len(issue) > SLUG_WIDTH:
        raise PayloadError("The issue must be an issue slug.")
    if verdict not in VERDICTS:
        raise PayloadError(f"The verdict must be one of {', '.join(VERDICTS)}.")
    if not isinstance(signature, str) or len(signature) > FEEDBACK_SIGNATURE_WIDTH:
        raise PayloadError(f"The signature must be a text of at most {FEEDBACK_SIGNATURE_WIDTH} characters.")
    return Vote(issue, verdict, signature)


def remedy_lines(markdown: str) -> list[str]:
    """The remedy cut at a sentence or list item (its lines whole, kb.remedy), else an excerpt."""
    short = short_remedy(markdown)
    if short.text:
        return short.text.splitlines() + (["…"] if short.truncated else [])
    return remedy_excerpt(markdown)


def remedy_excerpt(markdown: str) -> list[str]:
    """The first few lines of the remedy, code fences dropped."""
    lines = [line.rstrip() for line in markdown.splitlines()
             if line.strip() and not line.strip().startswith("```")]
    shown = [clip(line, REMEDY_WIDTH) for line in lines[:REMEDY_LINES]]
    if len(lines) > REMEDY_LINES:
        shown.append("…")
    return shown


def search_words(text: str) -> str:
    """What to search for when nothing matched: the message of the first line logged as an error
    or a warning, else of the first non-empty line, clipped. (The first line of an etcd paste,
    `I | mvcc: store.index: compact 6350`, is no search for the failure warned of below it.)"""
    lines = [line for line in physical_lines(text) if line.strip()]
    parsed = (parse(line) for line in lines)
    first = next((p.message for p in parsed if p.level in ("error", "warning") and p.message.strip()), "")
    first = first or (log_message(lines[0]) if lines else "")
    return re.sub(r"\s+", " ", first)[:LINE_WIDTH]


def clip(text: str, width: int = LINE_WIDTH) -> str:
    text = text.replace("\t", " ").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


USAGE = [
    ("{command} <log line or lines>", "which known issue is this? (only you see the answer)"),
    ("{command} public <log line>", "the same, answered in the channel"),
    ("{command} help", "this text"),
]
