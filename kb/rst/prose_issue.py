"""The issue a section is by its prose, when no heading of it names a field: its cue phrases, its
title, what it quotes, and the rules of care under which it is none (a procedure, a heading over
other sections, a feature's rationale, a check, a task); and `.. rubric::` fields.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    conditions,
    cues,
    remedy_labels,
    structures,
)
from .building import issue_from_prose
from .failure_prose import (
    FEATURE_AVOIDS,
    calls_its_remedy_the_solution,
    condition_of_a_failure,
    explains_a_failure_and_remedies_it,
    listed_errors,
    opens_on_a_problem_and_its_remedy,
    tells_a_failure,
    tells_how_it_shows,
)
from .field_sections import heads_failures, section_fields, under_messages
from .fields import field_names
from .markdown import blocks_to_markdown, escape
from .message_headings import (
    explaining_block,
    quoted_errors,
    text_only_looks,
    title_quotes,
    titled_by_message,
)
from .placement import known_issues_context, under_caveats, under_resolved
from .prose import PROSE_FIELDS, SENTENCE, ProseFields, read_blocks, read_subsection
from .records import ParsedIssue
from .section_nodes import body_of, is_content, is_link_list, line_of, title_text
from .signatures import prose_signatures


def rubric_issue(section, title, document) -> ParsedIssue | None:
    """`.. rubric:: Scenario` / `Work-Around` / `Solution` marking the fields of one section."""
    body = body_of(section)
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
    return issue_from_prose(section, title, line_of(section), prose, "rubric", [], [], document)


def _unwrapped(body: list, content: list) -> list:
    """The body, or the blocks of its one list item when that item is all its text: juicefs's
    "Bad write performance" over "* **Slow write speed for intensive small writes**" and the
    paragraphs under it is the heading's text set as a bullet, read as the text itself (a list
    is otherwise a symptom's, ProseFields.list_only_as_symptom)."""
    if len(content) != 1 or not isinstance(content[0], (nodes.bullet_list, nodes.enumerated_list)):
        return body
    items = [c for c in content[0].children if isinstance(c, nodes.list_item)]
    return list(items[0].children) if len(items) == 1 else body


def prose_issue(section, title, document, exclude=()) -> tuple[ParsedIssue | None, str]:
    if under_resolved(section):
        return None, "its title heads (or it sits under) a changelog of resolved issues"
    children = [c for c in section.children if isinstance(c, nodes.section)]
    body = [b for b in body_of(section) if not any(b is e for e in exclude)]
    # "Performance Under Load" quoting its timeout record, over "Mitigate by waiting longer" and
    # "Ways to improve performance": the failure is its text's, its sections are the remedies.
    remedies = bool(children) and all(cues.is_fix_heading(title_text(c)[0]) for c in children) \
        and bool(quoted_errors(body))
    merged = ((cues.is_symptom_title(title) or remedies) and children
              and not structures.is_issue_list_title(title)
              and not cues.is_procedure_title(title) and not heads_failures(section)
              # ("case#2: volume mount/unmount failed": steps that find the pod and get its logs,
              # over "Update driver version quickly ...": the sub-section is a task of its own,
              # not the remedy of a failure the text only looks at)
              and not text_only_looks(body)
              and (_leads_to_its_causes(body) or (not any(_stands_alone(c) or _guides(c) for c in children)
                                                 and not _failure_catalogue(children))))
    intro_only = bool(children) and not merged
    if intro_only and cues.is_procedure_title(title) and not quoted_errors(body):
        # "Troubleshooting when the service is announced correctly but still not reachable":
        # a guide's steps, each read on its own, its introduction no issue of its own unless
        # it quotes the error (coredns's "Troubleshooting" of `Loop ... detected`).
        return None, "its title names a procedure; its sections are read on their own"
    if intro_only and not _intro_states_an_issue(title, body):
        # A category: its sections are read on their own; its introduction is no issue.
        return None, "a heading over other sections"
    content = [b for b in body if is_content(b)]
    if content and is_link_list(content[0]):
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
    listed = listed_errors(blocks)
    errors = prose_signatures(prose.symptom_nodes) or quoted_errors(blocks) or listed
    # 'Why Am I Getting `rpc error: ... transport is closing` When Using The CLI?': the error
    # a title quotes is what is seen (as question headings and FAQ questions take it).
    # ('What does the warning "apply entries took too long" mean?' asks about that message.)
    quoted = [q for q in title_quotes(section, title) if cues.reads_as_error(q) or cues.asks_meaning(title)]
    stated = [*quoted, *listed]
    if not prose.root_cause and _asks_about_a_problem(title):
        # The answer to "Why won't etcd accept my membership changes?" or "What does the
        # warning "..." mean?" explains it, as a FAQ answer does (faq.from_faq), even
        # with no cause phrase: the question is the symptom, the answer starts as the cause,
        # and a remedy starts the fix. What the answer quotes is what the question is about.
        prose = ProseFields(seen_block=True, current="root_cause")
        prose.add("symptoms", escape(title))
        prose = _read_prose(section, blocks, merged, prose)
        stated = [*quoted, *errors]
    if not prose.root_cause and titled_by_message(section, title):
        # "### error converting YAML to JSON" / "YAML syntax is incorrect.": in a catalogue of
        # messages the heading is what is seen and the text under it says what it means, as
        # the answer to "What does ... mean?" does: its opening is the cause, cue or none.
        explanation = explaining_block(blocks)
        if explanation is not None:
            prose.as_cause(blocks_to_markdown([explanation]))
    # "Intermittent traffic": "... This might be because of multiple factors:" and a list. The
    # body states the failure and lists its causes, whatever the title says (under a title
    # that states the failure, a list that names its own is of that failure too: see
    # _body_structures); under a title naming a task ("Activate log to file ...") they are the
    # reasons to do it.
    symptom_title = cues.is_symptom_title(title)
    explained = [] if cues.is_fix_heading(title) else [
        c for c in conditions.cause_lists(blocks) if symptom_title or not c.own]
    for causes in explained[:1]:
        prose.as_cause(blocks_to_markdown([causes.items]))
    # ("Troubleshoot Monitoring Issues" over "Ensure ceph-mgr pod is Running" names no failure:
    # a procedure's checks)
    failure_named = cues.names_failure(title) and not cues.is_procedure_title(title)
    checks = conditions.checklist(blocks) if failure_named and not (prose.root_cause or explained) else None
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
    known = known_issues_context(section)
    # In a list of known issues a title may name the circumstance ("Upgrading while Vault
    # is sealed"); the body decides.
    # ("Monitoring ingestion errors" names the kind of thing the procedure watches, as
    # "Troubleshooting connectivity issues" does: a plural is no failure seen.)
    kinds = re.sub(r"\b(errors|failures|warnings)\b", " ", title, flags=re.I)
    # "Tip: Running a large cluster": a tip is advice on a pitfall met while doing what its title
    # names; when its text tells something going wrong, it tells that pitfall, no walkthrough.
    tip = cues.is_tip(title) and tells_a_failure(blocks)
    if (cues.is_procedure_title(title) and not (cues.names_failure(kinds) or known or explained or tip)
            and not quoted_errors(prose.symptom_nodes) and not opens_on_a_problem_and_its_remedy(blocks)):
        # "Troubleshooting Quick Start with Docker": a walkthrough may show an error on its
        # way (a container's log); the error of an issue is what its text opens on.
        return None, "its title names a procedure and its opening quotes no error"
    # Under "Caveats" a section titled by a feature ("Console proxies", "Notifications") is an
    # issue when its text tells something going wrong ("may incorrectly calculate the usage");
    # one that tells how to deploy or configure the feature ("must be run per cell") is none.
    # (Under "Known issues" the heading says each is one: kind's "AppArmor" "may run into" it.)
    known_failure = known and (not under_caveats(section) or cues.names_failure(title)
                               or tells_a_failure(blocks))
    if not (cues.is_symptom_title(title) or errors or known_failure or explained or tip
            or tells_how_it_shows(blocks) or calls_its_remedy_the_solution(blocks)
            or explains_a_failure_and_remedies_it(blocks) or under_messages(section)
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
        condition = condition_of_a_failure(content)
        if condition:
            prose.add("root_cause", condition)
    if not prose.cue_found():
        return None, "it states no cause and no fix"
    if not (errors or quoted or cues.is_symptom_title(title)) and any(
            FEATURE_AVOIDS.match(s) for b in blocks if isinstance(b, nodes.paragraph)
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
    issue = issue_from_prose(section, title, line_of(section), prose, structure, stated, [], document)
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


def _intro_states_an_issue(title: str, intro: list) -> bool:
    """The text before a heading's sub-sections states a failure: by its title or a quoted error."""
    if structures.is_issue_list_title(title) or structures.is_error_list_title(title) \
            or not any(isinstance(b, nodes.paragraph) for b in intro):
        return False
    # ("cinder/ceph topology change": "If cinder is related directly to ceph-mon then upgrading
    # will result in the loss of live migration. To remedy this situation ...", over the steps
    # of the remedy: its text says how the failure shows, as a topic section's does)
    return cues.is_symptom_title(title) or bool(quoted_errors(intro)) or tells_how_it_shows(intro)


def _read_prose(section, blocks, merged, prose=None) -> ProseFields:
    """The section's blocks by cue words, then (when merged) its sub-sections by their headings."""
    prose = read_blocks(blocks, prose)
    if merged:
        for child in section.findall(nodes.section):
            if child is section:
                continue
            heading = title_text(child)[0]
            names = field_names(heading)
            name = names[0] if names and names[0] in PROSE_FIELDS else None
            if name is None and (cues.is_fix_heading(heading) or cues.asks_how(heading)):
                # Under a failure, "Disable AppArmor" or "How do I tell IPA to clean the
                # disk(s)?" gives the remedy.
                name = "solution"
            read_subsection(heading, name, body_of(child), prose)
    return prose


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
    text = [b for b in body if is_content(b)]
    if not text or not isinstance(text[-1], nodes.paragraph):
        return False
    last = " ".join(text[-1].astext().split())
    sentence = SENTENCE.split(last)[-1]
    return sentence.endswith(":") and bool(conditions.CAUSES_AHEAD.search(sentence))


def _stands_alone(child) -> bool:
    """A child section that is an issue of its own, not a part of its parent's."""
    if section_fields(child) is not None or prose_signatures(body_of(child)):
        return True
    heading = title_text(child)[0]
    if structures.quoted(heading) and cues.names_failure(heading) and not field_names(heading):
        # "MacOS and Docker Desktop - "too many open files"" under the same failure on Linux:
        # a sub-section that quotes the failure in its own title is a case of its own.
        return True
    return any(_stands_alone(c) for c in child.children if isinstance(c, nodes.section))


def _failure_catalogue(children) -> bool:
    """Sections each titled by a failure of their own ("Failed to notify recipient" over
    "notification service 'xxxx' is not supported" and "... does not have a / ..."): cases
    its title gathers, each an issue, not the parts (cause, fix, steps) of one."""
    titles = [title_text(c)[0] for c in children]
    # ("Determine if a cluster member is missing" and "Recover from a missing member" under
    # "Cluster member missing": a check and a remedy name the failure they are of, no case)
    return len(titles) > 1 and all(cues.names_failure(t) and not field_names(t) and not cues.is_fix_heading(t)
                                   and not cues.is_procedure_title(t) for t in titles)


def _guides(child) -> bool:
    """A child that names a procedure and heads sections of its own: its parent is a guide of
    several levels ("... does not work" > "Checking the L2 advertisement works" > "Using WiFi
    and can't reach the service?"), not one issue whose parts are its children (as "Clock
    skew" under "Issues with autoconfigured TLS" is, with a follow-up under it)."""
    return cues.is_procedure_title(title_text(child)[0]) and any(
        isinstance(c, nodes.section) for c in child.children)
