"""Plain text for terminals: `Accept: text/plain` or `?format=text` on match and search."""

import html
import textwrap

from django.utils.html import strip_tags
from rest_framework.renderers import BaseRenderer

from kb.models import Issue

REMEDY_LINES = 6
SHOWN_LINES = 10
WIDTH = 100


class PlainTextRenderer(BaseRenderer):
    """Asks the view to lay out its data (`view.render_text(data)`); errors become one line."""

    media_type = "text/plain"
    format = "text"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        response, view = renderer_context.get("response"), renderer_context.get("view")
        if data is None:
            return b""
        if response is not None and response.status_code >= 400:
            detail = data.get("detail", data) if isinstance(data, dict) else data
            text = f"error {response.status_code}: {detail}\n"
        else:
            text = view.render_text(data)
        return text.encode(self.charset)


def status_label(value: str) -> str:
    try:
        return Issue.Status(value).label
    except ValueError:
        return value or "unknown"


def match_text(report: dict) -> str:
    matches = report.get("matches", [])
    total, matched = report.get("lines_total", 0), report.get("lines_matched", 0)
    if not matches:
        return f"No known issue matches these {total} line(s).\n"
    headline = report.get("headline") or f"{len(matches)} match(es)"
    out = [f"{headline}; {matched} of {total} line(s) matched.", ""]
    for number, match in enumerate(matches, 1):
        out += _match_block(number, match)
    return "\n".join(out)


def _match_block(number: int, match: dict) -> list[str]:
    issue = match["issue"]
    confidence = "confident" if match.get("confident") else "weak lead, not a known issue"
    out = [
        f"{number}. {issue['title']}",
        f"   status:  {status_label(issue.get('status', ''))}",
        f"   score:   {match.get('score', 0):.2f} ({confidence})",
    ]
    remedy = _excerpt(issue.get("remedy", ""), REMEDY_LINES)
    for index, line in enumerate(remedy or ["(none recorded)"]):
        out.append(("   remedy:  " if index == 0 else "            ") + line)
    lines = match.get("lines", [])
    for index, line in enumerate(lines[:SHOWN_LINES]):
        label = "   lines:   " if index == 0 else "            "
        out.append(f"{label}{line['number']}: {_clip(line['text'], WIDTH)}")
    if len(lines) > SHOWN_LINES:
        out.append(f"            ... and {len(lines) - SHOWN_LINES} more")
    if match.get("why"):
        out.append(f"   why:     {_clip(str(match['why']), WIDTH)}")
    out += [f"   url:     {issue.get('absolute_url') or issue.get('url', '')}", ""]
    return out


def search_text(data: dict) -> str:
    results = data.get("results", [])
    if not results:
        return f"Nothing found for {data.get('query', '')!r}.\n"
    out = [f"{len(results)} result(s) for {data.get('query', '')!r}", ""]
    for number, hit in enumerate(results, 1):
        snippet = html.unescape(strip_tags(hit.get("snippet_html", "")))
        out += [f"{number}. {hit['title']}  (score {hit.get('score', 0):.2f})"]
        out += [f"   {line}" for line in textwrap.wrap(snippet, WIDTH - 3)[:3]]
        out += [f"   {hit.get('absolute_url') or hit.get('url', '')}", ""]
    return "\n".join(out)


def _excerpt(text: str, limit: int) -> list[str]:
    """The first `limit` lines of `text` wrapped for a terminal, with "..." when there is more."""
    lines = [wrapped for line in text.strip().splitlines() if line.strip()
             for wrapped in textwrap.wrap(line, WIDTH - 12)]
    return lines[:limit] + (["..."] if len(lines) > limit else [])


def _clip(text: str, width: int) -> str:
    text = text.replace("\t", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
