"""FAQ entries read as issues: `Q:` / `A:` paragraphs (the question running on to its answer) and
FAQ bullets; an entry is an issue when its question is about a problem and its answer states a
cause or fix.

Moved out of kb/rst/structures.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import cues
from .markdown import blocks_to_markdown, escape
from .prose import ProseFields, read_blocks
from .structures import Found, Skipped, answered_with_a_failure, quoted, short_title

QUESTION = re.compile(r"^\W*Q\s*[:.)]\s*", re.I)
_ANSWER = re.compile(r"^\W*A\s*[:.)]\s*", re.I)


def from_faq(body: list, found: list, skipped: list):
    """`Q:` paragraphs, each answered by the blocks up to the next question."""
    position = 0
    while position < len(body):
        node = body[position]
        text = node.astext().strip() if isinstance(node, nodes.paragraph) else ""
        if not QUESTION.match(text):
            position += 1
            continue
        question = " ".join(QUESTION.sub("", text).split())
        answer = []
        position += 1
        while position < len(body) and not (
            isinstance(body[position], nodes.paragraph) and QUESTION.match(body[position].astext().strip())
        ):
            answer.append(body[position])
            position += 1
        # A question may run on past its first paragraph ("... like these::", the commands,
        # "and now my network seems to have melted"): up to the answer, it is the question.
        start = next((n for n, block in enumerate(answer) if _starts_answer(block)), None)
        asked = answer[:start] if start else []
        answer = answer[start:] if start else answer
        _faq_entry(question, asked, answer, node, found, skipped)


def _faq_entry(question: str, asked: list, answer: list, node, found: list, skipped: list):
    """A question (and what more it tells, `asked`) and its answer: an issue when the question
    is about a problem and the answer states a cause or fix."""
    prose = ProseFields(seen_block=True)
    prose.add("symptoms", escape(question))
    prose.add("symptoms", blocks_to_markdown(asked))
    question = " ".join([question, *(" ".join(b.astext().split()) for b in asked
                                     if isinstance(b, nodes.paragraph))])
    prose.symptom_nodes += asked
    if answer and isinstance(answer[0], nodes.block_quote) and answer[0].children:
        answer = [*answer[0].children, *answer[1:]]  # the answer indented under its question
    if answer and isinstance(answer[0], nodes.paragraph):
        first = answer[0].deepcopy()
        _strip_lead(first, _ANSWER)
        answer = [first, *answer[1:]]
    if cues.names_failure(question) or cues.is_first_person(question):
        # The answer to a complaint ("I can't unload the module. Why?") explains it: it
        # starts as the cause, and a sentence that gives a remedy starts the fix. The
        # answer to a mere question ("Why would I use OVS ...?") needs its own cues.
        prose.current = "root_cause"
    read_blocks(answer, prose)
    problem = cues.is_symptom_title(question) or answered_with_a_failure(question, answer)
    if not problem or not prose.cue_found():
        skipped.append(Skipped(f"question {question[:60]!r}", node.line,
                               "not a problem, or its answer states no cause or fix"))
        return
    found.append(Found(short_title(question), "faq", node.line, prose, signatures=quoted(question),
                       scope=[node, *answer]))


# "FAQs", "Frequently asked questions", "FAQ": a title over questions and their answers.
_FAQ_TITLE = re.compile(r"^(faqs?|frequently asked questions)$", re.I)


def from_faq_bullets(body: list, section_title: str, found: list, skipped: list):
    """Under "FAQs", bullets that each open on a question or a complaint ("- I updated the
    ``transport_url`` ... but the API is still trying to use the old settings.") and go on
    with its answer: each entry is read as a `Q:` paragraph and its answer are (from_faq)."""
    if not _FAQ_TITLE.match(cues.subject(section_title).strip()):
        return
    for blist in (b for b in body if isinstance(b, nodes.bullet_list)):
        items = [c for c in blist.children if isinstance(c, nodes.list_item)]
        if not items or not all(len(i.children) >= 2 and isinstance(i[0], nodes.paragraph) for i in items):
            continue
        for item in items:
            question = " ".join(item[0].astext().split())
            if cues.asks_how(question) and not cues.asks_meaning(question):
                # "How can I disable a cell so that new requests do not go to it ...?": a how-to
                # whose purpose names what is avoided, no failure met.
                skipped.append(Skipped(f"question {question[:60]!r}", item.line, "a how-to question"))
            elif question.endswith("?") or cues.is_first_person(question):
                _faq_entry(question, [], list(item.children[1:]), item, found, skipped)


def _starts_answer(block) -> bool:
    """An `A:` paragraph, or the block quote an `A:` answer is indented in."""
    if isinstance(block, nodes.block_quote) and block.children:
        block = block.children[0]
    return isinstance(block, nodes.paragraph) and bool(_ANSWER.match(block.astext().strip()))




def _strip_lead(paragraph, pattern):
    for child in paragraph.children:
        if isinstance(child, nodes.Text):
            paragraph.replace(child, nodes.Text(pattern.sub("", child.astext(), count=1)))
            return
