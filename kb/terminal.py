"""A match report laid out for a terminal: text/plain answers and `manage.py match`.

At most WIDTH (100) columns a line: a log line shows its message without the
prefix (timestamp, pid, level, logger: kb.answers.log_message) before it is
clipped, prose wraps, and links are absolute and never cut (a URL longer than
a line gets a line of its own). Takes the report dict after kb.answers.enrich.
Pure functions: no Django.
"""

import textwrap

from kb.matching.report import REVIEW_MARK, count_summary
from kb.scores import score_text

WIDTH = 100
INDENT = " " * 13  # under "   upstream: "
SHOWN_LINES = 10
REMEDY_LINES = 8
WHY_LINES = 3

STATUS_WORDS = {
    "fixed": "Fixed upstream", "partially_fixed": "Partially fixed upstream", "workaround": "Workaround only",
    "investigating": "Under investigation", "config_fix": "Local configuration fix", "unknown": "Unknown",
}


def report_lines(report: dict, *, width: int = WIDTH) -> list[str]:
    """The whole answer: a headline, then one block per matched issue."""
    matches = report.get("matches") or []
    # the same headline and counts (lines, and the records they form) as the page and the CLI
    headline = report.get("headline") or (
        f"{len(matches)} known issue(s) match" if matches else "No known issue")
    out = _wrap(f"{headline}. {count_summary(report)}", width, "", "")
    several = len(report.get("files") or ()) > 1  # a bundle: each line names its log, as the CLI's do
    if several or report.get("skipped"):
        out += [""] + file_lines(report)  # paths are never cut
    for number, match in enumerate(matches, 1):
        out += [""] + match_lines(number, match, width=width, file_names=several)
    if report.get("result_url"):  # an answer kb stored: the link to share (never cut)
        out += ["", f"Permalink: {report['result_url']}"]
    return out


def file_lines(report: dict) -> list[str]:
    """A bundle's per-file summary: each log's lines, matched lines and confident issues, then
    the members skipped and why (binary, too large ...)."""
    out = ["Per file:"]
    for group in report.get("files") or ():
        found = ", ".join(f"{m['slug']} x{m['line_count']}" for m in group["matches"] if m["confident"])
        records = group.get("records_total")
        differ = records is not None and records != group["lines_total"]
        formed = f" ({records:,} log record{'' if records == 1 else 's'})" if differ else ""
        lines = group["lines_total"]
        out.append(f"  {group['path']}: {lines:,} line{'' if lines == 1 else 's'}{formed}, "
                   f"{group['lines_matched']:,} matched{': ' + found if found else ''}")
    out += [f"  {skipped['path']}: skipped, {skipped['reason']}" for skipped in report.get("skipped") or ()]
    return out


def match_lines(number: int, match: dict, *, width: int = WIDTH, file_names: bool = False) -> list[str]:
    issue = match["issue"]
    weak = "weak lead, not a known issue"
    confidence = match.get("confidence_label") or ("confident" if match.get("confident") else weak)
    status = STATUS_WORDS.get(issue.get("status", ""), issue.get("status") or "Unknown")
    if issue.get("fixed_in"):
        status += f" · fix in {issue['fixed_in']}"
    if issue.get("needs_review"):
        status += f" · {REVIEW_MARK}"
    out = _wrap(f"{number}. {issue['title']}", width, "", "   ")
    # The issue's page right under its title, indented little so that a long URL still fits.
    url = issue.get("absolute_url") or issue.get("url", "")
    out.append(f"   {url}" if len(url) + 3 <= width else url)
    out += _field("status", status, width)
    out.append(_label("score") + f"{score_text(match.get('score', 0))} ({confidence})")
    # A lead's remedy is what to do if the lead proves right, not an instruction: a new user's
    # trial (tests/eval/trial6) read a fuel-ccp fix under a lead as the answer to an unrelated failure
    out += _remedy(issue, width, "remedy" if match.get("confident") else "if it is")
    for index, link in enumerate((issue.get("upstream") or [])[:5]):
        kind = link.get("kind_label") or link.get("kind", "")
        state = (link.get("status_label") or link.get("status", "")).lower()
        head = f"{link.get('label') or link['url']} ({kind}, {state})"
        out += _with_url(_label("upstream") if index == 0 else INDENT, head, link["url"], width)
    lines = match.get("lines") or []
    for index, line in enumerate(lines[:SHOWN_LINES]):
        where = f"{line['file']}:" if file_names and line.get("file") else ""
        text = f"{where}{line['number']}: {line.get('message') or line.get('text', '')}"
        out.append(clip((_label("lines") if index == 0 else INDENT) + text, width))
    more = max(len(lines), match.get("line_count", 0)) - SHOWN_LINES
    if more > 0:
        out.append(f"{INDENT}... and {more} more")
    if match.get("why"):
        out += _field("why", str(match["why"]), width, limit=WHY_LINES)
    return out


def _remedy(issue: dict, width: int, label: str = "remedy") -> list[str]:
    text = issue.get("remedy_short") or issue.get("remedy") or ""
    if not text.strip():
        return [_label(label) + "(none recorded)"]
    out: list[str] = []
    for paragraph in text.splitlines():
        out += _wrap(paragraph, width, _label(label) if not out else INDENT,
                     INDENT + ("  " if paragraph.startswith("• ") else ""))
    if len(out) > REMEDY_LINES:
        out = out[:REMEDY_LINES] + [INDENT + "..."]
    if issue.get("remedy_truncated"):
        out.append(INDENT + "… the full fix is on the issue's page (the link under the title)")
    return out


def _field(name: str, text: str, width: int, limit: int = 0) -> list[str]:
    lines = _wrap(text, width, _label(name), INDENT)
    if limit and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = clip(lines[-1] + " …", width)
    return lines


def _with_url(prefix: str, head: str, url: str, width: int) -> list[str]:
    """`prefix head url` on one line if it fits, else the URL alone on the next (never cut)."""
    one = f"{prefix}{head} {url}".rstrip() if head else f"{prefix}{url}"
    if len(one) <= width:
        return [one]
    first = clip(f"{prefix}{head}", width) if head else prefix.rstrip()
    url_line = f"{INDENT}{url}" if len(INDENT) + len(url) <= width else url
    return [line for line in (first, url_line) if line.strip()]


def _label(name: str) -> str:
    return f"   {name + ':':<10}"


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=True, break_on_hyphens=False) or [first.rstrip()]


def clip(text: str, width: int = WIDTH) -> str:
    text = text.replace("\t", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
