"""What kb answers in chat, before it is dressed as Slack blocks or Mattermost Markdown.

No database here: a matcher report (its as_dict()) plus the issues'
upstream links become an Answer; slack.py and mattermost.py lay it out.
"""

import re
from dataclasses import dataclass, field

from kb.models import Issue

MAX_MATCHES = 3
REMEDY_LINES = 4
REMEDY_WIDTH = 400
LINE_WIDTH = 200
SHOWN_LINES = 3
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

    @property
    def confidence(self) -> str:
        return "confident" if self.confident else "possible"


@dataclass
class Answer:
    hits: list[Hit]
    lines_total: int
    lines_matched: int
    search_url: str
    more: int = 0  # matches beyond the MAX_MATCHES shown


def parse_command(text: str) -> Command:
    first, _, rest = (text or "").strip().partition(" ")
    if first.lower() in PUBLIC_FLAGS:
        return Command(rest.strip(), public=True)
    return Command((text or "").strip())


def build_answer(report: dict, *, absolute, upstream: dict[str, list[Upstream]], search_url: str) -> Answer:
    """`absolute(path)` makes a full URL; `upstream` maps issue slug to its links."""
    matches = report.get("matches", [])
    hits = [
        Hit(
            title=match["issue"]["title"],
            url=absolute(match["issue"]["url"]),
            score=float(match.get("score", 0)),
            confident=bool(match.get("confident")),
            status=STATUS_LABELS.get(match["issue"].get("status", ""), "Status unknown"),
            remedy=remedy_excerpt(match["issue"].get("remedy", "")),
            lines=[(line["number"], clip(line["text"])) for line in match.get("lines", [])[:SHOWN_LINES]],
            upstream=upstream.get(match["issue"]["slug"], []),
        )
        for match in matches[:MAX_MATCHES]
    ]
    return Answer(
        hits=hits,
        lines_total=report.get("lines_total", 0),
        lines_matched=report.get("lines_matched", 0),
        search_url=search_url,
        more=max(0, len(matches) - MAX_MATCHES),
    )


def remedy_excerpt(markdown: str) -> list[str]:
    """The first few lines of the remedy, code fences dropped."""
    lines = [line.rstrip() for line in markdown.splitlines()
             if line.strip() and not line.strip().startswith("```")]
    shown = [clip(line, REMEDY_WIDTH) for line in lines[:REMEDY_LINES]]
    if len(lines) > REMEDY_LINES:
        shown.append("…")
    return shown


def search_words(text: str) -> str:
    """What to search for when nothing matched: the first non-empty line, clipped."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return re.sub(r"\s+", " ", first)[:LINE_WIDTH]


def clip(text: str, width: int = LINE_WIDTH) -> str:
    text = text.replace("\t", " ").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


USAGE = [
    ("{command} <log line or lines>", "which known issue is this? (only you see the answer)"),
    ("{command} public <log line>", "the same, answered in the channel"),
    ("{command} help", "this text"),
]
