"""Issues told in bold or labelled paragraphs inside a section, with no heading of their own.

Read from the blocks of one section (kb.rst.decisions.body_structures), each reader adds
`structures.Found` candidates:

- a paragraph that says "Known limitation: ..." / "Known issue: ...", or a note or a quotation
  that says it (from_labelled);
- bold lines, two or more, each told by bold field labels under it ("**Why do Pods show
  ErrImagePull?**" / "**Potential Cause**: ..." / "**Resolution**: ..."), or a numbered line
  alone over such labels (from_bold_entries);
- paragraphs each opening on a failure stated in bold, two or more (from_bold_lead_paragraphs).

Moved out of kb/rst/structures.py as they were (issue #10's session of 2026-12-07 18:44 UTC).
"""

import re

from docutils import nodes

from . import cues
from .fields import field_names
from .markdown import blocks_to_markdown, escape
from .prose import SENTENCE, ProseFields, bare_label, cue_sentences, inline_label, read_blocks
from .structures import Found, Skipped, quoted, short_title

_LABELLED = re.compile(r"^\W*(current(ly)?\s+)?known\s+(limitation|issue|bug|problem)s?\s*:\s*", re.I)


# "!!! warning "Known issue"", "> **Known issue**" over its text: a note titled by the label
_LABEL_TITLE = re.compile(r"^\W*(current(ly)?\s+)?known\s+(limitation|issue|bug|problem)s?\W*$", re.I)


def _noted(node) -> list:
    """The blocks of a quotation or an admonition ("> **Known issue:** the dashboard ...", a
    MkDocs "!!! warning "Known issue"" over its text) as from_labelled reads them: a title that is
    only the label is joined to the paragraph after it, as "Known issue: ..." would be written."""
    children = list(node.children)
    first = children[0] if children and isinstance(children[0], nodes.paragraph) else None
    inline = [c for c in first.children if c.astext().strip()] if first is not None else []
    if not inline or not isinstance(inline[0], nodes.strong) or not _LABEL_TITLE.match(inline[0].astext()):
        return children
    label = inline[0].astext().strip().rstrip(":")
    if len(inline) > 1:
        # (the title's line and the text's in one paragraph)
        told = [c.deepcopy() for c in first.children[first.children.index(inline[0]) + 1:]]
        rest = children[1:]
    elif len(children) >= 2 and isinstance(children[1], nodes.paragraph):
        told, rest = [c.deepcopy() for c in children[1].children], children[2:]
    else:
        return children
    joined = nodes.paragraph("", "", nodes.Text(f"{label}: "), *told)
    joined.line = first.line
    return [joined, *rest]


def from_labelled(body: list, found: list, skipped: list):
    """A paragraph that says "Known limitation: ..." is an issue of its own; so is a note or a
    quotation that says it (a procedure's "> **Known issue:** ...")."""
    for node in body:
        if isinstance(node, (nodes.block_quote, nodes.Admonition)):
            from_labelled(_noted(node), found, skipped)
    for position, node in enumerate(body):
        if not isinstance(node, nodes.paragraph) or not _LABELLED.match(node.astext()):
            continue
        text = _LABELLED.sub("", " ".join(node.astext().split()))
        first_sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", blocks_to_markdown([node]))
        prose.symptom_nodes.append(node)
        for name, sentence in cue_sentences(blocks_to_markdown([node])):
            prose.add(name, sentence)
        following = []
        for other in body[position + 1:]:
            if isinstance(other, nodes.paragraph):
                break
            following.append(other)
        read_blocks(following, prose)
        if not prose.cue_found():
            skipped.append(Skipped("labelled paragraph", node.line, "states no cause or fix"))
            continue
        found.append(Found(short_title(first_sentence), "labelled_paragraph", node.line, prose,
                           scope=[node, *following]))


def _bold_heading(paragraph) -> str:
    """The text of a paragraph written as a heading in bold, whatever glyph opens it ("⦾ **Why do
    Pods show ErrImagePull?**", "**Why does the** ``site.yml`` **run fail?**": bold runs, with code
    between them), when it is no field label; "" otherwise."""
    if not isinstance(paragraph, nodes.paragraph):
        return ""
    # (a bullet glyph typed before it, the full stop between two bold sentences: no words)
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not re.search(r"\w", c))]
    if not children or not isinstance(children[0], nodes.strong) \
            or not all(isinstance(c, (nodes.strong, nodes.literal)) for c in children):
        return ""
    if bare_label(paragraph) or inline_label(paragraph):
        return ""
    text = " ".join(paragraph.astext().split()).lstrip("".join(
        c.astext() for c in paragraph.children[:1] if isinstance(c, nodes.Text))).strip()
    return "" if field_names(text.rstrip(":").strip()) else text


def _list_heading(node) -> str:
    """The text of a list of one short item with nothing under it, written where a heading would
    be ("1. Log file too big" over "**Symptom**: ..." and "**Solution**: ..."); "" otherwise."""
    if not isinstance(node, (nodes.enumerated_list, nodes.bullet_list)) or len(node.children) != 1:
        return ""
    item = node.children[0]
    if len(item.children) != 1 or not isinstance(item[0], nodes.paragraph):
        return ""
    text = " ".join(item.astext().split())
    return text if len(text.split()) <= 12 and not text.endswith(":") else ""


def from_bold_entries(body: list, found: list, skipped: list):
    """Entries each headed by a bold line ("⦾ **Why do Pods show ErrImagePull?**") and told by
    bold labels under it ("**Potential Cause**: ..." / "**Resolution**: ..."), two or more in one
    section: each is an issue of its own, its labels its fields, the section only gathers them.
    A bold line whose entry holds no label, or that names no problem ("What to do if the nodes
    reboot?"), is none. A numbered line alone over labels ("1. Log file too big" / "**Symptom**:
    ..." / "**Solution**: ...") heads an entry too, and one such entry is one: its number says it
    is an entry of the section, not the section's own issue told under the section's title."""
    heads = [n for n, node in enumerate(body) if _bold_heading(node) or _list_heading(node)]
    numbered = any(_list_heading(body[n]) for n in heads)
    if len(heads) < 2 and not numbered:
        return
    ends = [*heads[1:], len(body)]
    entries = [(start, body[start + 1:end]) for start, end in zip(heads, ends, strict=True)]
    labelled = [(start, blocks) for start, blocks in entries
                if any(bare_label(b) or inline_label(b) for b in blocks)]
    if len(labelled) < 2 and not (labelled and numbered):
        return
    for start, blocks in labelled:
        lead = body[start]
        question = _bold_heading(lead) or _list_heading(lead)
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", escape(question))
        read_blocks(blocks, prose)
        if not cues.is_symptom_title(question) or not prose.cue_found():
            skipped.append(Skipped(f"entry {question[:60]!r}", lead.line,
                                   "not a problem, or its labels state no cause or fix"))
            continue
        found.append(Found(short_title(SENTENCE.split(question)[0]), "labelled_paragraph", lead.line, prose,
                           signatures=quoted(question), scope=[lead, *blocks]))


def _bold_sentence(paragraph) -> tuple[str, str]:
    """("Uploads fail over 2 GB", "The proxy ... limits the request body. Raise ...") of a
    paragraph opening on a sentence in bold ("**Uploads fail over 2 GB.** The proxy ..."), its
    text going on after it; ("", "") for any other paragraph, or when the bold is a field label."""
    if not isinstance(paragraph, nodes.paragraph) or bare_label(paragraph) or inline_label(paragraph):
        return "", ""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) < 2 or not isinstance(children[0], nodes.strong):
        return "", ""
    lead = " ".join(children[0].astext().split())
    following = paragraph.children[paragraph.children.index(children[0]) + 1:]
    after = " ".join(nodes.paragraph("", "", *[c.deepcopy() for c in following]).astext().split())
    if not (lead.endswith((".", "!", "?")) or re.match(r"^[.!?]\s", after)):
        return "", ""  # ("**Only** use root share ...": a word stressed, not a sentence)
    after = re.sub(r"^[.!?]\s*", "", after)
    lead = lead.rstrip(".!").strip()
    return ("", "") if not after or field_names(lead) else (lead, after)


def from_bold_lead_paragraphs(body: list, found: list, skipped: list):
    """Paragraphs each opening on a failure stated in bold ("**Uploads fail over 2 GB.** The
    proxy limits the request body. Raise ``client_max_body_size``."), two or more in a section,
    each with the blocks after it up to the next: each is an issue, the bold sentence its title
    and the rest its cause and fix, read by their cues. A bold opening that names no failure
    ("**Performance considerations**") is the section's prose."""
    leads = [n for n, node in enumerate(body) if _bold_sentence(node)[0]]
    if len(leads) < 2:
        return
    for start, end in zip(leads, [*leads[1:], len(body)], strict=True):
        lead, said = _bold_sentence(body[start])
        if not cues.names_failure(lead):
            continue
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", escape(lead))
        prose.symptom_nodes.append(body[start])
        markdown = re.sub(r"^\s*\*\*[^*]+\*\*\s*[.!?]?\s*", "", blocks_to_markdown([body[start]]))
        for name, sentence in cue_sentences(markdown):
            prose.add(name, sentence)
        read_blocks(body[start + 1:end], prose)
        if not prose.cue_found():
            skipped.append(Skipped(f"paragraph {lead[:60]!r}", body[start].line, "states no cause or fix"))
            continue
        found.append(Found(short_title(lead), "labelled_paragraph", body[start].line, prose,
                           signatures=quoted(lead), scope=body[start:end]))
