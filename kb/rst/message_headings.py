"""Headings that are a message copied from a log, and the block under them that explains it; what
a section's title and paragraphs quote as errors; text that only looks (steps that find a thing
or gather evidence).

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    cues,
    structures,
)
from .markdown import blocks_to_markdown
from .section_nodes import title_node, title_text
from .signatures import inline_errors, prose_signatures


def quoted_errors(blocks) -> list[str]:
    """The errors the blocks quote: their failure records, or else errors quoted inline."""
    return prose_signatures(blocks) or _inline_errors(blocks)


def _inline_errors(blocks) -> list[str]:
    """Errors quoted in the paragraphs ("gives an error along these lines `...`")."""
    text = " ".join(blocks_to_markdown([b]) for b in blocks if isinstance(b, nodes.paragraph))
    return inline_errors(text)


def title_quotes(section, title: str) -> list[str]:
    """What a title quotes, in quotation marks or as code (`` `custom resource not found` ``)."""
    node = title_node(section)
    code = [" ".join(n.astext().split()) for n in node.findall(nodes.literal)] if node is not None else []
    return list(dict.fromkeys([*structures.quoted(title), *(c for c in code if len(c.split()) >= 2)]))


# "Error:", "Error message", "warning": a label around a quoted message says what it is.
_MESSAGE_LABEL = re.compile(
    r"^\W*((error|log|warning)\s+)?(errors?|warnings?|messages?|exceptions?|issue)?\W*$", re.I)


def titled_by_message(section, title: str) -> bool:
    """A heading that is a message itself ("service type 'xxxx' is not supported", after an
    "Error:" label or not) or only quotes one (Error message `POST ...: 404 Not Found`).

    Headings of prose start with a capital; a message copied from a log keeps its own lower
    case. A quoted message with more than a label around it ("Pod errors due to "too many
    open files"") is a heading of prose that quotes it.
    """
    text = cues.subject(title).strip()
    unnumbered = cues.unnumbered(title)
    label = unnumbered[:len(unnumbered) - len(text)] if unnumbered.endswith(text) else ""
    if label.strip() and not _MESSAGE_LABEL.match(label):
        # "Service Mesh: missing spans": a topic before the colon; what follows it is written
        # in the heading's own words, lower case or not, no message copied from a log.
        text = unnumbered
    node = title_node(section)
    first = next((c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())), None) \
        if node is not None else None
    # "`SecretProviderClass` not found": a message that opens on the name it is about, as code
    named_first = isinstance(first, nodes.literal) and cues.subject(title) == title
    if ((re.match(r"[a-z]", text) and not _headings_in_lower_case(section)) or named_first) \
            and (cues.reads_as_error(text) or cues.names_failure(text)):
        return True
    quotes = [q for q in title_quotes(section, title) if cues.reads_as_error(q)]
    if not quotes:
        return False
    rest = title
    for q in quotes:
        rest = rest.replace(q, " ")
    rest = re.sub(r"\([^)]*\)", " ", rest)  # "(OVHCloud)": where it was seen
    return bool(_MESSAGE_LABEL.match(rest))


def _headings_in_lower_case(section) -> bool:
    """"case#1: volume create/delete failed" beside "troubleshooting connection failure on agent
    node": when a sibling heading in lower case is no message (a procedure's, or one naming no
    failure), lower case is how the author writes headings, no sign of a message copied."""
    parent = section.parent
    siblings = [c for c in parent.children if isinstance(c, nodes.section) and c is not section] \
        if parent is not None else []
    for sibling in siblings:
        text = cues.unnumbered(title_text(sibling)[0])
        if re.match(r"[a-z]", text) and (cues.is_procedure_title(text) or not (
                cues.reads_as_error(text) or cues.names_failure(text))):
            return True
    return False


def explaining_block(blocks):
    """The first block of text under a message heading when it explains the message: not a
    question, not a cause said to be unknown ("We do not know the cause of this error"), not
    "check the logs". A lead to the quoted message ("`kubectl describe pod` shows:") is passed
    over; a lead to anything else ("Run the following:") explains nothing."""
    for position, block in enumerate(blocks):
        if isinstance(block, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list)):
            text = " ".join(block.astext().split())
            quoting = position + 1 < len(blocks) and isinstance(blocks[position + 1], nodes.literal_block) \
                and prose_signatures([blocks[position + 1]])
            if text.endswith(":") and quoting:
                continue
            if (text.endswith((":", "?")) or cues.UNKNOWN_CAUSE.search(text) or cues.states_no_remedy(text)):
                return None
            if isinstance(block, (nodes.bullet_list, nodes.enumerated_list)) and _only_looks(block):
                return None  # ("- find csi driver controller pod" / "- get pod description and logs")
            remedy = cues.states_remedy(text) and not cues.states_cause(text)
            if isinstance(block, nodes.paragraph) and remedy:
                return None  # "you can also add `verify: false` ... to solve the problem": the fix
            return block
        if not isinstance(block, (nodes.literal_block, nodes.block_quote, nodes.target, nodes.comment,
                                  nodes.system_message)):
            return None
    return None


# "find the controller pod", "locate the node plugin", "get pod description and logs": a step that
# finds a thing or gathers evidence, a look at the failure
_LOOK_STEP = re.compile(r"^\W*(find|locate|identify|look up|list|get|collect|gather|fetch|retrieve|dump|"
                        r"capture|view|inspect|describe|check)\b", re.I)


def _only_looks(blist) -> bool:
    """A list whose every item opens on a step that finds a thing or gathers evidence: under a
    failure heading it is a procedure of looking, no explanation of the failure."""
    items = [" ".join(i.astext().split()) for i in blist.children if isinstance(i, nodes.list_item)]
    return bool(items) and all(_LOOK_STEP.match(i) for i in items)


def text_only_looks(body) -> bool:
    """The section's own text is steps of looking (_only_looks), with no sentence naming a cause
    or a remedy: a procedure for gathering evidence on the failure its title names."""
    lists = [b for b in body if isinstance(b, (nodes.bullet_list, nodes.enumerated_list))]
    said = [" ".join(b.astext().split()) for b in body if isinstance(b, nodes.paragraph)]
    return bool(lists) and all(_only_looks(b) for b in lists) \
        and not any(cues.states_cause(t) or cues.states_remedy(t) for t in said)
