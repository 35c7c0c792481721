"""Plain text for terminals: `Accept: text/plain` or `?format=text` on match and search."""

import html
import textwrap

from django.utils.html import strip_tags
from rest_framework import renderers

from kb import issue_table, terminal
from kb.middleware import BROWSABLE_API_POLICY

WIDTH = 100


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    """DRF's HTML pages, with a policy that allows the one inline style DRF's template writes."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        html = super().render(data, accepted_media_type, renderer_context)
        response = (renderer_context or {}).get("response")
        if response is not None:
            response.headers["Content-Security-Policy"] = BROWSABLE_API_POLICY
        return html


class PlainTextRenderer(renderers.BaseRenderer):
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


class CSVRenderer(renderers.BaseRenderer):
    """`?format=csv` (or `Accept: text/csv`) on a list: one row per object, the serializer's fields.

    Lists are joined with "; ", nested objects shown by slug or URL, and cells a
    spreadsheet would run as a formula are defused (kb.issue_table.csv_cell).
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400:
            detail = data.get("detail", data) if isinstance(data, dict) else data
            error = {"error": response.status_code, "detail": detail}
            return issue_table.to_csv([error]).encode(self.charset)
        if data is None:  # 204: a DELETE with ?format=csv has nothing to export
            return b""
        if isinstance(data, dict) and "results" in data:
            data = data["results"]
        rows = data if isinstance(data, list) else [data]
        return issue_table.to_csv([_without_format_override(row) for row in rows]).encode(self.charset)


def _without_format_override(row):
    """DRF keeps the request's `?format=` on the links it builds, so that a browsable-API reader stays
    in that view; a link in an exported row is for opening, not for downloading another CSV."""
    if not isinstance(row, dict):
        return row
    return {key: value.removesuffix("?format=csv") if isinstance(value, str) else value
            for key, value in row.items()}


def match_text(report: dict) -> str:
    """The answer in at most 100 columns, log lines without their prefix, links absolute (kb.terminal)."""
    return "\n".join(terminal.report_lines(report)) + "\n"


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
