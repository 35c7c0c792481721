"""Fields given as labels in a section's body rather than as headings: "* Symptoms:" bullets over
nested lists, a paragraph "Solution:" over the blocks after it, "**Cause:** ..." opening a
paragraph, lines of one paragraph each opening on a bold label; warnings placed with the remedy
they qualify.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from .fields import field_names
from .section_nodes import body_of


def section_labels(section) -> tuple[list, list]:
    """_labelled_fields of the section's body: asked when deciding what the section is, and again
    when building its issue."""
    cached = getattr(section, "_kb_labelled", None)
    if cached is None:
        cached = section._kb_labelled = _labelled_fields(body_of(section))
    return cached


_FIELD_LABEL = re.compile(r"^\W*([A-Za-z][\w /()-]{1,40}?)\s*:\W*$")


def _labelled_fields(body) -> tuple[list, list]:
    """Fields given as labels in the body: bullets "* Symptoms:" / "* Solution:" over nested
    lists, or a paragraph "Solution:" over the blocks after it (tripleo-ansible's runbook).

    Returns the fields and the blocks that held them (the rest is the introduction).
    One label is chance; an issue has two or more fields.
    """
    found, holders = [], []
    open_field = None  # a bare "Solution:" paragraph takes the blocks after it
    for node, holder in ((piece, n) for n in body for piece in _label_lines(n)):
        label = _label_names(node) or _inline_label(node, in_item=False)
        items = _labelled_items(node) if isinstance(node, nodes.bullet_list) else []
        if _DIAGNOSIS_LABEL.match(node.astext().strip()) and _is_bold_label(node):
            # "**Troubleshooting:**" over commands to run: a diagnosis, no part of the field
            # before it (nor a cause or fix of its own)
            open_field = None
            continue
        if label:
            # (a warning keeps its label: the remedy it joins says it is one)
            open_field = (label[0], label[1], [node] if label[0] == ("warning",) else list(label[2:]))
            found.append(open_field)
        elif items:
            found += items
            open_field = None
        elif isinstance(node, nodes.block_quote) and open_field is None:
            inner, _ = _labelled_fields(list(node.children))
            if not inner:
                continue
            found += inner
        elif open_field is not None:
            open_field[2].append(node)
        else:
            continue
        if not any(holder is h for h in holders):
            holders.append(holder)
    found = _with_warnings_placed(found)
    return (found, holders) if len(found) >= 2 else ([], [])


# "**Troubleshooting:**", "**Diagnosis:**": the commands that find out, under an issue's fields.
_DIAGNOSIS_LABEL = re.compile(r"^(troubleshooting|diagnos[ie]s|diagnostics?|debugging|investigation|"
                              r"how to (check|diagnose|debug|investigate))\s*:?$", re.I)


def _is_bold_label(paragraph) -> bool:
    if not isinstance(paragraph, nodes.paragraph):
        return False
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip(" :\n"))]
    return len(children) == 1 and isinstance(children[0], nodes.strong)


def _names_a_label(strong) -> bool:
    label = strong.astext().strip()
    return bool(field_names(label.rstrip(":")) or _DIAGNOSIS_LABEL.match(label))


def _label_lines(node) -> list:
    """A paragraph whose lines each open on a bold field label ("**Symptoms:** Pod restarts" /
    "**Causes:**", one Markdown paragraph) as one paragraph per label; any other node alone."""
    if not isinstance(node, nodes.paragraph):
        return [node]
    pieces, current, after_break = [], [], False
    for child in node.children:
        if isinstance(child, nodes.strong) and after_break and current and _names_a_label(child):
            pieces.append(current)
            current = []
        current.append(child)
        if not (isinstance(child, nodes.Text) and not child.astext()):  # (the reader's empty texts)
            after_break = isinstance(child, nodes.Text) and child.astext().endswith("\n")
    if not pieces:
        return [node]
    pieces.append(current)
    split = []
    for children in pieces:
        paragraph = node.copy()
        paragraph.extend(c.deepcopy() for c in children)
        if isinstance(paragraph[-1], nodes.Text):
            paragraph.replace(paragraph[-1], nodes.Text(paragraph[-1].astext().rstrip("\n")))
        split.append(paragraph)
    return split


# "*WARNING*:", "Caution:", "Important:" over a list: a label that names no field of its own but
# qualifies the remedy ("only ever run this on the last node"). It goes with the remedy after it
# (or before it, when none follows), never with the symptoms the item before it told.
_WARNING_LABEL = re.compile(r"^(warning|caution|danger|important|attention)s?$", re.I)


def _with_warnings_placed(fields: list) -> list:
    def remedy(names):
        return any(n in ("solution", "workaround") for n in names)

    placed, pending = [], []
    for names, label, body in fields:
        if names == ("warning",):
            pending += body
            continue
        if pending and remedy(names):
            body, pending = [*pending, *body], []
        placed.append((names, label, body))
    if pending:
        last = next((f for f in reversed(placed) if remedy(f[0])), None)
        if last is None:
            placed.append((("details",), "Warning", pending))
        else:
            last[2].extend(pending)
    return placed


def _label_names(node):
    """(field names, label) of a paragraph that is only a field label ("Solution:", or in bold,
    where the colon may be missing: "**Known causes**")."""
    if not isinstance(node, nodes.paragraph):
        return None
    match = _FIELD_LABEL.match(node.astext().strip())
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if not match and len(children) == 1 and isinstance(children[0], nodes.strong):
        match = _FIELD_LABEL.match(node.astext().strip() + ":")
    names = field_names(match.group(1)) if match else ()
    if match and not names and _WARNING_LABEL.match(match.group(1).strip()):
        names = ("warning",)
    return (names, match.group(1)) if names else None


def _label_item(item):
    if not item.children:
        return None
    label = _label_names(item.children[0])
    if label:
        return (label[0], label[1], list(item.children[1:]))
    inline = _inline_label(item.children[0])
    return (inline[0], inline[1], [inline[2], *item.children[1:]]) if inline else None


def _labelled_items(blist) -> list:
    """The fields of a bullet list whose items are labelled ("* Problem: ...", "* Solution:"):
    it opens on a label, and an item with none after it ("* Do not disable ... to get rid of
    the error") goes on with the field before it."""
    fields = []
    for item in (i for i in blist.children if isinstance(i, nodes.list_item)):
        field = _label_item(item)
        if field is not None and field[0] == ("warning",):
            # kept whole (label and all) for the remedy it qualifies
            fields.append((field[0], field[1], [item.deepcopy()]))
        elif field is not None:
            fields.append(field)
        elif fields:
            fields[-1][2].append(item.deepcopy())
        else:
            return []
    return _with_warnings_placed(fields)


# "Problem: Volume creation is stuck ...", "**Symptom:** VNI fails to configure": a label that
# opens a paragraph's text. (A colon inside code or a URL is no label's.)
_INLINE_LABEL = re.compile(r"^\s*([A-Za-z][\w /()-]{1,40}?)\s*:(\s+|$)")


def _inline_label(node, in_item=True):
    """(field names, label, the paragraph without its label) of a paragraph that opens on a
    field label followed by its text: "Problem: ...", "**Symptom:** ...", "*Cause*: ...". In a
    paragraph of its own a plain "Error: ..." or "Message: ..." is a message quoted, no label."""
    if not isinstance(node, nodes.paragraph):
        return None
    # (the Markdown reader may open a paragraph on an empty text node)
    skip = 0
    while skip < len(node.children) and isinstance(node[skip], nodes.Text) and not node[skip].astext():
        skip += 1
    children = node.children[skip:]
    if not children:
        return None
    first = children[0]
    if isinstance(first, (nodes.strong, nodes.emphasis)):
        label = first.astext().strip()
        rest = children[1] if len(children) > 1 else None
        if not label.endswith(":") and not (isinstance(rest, nodes.Text) and rest.astext().startswith(":")):
            return None
        label = label.rstrip(":").strip()
        names = field_names(label)
        if not names or rest is None or not "".join(c.astext() for c in children[1:]).strip(" :"):
            return None
        stripped = _without_first(node, skip + 1)
        if isinstance(stripped[0], nodes.Text):
            stripped.replace(stripped[0], nodes.Text(stripped[0].astext().lstrip(" :")))
        return names, label, stripped
    if not isinstance(first, nodes.Text):
        return None
    text = first.astext()
    match = _INLINE_LABEL.match(text)
    # ("Problem: `auth: error parsing file`": the text after the label may open on code)
    if match is None or not (text[match.end():].strip() or len(children) > 1):
        return None
    if not in_item and re.search(r"\b(errors?|messages?)\b", match.group(1), re.I):
        return None
    names = field_names(match.group(1))
    if not names:
        return None
    stripped = _without_first(node, skip + 1)
    stripped.insert(0, nodes.Text(text[match.end():]))
    return names, match.group(1), stripped


def _without_first(paragraph, count: int):
    """A copy of the paragraph without its first `count` children."""
    copy = paragraph.copy()
    copy.extend(c.deepcopy() for c in paragraph.children[count:])
    return copy
