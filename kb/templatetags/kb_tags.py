"""Template filters and tags of the browse pages.

Everything here is presentation: turning stored Markdown into sanitised HTML,
status values into words, and a matched log line into escaped HTML with the
part its signature matched inside <mark>.
"""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from kb.charts import sparkline
from kb.intake import binary_size
from kb.matching.normalize import PLACEHOLDER_RE
from kb.matching.plaintext import plain, shorten
from kb.matching.report import REVIEW_MARK
from kb.matching.report import count_summary as _count_summary
from kb.models import Issue, IssueRelation
from kb.rendering import render_markdown
from kb.scores import score_text

register = template.Library()

WORD = re.compile(r"[A-Za-z0-9_]+")
# What may sit between two words of one marked run.
SEPARATORS = " :,.;()[]\"'=-/"

INCOMING_WORDS = {
    IssueRelation.Kind.CAUSED_BY: "Causes",
    IssueRelation.Kind.SAME_ROOT_CAUSE: "Same root cause as",
    IssueRelation.Kind.RELATED: "Related to",
}


@register.filter
def markdown(text):
    """Markdown to HTML; render_markdown sanitises with nh3, so the result is safe."""
    return mark_safe(render_markdown(text or ""))


@register.filter
def count_summary(report):
    """Lines read and records matched, each with its unit (kb.matching.report.count_summary)."""
    return _count_summary(report if isinstance(report, dict) else report.as_dict())


@register.filter
def thousands(count):
    """A count as count_summary writes it (`13,869`): the page, text/plain, the CLI and chat agree."""
    return f"{count:,}" if isinstance(count, int) else count


@register.filter
def records_differ(report):
    """True when the lines formed fewer log records than lines: counts then say "records"."""
    get = report.get if isinstance(report, dict) else (lambda key: getattr(report, key, None))
    records = get("records_total")
    return records is not None and records != get("lines_total")


@register.filter
def excerpt(text, length=200):
    """The first paragraph of a Markdown field as plain text, for cards."""
    paragraph = (text or "").strip().split("\n\n", 1)[0]
    return shorten(plain(paragraph), int(length))


@register.filter
def size(count):
    """Bytes in binary units, as every surface writes them (kb.intake.binary_size)."""
    return binary_size(int(count or 0))


@register.simple_tag
def review_mark():
    """What a match card says of an issue read from prose and not yet checked (as every answer does)."""
    return REVIEW_MARK


@register.filter
def status_label(value):
    """An Issue.Status value ("partially_fixed") in words; unknown values pass through."""
    try:
        return Issue.Status(value).label
    except ValueError:
        return value


@register.filter
def relation_words(kind):
    """A relation kind in words: "caused_by" -> "Caused by", and the matcher's reverse "causes"."""
    if kind == "causes":
        return INCOMING_WORDS[IssueRelation.Kind.CAUSED_BY]
    try:
        return IssueRelation.Kind(kind).label
    except ValueError:
        return kind


@register.filter
def percent(score):
    """A score in [0, 1] as every surface writes it for a person (kb.scores.score_text)."""
    return score_text(score)


@register.simple_tag
def related_issues(issue):
    """Both directions of an issue's relations, as (words, other issue), each issue once.

    Reads the prefetched ``relations`` and ``incoming_relations``; a pair
    stored both ways (A related to B, B related to A) is listed once.
    """
    seen = set()
    rows = []
    for relation in issue.relations.all():
        seen.add(relation.to_issue_id)
        rows.append((relation.get_kind_display(), relation.to_issue))
    for relation in issue.incoming_relations.all():
        if relation.from_issue_id not in seen:
            seen.add(relation.from_issue_id)
            rows.append((INCOMING_WORDS.get(relation.kind, relation.kind), relation.from_issue))
    return rows


@register.filter
def mark_signature(line, signature):
    """The log line escaped, with what its signature matched inside <mark>.

    The signature's literal pieces are looked for in order (placeholders match
    anything between them), as written and then ignoring case: that stretch is
    marked. The matcher also matches after masking timestamps, ids and numbers,
    so when the pieces are not found verbatim, the runs of words the line
    shares with the signature are marked instead.
    """
    line = str(line or "")
    signature = str(signature or "")
    span = _signature_span(line, signature)
    spans = [span] if span else _shared_word_runs(line, signature)
    if not spans:
        return escape(line)
    parts, last = [], 0
    for start, end in spans:
        parts.append(format_html("{}<mark>{}</mark>", line[last:start], line[start:end]))
        last = end
    parts.append(escape(line[last:]))
    return mark_safe("".join(parts))


def _signature_span(line, signature):
    pieces = [p.strip() for p in PLACEHOLDER_RE.split(signature) if p.strip()]
    if not pieces:
        return None
    span = _find_in_order(line, pieces)
    if span is None and len(line.lower()) == len(line):
        span = _find_in_order(line.lower(), [p.lower() for p in pieces])
    return span


def _shared_word_runs(line, signature):
    """Spans of consecutive words of the line found in the signature, each starting on a real word."""
    wanted = {w.lower() for w in WORD.findall(PLACEHOLDER_RE.sub(" ", signature))}
    spans, run = [], None
    for m in WORD.finditer(line):
        word = m.group().lower()
        if word in wanted and run and not line[run[1]:m.start()].strip(SEPARATORS):
            run = (run[0], m.end())
            continue
        if run:
            spans.append(run)
        starts_run = word in wanted and len(word) >= 3 and not word.isdigit()
        run = (m.start(), m.end()) if starts_run else None
    if run:
        spans.append(run)
    return spans


def _find_in_order(line, pieces):
    """Leftmost match of pieces in order: finding each as early as possible is enough."""
    start = line.find(pieces[0])
    if start < 0:
        return None
    end = start + len(pieces[0])
    for piece in pieces[1:]:
        found = line.find(piece, end)
        if found < 0:
            return None
        end = found + len(piece)
    return start, end


@register.filter
def web_url(url):
    """The URL if it is http(s), else "": an upstream link must never run script."""
    url = str(url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) else ""


@register.filter
def confident_only(matches):
    """The matches of a paste report the matcher is confident about."""
    return [m for m in matches or () if m.get("confident")]


@register.filter
def possible_only(matches):
    """The matches of a paste report that are only possible."""
    return [m for m in matches or () if not m.get("confident")]


@register.filter
def hits_sparkline(values):
    """Hits per hour over the last 24 h as a small SVG bar strip (kb.charts)."""
    values = list(values or ())
    return sparkline(values, title=f"Hits per hour over the last 24 hours: {sum(values)}")


@register.filter
def short_label(link):
    """An upstream link in a few characters for a table cell: "kargo issue #643" -> "#643"."""
    label = str(link.label or link.url)
    number = re.search(r"#?(\d{2,})\D*$", label)
    return f"#{number.group(1)}" if number else label[:24]


@register.filter
def ago(moment):
    """"3 hours ago": the largest unit only, short enough for a table cell."""
    return f"{timesince(moment, depth=1)} ago" if moment else ""
