"""Tables whose header names a symptom column and a cause or fix column, one issue a row.

"Signature / Issue / Steps to take", "Scenario / Description / Action", or a known-issue table
keyed by its ticket ("Ticket ID / Description"). Read from the blocks of one section
(kb.rst.decisions.body_structures); moved out of kb/rst/structures.py as they were (issue #10's
session of 2026-12-07 18:44 UTC).
"""

import re

from docutils import nodes

from . import cues
from .markdown import blocks_to_markdown, escape
from .prose import ProseFields, cue_sentences
from .structures import (
    Found,
    Skipped,
    first_sentence_title,
    lead_only,
    only_unsupported,
    quoted,
    remedied_sentences,
    short_title,
)


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


TABLE_COLUMNS = {
    "signature": "signature", "log signature": "signature", "error": "signature",
    "error message": "signature", "message": "signature", "log message": "signature",
    "symptom": "symptoms", "symptoms": "symptoms", "scenario": "symptoms", "problem": "symptoms",
    "issue": "root_cause", "description": "root_cause", "cause": "root_cause",
    "root cause": "root_cause", "reason": "root_cause", "meaning": "root_cause",
    "explanation": "root_cause", "possible cause": "root_cause", "possible causes": "root_cause",
    "steps to take": "solution", "action": "solution", "actions": "solution",
    "solution": "solution", "resolution": "solution", "fix": "solution", "remedy": "solution",
    "what to do": "solution", "workaround": "workaround",
}
_ID_COLUMNS = frozenset({"ticket id", "ticket", "bug", "bug id", "issue id", "defect", "defect id", "id",
                        "reference", "key", "tracker"})
_ISSUE_COLUMNS = frozenset({"issue", "issues", "known issue", "known issues", "limitation", "limitations",
                            "bug"})

def from_table(table, found: list, skipped: list):
    before = len(found)
    recognised = _from_table(table, found, skipped)
    for item in found[before:]:
        item.line = item.line or table.line
    return recognised


def _from_table(table, found: list, skipped: list):
    tgroup = next(table.findall(nodes.tgroup), None)
    thead = next(tgroup.findall(nodes.thead), None) if tgroup is not None else None
    tbody = next(tgroup.findall(nodes.tbody), None) if tgroup is not None else None
    if thead is None or tbody is None:
        return False
    header = [_fold(entry.astext()) for entry in thead.findall(nodes.entry)]
    columns = [TABLE_COLUMNS.get(h) for h in header]
    if not any(c in ("signature", "symptoms") for c in columns):
        # "Issue | Workaround" (a release note's known issues): with no symptom or message column
        # beside it, the Issue column states what goes wrong, not the cause of a message.
        named = next((n for n, h in enumerate(header) if h in _ISSUE_COLUMNS), None)
        if named is not None:
            columns[named] = "symptoms"
    if not any(c in ("signature", "symptoms") for c in columns) and any(h in _ID_COLUMNS for h in header) \
            and "description" in header and not any(c in ("solution", "workaround") for c in columns):
        # "Ticket ID | Severity | Description": a release note's known issues keyed by ticket,
        # each description telling the issue whole, its workaround labelled inline.
        described = header.index("description")
        keyed = next(n for n, h in enumerate(header) if h in _ID_COLUMNS)
        for row in tbody.findall(nodes.row):
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) > max(described, keyed):
                _described_row(entries[described], _bold_key(entries[keyed]), found, skipped)
        return True
    has_symptom = any(c in ("signature", "symptoms") for c in columns)
    has_answer = any(c in ("root_cause", "solution", "workaround") for c in columns)
    if not (has_symptom and has_answer):
        return False
    for row in tbody.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        _table_row(entries, columns, found, skipped)
    return True


# "... needs to be manually released **Workaround:** get the list of volume attachments ...": a remedy
# label inside a cell (after a line break the table cannot hold) starts its fix.
_INLINE_REMEDY_LABEL = re.compile(r"\**\b(workarounds?|solutions?|resolutions?|fix)\s*:\s*\**\s*", re.I)


def _bold_key(entry) -> str:
    """"**CSI-5231**": a key cell set in bold names its row, as a bold lead names its bullet."""
    paragraphs = [c for c in entry.children if isinstance(c, nodes.paragraph)]
    return " ".join(paragraphs[0].astext().split()) if len(paragraphs) == 1 and lead_only(
        paragraphs[0], nodes.strong) else ""


def _described_row(entry, key, found, skipped):
    """A description cell read as a known-issue bullet is: its first sentence the issue (or the
    row's bold key), its cue sentences the cause and fix (a "Workaround:" label starting the fix)."""
    text = blocks_to_markdown(list(entry.children))
    told, _, remedy = (_INLINE_REMEDY_LABEL.split(text, maxsplit=1) + ["", ""])[:3]
    prose = ProseFields(seen_block=True)
    prose.add("symptoms", told.strip())
    prose.symptom_nodes += list(entry.children)
    for name, sentence in cue_sentences(told):
        prose.add(name, sentence)
    if remedy.strip():
        prose.add("workaround", remedy.strip())
    plain = " ".join(_INLINE_REMEDY_LABEL.split(entry.astext(), maxsplit=1)[0].split())
    if not prose.cue_found() or only_unsupported(plain, prose):
        skipped.append(Skipped(f"table row {plain[:60]!r}", entry.line, "states no cause or fix"))
        return
    found.append(Found(key or first_sentence_title(remedied_sentences(plain)), "table", entry.line, prose,
                       signatures=[q for q in quoted(plain) if cues.reads_as_error(q)], scope=[entry]))


def _table_row(entries, columns, found, skipped):
    prose = ProseFields(seen_block=True)
    signatures, symptom_text, cause_text, fix_text = [], "", "", ""
    line = entries[0].line if entries else None
    for entry, column in zip(entries, columns, strict=False):
        blocks = list(entry.children)
        text = " ".join(entry.astext().split())
        if not column or not text:
            continue
        if column == "signature":
            signatures.append(text)
            symptom_text = symptom_text or text
            prose.add("symptoms", f"`{text}`" if "`" not in text else escape(text))
        elif column == "symptoms":
            symptom_text = text
            prose.add("symptoms", blocks_to_markdown(blocks))
            prose.symptom_nodes += blocks
        elif column == "root_cause":
            cause_text = text
            prose.add("root_cause", blocks_to_markdown(blocks))
        else:
            fix_text = text
            prose.add(column, blocks_to_markdown(blocks))
    line = line or (entries[0].parent.line if entries else None)
    if not symptom_text:
        skipped.append(Skipped("table row", line, "no symptom or signature cell"))
        return
    restates = cause_text and _words(cause_text) <= _words(symptom_text) | _GENERIC_CAUSE_WORDS
    remedy = cues.is_remedy(fix_text)
    if not remedy:
        prose.solution, prose.workaround = [], []
    if (not cause_text or restates) and not remedy:
        skipped.append(Skipped(f"table row {symptom_text[:60]!r}", line,
                               "no cause and no remedy (only 'examine the logs' or nothing)"))
        return
    title = f"{symptom_text} ({cause_text.rstrip('.')})" if cause_text and signatures else symptom_text
    found.append(Found(short_title(title), "table", line, prose, signatures=signatures, scope=list(entries)))


# A cause cell made only of these and the symptom's own words names no condition:
# "A proxy server has reported an internal server error" for "HTTP/1.0 500",
# "A unexpected error occurred" for "EXCEPTION IN".
_GENERIC_CAUSE_WORDS = frozenset(
    "error errors reported reports occurred occurs unexpected unknown internal has have had been was "
    "were the some failure failed".split())


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))
