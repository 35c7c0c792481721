"""Whether a section is an issue by its fields: sub-section headings that name fields (one level
down too), a definition list or a two-column table of field-labelled rows, or labels in its body
(kb/rst/field_labels.py); and the headings that would name a field but gather other sections.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    cues,
)
from .field_labels import section_labels
from .fields import TROUBLESHOOTING_FIELD, field_names
from .section_nodes import body_of, is_content, title_text


def holds_rubric_fields(section) -> bool:
    """A section, itself no field heading, whose `.. rubric::` blocks name fields of its own."""
    return not field_names(title_text(section)[0]) and any(
        isinstance(n, nodes.rubric) and field_names(n.astext()) for n in body_of(section))


def holds_labelled_fields(section) -> bool:
    """A section, itself no field heading, whose text labels a symptom and a cause or fix of its
    own ("Check Item 1: ..." > "**Symptom**" / "**Possible Cause**" / "**Solution**")."""
    if field_names(title_text(section)[0]):
        return False
    names = {n for names, _, _ in section_labels(section)[0] for n in names}
    return "symptoms" in names and bool(names & {"root_cause", "solution", "workaround"})


def unfilled(section, fields) -> bool:
    """Whether the section says nothing but its field headings: every field empty, and nothing
    before them either (an exported issue's symptoms come before its first field heading, a log
    block alone among them: kb's own export writes it so)."""
    if any(node.astext().strip() for _, _, body in fields for node in body):
        return False
    headings = {heading.strip().strip("*:").strip().lower() for _, heading, _ in fields}
    skipped = (nodes.title, nodes.field_list, nodes.docinfo, nodes.section, nodes.comment,
               nodes.system_message)
    return not any(text and text not in headings
                   for child in section.children if not isinstance(child, skipped)
                   for text in [child.astext().strip().strip("*:").strip().lower()])


def section_fields(section) -> list[tuple[tuple[str, ...], str, list]] | None:
    """[(field names, heading, body nodes)] or None when the section is not an issue."""
    subsections = [c for c in section.children if isinstance(c, nodes.section)]
    named = [(() if _holds_fields(s) or _gathers_messages(s) else field_names(title_text(s)[0]),
              title_text(s)[0], s) for s in subsections]
    if any(names == ("symptoms",) and h.strip().lower() != "description" for names, h, _ in named):
        named = [(TROUBLESHOOTING_FIELD if not names and heading.strip().lower() == "troubleshooting"
                  else names, heading, s) for names, heading, s in named]
    if any(names for names, _, _ in named) and not _in_chapters(named):
        # A field may sit one level down, under a sub-section that is no field ("Investigation"
        # > "Operator fails to connect to the mon" > "Solution").
        deeper = [(field_names(title_text(g)[0]), title_text(g)[0], g) for names, _, s in named if not names
                  for c in s.children if isinstance(c, nodes.section)
                  for g in [c, *(x for x in c.children if isinstance(x, nodes.section))]]
        fields = [(names, heading, _field_body(s)) for names, heading, s in [*named, *deeper] if names]
        # "Description" beside "Syntax", "Examples", "Troubleshooting" (a plugin's README):
        # a heading that names only the symptom, beside headings that name no field, says
        # what a thing is; an issue's fields go on to its cause, fix or upstream bug.
        # "Symptoms" alone stays an issue (an editor's issue with free details exports so).
        if (any(names != ("symptoms",) for names, _, _ in fields) or all(names for names, _, _ in named)
                or any(heading.strip().lower() != "description" for _, heading, _ in fields)):
            return fields
        return None
    for child in section.children:
        if isinstance(child, nodes.definition_list):
            terms = definition_fields(child)
            if terms:
                return terms
        if isinstance(child, nodes.table):
            rows = table_fields(child)
            if rows:
                return rows
    labelled, _ = section_labels(section)
    return labelled or None


def _holds_fields(section) -> bool:
    """Whether a section's own sub-sections name fields: then it is an issue, whatever its title
    ("Issue" > "Symptoms", "Root cause"), and no field of the section above it. "Issue" and
    "Impact" name fields in known-issue pages ("#### Issue" / "#### Impact" / "#### Solution")."""
    return any(isinstance(c, nodes.section) and field_names(title_text(c)[0]) for c in section.children)


def heads_failures(section) -> bool:
    """"Error Messages" with no text of its own over "PAGE UNAVAILABLE DUE TO SERVER HICCUP": a
    heading with no text that only gathers sections each titled by a failure, or named for
    messages in the plural ("Error Messages", "Errors"), is a category of issues, no field of the
    section above it nor one issue with its sub-sections. (thanos's "Description" over "Thanos
    Receiver Log" and its record is a field: its sub-section names no failure.)"""
    inner = [c for c in section.children if isinstance(c, nodes.section)]
    if not inner or any(is_content(b) for b in body_of(section)):
        return False
    titles = [title_text(c)[0] for c in inner]
    return bool(_MESSAGES.search(title_text(section)[0])) \
        or all(cues.is_symptom_title(t) and not field_names(t) for t in titles)


_MESSAGES = re.compile(r"\b(messages|errors)\W*$", re.I)


def under_messages(section) -> bool:
    """"Error Messages" > "QUEUE STALLED, RETRY LATER": under a heading that gathers messages, a
    sub-section's title is the message seen, whatever its words."""
    parent = section.parent
    return isinstance(parent, nodes.section) and bool(_MESSAGES.search(title_text(parent)[0])) \
        and not any(is_content(b) for b in body_of(parent))


def _gathers_messages(section) -> bool:
    """A heading that would name the symptom gathering failures (heads_failures). ("Solution" over
    "Recover from corruption" is a field: its sub-section is the remedy.)"""
    return field_names(title_text(section)[0]) == ("symptoms",) and heads_failures(section)


def _field_body(section) -> list:
    """A field heading's text, with that of the sub-sections under it that name no field:
    thanos's "### Description" holds only "#### Thanos Receiver Log" and its record."""
    inner = [c for c in section.children
             if isinstance(c, nodes.section) and not field_names(title_text(c)[0])]
    return [*body_of(section), *(n for c in inner for n in _field_body(c))]


def _in_chapters(named) -> bool:
    """A guide in chapters: "Issues" over sections that each state a failure ("Pod failed to
    start", "Ping failed") beside "Actions" over the procedures they point to. The headings
    named as fields are chapters of sections of their own, no fields of one issue. (Under
    "Monitors are the only pods running", "Investigation" over "Failing mon pod" sits beside
    a "Solution" that is a field: the section is one issue.)"""
    def inner(section):
        return [c for c in section.children if isinstance(c, nodes.section)]

    fields = [s for names, _, s in named if names]
    others = [s for names, _, s in named if not names]
    return all(len(inner(s)) >= 2 for s in fields) and any(
        sum(cues.is_symptom_title(title_text(c)[0]) for c in inner(s)) >= 2 for s in others)


def definition_fields(dlist) -> list:
    found = []
    for item in dlist.children:
        term = next((c for c in item.children if isinstance(c, nodes.term)), None)
        definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        if term is None or definition is None:
            continue
        heading = term.astext().strip().rstrip(":").strip()
        names = field_names(heading)
        if names:
            found.append((names, heading, list(definition.children)))
    # One matching term in a glossary is chance; an issue has several fields.
    return found if len(found) >= 2 else []


def table_fields(table) -> list:
    """A table of two columns whose rows are labelled by field names, the label in the first
    cell and the field's text in the second: a definition list of fields drawn as a table.
    Prometheus alert runbooks write each alert so (`### ReconcileErrors` over rows "Meaning",
    "Impact", "Diagnosis", "Mitigation"; a new user's trial, 2026-12-07, imported such a page as
    nothing). Header rows count as rows: such a table's header is often empty or the first field."""
    tgroup = next(table.findall(nodes.tgroup), None)
    if tgroup is None or int(tgroup.get("cols", 0)) != 2:
        return []
    found = []
    for row in tgroup.findall(nodes.row):
        entries = [e for e in row.children if isinstance(e, nodes.entry)]
        if len(entries) != 2:
            return []
        heading = " ".join(entries[0].astext().split()).rstrip(":").strip()
        names = field_names(heading) if heading else ()
        if names:
            found.append((names, heading, list(entries[1].children)))
        elif heading or entries[1].astext().strip():
            return []  # a row labelled by no field: a table of something else
    # One matching label is chance, as in a glossary; an issue has several fields.
    return found if len(found) >= 2 else []
