"""Issues written as the items of a list inside a section, with no heading of their own.

Each reader takes the blocks of one section and adds `structures.Found` candidates:

- a list item that names a kind of issues ("2. Common deployment issues.") over a list of its
  own: each inner item is an issue, read as a known-issue bullet is;
- an item told by labelled lines ("Symptoms: "Permission denied (publickey)."" / "Solution:
  check the public key ..."), under such an item or as an item of a known-issue list: each is
  an issue, the text after its first label (when that label names no cause or fix) what is seen;
- bullets of a troubleshooting section that each open on a failure met and go on to its cause
  or remedy ("If a backend reports the failed state ..., it is likely caused by ... . Updating
  the backend will fix it."), the other bullets (requirements, procedures, what logs to read)
  being none.
"""

import re

from docutils import nodes

from . import cues, structures
from .fields import field_names
from .markdown import blocks_to_markdown, escape
from .prose import SENTENCE, ProseFields, cue_sentences, read_blocks

_LISTS = (nodes.bullet_list, nodes.enumerated_list)


def _first_paragraph(item) -> str:
    first = item.children[0] if item.children else None
    return " ".join(first.astext().split()) if isinstance(first, nodes.paragraph) else ""


def _names_issue_kind(text: str) -> bool:
    """"Common deployment issues.", "Known problems:": a short line that names a kind of issues."""
    text = text.rstrip(".:").strip()
    return bool(text) and len(text.split()) <= 6 and (
        structures.is_issue_list_title(text) or bool(structures.KNOWN_ISSUES_TITLE.search(text)))


def lists_in_issue_items(body: list) -> list:
    """The lists held by an item that names a kind of issues, in the section's lists."""
    inner = []
    for block in body:
        if not isinstance(block, _LISTS):
            continue
        for item in block.children:
            if isinstance(item, nodes.list_item) and _names_issue_kind(_first_paragraph(item)):
                inner.extend(c for c in item.children[1:] if isinstance(c, _LISTS))
    return inner


# "Symptoms: ...", "Solution: ...": a line opening on a short capitalised label and a colon
_LABEL_LINE = re.compile(r"^\s*([A-Z][A-Za-z /()-]{1,30}?)\s*:\s+(?=\S)")


def _labelled_parts(paragraph) -> list[tuple[str, str]]:
    """[(label, text)] of a paragraph whose lines open on labels ("Symptoms: ..." / "Solution:
    ..."), a line with no label going on with the part before it; [] when its first line has none."""
    parts: list[list[str]] = []
    for line in paragraph.astext().splitlines():
        match = _LABEL_LINE.match(line)
        if match:
            parts.append([match.group(1), line[match.end():].strip()])
        elif parts:
            parts[-1][1] += " " + line.strip()
        else:
            return []
    return [(label, " ".join(text.split())) for label, text in parts]


def _remedy_field(label: str) -> str:
    names = field_names(label)
    return next((n for n in names if n in ("root_cause", "solution", "workaround")), "")


def labelled_item(item) -> list[tuple[str, str]]:
    """The labelled parts of an item told by two or more labelled lines, one of them a fix or a
    cause ("Symptoms: ..." / "Solution: ..."); [] for any other item."""
    first = item.children[0] if item.children else None
    parts = _labelled_parts(first) if isinstance(first, nodes.paragraph) else []
    if len(parts) < 2 or not any(_remedy_field(label) for label, _ in parts[1:]):
        return []
    return parts


def _from_labelled_item(item, heading: str, found: list, skipped: list) -> bool:
    """An issue of an item told by labelled lines; False when the item is none such."""
    parts = labelled_item(item)
    if not parts or _remedy_field(parts[0][0]):
        return False
    seen = parts[0][1]
    prose = ProseFields(seen_block=True)
    prose.add("symptoms", escape(seen))
    prose.symptom_nodes.append(item.children[0])
    for label, text in parts[1:]:
        name = _remedy_field(label)
        if name:
            prose.add(name, escape(text))
            continue
        # ("Issue: when machines are redeployed they get a new host key ...": a second account
        # of the problem after what is seen explains it, by its cue words or as it stands)
        cued = cue_sentences(escape(text))
        for cue, sentence in cued:
            prose.add(cue, sentence)
        if not cued:
            prose.add("root_cause", escape(text))
    read_blocks(item.children[1:], prose)
    title = structures.short_title(f"{heading}: {seen}" if heading else seen)
    found.append(structures.Found(title, "labelled_items", item.line or item.children[0].line, prose,
                                  signatures=[q for q in structures.quoted(seen)],
                                  scope=[item]))
    return True


def _variants(item) -> list:
    """The inner items of an item whose own list is made of labelled items ("The node cannot be
    accessed." over "Symptoms: ..." / "Solution: ..." items), [] otherwise."""
    inner = [c for c in item.children[1:] if isinstance(c, _LISTS)]
    items = [i for lst in inner for i in lst.children if isinstance(i, nodes.list_item)]
    return items if items and all(labelled_item(i) for i in items) else []


def from_issue_items(body: list, found: list, skipped: list):
    """The items of the lists an item naming a kind of issues holds (lists_in_issue_items): each
    an issue read as a known-issue bullet; an item over labelled variants gives one per variant,
    titled by the item's first sentence and what the variant shows."""
    for blist in lists_in_issue_items(body):
        read = set()
        for item in (i for i in blist.children if isinstance(i, nodes.list_item)):
            variants = _variants(item)
            if variants:
                heading = SENTENCE.split(_first_paragraph(item))[0].rstrip(".:").strip()
                for variant in variants:
                    _from_labelled_item(variant, heading, found, skipped)
                read.add(id(item))
            elif _from_labelled_item(item, "", found, skipped):
                read.add(id(item))
        structures.from_bullets(blist, found, skipped, read=read, openings=True)


# "If there are problems mounting a volume, ...", "After a successful install, if a claim is stuck
# in Pending, ...": a bullet opening on a condition met, the clause up to its comma
_MET = re.compile(r"^(?:[^,]{0,60},\s*)?(?:if|when|whenever)\s+([^,]{8,160}),", re.I)
# (in a troubleshooting list "if there are problems with mounting ..." is a failure met, whose
# kind the bullet names)
_TROUBLE = re.compile(r"\b(issues?|problems?|trouble|errors?|fail(s|ed|ures?)?)\b", re.I)
# "run `kubectl describe pvc` to get additional information", "enable debug logging": what to
# look at, no remedy of the failure
_LOOKS_AT = re.compile(
    r"\b(logs?|logging|describe|debug|insights?|(more|additional) (information|details))\b", re.I)


def _failure_met(text: str) -> str:
    """The condition a bullet opens on when it is a failure met ("If there are problems with
    mounting a PV to a container, ..."); "" otherwise ("If you are upgrading ...")."""
    match = _MET.match(SENTENCE.split(text)[0])
    if not match:
        return ""
    condition = match.group(1)
    return condition if cues.names_failure(condition) or _TROUBLE.search(condition) else ""


def _explained_or_remedied(text: str, condition: str) -> bool:
    """The bullet goes on to a cause or a remedy, not only to what to look at."""
    rest = text.split(condition, 1)[1]
    return any(not _LOOKS_AT.search(sentence)
               and (cues.states_cause(sentence) or cues.states_remedy(sentence))
               for sentence in SENTENCE.split(rest))


def from_failure_bullets(body: list, title: str, found: list, skipped: list, known: list):
    """A section of bullets each telling what to do about something met ("Troubleshooting" over
    "If a backend reports the failed state ..., it is likely caused by ... ."): a bullet opening
    on a failure met and going on to its cause or remedy is an issue, two or more of them in a
    list; the list's other bullets (a requirement, a procedure, where to read logs) are none.
    Under a title that states one failure, or in a list read as known issues already, the
    bullets are that issue's text or those issues."""
    if cues.is_symptom_title(title):
        return
    for blist in body:
        if not isinstance(blist, nodes.bullet_list) or any(blist is k for k in known):
            continue
        items = [i for i in blist.children if isinstance(i, nodes.list_item)
                 and i.children and isinstance(i.children[0], nodes.paragraph)]
        met = [(item, " ".join(item.astext().split())) for item in items]
        met = [(item, text, _failure_met(text)) for item, text in met]
        chosen = [(item, text) for item, text, condition in met
                  if condition and _explained_or_remedied(text, condition)]
        if len(chosen) < 2:
            continue
        for item, text in chosen:
            prose = ProseFields(seen_block=True)
            markdown = blocks_to_markdown(item.children)
            prose.add("symptoms", markdown)
            prose.symptom_nodes.append(item.children[0])
            for name, sentence in cue_sentences(markdown):
                if not _LOOKS_AT.search(sentence):
                    prose.add(name, sentence)
            found.append(structures.Found(structures.first_sentence_title(text), "failure_bullets",
                                          item.line or item.children[0].line, prose, scope=[item]))
