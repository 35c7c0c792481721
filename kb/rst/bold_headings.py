"""Bold lines written as headings become the sections they stand for.

Many troubleshooting pages give each problem a line in bold instead of a heading:

    **Failed to execute `murano-db-manage`**

    * Make sure the ``--config-file`` option is provided.

    **Applications panel is not seen in horizon**
    ...

The author meant sections; read as paragraphs, the problems become one run-on "issue" named after
the heading above them, or nothing. So before any section is decided, a body holding two or more
such lines, each followed by text of its own, is cut at them: each bold line becomes the title of
a section holding the blocks up to the next one, and the section-level readers (field headings,
question headings, prose) decide it as they would a heading. What comes before the first bold line
stays in the section above.

A bold line is a paragraph of bold runs only, or of bold and code runs opening on bold (murano
writes one message over two bold lines of one paragraph). Bold field labels ("**Symptoms**") and
lines ending in a colon ("**Multicast mode:**") are not headings: they label the text of the
section they sit in (kb/rst/field_labels.py reads the fields).
"""

from docutils import nodes

from . import doctree as dt
from .faq import QUESTION
from .fields import field_names
from .prose import bare_label
from .section_nodes import is_content, title_text

# Fewer than two bold lines in a body is emphasis, not a structure.
MIN_HEADINGS = 2


def promote(tree: nodes.document):
    """Cut every body of `tree` (the document's and each section's) at its bold headings."""
    # (the sections as kb/rst/doctree.py's one walk of the tree found them, which reading the
    # document made already and its decisions read again: no walk of its own)
    containers = [tree, *dt.sections_of(tree)]
    changed = False
    for container in containers:
        changed |= _cut(tree, container)
    if changed:
        # that walk is out of date now
        tree.__dict__.pop("_kb_index", None)


def bold_heading(node) -> str | None:
    """The title a paragraph made of bold runs only gives, else None."""
    if not isinstance(node, nodes.paragraph):
        return None
    children = [c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())]
    # ("**Deployments stop with** ``Authorization failed``": a message set as code in the line)
    if not children or not isinstance(children[0], nodes.strong) \
            or not all(isinstance(c, (nodes.strong, nodes.literal)) for c in children):
        return None
    title = " ".join(" ".join(c.astext().split()) for c in children).strip()
    if not title or title.endswith(":") or field_names(title) or QUESTION.match(title):
        # ("**Ingress-replication mode:**" over its checks: a label of the text after it, within
        # the section's one issue; "**Q: Why am I seeing ...?**" is a question kb/rst/faq.py reads
        # with its "A:")
        return None
    return title


def _cut(tree, container) -> bool:
    if isinstance(container, nodes.section) and field_names(title_text(container)[0]):
        # (under a field heading, "Root cause" or "Solution", bold lines are parts of that field:
        # "**Running tests**" over its steps)
        return False
    body_end = next((n for n, c in enumerate(container.children) if isinstance(c, nodes.section)),
                    len(container.children))
    body = container.children[:body_end]
    starts = [n for n, block in enumerate(body) if bold_heading(block)]
    if len(starts) < MIN_HEADINGS or any(bare_label(block) for block in body[:starts[0]]):
        # ("**Common Causes:**" over "**A. Template Rendering Error**", "**B. Missing Variable**":
        # under a field label bold lines are parts of that field of the section's one issue)
        return False
    # each heading must head text of its own: two bold lines in a row are no two sections
    spans = list(zip(starts, [*starts[1:], body_end], strict=True))
    if any(not any(is_content(b) for b in body[s + 1:e]) for s, e in spans):
        return False
    sections = [_section(tree, body[s], body[s + 1:e]) for s, e in spans]
    container.children[starts[0]:body_end] = []
    for offset, section in enumerate(sections):
        container.insert(starts[0] + offset, section)
    return True


def _section(tree, heading, blocks) -> nodes.section:
    title = nodes.title("", "", *[c.deepcopy() for c in heading.children])
    # (docutils gives a title the line after its underline; section_nodes.line_of takes one off)
    title.line = (heading.line or 0) + 1 if heading.line else None
    section = nodes.section("", title)
    section.line = title.line
    for block in blocks:
        block.parent = None
        section += block
    section.document = tree
    return section
