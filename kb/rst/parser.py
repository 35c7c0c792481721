"""An RST incident document to ParsedDocument: which sections are issues, and their fields.

A section is an issue when its subsections (or the bold terms of a
definition list in its body) name fields: Symptoms, Root cause, Solution...
Sections without fields (Glossary, Setup, narrative) are not issues; the
top-level section holding an issue is its environment, the parent its
category. Underline characters and their order are whatever docutils saw,
so documents that swap `~~~` and `---` parse the same.
"""

import hashlib
import re

from docutils import nodes

from kb import collector
from kb.components import KNOWN_COMPONENTS, components_in
from kb.matching.prefix import message_of
from kb.releases import fixed_in_from
from kb.slugs import COLUMN_LENGTH, SLUG_LENGTH, make_slug

from . import (
    bold_entries,
    cues,
    forked,
    list_entries,
    looks,
    mdtree,
    one_sentence,
    remedy_labels,
    signatures,
    structures,
    tables,
)
from . import doctree as dt
from .errors import RstImportError
from .fields import TROUBLESHOOTING_FIELD, field_names, heading_status, is_question_heading
from .links import TRACKER_KINDS, link_kind, status_from_text, tracker_label
from .markdown import blocks_to_markdown, escape
from .prose import SENTENCE, ProseFields, cause_sentences, first_sentence, read_blocks, read_subsection
from .records import ParsedDocument, ParsedIssue, ParsedLink, ParsedRelation, ParsedSignature
from .relations import TitleRef, relations_in, title_index
from .signatures import enough_literal, inline_errors, placeholders, prose_signatures, signature_lines
from .status import STATUSES, derive_status

_RELATION_LEADS = (
    (re.compile(r"^\s*caused by\b", re.I), "caused_by"),
    (re.compile(r"^\s*(has the )?same root cause\b", re.I), "same_root_cause"),
    (re.compile(r"^\s*(related|see also)\b", re.I), "related"),
)


def parse_file(path: str) -> ParsedDocument:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise RstImportError(path, f"cannot read it: {exc.strerror}") from None
    return parse_bytes(path, data)


MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCUMENT_SUFFIXES = (".rst", *MARKDOWN_SUFFIXES)


def parse_bytes(path: str, data: bytes) -> ParsedDocument:
    """RST, or Markdown when the name ends in .md / .markdown: the same rules read both."""
    with collector.paused():
        return _parse_text(path, dt.decode(path, data), data)


def _parse_text(path: str, text: str, data: bytes) -> ParsedDocument:
    tree = _read(path, text)
    document = ParsedDocument(
        path=path,
        title=_document_title(tree),
        sha256=hashlib.sha256(data).hexdigest(),
        content=text,
        warnings=[f"line {line}: {msg}" if line else msg for line, msg in dt.warnings_of(tree)],
    )
    _collect_issues(tree, document, lambda: _read(path, text))
    signatures.drop_generic(document)
    _one_signature_per_text(document)
    if not document.issues:
        # Never silent: what was seen, and why none of it is an issue.
        document.warnings.insert(0, document.why_no_issue)
    _assign_slugs(document)
    _resolve_relations(document)
    return document


def _one_signature_per_text(document: ParsedDocument):
    """A text an issue states twice (quoted in its symptoms and listed under its log signatures) is
    one signature, the first, as the database keeps it (one row per issue and text: kb.sync):
    otherwise the engine built from the files and the one built from the database differ."""
    for issue in document.issues:
        seen = set()
        issue.signatures = [s for s in issue.signatures if not (s.text in seen or seen.add(s.text))]


def _read(path: str, text: str):
    return mdtree.parse(path, text) if path.lower().endswith(MARKDOWN_SUFFIXES) else dt.parse(path, text)


def _document_title(tree) -> str:
    first = next(iter(dt.sections_of(tree)), None)
    return _title_text(first)[0] if first is not None else ""


PROSE_FIELDS = ("symptoms", "root_cause", "solution", "workaround")
STRUCTURES = frozenset({"field_headings", "question_headings", "rubric", "table", "prose", "definition_list",
                        "known_issues", "faq", "labelled_paragraph"})
FIELDS_WITHOUT_SYMPTOMS = "field headings but no symptoms"
REVIEW_STRUCTURES = frozenset({"prose", "definition_list", "known_issues", "faq", "labelled_paragraph"})


def _collect_issues(tree, document: ParsedDocument, read_again):
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
    state = _Decisions(tree)
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
    return _Decisions(tree), dt.sections_of(tree), lambda: dt.release(tree)


class _Decisions:
    """What deciding a section leaves for the sections inside it (see _collect_issues).

    A decision marks only the sections inside the one decided: which issue
    they are part of, which entry they are the detail of. So the sections
    from any one on can be decided apart from those before it, given the
    marks its enclosing sections leave (kb.rst.forked relies on it).
    """

    def __init__(self, tree):
        sections = dt.sections_of(tree)
        self.ids = tree.ids
        self.inner_sections = _inner_sections if all(
            isinstance(s.parent, (nodes.section, nodes.document)) for s in sections) else _all_inner_sections
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
        title = _title_text(section)[0]
        report = {"title": title, "line": _line_of(section), "issue": None, "structure": None, "reason": ""}
        document.sections.append(report)
        if id(section) in part_of:
            report["reason"] = f"part of the issue {part_of[id(section)]!r}"
            return
        # Only now: most sections are fields of an issue (part_of), whose body holds no issue.
        found, skipped = _body_structures(section, self.ids)
        from_body = [_issue_from_found(section, item, document) for item in found]
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
        if issue is None and len(found) == 1 and _opens_the_section(found[0], section) \
                and _describes_a_state(title):
            # "Nodes in enroll state after registration": "If you see your nodes staying in the
            # enroll state ..., it means that ...": the section is that one issue, told from
            # its opening; its heading names it.
            item = found[0]
            candidates.remove(from_body[0])
            issue = _issue_from_prose(section, title, _line_of(section), item.prose, item.structure,
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
                if id(inner.parent) in freed or _holds_rubric_fields(inner) or _holds_labelled_fields(inner):
                    # "infoROM is corrupted" under "Pods Stuck in Crash Loop", with rubrics
                    # Issue / Root Cause / Action of its own: an issue of its own.
                    freed.add(id(inner))
                    continue
                part_of[id(inner)] = issue.title if issue is not None else title
        else:
            report["reason"] = reason


def _inner_sections(section):
    """section.findall(nodes.section), in the same order, walking sections only, not their text.

    Only for a tree in which every section sits in a section or the document
    (_collect_issues checks): docutils puts none in a paragraph or a list.
    """
    stack = [section]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed([c for c in node.children if isinstance(c, nodes.section)]))


def _all_inner_sections(section):
    return section.findall(nodes.section)


def _entries_with_details(section, ids) -> list:
    """The entries of the section's symptom definition lists that link to detail sections,
    as _body_structures reads them."""
    found: list = []
    for node in _body(section):
        if isinstance(node, nodes.definition_list) and not _definition_fields(node):
            structures.from_definition_list(node, ids, found, [])
    return [item for item in found if item.claimed]


def _body_structures(section, ids) -> tuple[list, list]:
    found, skipped = [], []
    body = _body(section)
    title = _title_text(section)[0]
    for node in body:
        if isinstance(node, nodes.table) and not _table_fields(node):
            tables.from_table(node, found, skipped)
        elif isinstance(node, nodes.definition_list) and not _definition_fields(node):
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
    structures.from_faq(body, found, skipped)
    structures.from_faq_bullets(body, title, found, skipped)
    bold_entries.from_labelled(body, found, skipped)
    bold_entries.from_bold_entries(body, found, skipped)
    bold_entries.from_bold_lead_paragraphs(body, found, skipped)
    structures.from_message_list(body, found, skipped)
    structures.from_explained_messages(body, found, skipped)
    structures.from_counted_paragraphs(body, found, skipped)
    if cues.is_procedure_title(title):
        structures.from_failure_checklist(body, found, skipped)
    if not cues.is_symptom_title(title) and _section_fields(section) is None:
        # (Under field labels, "**Problem**" / "If you are running many containers ... you might
        # encounter ...", the paragraph is the field of the section's own issue.)
        # Under a title that states the failure ("Failure to build node image") an "If you
        # see <error>" paragraph quotes that failure, and "If <something seen>, this might be
        # because:" lists its causes; under a component or a check ("csi-snapshotter") each
        # is a problem of its own.
        structures.from_conditions(body, found, skipped)
        structures.from_conditions_within(body, found, skipped)
        structures.from_cause_lists(body, found, skipped)
    return found, skipped


def _bullets_of_known_issues(section, body, title: str) -> bool:
    """"Known Issues" > "General" / "Globalnet", each only a bullet list: under a heading that
    lists known issues, a sub-heading naming no failure that holds nothing but bullets sorts the
    issues by area; its bullets are known issues as the heading's own would be. (A sub-section
    with prose of its own is an issue or a note, read as such; one whose bullets are labelled
    as one issue's fields, "- Issue: ..." / "- Impact: ..." / "- Workaround: ...", is that issue.)"""
    content = [b for b in body if _is_content(b)]
    items = [i for b in content for i in b.children if isinstance(i, nodes.list_item)]
    # (One bullet is an entry too: "Known Issues" > "K8s" > "1.9: Alpha" sorts entries by version,
    # and a version may have one. Under a heading that names a failure it is that heading's own
    # text set as a bullet: juicefs's "Bad write performance" over "**Slow write speed for
    # intensive small writes**" is one issue; the names_failure test below keeps it so.)
    return len(items) >= 1 and all(isinstance(b, nodes.bullet_list) for b in content) \
        and not _is_link_list(content[0]) and not _under_resolved(section) \
        and isinstance(section.parent, nodes.section) and _known_issues_context(section) \
        and not cues.names_failure(title) and not _names_remedy(title) and not cues.is_fix_heading(title) \
        and _section_fields(section) is None


def _describes_a_state(title: str) -> bool:
    """"Nodes in enroll state after registration" describes what is seen; "csi-snapshotter" or
    "Checking the agent" names a component or a check, under which an "If you see ..." paragraph
    is a problem titled by its own words."""
    return len(title.split()) >= 3 and not cues.is_procedure_title(title) and not cues.is_fix_heading(title)


def _opens_the_section(item, section) -> bool:
    """An "If you see ..." paragraph read as an issue beside its section's own is the section's
    opening. (A paragraph that introduces a list of causes keeps its own title: under a guide's
    step it is a case of its own, see structures.from_cause_lists.)"""
    content = [b for b in _body(section) if _is_content(b)]
    return item.beside and bool(content) and bool(item.scope) and item.scope[0] is content[0] \
        and structures.tells_what_is_seen(content[0]) \
        and not any(isinstance(c, nodes.section) for c in section.children)


def _section_issue(section, title: str, document: ParsedDocument,
                   exclude=()) -> tuple[ParsedIssue | None, str]:
    """The issue a section is, by field headings or by prose, or why it is none."""
    fields = _section_fields(section)
    if fields is not None and fields and _unfilled(section, fields):
        # "App Will not Sync" over "**Symptoms:**" / "**Cause:**" / "**Solution:**" and nothing
        # under them: a template not filled in. Its title alone is no issue told.
        return None, "its fields are empty (a template not filled in)"
    if fields is not None:
        issue = _build_issue(section, fields, document)
        if any(is_question_heading(heading) for _, heading, _ in fields):
            issue.structure = "question_headings"
        # "Pods fail to schedule" over "Cause" and "Solution" only: the title states what is
        # seen, as a question heading's does.
        titled = not issue.symptoms.strip() and cues.is_symptom_title(title) and any(
            n in ("root_cause", "solution", "workaround") for names, _, _ in fields for n in names)
        if issue.structure == "question_headings" or titled:
            # Its error is quoted in the introduction or the title, not in a Symptoms field.
            intro = [c for c in _body(section)
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
    rubric = _rubric_issue(section, title, document)
    if rubric is not None:
        return rubric, ""
    return _prose_issue(section, title, document, exclude)


_FENCED = re.compile(r"```.*?```", re.S)


def _remedies_in_words(issue: ParsedIssue) -> bool:
    """Its fix remedies something in its sentences (the code it shows aside: a query's `replace`)."""
    return any(cues.states_remedy(sentence) for text in (issue.solution, issue.workaround)
               for paragraph in re.split(r"\n\s*\n", _FENCED.sub(" ", text))
               for sentence in SENTENCE.split(paragraph))


def _holds_rubric_fields(section) -> bool:
    """A section, itself no field heading, whose `.. rubric::` blocks name fields of its own."""
    return not field_names(_title_text(section)[0]) and any(
        isinstance(n, nodes.rubric) and field_names(n.astext()) for n in _body(section))


def _holds_labelled_fields(section) -> bool:
    """A section, itself no field heading, whose text labels a symptom and a cause or fix of its
    own ("Check Item 1: ..." > "**Symptom**" / "**Possible Cause**" / "**Solution**")."""
    if field_names(_title_text(section)[0]):
        return False
    names = {n for names, _, _ in _section_labels(section)[0] for n in names}
    return "symptoms" in names and bool(names & {"root_cause", "solution", "workaround"})


def _rubric_issue(section, title, document) -> ParsedIssue | None:
    """`.. rubric:: Scenario` / `Work-Around` / `Solution` marking the fields of one section."""
    body = _body(section)
    rubrics = [n for n in body if isinstance(n, nodes.rubric)]
    if not any(field_names(r.astext()) for r in rubrics):
        return None
    prose = ProseFields()
    first = body.index(rubrics[0])
    read_blocks(body[:first], prose)
    for number, rubric in enumerate(rubrics):
        start = body.index(rubric) + 1
        end = body.index(rubrics[number + 1]) if number + 1 < len(rubrics) else len(body)
        heading = " ".join(rubric.astext().split())
        names = [n for n in field_names(heading) if n in PROSE_FIELDS]
        read_subsection(heading, names[0] if names else None, body[start:end], prose)
    if not (prose.symptoms or cues.is_symptom_title(title)) or not prose.cue_found():
        return None
    return _issue_from_prose(section, title, _line_of(section), prose, "rubric", [], [], document)


def _unwrapped(body: list, content: list) -> list:
    """The body, or the blocks of its one list item when that item is all its text: juicefs's
    "Bad write performance" over "* **Slow write speed for intensive small writes**" and the
    paragraphs under it is the heading's text set as a bullet, read as the text itself (a list
    is otherwise a symptom's, ProseFields.list_only_as_symptom)."""
    if len(content) != 1 or not isinstance(content[0], (nodes.bullet_list, nodes.enumerated_list)):
        return body
    items = [c for c in content[0].children if isinstance(c, nodes.list_item)]
    return list(items[0].children) if len(items) == 1 else body


def _prose_issue(section, title, document, exclude=()) -> tuple[ParsedIssue | None, str]:
    if _under_resolved(section):
        return None, "its title heads (or it sits under) a changelog of resolved issues"
    children = [c for c in section.children if isinstance(c, nodes.section)]
    body = [b for b in _body(section) if not any(b is e for e in exclude)]
    # "Performance Under Load" quoting its timeout record, over "Mitigate by waiting longer" and
    # "Ways to improve performance": the failure is its text's, its sections are the remedies.
    remedies = bool(children) and all(cues.is_fix_heading(_title_text(c)[0]) for c in children) \
        and bool(_quoted_errors(body))
    merged = ((cues.is_symptom_title(title) or remedies) and children
              and not structures.is_issue_list_title(title)
              and not cues.is_procedure_title(title) and not _heads_failures(section)
              # ("case#2: volume mount/unmount failed": steps that find the pod and get its logs,
              # over "Update driver version quickly ...": the sub-section is a task of its own,
              # not the remedy of a failure the text only looks at)
              and not _text_only_looks(body)
              and (_leads_to_its_causes(body) or (not any(_stands_alone(c) or _guides(c) for c in children)
                                                 and not _failure_catalogue(children))))
    intro_only = bool(children) and not merged
    if intro_only and cues.is_procedure_title(title) and not _quoted_errors(body):
        # "Troubleshooting when the service is announced correctly but still not reachable":
        # a guide's steps, each read on its own, its introduction no issue of its own unless
        # it quotes the error (coredns's "Troubleshooting" of `Loop ... detected`).
        return None, "its title names a procedure; its sections are read on their own"
    if intro_only and not _intro_states_an_issue(title, body):
        # A category: its sections are read on their own; its introduction is no issue.
        return None, "a heading over other sections"
    content = [b for b in body if _is_content(b)]
    if content and _is_link_list(content[0]):
        return None, "a table of contents (a list of links to sections)"
    if structures.is_issue_list_title(title) and structures.known_issue_lists(body, title):
        # "Caveats" over bullets: each bullet was read as a known issue of its own (and none
        # states a problem with a cause or fix); the heading over them is none itself.
        return None, "its title heads a list of issues, its bullets read each on its own"
    opening = next((b for b in content if isinstance(b, nodes.paragraph)), None)
    if opening is not None and cues.points_beyond_the_document(SENTENCE.split(opening.astext().strip())[0]):
        # "Issue": "If the issue that you are having does not appear here please check the
        # project's issues ... please create an issue.": a pointer to the tracker for what the
        # page does not cover; reporting a problem remedies none.
        return None, "it points to where to report a problem the page does not cover"
    if opening is not None and cues.confirms_expected(title, opening.astext().strip()):
        return None, "it asks whether a behaviour is expected, and its answer says it is"
    blocks = _unwrapped(body, content)
    prose = _read_prose(section, blocks, merged)
    listed = _listed_errors(blocks)
    errors = prose_signatures(prose.symptom_nodes) or _quoted_errors(blocks) or listed
    # 'Why Am I Getting `rpc error: ... transport is closing` When Using The CLI?': the error
    # a title quotes is what is seen (as question headings and FAQ questions take it).
    # ('What does the warning "apply entries took too long" mean?' asks about that message.)
    quoted = [q for q in _title_quotes(section, title) if cues.reads_as_error(q) or cues.asks_meaning(title)]
    stated = [*quoted, *listed]
    if not prose.root_cause and _asks_about_a_problem(title):
        # The answer to "Why won't etcd accept my membership changes?" or "What does the
        # warning "..." mean?" explains it, as a FAQ answer does (structures.from_faq), even
        # with no cause phrase: the question is the symptom, the answer starts as the cause,
        # and a remedy starts the fix. What the answer quotes is what the question is about.
        prose = ProseFields(seen_block=True, current="root_cause")
        prose.add("symptoms", escape(title))
        prose = _read_prose(section, blocks, merged, prose)
        stated = [*quoted, *errors]
    if not prose.root_cause and _titled_by_message(section, title):
        # "### error converting YAML to JSON" / "YAML syntax is incorrect.": in a catalogue of
        # messages the heading is what is seen and the text under it says what it means, as
        # the answer to "What does ... mean?" does: its opening is the cause, cue or none.
        explanation = _explanation(blocks)
        if explanation is not None:
            prose.as_cause(blocks_to_markdown([explanation]))
    # "Intermittent traffic": "... This might be because of multiple factors:" and a list. The
    # body states the failure and lists its causes, whatever the title says (under a title
    # that states the failure, a list that names its own is of that failure too: see
    # _body_structures); under a title naming a task ("Activate log to file ...") they are the
    # reasons to do it.
    symptom_title = cues.is_symptom_title(title)
    explained = [] if cues.is_fix_heading(title) else [
        c for c in structures.cause_lists(blocks) if symptom_title or not c.own]
    for causes in explained[:1]:
        prose.as_cause(blocks_to_markdown([causes.items]))
    # ("Troubleshoot Monitoring Issues" over "Ensure ceph-mgr pod is Running" names no failure:
    # a procedure's checks)
    failure_named = cues.names_failure(title) and not cues.is_procedure_title(title)
    checks = structures.checklist(blocks) if failure_named and not (prose.root_cause or explained) else None
    if checks is not None:
        # "Velero is not publishing prometheus metrics" over "- Confirm that your deployment has
        # metrics enabled. - Confirm that the pod exposes the metrics port.": under a failure, a
        # checklist of named conditions gives the conditions that cause it (STRUCTURES.md 18),
        # as "this might be because:" does.
        prose.as_cause(blocks_to_markdown([checks]))
    if not (errors or quoted):
        # A first list is the fix as well as the symptom only beside a quoted error, which is
        # then what is seen (a runbook's "Diagnose: ..." steps around `Input/output error`).
        # Without one, a list that names a cue word once ("the `Patch: <url>` bullet is the
        # fix", a catalogue of document structures) would be read as its own remedy.
        prose.list_only_as_symptom()
    known = _known_issues_context(section)
    # In a list of known issues a title may name the circumstance ("Upgrading while Vault
    # is sealed"); the body decides.
    # ("Monitoring ingestion errors" names the kind of thing the procedure watches, as
    # "Troubleshooting connectivity issues" does: a plural is no failure seen.)
    kinds = re.sub(r"\b(errors|failures|warnings)\b", " ", title, flags=re.I)
    # "Tip: Running a large cluster": a tip is advice on a pitfall met while doing what its title
    # names; when its text tells something going wrong, it tells that pitfall, no walkthrough.
    tip = cues.is_tip(title) and _tells_a_failure(blocks)
    if (cues.is_procedure_title(title) and not (cues.names_failure(kinds) or known or explained or tip)
            and not _quoted_errors(prose.symptom_nodes) and not _opens_on_a_problem_and_its_remedy(blocks)):
        # "Troubleshooting Quick Start with Docker": a walkthrough may show an error on its
        # way (a container's log); the error of an issue is what its text opens on.
        return None, "its title names a procedure and its opening quotes no error"
    # Under "Caveats" a section titled by a feature ("Console proxies", "Notifications") is an
    # issue when its text tells something going wrong ("may incorrectly calculate the usage");
    # one that tells how to deploy or configure the feature ("must be run per cell") is none.
    # (Under "Known issues" the heading says each is one: kind's "AppArmor" "may run into" it.)
    known_failure = known and (not _under_caveats(section) or cues.names_failure(title)
                               or _tells_a_failure(blocks))
    if not (cues.is_symptom_title(title) or errors or known_failure or explained or tip
            or _tells_how_it_shows(blocks) or _calls_its_remedy_the_solution(blocks)
            or _explains_a_failure_and_remedies_it(blocks) or _under_messages(section)
            or remedy_labels.opens_then_labels_its_remedy(content)):
        return None, "its title states no failure and it quotes no error"
    if not (prose.root_cause or prose.states_remedy()) and known and cues.names_failure(title) \
            and _only_commands_to_run(content):
        # "Bugs and solutions" > "Horizon can't find jquery and angular": "run on horizon host:"
        # and the commands. Under a heading of issues and their remedies, a failure whose whole
        # text is what to run has that for its fix.
        prose = ProseFields(seen_block=True, current="solution", named_remedy=True)
        prose.add("symptoms", escape(title))
        prose.add("solution", blocks_to_markdown(content))
    if not prose.cue_found() and known:
        # "Mayastor pod may restart if a pool disk is inaccessible": "If the disk device ...
        # becomes inaccessible, the hosting pod may panic.": under known issues, the opening tells
        # the failure under its condition, and the condition is its cause.
        condition = _condition_of_a_failure(content)
        if condition:
            prose.add("root_cause", condition)
    if not prose.cue_found():
        return None, "it states no cause and no fix"
    if not (errors or quoted or cues.is_symptom_title(title)) and any(
            _FEATURE_AVOIDS.match(s) for b in blocks if isinstance(b, nodes.paragraph)
            for s in SENTENCE.split(" ".join(b.astext().split()))):
        # "... can lead to a mass failover event ... By using the failover circuit breaker feature,
        # you can avoid these unwanted failover events.": a feature's page says what it avoids;
        # the risk is its rationale, no failure met.
        return None, "it tells what a feature avoids (the feature's rationale)"
    if not (prose.root_cause or prose.states_remedy() or quoted or cues.is_symptom_title(title)) \
            and any(cues.asks_for_more_logging(s) for s in prose.solution):
        # "Log Verbosity" under "General Diagnostic Tools": "Increase the log verbosity for
        # detailed debugging output:" over a table of the levels. Its advice is to log more and
        # the words of the table ("-v=0 errors, warnings") are no error met.
        return None, "its only advice is to log more"
    if not errors and not (prose.root_cause or prose.states_remedy()):
        # A diagnostic step of a "Common issues" page ("Check that your Ceph cluster is
        # healthy") quotes no error, names no cause and remedies nothing: no issue.
        return None, "it quotes no error, names no cause, and its only advice is a check"
    if known and cues.states_a_scope(title) and not cues.names_failure(title) and not errors \
            and not prose.states_remedy():
        # "Limitations" > "Exports can be made only from a primary": "It is because we implemented
        # ... only for ...". A title stating what a feature is limited to, its text explaining the
        # design and remedying nothing, is the feature's scope, no failure met.
        return None, "its title states what a feature is limited to, and its text remedies nothing"
    how_to = cues.is_fix_heading(title) or cues.is_procedure_title(title)
    # ("Fixing invalid node information": the failure a remedy's title names is what it remedies)
    fixes_what_it_names = cues.is_fix_heading(title)
    if known and how_to and not errors and not prose.root_cause \
            and (fixes_what_it_names or not cues.names_failure(title)):
        # Under "Known issues", a section titled as a task ("Set debug log level for all
        # daemons", "Fixing invalid node information") that names no cause tells how to do a thing.
        return None, ("its title names a task, and it quotes no error and names no cause"
                      if cues.names_failure(title) else
                      "its title names a task, and it names no failure, quotes no error and names no cause")
    if intro_only and not (prose.root_cause or prose.states_remedy()):
        return None, "a heading over other sections; its introduction names no cause and remedies nothing"
    structure = "known_issues" if known and not cues.is_symptom_title(title) else "prose"
    if structures.KNOWN_ISSUES_TITLE.search(title) and not children and content \
            and isinstance(content[0], nodes.paragraph) \
            and not any(isinstance(b, (nodes.bullet_list, nodes.enumerated_list)) for b in content):
        # "Known Issues" over prose ("Retyping an unencrypted volume to the same size encrypted
        # volume will most likely fail. ..."): the heading names the kind, the first sentence
        # the issue, as a known-issue bullet's does. ("NTP related problems" names its issue;
        # a list under it may tell the issue's conditions: "... might be stuck:" is no title.)
        title = structures.first_sentence_title(content[0].astext())
    issue = _issue_from_prose(section, title, _line_of(section), prose, structure, stated, [], document)
    return issue, INTRO_ONLY if intro_only else ""


# "Cluster API with Docker - "too many open files"" (its cause, the error, the fix) over
# "MacOS and Docker Desktop - "too many open files"" (a variant with its own cause and fix):
# the heading's own text is an issue, and each sub-section is read on its own.
INTRO_ONLY = "its introduction is an issue; its sub-sections are read on their own"


_RUN = re.compile(r"^\W*run\b(?![^.]*\b(to|in order to) (check|see|verify|confirm|find|inspect|list|view|"
                  r"show|determine|test|diagnose|debug|collect|gather)\b)", re.I)


def _only_commands_to_run(content) -> bool:
    """The text opens on "Run ..." (with no purpose of looking) and holds nothing but commands."""
    return bool(content) and isinstance(content[0], nodes.paragraph) \
        and bool(_RUN.match(" ".join(content[0].astext().split()))) \
        and all(isinstance(b, nodes.literal_block) for b in content[1:]) and len(content) <= 3


def _tells_a_failure(blocks) -> bool:
    """Its paragraphs and lists name something going wrong (cues.names_failure)."""
    text = " ".join(b.astext() for b in blocks
                    if isinstance(b, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list)))
    return cues.names_failure(" ".join(text.split()))


# "To fix this issue", "To work around this problem": a remedy of the problem just told
_REMEDIES_IT = re.compile(r"\bto (resolve|fix|remedy|work ?around|avoid|prevent|solve|correct|address) "
                          r"(this|these|that|the) (issue|problem|error|failure|situation)s?\b", re.I)


def _opens_on_a_problem_and_its_remedy(blocks) -> bool:
    """"Troubleshooting DNS issues on Ubuntu": "... When DNSmasq is installed, it can cause
    problems by interfering with the local DNS cache. To fix this issue ensure ...": under a
    procedure's title, an opening paragraph that explains a problem and remedies it by name is
    an issue's text, not a walkthrough's."""
    opening = next((b for b in blocks if isinstance(b, nodes.paragraph)), None)
    if opening is None:
        return False
    text = " ".join(opening.astext().split())
    return cues.states_cause(text) and bool(_REMEDIES_IT.search(text))


# "If you see errors similar to the following, ...": the list under it quotes them.
_ERRORS_FOLLOW = re.compile(r"\berrors?\b[^.]{0,40}\b(following|below)\b", re.I)


def _listed_errors(blocks) -> list[str]:
    """The messages of a list of code items that a paragraph announces as errors."""
    for lead, after in zip(blocks, blocks[1:], strict=False):
        if not (isinstance(lead, nodes.paragraph) and isinstance(after, nodes.bullet_list)
                and _ERRORS_FOLLOW.search(lead.astext())):
            continue
        items = [c for c in after.children if isinstance(c, nodes.list_item)]
        literals = []
        for item in items:
            paragraph = item.children[0] if len(item.children) == 1 else None
            if not (isinstance(paragraph, nodes.paragraph) and len(paragraph.children) == 1
                    and isinstance(paragraph[0], nodes.literal)):
                return []
            literals.append(" ".join(paragraph.astext().split()).rstrip(". …"))
        return literals
    return []


# "This problem manifests itself as connectivity problems between containers": under a topic
# title ("Connectivity"), the body says what is seen.
_SHOWS_AS = re.compile(r"\b(manifests?|shows?|presents?) (itself |themselves )?(up )?as\b|"
                       r"\b(may|can|will|could|might) (lead to|result in)\b", re.I)


def _tells_how_it_shows(blocks) -> bool:
    sentences = [s for b in blocks if isinstance(b, nodes.paragraph)
                 for s in SENTENCE.split(" ".join(b.astext().split()))]
    # ("connectivity problems" is a failure here: what it shows as, not a page's topic)
    if any(_SHOWS_AS.search(s) and cues.is_symptom_title(s) for s in sentences):
        return True
    # "When the public IP is behind NAT, the UDP checksum fields ... can be corrupted.": the
    # opening names what can go wrong and when.
    # "Without this, your RBD-backed PVCs will never reach the Bound state.": what fails when
    # the requirement the text just stated is not met.
    # ("It's crucial for this job to succeed; otherwise, the recovery will fail.": the same, the
    # requirement first)
    if any((_WITHOUT_IT.match(s) or cues.REQUIREMENT_OR_FAILURE.search(s)) and cues.names_failure(s)
           for s in sentences):
        return True
    opening = sentences[0] if sentences else ""
    if cues.MET_IF.search(opening):
        # "You might run into SSL errors with the client if you are not using ...": the opening
        # says what the reader may meet and when.
        return True
    consequence = structures.main_clause(opening) if re.match(r"^(when|if)\b", opening, re.I) else ""
    if _CAN_GO_WRONG.search(consequence) and cues.names_failure(consequence):
        return True
    # "If the nodes enrollment fails, ensure the power state of the nodes is 'On'.": the
    # opening's condition is the failure, what follows it what to do.
    # ("If you want to keep the logs but do not wish to download them, leave them in a container":
    # a wish, its negation no failure)
    condition = opening[:len(opening) - len(consequence)]
    if consequence and cues.names_failure(condition) and not cues.is_wished(condition):
        return True
    # "If you encounter build issues while building the image, ensure you are logged in to the
    # registry": trouble the reader meets is a failure, generic word or not, when what follows
    # remedies it (asking to report it, "please open an issue", remedies nothing).
    if consequence and cues.meets_trouble(condition) and cues.states_remedy(consequence) \
            and not cues.asks_to_report(consequence):
        return True
    # "If live migration fails because the hosts' hardware differs, refer to ...": a failure, its
    # cause and what to do, in one sentence (kb/rst/one_sentence.py)
    if any(one_sentence.tells_failure_cause_and_remedy(s) for s in sentences):
        return True
    # "If the virtual machines are not created, subsequent commands ... will fail" and "This
    # is often caused by insufficient host resources": a failure under a condition, and what
    # causes it, said outright, under a title naming the topic ("Verifying Creation of Test
    # Virtual Machines").
    return any(cues.CONDITIONAL_FAILURE.search(s) for s in sentences) and any(
        cues.CAUSE_EXPLICIT.search(s) and not cues.CONDITIONAL_FAILURE.search(s) for s in sentences)


# "The only solution is again to delete the Ironic's internal database.": a remedy called so
_SOLUTION_IS = re.compile(r"\b(the|one|a|an) (only |simplest |usual |best |proper |standard )?"
                          r"(solution|fix|remedy|workaround)( for (this|that|it))? (is|was)\b", re.I)


def _calls_its_remedy_the_solution(blocks) -> bool:
    """"Power requests are issued for deleted hosts": "... a host is not deleted from Ironic in
    case of a forced deletion ... The only solution is again to delete the Ironic's internal
    database.": its text tells a failure and calls what it advises the solution of it, whatever
    the title says."""
    text = " ".join(" ".join(b.astext().split()) for b in blocks if isinstance(b, nodes.paragraph))
    return bool(_SOLUTION_IS.search(text)) and cues.names_failure(text)


def _explains_a_failure_and_remedies_it(blocks) -> bool:
    """"Image Build Race Condition": "Multiple times we experienced a failure to build a good
    bootable image. This is because of a race condition ... Just remove the failed image and try
    to build it again.": under a title naming the topic, the opening paragraph tells a failure,
    a sentence explains that failure ("This is because ...") and another remedies it: an issue
    told in prose (STRUCTURES.md 8, 16), whatever the title says."""
    opening = next((b for b in blocks if isinstance(b, nodes.paragraph)), None)
    if opening is None:
        return False
    sentences = SENTENCE.split(" ".join(opening.astext().split()))
    failure = next((n for n, s in enumerate(sentences) if cues.names_failure(s)), None)
    if failure is None:
        return False
    after = sentences[failure + 1:]
    # ("Because the database is in an inconsistent state, the usual tools ... no longer work. To
    # fix this, you must manually update the database.": the failure told with its reason)
    reason = _BECAUSE_FIRST.match(sentences[failure])
    explained = any(cues.explains_the_problem(s) for s in after) \
        or bool(reason and _STOPS_WORKING.search(sentences[failure][reason.end():]))
    return explained and any(cues.states_remedy(s) for s in after)


# A sentence that opens on its reason: "Because the database is inconsistent, ...", "Due to ..., ..."
_BECAUSE_FIRST = re.compile(r"^\W*(because|since|as a result of|due to)\b[^,.]{3,150},\s", re.I)
# What it explains is something that stops working ("the usual tools ... no longer work"), not a
# design ("Due to the nature of firewall settings, bifrost does not change local firewalling").
_STOPS_WORKING = re.compile(
    r"\b(fail(s|ed|ing)?|no longer \w+|(does|do|did|will|would|can)(n'?t| not) (work|start|run|respond|"
    r"boot|connect|function|complete)|unable|cannot|can'?t|stuck|hangs?|hung|crash(es|ed)?)\b", re.I)


# "If the disk ... becomes inaccessible, the hosting pod may panic.": a condition, then a failure
# that may follow it
_IF_THEN_FAILURE = re.compile(
    r"^\W*(if|when|whenever|once) ([^,.;:]{5,200}), ([^.;:]*\b(may|might|can|could|will)\b[^.;:]*)[.!]?$",
    re.I)


def _condition_of_a_failure(content) -> str:
    """The condition of an opening sentence that tells a failure under it, "" when it does not."""
    opening = next((b for b in content if isinstance(b, nodes.paragraph)), None)
    if opening is None:
        return ""
    sentence = first_sentence(opening.astext())
    match = _IF_THEN_FAILURE.match(sentence)
    if not match or not cues.names_failure(match.group(3)) or cues.is_wished(match.group(2)):
        return ""
    return match.group(0).strip()


# "By using the circuit breaker feature, you can avoid ...", "By enabling this option, operators
# can prevent ...": what a feature is for
_FEATURE_AVOIDS = re.compile(
    r"^\W*by (using|enabling|configuring|turning on|setting) (the |this |that )?[^,.]{0,80}?"
    r"\b(feature|option|setting|mode|mechanism|functionality)\b[^,.]{0,40}, (you|one|operators?|users?|"
    r"administrators?) (can|may|could) (avoid|prevent)\b", re.I)
_WITHOUT_IT = re.compile(r"^\W*without (this|it|that|these|those|them|which)\b", re.I)
_CAN_GO_WRONG = re.compile(r"\b(can|may|might|could|will)( not)? (be|get|become)\b", re.I)


def _intro_states_an_issue(title: str, intro: list) -> bool:
    """The text before a heading's sub-sections states a failure: by its title or a quoted error."""
    if structures.is_issue_list_title(title) or structures.is_error_list_title(title) \
            or not any(isinstance(b, nodes.paragraph) for b in intro):
        return False
    # ("cinder/ceph topology change": "If cinder is related directly to ceph-mon then upgrading
    # will result in the loss of live migration. To remedy this situation ...", over the steps
    # of the remedy: its text says how the failure shows, as a topic section's does)
    return cues.is_symptom_title(title) or bool(_quoted_errors(intro)) or _tells_how_it_shows(intro)


def _quoted_errors(blocks) -> list[str]:
    """The errors the blocks quote: their failure records, or else errors quoted inline."""
    return prose_signatures(blocks) or _inline_errors(blocks)


def _inline_errors(blocks) -> list[str]:
    """Errors quoted in the paragraphs ("gives an error along these lines `...`")."""
    text = " ".join(blocks_to_markdown([b]) for b in blocks if isinstance(b, nodes.paragraph))
    return inline_errors(text)


def _title_quotes(section, title: str) -> list[str]:
    """What a title quotes, in quotation marks or as code (`` `custom resource not found` ``)."""
    node = _title_node(section)
    code = [" ".join(n.astext().split()) for n in node.findall(nodes.literal)] if node is not None else []
    return list(dict.fromkeys([*structures.quoted(title), *(c for c in code if len(c.split()) >= 2)]))


def _read_prose(section, blocks, merged, prose=None) -> ProseFields:
    """The section's blocks by cue words, then (when merged) its sub-sections by their headings."""
    prose = read_blocks(blocks, prose)
    if merged:
        for child in section.findall(nodes.section):
            if child is section:
                continue
            heading = _title_text(child)[0]
            names = field_names(heading)
            name = names[0] if names and names[0] in PROSE_FIELDS else None
            if name is None and (cues.is_fix_heading(heading) or cues.asks_how(heading)):
                # Under a failure, "Disable AppArmor" or "How do I tell IPA to clean the
                # disk(s)?" gives the remedy.
                name = "solution"
            read_subsection(heading, name, _body(child), prose)
    return prose


# "Error:", "Error message", "warning": a label around a quoted message says what it is.
_MESSAGE_LABEL = re.compile(
    r"^\W*((error|log|warning)\s+)?(errors?|warnings?|messages?|exceptions?|issue)?\W*$", re.I)


def _titled_by_message(section, title: str) -> bool:
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
    node = _title_node(section)
    first = next((c for c in node.children if not (isinstance(c, nodes.Text) and not c.strip())), None) \
        if node is not None else None
    # "`SecretProviderClass` not found": a message that opens on the name it is about, as code
    named_first = isinstance(first, nodes.literal) and cues.subject(title) == title
    if ((re.match(r"[a-z]", text) and not _headings_in_lower_case(section)) or named_first) \
            and (cues.reads_as_error(text) or cues.names_failure(text)):
        return True
    quotes = [q for q in _title_quotes(section, title) if cues.reads_as_error(q)]
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
        text = cues.unnumbered(_title_text(sibling)[0])
        if re.match(r"[a-z]", text) and (cues.is_procedure_title(text) or not (
                cues.reads_as_error(text) or cues.names_failure(text))):
            return True
    return False


def _explanation(blocks):
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


def _text_only_looks(body) -> bool:
    """The section's own text is steps of looking (_only_looks), with no sentence naming a cause
    or a remedy: a procedure for gathering evidence on the failure its title names."""
    lists = [b for b in body if isinstance(b, (nodes.bullet_list, nodes.enumerated_list))]
    said = [" ".join(b.astext().split()) for b in body if isinstance(b, nodes.paragraph)]
    return bool(lists) and all(_only_looks(b) for b in lists) \
        and not any(cues.states_cause(t) or cues.states_remedy(t) for t in said)


def _asks_about_a_problem(title: str) -> bool:
    """A question heading about something going wrong, not a how-to ("How to backup ...?"),
    or a complaint in the first person ("I deleted a zone but it's still in the database"),
    which a FAQ answers as it answers a question."""
    asked = cues.subject(title).rstrip().endswith("?") or cues.asks_why(title)
    if cues.asks_for_a_procedure(title):
        return False  # "..., how do I troubleshoot it?": its answer is steps, not a cause
    if cues.asks_meaning(title):
        return True
    if cues.is_first_person(title):
        # a complaint ("... but it's still in the database"), not a wish ("I want to ...",
        # "I don't need notifications ... How do I disable them?": its negation is a choice,
        # no failure; "I'm afraid you will mess up my records" fears what has not happened)
        return not cues.is_wish(title)
    return asked and cues.is_symptom_title(title) and cues.names_failure(title)


def _leads_to_its_causes(body) -> bool:
    """"... it means there was an error bringing the first control plane node online. Possible
    reasons include:" with no list after it: the sections that follow are the causes of the
    failure the heading states (each may quote its own record), parts of one issue."""
    text = [b for b in body if _is_content(b)]
    if not text or not isinstance(text[-1], nodes.paragraph):
        return False
    last = " ".join(text[-1].astext().split())
    sentence = SENTENCE.split(last)[-1]
    return sentence.endswith(":") and bool(structures.CAUSES_AHEAD.search(sentence))


def _stands_alone(child) -> bool:
    """A child section that is an issue of its own, not a part of its parent's."""
    if _section_fields(child) is not None or prose_signatures(_body(child)):
        return True
    heading = _title_text(child)[0]
    if structures.quoted(heading) and cues.names_failure(heading) and not field_names(heading):
        # "MacOS and Docker Desktop - "too many open files"" under the same failure on Linux:
        # a sub-section that quotes the failure in its own title is a case of its own.
        return True
    return any(_stands_alone(c) for c in child.children if isinstance(c, nodes.section))


def _failure_catalogue(children) -> bool:
    """Sections each titled by a failure of their own ("Failed to notify recipient" over
    "notification service 'xxxx' is not supported" and "... does not have a / ..."): cases
    its title gathers, each an issue, not the parts (cause, fix, steps) of one."""
    titles = [_title_text(c)[0] for c in children]
    # ("Determine if a cluster member is missing" and "Recover from a missing member" under
    # "Cluster member missing": a check and a remedy name the failure they are of, no case)
    return len(titles) > 1 and all(cues.names_failure(t) and not field_names(t) and not cues.is_fix_heading(t)
                                   and not cues.is_procedure_title(t) for t in titles)


def _guides(child) -> bool:
    """A child that names a procedure and heads sections of its own: its parent is a guide of
    several levels ("... does not work" > "Checking the L2 advertisement works" > "Using WiFi
    and can't reach the service?"), not one issue whose parts are its children (as "Clock
    skew" under "Issues with autoconfigured TLS" is, with a follow-up under it)."""
    return cues.is_procedure_title(_title_text(child)[0]) and any(
        isinstance(c, nodes.section) for c in child.children)


def _is_link_list(node) -> bool:
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


def _is_content(node) -> bool:
    return not isinstance(node, (nodes.target, nodes.comment, nodes.system_message,
                                 nodes.substitution_definition))


def _under_resolved(section) -> bool:
    """The section or one above it is titled as resolved issues ("Fixed bugs")."""
    node = section
    while isinstance(node, nodes.section):
        if structures.is_resolved_list_title(_title_text(node)[0]):
            return True
        node = node.parent
    return False


def _known_issues_context(section) -> bool:
    if _removed_on_upgrade(section):
        return True
    node = section
    while isinstance(node, nodes.section):
        title = _title_text(node)[0]
        if structures.is_issue_list_title(title):
            return True
        if node is not section and (cues.is_procedure_title(title) or _names_remedy(title)):
            # "Ceph Common Issues" > "Troubleshooting Techniques" > "Ceph Commands"; "Common
            # Issues" > "Actions" > "Restart controller": the steps the issues point to.
            return False
        node = node.parent
    return False


def _removed_on_upgrade(section) -> bool:
    """"Upgrade: 2023.1 to 2023.2" > "FileStore support removal in Ceph Reef": on a page of notes
    for one upgrade path, a section titled by what the new release removes is a breaking change
    to expect on it, a known issue of that path. ("FWaaS project retired", "Step 1: Deploy new
    topology" under it are a lifecycle note and a step.)"""
    parent = section.parent
    return isinstance(parent, nodes.section) and bool(_UPGRADE_PATH.match(_title_text(parent)[0])) \
        and bool(_REMOVAL.search(_title_text(section)[0]))


_REMOVAL = re.compile(r"\b(removal|removed|dropped)\b", re.I)
_UPGRADE_PATH = re.compile(
    r"^\W*upgrad(e|es|ing)\b:?\s+(from\s+)?[\w.-]+( [\w.-]+)?\s+to\s+[\w.-]+( [\w.-]+)?\s*$", re.I)


def _under_caveats(section) -> bool:
    """The nearest heading over it that lists issues is "Caveats": notes to take into account,
    a deployment's requirements as often as its failures."""
    node = section
    while isinstance(node, nodes.section):
        title = _title_text(node)[0]
        if structures.is_issue_list_title(title):
            return bool(re.search(r"\bcaveats?\b", title, re.I))
        node = node.parent
    return False


def _names_remedy(title: str) -> bool:
    return any(n in ("solution", "workaround") for n in field_names(title))


def _issue_from_found(section, item, document) -> ParsedIssue:
    return _issue_from_prose(section, item.title, item.line or _line_of(section), item.prose, item.structure,
                             item.signatures, item.links, document, own_section=False, scope=item.scope)


def _issue_from_prose(section, title, line, prose, structure, stated, links, document,
                      own_section=True, scope=None) -> ParsedIssue:
    issue = ParsedIssue(slug="", title=title, line=line, structure=structure,
                        needs_review=structure in REVIEW_STRUCTURES)
    issue.anchor = (section.get("ids") or [""])[0] if own_section else ""
    environment, category = _context(section)
    if own_section:
        issue.environment, issue.category = environment, category
    else:
        issue.environment = environment or _title_text(section)[0]
        issue.category = _title_text(section)[0] if environment else ""
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
        _add_link(found_links, ref, "unknown", any_kind=True)
    for node in [section] if own_section else (scope or []):
        for ref in node.findall(nodes.reference) if isinstance(node, nodes.Element) else []:
            _add_link(found_links, ref, "unknown", trackers_only=True)
    issue.upstream = list(found_links.values())
    issue.components = components_in(" ".join([title, issue.symptoms, issue.root_cause]))
    issue.status = derive_status(issue, "")
    return issue


def _inside_issue(section, issue_sections) -> bool:
    parent = section.parent
    while parent is not None:
        if any(parent is s for s in issue_sections):
            return True
        parent = parent.parent
    return False


def _unfilled(section, fields) -> bool:
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


def _section_fields(section) -> list[tuple[tuple[str, ...], str, list]] | None:
    """[(field names, heading, body nodes)] or None when the section is not an issue."""
    subsections = [c for c in section.children if isinstance(c, nodes.section)]
    named = [(() if _holds_fields(s) or _gathers_messages(s) else field_names(_title_text(s)[0]),
              _title_text(s)[0], s) for s in subsections]
    if any(names == ("symptoms",) and h.strip().lower() != "description" for names, h, _ in named):
        named = [(TROUBLESHOOTING_FIELD if not names and heading.strip().lower() == "troubleshooting"
                  else names, heading, s) for names, heading, s in named]
    if any(names for names, _, _ in named) and not _in_chapters(named):
        # A field may sit one level down, under a sub-section that is no field ("Investigation"
        # > "Operator fails to connect to the mon" > "Solution").
        deeper = [(field_names(_title_text(g)[0]), _title_text(g)[0], g) for names, _, s in named if not names
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
            terms = _definition_fields(child)
            if terms:
                return terms
        if isinstance(child, nodes.table):
            rows = _table_fields(child)
            if rows:
                return rows
    labelled, _ = _section_labels(section)
    return labelled or None


def _holds_fields(section) -> bool:
    """Whether a section's own sub-sections name fields: then it is an issue, whatever its title
    ("Issue" > "Symptoms", "Root cause"), and no field of the section above it. "Issue" and
    "Impact" name fields in known-issue pages ("#### Issue" / "#### Impact" / "#### Solution")."""
    return any(isinstance(c, nodes.section) and field_names(_title_text(c)[0]) for c in section.children)


def _heads_failures(section) -> bool:
    """"Error Messages" with no text of its own over "PAGE UNAVAILABLE DUE TO SERVER HICCUP": a
    heading with no text that only gathers sections each titled by a failure, or named for
    messages in the plural ("Error Messages", "Errors"), is a category of issues, no field of the
    section above it nor one issue with its sub-sections. (thanos's "Description" over "Thanos
    Receiver Log" and its record is a field: its sub-section names no failure.)"""
    inner = [c for c in section.children if isinstance(c, nodes.section)]
    if not inner or any(_is_content(b) for b in _body(section)):
        return False
    titles = [_title_text(c)[0] for c in inner]
    return bool(_MESSAGES.search(_title_text(section)[0])) \
        or all(cues.is_symptom_title(t) and not field_names(t) for t in titles)


_MESSAGES = re.compile(r"\b(messages|errors)\W*$", re.I)


def _under_messages(section) -> bool:
    """"Error Messages" > "QUEUE STALLED, RETRY LATER": under a heading that gathers messages, a
    sub-section's title is the message seen, whatever its words."""
    parent = section.parent
    return isinstance(parent, nodes.section) and bool(_MESSAGES.search(_title_text(parent)[0])) \
        and not any(_is_content(b) for b in _body(parent))


def _gathers_messages(section) -> bool:
    """A heading that would name the symptom gathering failures (_heads_failures). ("Solution" over
    "Recover from corruption" is a field: its sub-section is the remedy.)"""
    return field_names(_title_text(section)[0]) == ("symptoms",) and _heads_failures(section)


def _field_body(section) -> list:
    """A field heading's text, with that of the sub-sections under it that name no field:
    thanos's "### Description" holds only "#### Thanos Receiver Log" and its record."""
    inner = [c for c in section.children
             if isinstance(c, nodes.section) and not field_names(_title_text(c)[0])]
    return [*_body(section), *(n for c in inner for n in _field_body(c))]


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
        sum(cues.is_symptom_title(_title_text(c)[0]) for c in inner(s)) >= 2 for s in others)


def _section_labels(section) -> tuple[list, list]:
    """_labelled_fields of the section's body: asked when deciding what the section is, and again
    when building its issue."""
    cached = getattr(section, "_kb_labelled", None)
    if cached is None:
        cached = section._kb_labelled = _labelled_fields(_body(section))
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


def _definition_fields(dlist) -> list:
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


def _table_fields(table) -> list:
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


def _body(section) -> list:
    # Asked for many times per section while deciding what it is; the tree no longer changes.
    cached = getattr(section, "_kb_body", None)
    if cached is None:
        cached = section._kb_body = [c for c in section.children
                                     if not isinstance(c, (nodes.title, nodes.section))]
    return list(cached)


def _title_text(section) -> tuple[str, list]:
    """The readable title, and the references the title held (bug links)."""
    # Asked many times per section while deciding what it is; read it once.
    cached = getattr(section, "_kb_title", None)
    if cached is None:
        cached = section._kb_title = _read_title(section)
    return cached


def _read_title(section) -> tuple[str, list]:
    title = _title_node(section)
    if title is None:
        return "", []
    refs = [r for r in title.findall(nodes.reference) if r.get("refuri")]
    parts = [n.astext() for n in title.children if not isinstance(n, nodes.reference)]
    text = " ".join("".join(parts).split())
    text = re.sub(r"\s*\(\s*\)\s*$", "", text).strip() if refs else text
    return text or title.astext(), refs


def _bold_title(blocks: list) -> str:
    """The text of a first block that is a bold line naming a failure, a heading in all but
    markup; "" otherwise."""
    first = blocks[0] if blocks else None
    if not isinstance(first, nodes.paragraph) or not structures.lead_only(first, nodes.strong):
        return ""
    text = " ".join(first.astext().split())
    return text if cues.names_failure(text) and not field_names(text.rstrip(":")) else ""


def _build_issue(section, fields, document: ParsedDocument) -> ParsedIssue:
    title, title_refs = _title_text(section)
    issue = ParsedIssue(slug="", title=title, anchor=(section.get("ids") or [""])[0],
                        line=_line_of(section))
    issue.environment, issue.category = _context(section)
    upstream_nodes, upstream_words, upstream_status = [], [], ""
    overrides = _field_list_overrides(section)
    _, holders = _section_labels(section)
    intro = [c for c in _body(section) if not isinstance(c, (nodes.field_list, nodes.definition_list))
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
                              and not field_names(_title_text(s)[0]) for n in _body(s))]
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
                    and not field_names(_title_text(s)[0]) and cues.is_fix_heading(_title_text(s)[0])]
        for remedy in remedies:
            _append_field(issue, "solution", _title_text(remedy)[0],
                          [nodes.paragraph("", "", nodes.strong("", _title_text(remedy)[0])), *_body(remedy)])
    issue.signatures = (_labelled_signatures(fields, _body(section)) if holders
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


def _title_node(section):
    """section.next_node(nodes.title): the first child, nearly always, found without a tree walk."""
    first = section.children[0] if section.children else None
    return first if isinstance(first, nodes.title) else section.next_node(nodes.title)


def _line_of(section) -> int | None:
    title = _title_node(section)
    line = title.line if title is not None else section.line
    # docutils reports the line after a title's underline for titles.
    return max(1, line - 1) if line else None


def _context(section) -> tuple[str, str]:
    chain = []
    parent = section.parent
    while isinstance(parent, nodes.section):
        chain.append(_title_text(parent)[0])
        parent = parent.parent
    if not chain:
        return "", ""
    environment = chain[-1]
    category = chain[0] if len(chain) > 1 else ""
    return environment, category


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
        _add_link(links, ref, "unknown")
    for node in upstream_nodes:
        if isinstance(node, nodes.Element):
            for ref in node.findall(nodes.reference):
                _add_link(links, ref, heading_status_ or "unknown",
                          any_kind=True)
    for names, _, body in fields:
        if "upstream" in names:
            continue
        for node in (b for b in body if isinstance(b, nodes.Element)):
            for ref in node.findall(nodes.reference):
                _add_link(links, ref, "unknown", trackers_only=True)
    return list(links.values())


def _add_link(links, ref, default, any_kind=False, trackers_only=False):
    url = ref.get("refuri", "")
    if not re.match(r"(?i)^https?://", url) or url in links:
        return
    kind = link_kind(url)
    if trackers_only and kind not in TRACKER_KINDS:
        return
    label = tracker_label(url, kind) or " ".join(ref.astext().split()) or url
    # The sentence around the link is read only for a link that is kept.
    links[url] = ParsedLink(url=url, kind=kind, label=label[:300],
                            status=status_from_text(_enclosing_text(ref), default))


def _enclosing_text(ref) -> str:
    """The sentence around a link: what it says of the link's status."""
    node = ref.parent
    while node is not None and not isinstance(node, (nodes.paragraph, nodes.list_item, nodes.title)):
        node = node.parent
    text = " ".join((node or ref).astext().split())
    label = " ".join(ref.astext().split())
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if label and label in sentence:
            return sentence
    return text


def _assign_slugs(document: ParsedDocument):
    seen: set[str] = set()
    numbering: dict = {}
    for issue in document.issues:
        base = issue.slug or make_slug(issue.title)
        if base in seen and issue.category:
            base = make_slug(f"{issue.category} {base}")
        # A stated slug longer than kb's own stays whole (unless it needs a number).
        issue.slug = make_slug(base, taken=seen.__contains__, max_length=max(SLUG_LENGTH, len(base)),
                               numbering=numbering)
        seen.add(issue.slug)


def _resolve_relations(document: ParsedDocument):
    by_title = {i.title.lower(): i.slug for i in document.issues}
    refs = [TitleRef(i.slug, i.title, n) for n, i in enumerate(document.issues)]
    index = title_index(refs)
    for position, issue in enumerate(document.issues):
        stated = []
        for relation in issue.relations:
            target = by_title.get(relation.target.lower())
            if target and target != issue.slug:
                stated.append(ParsedRelation(target=target, kind=relation.kind))
            else:
                document.warnings.append(
                    f"line {issue.line}: related issue {relation.target!r} not found in this document"
                )
        if not stated:
            prose = " ".join([issue.symptoms, issue.root_cause, issue.solution, issue.workaround])
            stated = [ParsedRelation(target=t, kind=k) for t, k in relations_in(prose, position, refs, index)]
        issue.relations = stated


def _message_of(signature: str) -> str:
    """A signature's message as the matcher reads it (prefix, level and logger taken off), folded:
    what tells a Symptoms quote of a whole record from the Log signs entry of its message."""
    return " ".join(message_of(signature).split()).casefold()
