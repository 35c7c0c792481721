"""Deciding each section of a document, in order: an issue, the issues written in its body, or why none.

A section's body may hold issues of its own (tables, definition lists, known-issue bullets,
FAQ, labelled or bold paragraphs: kb/rst/structures.py and the readers beside it); the
section itself is an issue by its field headings (kb/rst/field_sections.py), its rubrics or
its prose (kb/rst/prose_issue.py). Moved out of kb/rst/parser.py as they were (issue #10's
session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    bold_entries,
    conditions,
    cues,
    faq,
    forked,
    list_entries,
    looks,
    structures,
    tables,
)
from . import doctree as dt
from .building import build_issue, issue_from_found, issue_from_prose
from .field_sections import (
    definition_fields,
    holds_labelled_fields,
    holds_rubric_fields,
    section_fields,
    table_fields,
    unfilled,
)
from .fields import is_question_heading
from .markdown import blocks_to_markdown, escape
from .placement import known_issues_context, names_remedy, under_resolved
from .prose import SENTENCE
from .prose_issue import INTRO_ONLY, prose_issue, rubric_issue
from .records import ParsedDocument, ParsedIssue, ParsedSignature
from .section_nodes import (
    all_sections_within,
    body_of,
    is_content,
    is_link_list,
    line_of,
    sections_within,
    title_text,
)
from .signatures import inline_errors, placeholders, prose_signatures

FIELDS_WITHOUT_SYMPTOMS = "field headings but no symptoms"


def collect_issues(tree, document: ParsedDocument, read_again):
    """Every section is decided once, in document order, and the decision recorded; the tree is freed.

    Issues written inside a section's body (tables, symptom definition
    lists, known-issue bullets, FAQ, labelled paragraphs) are read with the
    section; the symptom definition lists of every section are read first,
    so that the detail sections they link to are known to belong to their
    entries before they are looked at as sections. A big document's later
    sections are decided in a second process meanwhile (kb.rst.forked),
    which may free the tree early and read the text again (`read_again()`,
    the same tree) if that process fails.
    """
    sections = dt.sections_of(tree)
    state = Decisions(tree)
    split = forked.split_point(sections, len(document.content))
    if split is None:
        candidates = state.decide(sections, document)
        dt.release(tree)
    else:
        candidates = forked.decide_in_two(state, sections, split, document, lambda: dt.release(tree),
                                          lambda: _decisions(read_again()))
    document.issues.extend(sorted(candidates, key=lambda i: i.line or 0))


def _decisions(tree):
    """(decisions, sections, release) of a tree read again (kb.rst.forked)."""
    return Decisions(tree), dt.sections_of(tree), lambda: dt.release(tree)


class Decisions:
    """What deciding a section leaves for the sections inside it (see collect_issues).

    A decision marks only the sections inside the one decided: which issue
    they are part of, which entry they are the detail of. So the sections
    from any one on can be decided apart from those before it, given the
    marks its enclosing sections leave (kb.rst.forked relies on it).
    """

    def __init__(self, tree):
        sections = dt.sections_of(tree)
        self.ids = tree.ids
        self.inner_sections = sections_within if all(
            isinstance(s.parent, (nodes.section, nodes.document)) for s in sections) else all_sections_within
        self.part_of: dict[int, str] = {}  # section -> the issue it was read into
        self.detail_of: dict[int, str] = {}  # section -> the entry that links to it
        for section in sections:
            for item in _entries_with_details(section, self.ids):
                for detail in item.claimed:
                    self.detail_of.setdefault(id(detail), item.title)

    def decide(self, sections, document: ParsedDocument) -> list[ParsedIssue]:
        """Decide `sections` in order, recording each in `document`; the issues found."""
        candidates: list[ParsedIssue] = []
        for section in sections:
            self._decide(section, document, candidates)
        return candidates

    def _decide(self, section, document: ParsedDocument, candidates: list):
        part_of, detail_of, inner_sections = self.part_of, self.detail_of, self.inner_sections
        title = title_text(section)[0]
        report = {"title": title, "line": line_of(section), "issue": None, "structure": None, "reason": ""}
        document.sections.append(report)
        if id(section) in part_of:
            report["reason"] = f"part of the issue {part_of[id(section)]!r}"
            return
        # Only now: most sections are fields of an issue (part_of), whose body holds no issue.
        found, skipped = _body_structures(section, self.ids)
        from_body = [issue_from_found(section, item, document) for item in found]
        # (an FAQ's "... The behavior isn't what I expect. Help!" answered by how to trace a
        # packet: a method of diagnosis, kb/rst/looks.py)
        investigating = [looks.only_investigates(issue) for issue in from_body]
        skipped += [structures.Skipped(f"entry {item.title[:60]!r}", item.line,
                                       looks.INVESTIGATES)
                    for item, dropped in zip(found, investigating, strict=True) if dropped]
        found = [item for item, dropped in zip(found, investigating, strict=True) if not dropped]
        from_body = [issue for issue, dropped in zip(from_body, investigating, strict=True) if not dropped]
        candidates.extend(from_body)
        for item in skipped:
            where = item.line or report["line"]
            document.warnings.append(f"line {where}: {item.what} not an issue: {item.reason}")
        if id(section) in detail_of:
            report["reason"] = f"detail of the entry {detail_of[id(section)]!r}"
            for inner in inner_sections(section):
                detail_of.setdefault(id(inner), detail_of[id(section)])
            return
        own = [item for item in found if not item.beside]
        if own:
            # Its prose introduces the issues it holds; it is not one more.
            report["reason"] = f"holds {len(own)} issue(s) written as {own[0].structure}"
            report["holds"] = [item.title for item in found]
            return
        # "If you see <error>" paragraphs are issues of their own; the rest of the section
        # may be one too.
        beside = [n for item in found for n in item.scope]
        if found:
            report["holds"] = [item.title for item in found]
        issue, reason = _section_issue(section, title, document, exclude=beside)
        if issue is not None and looks.only_says_where_to_look(issue):
            # "If the service is not running, check its logs ...": a failure named, then only
            # where to look for why (kb/rst/looks.py).
            issue, reason = None, looks.REASON
        elif issue is not None and looks.only_investigates(issue):
            # "Transport network connectivity": "Before debugging the problems of VM connectivity
            # ..., verify that the transport network functions properly." (kb/rst/looks.py)
            issue, reason = None, looks.INVESTIGATES
        if issue is None and len(found) == 1 and _opens_the_section(found[0], section) \
                and _describes_a_state(title):
            # "Nodes in enroll state after registration": "If you see your nodes staying in the
            # enroll state ..., it means that ...": the section is that one issue, told from
            # its opening; its heading names it.
            item = found[0]
            candidates.remove(from_body[0])
            issue = issue_from_prose(section, title, line_of(section), item.prose, item.structure,
                                      item.signatures, item.links, document)
            candidates.append(issue)
            report["issue"], report["structure"] = issue.title, issue.structure
            report.pop("holds", None)
            return
        if issue is not None or reason == FIELDS_WITHOUT_SYMPTOMS:
            if issue is not None:
                candidates.append(issue)
                report["issue"], report["structure"] = issue.title, issue.structure
            if reason == INTRO_ONLY:
                return
            freed: set[int] = set()
            for inner in inner_sections(section):
                if inner is section:
                    continue
                if id(inner.parent) in freed or holds_rubric_fields(inner) or holds_labelled_fields(inner):
                    # "infoROM is corrupted" under "Pods Stuck in Crash Loop", with rubrics
                    # Issue / Root Cause / Action of its own: an issue of its own.
                    freed.add(id(inner))
                    continue
                part_of[id(inner)] = issue.title if issue is not None else title
        else:
            report["reason"] = reason


def _entries_with_details(section, ids) -> list:
    """The entries of the section's symptom definition lists that link to detail sections,
    as _body_structures reads them."""
    found: list = []
    for node in body_of(section):
        if isinstance(node, nodes.definition_list) and not definition_fields(node):
            structures.from_definition_list(node, ids, found, [])
    return [item for item in found if item.claimed]


def _body_structures(section, ids) -> tuple[list, list]:
    found, skipped = [], []
    body = body_of(section)
    title = title_text(section)[0]
    for node in body:
        if isinstance(node, nodes.table) and not table_fields(node):
            tables.from_table(node, found, skipped)
        elif isinstance(node, nodes.definition_list) and not definition_fields(node):
            structures.from_definition_list(node, ids, found, skipped)
    known = structures.known_issue_lists(body, title)
    if not known and _bullets_of_known_issues(section, body, title):
        known = [b for b in body if isinstance(b, nodes.bullet_list)]
    for blist in known:
        if not structures.is_message_list(blist):  # (read once, as messages, below)
            structures.from_bullets(blist, found, skipped, tail=structures.continuation_of(body, blist))
    if structures.is_error_list_title(title):
        for blist in (b for b in body if isinstance(b, nodes.bullet_list) and not any(b is k for k in known)):
            if not structures.is_message_list(blist):
                structures.from_bullets(blist, found, skipped, messages_only=True)
    list_entries.from_issue_items(body, found, skipped)
    list_entries.from_failure_bullets(body, title, found, skipped, known)
    faq.from_faq(body, found, skipped)
    faq.from_faq_bullets(body, title, found, skipped)
    bold_entries.from_labelled(body, found, skipped)
    bold_entries.from_bold_entries(body, found, skipped)
    bold_entries.from_bold_lead_paragraphs(body, found, skipped)
    structures.from_message_list(body, found, skipped)
    structures.from_explained_messages(body, found, skipped)
    structures.from_counted_paragraphs(body, found, skipped)
    if cues.is_procedure_title(title):
        conditions.from_failure_checklist(body, found, skipped)
    if not cues.is_symptom_title(title) and section_fields(section) is None:
        # (Under field labels, "**Problem**" / "If you are running many containers ... you might
        # encounter ...", the paragraph is the field of the section's own issue.)
        # Under a title that states the failure ("Failure to build node image") an "If you
        # see <error>" paragraph quotes that failure, and "If <something seen>, this might be
        # because:" lists its causes; under a component or a check ("csi-snapshotter") each
        # is a problem of its own.
        conditions.from_conditions(body, found, skipped)
        conditions.from_conditions_within(body, found, skipped)
        conditions.from_cause_lists(body, found, skipped)
    return found, skipped


def _bullets_of_known_issues(section, body, title: str) -> bool:
    """"Known Issues" > "General" / "Globalnet", each only a bullet list: under a heading that
    lists known issues, a sub-heading naming no failure that holds nothing but bullets sorts the
    issues by area; its bullets are known issues as the heading's own would be. (A sub-section
    with prose of its own is an issue or a note, read as such; one whose bullets are labelled
    as one issue's fields, "- Issue: ..." / "- Impact: ..." / "- Workaround: ...", is that issue.)"""
    content = [b for b in body if is_content(b)]
    items = [i for b in content for i in b.children if isinstance(i, nodes.list_item)]
    # (One bullet is an entry too: "Known Issues" > "K8s" > "1.9: Alpha" sorts entries by version,
    # and a version may have one. Under a heading that names a failure it is that heading's own
    # text set as a bullet: juicefs's "Bad write performance" over "**Slow write speed for
    # intensive small writes**" is one issue; the names_failure test below keeps it so.)
    return len(items) >= 1 and all(isinstance(b, nodes.bullet_list) for b in content) \
        and not is_link_list(content[0]) and not under_resolved(section) \
        and isinstance(section.parent, nodes.section) and known_issues_context(section) \
        and not cues.names_failure(title) and not names_remedy(title) and not cues.is_fix_heading(title) \
        and section_fields(section) is None


def _describes_a_state(title: str) -> bool:
    """"Nodes in enroll state after registration" describes what is seen; "csi-snapshotter" or
    "Checking the agent" names a component or a check, under which an "If you see ..." paragraph
    is a problem titled by its own words."""
    return len(title.split()) >= 3 and not cues.is_procedure_title(title) and not cues.is_fix_heading(title)


def _opens_the_section(item, section) -> bool:
    """An "If you see ..." paragraph read as an issue beside its section's own is the section's
    opening. (A paragraph that introduces a list of causes keeps its own title: under a guide's
    step it is a case of its own, see conditions.from_cause_lists.)"""
    content = [b for b in body_of(section) if is_content(b)]
    return item.beside and bool(content) and bool(item.scope) and item.scope[0] is content[0] \
        and conditions.tells_what_is_seen(content[0]) \
        and not any(isinstance(c, nodes.section) for c in section.children)


def _section_issue(section, title: str, document: ParsedDocument,
                   exclude=()) -> tuple[ParsedIssue | None, str]:
    """The issue a section is, by field headings or by prose, or why it is none."""
    fields = section_fields(section)
    if fields is not None and fields and unfilled(section, fields):
        # "App Will not Sync" over "**Symptoms:**" / "**Cause:**" / "**Solution:**" and nothing
        # under them: a template not filled in. Its title alone is no issue told.
        return None, "its fields are empty (a template not filled in)"
    if fields is not None:
        issue = build_issue(section, fields, document)
        if any(is_question_heading(heading) for _, heading, _ in fields):
            issue.structure = "question_headings"
        # "Pods fail to schedule" over "Cause" and "Solution" only: the title states what is
        # seen, as a question heading's does.
        titled = not issue.symptoms.strip() and cues.is_symptom_title(title) and any(
            n in ("root_cause", "solution", "workaround") for names, _, _ in fields for n in names)
        if issue.structure == "question_headings" or titled:
            # Its error is quoted in the introduction or the title, not in a Symptoms field.
            intro = [c for c in body_of(section)
                     if not isinstance(c, (nodes.field_list, nodes.definition_list))]
            prose_text = " ".join(blocks_to_markdown([c]) for c in intro if isinstance(c, nodes.paragraph))
            quoted = prose_signatures(intro) + [placeholders(q) for q in
                                                [*structures.quoted(title), *inline_errors(prose_text)]]
            known = {s.text for s in issue.signatures}
            issue.signatures += [ParsedSignature(text=t, source="symptom")
                                 for t in dict.fromkeys(quoted) if t not in known]
            issue.symptoms = issue.symptoms or escape(title)
        if cues.looks_for(title) and not issue.signatures and not _remedies_in_words(issue):
            # "Identifying Blocked Transactions" labelled Symptoms / Cause / Solution, its solution
            # a query to find them: a search for the failure's instances, remedying none.
            return None, "its title names a search, and its solution only looks"
        if issue.symptoms.strip():
            return issue, ""
        document.warnings.append(
            f"line {issue.line}: section {issue.title!r} has fields but no symptoms; not an issue"
        )
        return None, FIELDS_WITHOUT_SYMPTOMS
    rubric = rubric_issue(section, title, document)
    if rubric is not None:
        return rubric, ""
    return prose_issue(section, title, document, exclude)


_FENCED = re.compile(r"```.*?```", re.S)


def _remedies_in_words(issue: ParsedIssue) -> bool:
    """Its fix remedies something in its sentences (the code it shows aside: a query's `replace`)."""
    return any(cues.states_remedy(sentence) for text in (issue.solution, issue.workaround)
               for paragraph in re.split(r"\n\s*\n", _FENCED.sub(" ", text))
               for sentence in SENTENCE.split(paragraph))
