"""A section node as the importer reads it: its title (and the links it holds), the blocks of its
body, the line it starts on, the headings above it (environment and category) and the sections
inside it; which blocks are text, and a bullet list that is a table of contents.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes


def sections_within(section):
    """section.findall(nodes.section), in the same order, walking sections only, not their text.

    Only for a tree in which every section sits in a section or the document
    (decisions.collect_issues checks): docutils puts none in a paragraph or a list.
    """
    stack = [section]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in node.children if isinstance(c, nodes.section)]))


def all_sections_within(section):
    return section.findall(nodes.section)


def is_link_list(node) -> bool:
    """A bullet list each of whose items opens with a link within the document."""
    if not isinstance(node, nodes.bullet_list):
        return False
    for item in node.children:
        first = item.next_node(nodes.reference) if isinstance(item, nodes.list_item) else None
        text = " ".join(item.astext().split()) if first is not None else ""
        if first is None or not (first.get("refid") or first.get("refuri", "").startswith("#")) \
                or not text.startswith(" ".join(first.astext().split())):
            return False
    return True


def is_content(node) -> bool:
    return not isinstance(node, (nodes.target, nodes.comment, nodes.system_message,
                                 nodes.substitution_definition))


def body_of(section) -> list:
    # Asked for many times per section while deciding what it is; the tree no longer changes.
    cached = getattr(section, "_kb_body", None)
    if cached is None:
        cached = section._kb_body = [c for c in section.children
                                     if not isinstance(c, (nodes.title, nodes.section))]
    return list(cached)


def title_text(section) -> tuple[str, list]:
    """The readable title, and the references the title held (bug links)."""
    # Asked many times per section while deciding what it is; read it once.
    cached = getattr(section, "_kb_title", None)
    if cached is None:
        cached = section._kb_title = _read_title(section)
    return cached


def _read_title(section) -> tuple[str, list]:
    title = title_node(section)
    if title is None:
        return "", []
    refs = [r for r in title.findall(nodes.reference) if r.get("refuri")]
    parts = [n.astext() for n in title.children if not isinstance(n, nodes.reference)]
    text = " ".join("".join(parts).split())
    text = re.sub(r"\s*\(\s*\)\s*$", "", text).strip() if refs else text
    return text or title.astext(), refs


def title_node(section):
    """section.next_node(nodes.title): the first child, nearly always, found without a tree walk."""
    first = section.children[0] if section.children else None
    return first if isinstance(first, nodes.title) else section.next_node(nodes.title)


def line_of(section) -> int | None:
    title = title_node(section)
    line = title.line if title is not None else section.line
    # docutils reports the line after a title's underline for titles.
    return max(1, line - 1) if line else None


def context_of(section) -> tuple[str, str]:
    chain = []
    parent = section.parent
    while isinstance(parent, nodes.section):
        chain.append(title_text(parent)[0])
        parent = parent.parent
    if not chain:
        return "", ""
    environment = chain[-1]
    category = chain[0] if len(chain) > 1 else ""
    return environment, category
