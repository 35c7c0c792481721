"""The ParsedIssue of a section: from its fields (build_issue: their text, signatures, notes,
relations, upstream links and the overrides of its field list), or from the ProseFields of a
section told in prose or of an issue written inside a section's body (issue_from_prose).

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from kb.components import KNOWN_COMPONENTS, components_in
from kb.matching.prefix import message_of
from kb.releases import fixed_in_from
from kb.slugs import COLUMN_LENGTH, make_slug

from . import (
    cues,
    structures,
)
from .field_labels import section_labels
from .fields import field_names, heading_status
from .links import add_link, status_from_text
from .markdown import blocks_to_markdown, escape
from .prose import cause_sentences
from .records import ParsedDocument, ParsedIssue, ParsedLink, ParsedRelation, ParsedSignature
from .section_nodes import body_of, context_of, is_content, line_of, title_text
from .signatures import enough_literal, inline_errors, placeholders, prose_signatures, signature_lines
from .status import STATUSES, derive_status

_RELATION_LEADS = (
    (re.compile(r"^\s*caused by\b", re.I), "caused_by"),
    (re.compile(r"^\s*(has the )?same root cause\b", re.I), "same_root_cause"),
    (re.compile(r"^\s*(related|see also)\b", re.I), "related"),
)
STRUCTURES = frozenset({"field_headings", "question_headings", "rubric", "table", "prose", "definition_list",
                        "known_issues", "faq", "labelled_paragraph"})
REVIEW_STRUCTURES = frozenset({"prose", "definition_list", "known_issues", "faq", "labelled_paragraph"})


def issue_from_found(section, item, document) -> ParsedIssue:
    return issue_from_prose(section, item.title, item.line or line_of(section), item.prose, item.structure,
                             item.signatures, item.links, document, own_section=False, scope=item.scope)


def issue_from_prose(section, title, line, prose, structure, stated, links, document,
                      own_section=True, scope=None) -> ParsedIssue:
    issue = ParsedIssue(slug="", title=title, line=line, structure=structure,
                        needs_review=structure in REVIEW_STRUCTURES)
    issue.anchor = (section.get("ids") or [""])[0] if own_section else ""
    environment, category = context_of(section)
    if own_section:
        issue.environment, issue.category = environment, category
    else:
        issue.environment = environment or title_text(section)[0]
        issue.category = title_text(section)[0] if environment else ""
    issue.symptoms = prose.text("symptoms") or escape(title)
    issue.root_cause = prose.text("root_cause")
    issue.solution = prose.text("solution")
    issue.workaround = prose.text("workaround")
    # Markdown keeps the quotes and code spans that mark an inline error.
    paragraphs = " ".join(blocks_to_markdown([n]) for n in prose.symptom_nodes
                          if isinstance(n, nodes.paragraph))
    texts = list(dict.fromkeys([*(placeholders(s) for s in stated), *prose_signatures(prose.symptom_nodes),
                                *(placeholders(q) for q in inline_errors(paragraphs))]))
    # (a quoted "i/o timeout" is too short a signature to keep: the model refuses it)
    issue.signatures = [ParsedSignature(text=t, source="symptom") for t in texts if enough_literal(t)]
    found_links: dict[str, ParsedLink] = {}
    for ref in links:
        add_link(found_links, ref, "unknown", any_kind=True)
    for node in [section] if own_section else (scope or []):
        for ref in node.findall(nodes.reference) if isinstance(node, nodes.Element) else []:
            add_link(found_links, ref, "unknown", trackers_only=True)
    issue.upstream = list(found_links.values())
    issue.components = components_in(" ".join([title, issue.symptoms, issue.root_cause]))
    issue.status = derive_status(issue, "")
    return issue


def _bold_title(blocks: list) -> str:
    """The text of a first block that is a bold line naming a failure, a heading in all but
    markup; "" otherwise."""
    first = blocks[0] if blocks else None
    if not isinstance(first, nodes.paragraph) or not structures.lead_only(first, nodes.strong):
        return ""
    text = " ".join(first.astext().split())
    return text if cues.names_failure(text) and not field_names(text.rstrip(":")) else ""


def _heads_fields_of_the_section_above(section) -> bool:
    """A section titled by a field that is that field of the section above: it holds the field's
    text itself ("## Symptoms" and its quoted records, over the other fields), or another heading
    beside it continues the issue ("### Description" over "#### Symptoms", then "### Recommendation").
    An issue titled "Issue" over its fields alone, alone under its heading or beside others titled
    "Issue", is titled so (the export writes such issues)."""
    parent = section.parent
    if not isinstance(parent, nodes.section):
        return False
    title = title_text(section)[0]
    own_text = any(is_content(c) for c in body_of(section))
    return own_text or any(isinstance(c, nodes.section) and title_text(c)[0] != title
                           for c in parent.children)


def build_issue(section, fields, document: ParsedDocument) -> ParsedIssue:
    title, title_refs = title_text(section)
    issue = ParsedIssue(slug="", title=title, anchor=(section.get("ids") or [""])[0],
                        line=line_of(section))
    issue.environment, issue.category = context_of(section)
    if field_names(title) and _heads_fields_of_the_section_above(section):
        # "## Symptoms" over "### Reason for failure" / "### Root causes" / "### Manual recovery",
        # under the page's title; "### Description" over "#### Symptoms" / "#### Cause": a field
        # heading set one level too high heads the others, and the issue is the section above's
        issue.title = title_text(section.parent)[0]
        if issue.category == issue.title:
            issue.category = ""
    upstream_nodes, upstream_words, upstream_status = [], [], ""
    overrides = _field_list_overrides(section)
    _, holders = section_labels(section)
    intro = [c for c in body_of(section) if not isinstance(c, (nodes.field_list, nodes.definition_list))
             and not any(c is h for h in holders)]
    bold = _bold_title(intro)
    if bold and not cues.names_failure(title):
        # "RabbitMQ" over "**Difficulty restarting RabbitMQ after a total failure**" and then
        # "**Issue:**" / "**Workaround:**": the heading names the component, the bold line
        # written as a heading names the issue.
        issue.title = bold
        intro = intro[1:]
    for names, heading, body in fields:
        for name in names:
            if name == "upstream":
                upstream_nodes += body
                upstream_status = upstream_status or heading_status(heading)
                upstream_words.append(" ".join(n.astext() for n in body))
            elif name == "signatures":
                issue.signatures += _curated_signatures(body)
                _append_notes(issue, "signature_notes", body)
            elif name == "signs":
                issue.signatures += _curated_signatures(body, sign=True)
                _append_notes(issue, "sign_notes", body)
            elif name == "related":
                issue.relations += _stated_relations(body)
            else:
                _append_field(issue, name, heading, body)
    if not issue.symptoms and intro and not isinstance(intro[0], nodes.field_list):
        issue.symptoms = blocks_to_markdown(intro)
    problem = [body for _, heading, body in fields if heading.strip().lower().rstrip(":") == "problem"]
    if not issue.root_cause and problem:
        # A Problem that also states the cause ("This error may be caused by ...").
        issue.root_cause = " ".join(cause_sentences(blocks_to_markdown([n for b in problem for n in b])))
    if not issue.root_cause:
        # No field names the cause, but a sentence elsewhere does: in the introduction, in
        # a sub-section that is no field ("Investigation"), or in the Solution ("This is
        # commonly the result of not specifying dataDirHostPath").
        elsewhere = [*intro, *(n for s in section.children if isinstance(s, nodes.section)
                              and not field_names(title_text(s)[0]) for n in body_of(s))]
        solution = [n for names, _, body in fields if "solution" in names for n in body]
        # In a Solution only a sentence about the problem itself ("This is due to ...") says
        # why; others explain the remedy ("enabled it, because it just works").
        issue.root_cause = " ".join([*cause_sentences(blocks_to_markdown(elsewhere)),
                                     *(c for c in cause_sentences(blocks_to_markdown(solution))
                                       if cues.explains_the_problem(c))])
    if not (issue.solution or issue.workaround):
        # No field names the fix, but a sub-section is titled by one ("Case 2: Symptom", "Case 2:
        # Details", "Case 2: Restart the Postgres operator"): it is the remedy.
        remedies = [s for s in section.children if isinstance(s, nodes.section)
                    and not field_names(title_text(s)[0]) and cues.is_fix_heading(title_text(s)[0])]
        for remedy in remedies:
            heading = title_text(remedy)[0]
            _append_field(issue, "solution", heading,
                          [nodes.paragraph("", "", nodes.strong("", heading)), *body_of(remedy)])
    issue.signatures = (_labelled_signatures(fields, body_of(section)) if holders
                        else _symptom_signatures(section, fields)) + issue.signatures
    # a text listed under Log signs is a sign wherever else the issue states it (its symptoms
    # may quote the same line, or the whole record around the message the sign lists: an ERROR
    # line of the agent's whose message is the listed `OVS is dead. ...`): the one signature kept
    # per text says so
    signs = {s.text for s in issue.signatures if s.sign}
    messages = {_message_of(text) for text in signs}
    for signature in issue.signatures:
        signature.sign = signature.text in signs or _message_of(signature.text) in messages
    issue.upstream = _links(title_refs, upstream_nodes, upstream_status, section, fields)
    issue.fixed_in = overrides.get("fixed_in") or fixed_in_from(" ".join(upstream_words))
    issue.components = overrides["components"] if "components" in overrides else components_in(
        " ".join([title, issue.symptoms, issue.root_cause])
    )
    issue.status = overrides.get("status") or derive_status(
        issue, upstream_status or status_from_text(" ".join(upstream_words), "")
    )
    issue.slug = overrides.get("slug", "")
    if "structure" in overrides:
        # kb's own export of an issue first read from prose: keep how it was read.
        issue.structure = overrides["structure"]
        issue.needs_review = issue.structure in REVIEW_STRUCTURES
        for signature in issue.signatures:
            signature.source = "symptom"
    if "bad_status" in overrides:
        document.warnings.append(
            f"line {issue.line}: status {overrides['bad_status'][:40]!r} is not one of "
            f"{', '.join(STATUSES)}; the status is derived from the text instead"
        )
    for unknown in set(overrides.get("unknown_components", ())):
        document.warnings.append(f"line {issue.line}: unknown component {unknown!r} kept as given")
    return issue


def _append_field(issue, name, heading, body):
    text = blocks_to_markdown(body)
    if name == "details":
        text = f"**{escape(heading)}:** {text}"
    current = getattr(issue, name)
    setattr(issue, name, f"{current}\n\n{text}".strip() if current else text)


def _append_notes(issue, name, body):
    """The prose of a Log signatures (or Log signs) section, its literal blocks (the signatures)
    left out: what it says of where each line comes from is kept for the issue's page and the
    export, as a field's text is (joined as _append_field joins a field given twice)."""
    text = blocks_to_markdown([node for node in body if not isinstance(node, nodes.literal_block)])
    if text:
        current = getattr(issue, name)
        setattr(issue, name, f"{current}\n\n{text}" if current else text)


def _field_list_overrides(section) -> dict:
    """`:components:`, `:status:`, `:slug:`, `:fixed-in:` given right under an issue's title."""
    overrides: dict = {}
    for flist in (c for c in section.children if isinstance(c, nodes.field_list)):
        for field in flist.children:
            name = field.children[0].astext().strip().lower()
            # docutils may put its own messages inside a field body; they are not the value.
            value = " ".join(n.astext() for n in field.children[1].children
                             if not isinstance(n, nodes.system_message)).strip()
            if name == "components":
                names = [v.strip().lower() for v in value.split(",") if v.strip()]
                overrides["components"] = names
                overrides["unknown_components"] = [n for n in names if n not in KNOWN_COMPONENTS]
            elif name == "status" and value:
                status = value.lower().replace(" ", "_")
                if status in STATUSES:
                    overrides["status"] = status
                else:
                    overrides["bad_status"] = value
            elif name == "structure" and value in STRUCTURES:
                overrides["structure"] = value
            elif name in ("fixed-in", "fixed_in") and value:
                overrides["fixed_in"] = value
            elif name == "slug" and value:
                overrides["slug"] = make_slug(value, max_length=COLUMN_LENGTH)  # as the author stated it
    return overrides


def _curated_signatures(body, *, sign: bool = False) -> list[ParsedSignature]:
    """The lines of the literal blocks under Log signatures (or Log signs: `sign`)."""
    lines = []
    for block in _literal_blocks(body):
        lines += [line.strip() for line in block.astext().splitlines() if line.strip()]
    return [ParsedSignature(text=line[:500], source="curated", sign=sign) for line in lines]


def _labelled_signatures(fields, section_body) -> list[ParsedSignature]:
    """Signatures of fields given by labels in the text ("* Problem: ...", "**Error message:**
    ``VNI XXXXX not found ...``"): written as prose is, read as prose is, the failure records
    of the blocks with the document's example values as placeholders, and a message a label
    names outright. With no symptom label quoting one, the records quoted anywhere in the
    section ("**Cause:** ... KCP logs will show errors similar to:" and the record)."""
    found = []
    for names, heading, body in fields:
        if "symptoms" not in names:
            continue
        found += prose_signatures(body)
        # "Update Failed with error message "Galera Replication - Node appears to be ..."": a
        # message the symptom quotes inline, as a literal block would
        # (in its sentences: a quotation inside a literal block is part of the record read above)
        said = [p for b in body if isinstance(b, nodes.Element) for p in b.findall(nodes.paragraph)]
        found += [placeholders(q) for q in inline_errors(blocks_to_markdown(said))]
        if cues.reads_as_error(heading) or re.search(r"\bmessages?\b", heading, re.I):
            literals = [n for b in body if isinstance(b, nodes.paragraph) for n in b.children
                        if not (isinstance(n, nodes.Text) and not n.strip())]
            if len(literals) == 1 and isinstance(literals[0], nodes.literal):
                found.append(placeholders(" ".join(literals[0].astext().split())))
    found = found or prose_signatures(section_body)
    return [ParsedSignature(text=t, source="symptom") for t in dict.fromkeys(found) if enough_literal(t)]


def _symptom_signatures(section, fields) -> list[ParsedSignature]:
    found = []
    for names, _, body in fields:
        if "symptoms" in names:
            for block in _literal_blocks(body):
                found += signature_lines(block.astext())
    return [ParsedSignature(text=t, source="symptom") for t in dict.fromkeys(found)]


def _literal_blocks(body) -> list:
    blocks = []
    for node in body:
        if isinstance(node, nodes.literal_block):
            blocks.append(node)
        elif isinstance(node, nodes.Element):
            blocks += list(node.findall(nodes.literal_block))
    return blocks


def _stated_relations(body) -> list[ParsedRelation]:
    relations = []
    for item in (n for b in body if isinstance(b, nodes.Element) for n in b.findall(nodes.list_item)):
        text = item.astext()
        kind = next((k for pattern, k in _RELATION_LEADS if pattern.search(text)), "related")
        for ref in item.findall(nodes.reference):
            if not ref.get("refuri"):
                relations.append(ParsedRelation(target=ref.astext().strip(), kind=kind))
    return relations


def _links(title_refs, upstream_nodes, heading_status_, section, fields) -> list[ParsedLink]:
    links: dict[str, ParsedLink] = {}
    for ref in title_refs:
        add_link(links, ref, "unknown")
    for node in upstream_nodes:
        if isinstance(node, nodes.Element):
            for ref in node.findall(nodes.reference):
                add_link(links, ref, heading_status_ or "unknown",
                          any_kind=True)
    for names, _, body in fields:
        if "upstream" in names:
            continue
        for node in (b for b in body if isinstance(b, nodes.Element)):
            for ref in node.findall(nodes.reference):
                add_link(links, ref, "unknown", trackers_only=True)
    return list(links.values())


def _message_of(signature: str) -> str:
    """A signature's message as the matcher reads it (prefix, level and logger taken off), folded:
    what tells a Symptoms quote of a whole record from the Log signs entry of its message."""
    return " ".join(message_of(signature).split()).casefold()
