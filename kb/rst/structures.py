"""Issues written inside a section's body rather than as sections of their own.

Each reader takes the blocks of one section and returns `Found` candidates
(a title, field texts, the nodes that hold the quoted error, the structure
that recognised it) or nothing:

- definition lists whose terms are symptoms ("My cluster-create takes a
  really long time"), their definitions and the sections they link to giving
  cause and fix;
- bullets of a "Known issues" / "Known limitations" / "Observed issues" list;
- a list of log messages, each followed by a dash and what it means.

Tables are read in kb/rst/tables.py, paragraphs labelled "Known issue:" and bold entries in
kb/rst/bold_entries.py, issues written as list items (items under an item naming a kind of
issues, a troubleshooting list's bullets opening on a failure) in kb/rst/list_entries.py, FAQ
`Q:` / `A:` paragraphs and bullets in kb/rst/faq.py, and "If you see ..." paragraphs, cause lists
and checklists in kb/rst/conditions.py (these two moved out of this module as they were, issue
#10's session of 2026-12-07 21:48 UTC).
"""

import re
from dataclasses import dataclass, field

from docutils import nodes

from . import cues, prerequisites
from .fields import field_names
from .links import TRACKER_KINDS, link_kind
from .markdown import blocks_to_markdown, escape
from .prose import (
    SENTENCE,
    ProseFields,
    bare_label,
    cue_sentences,
    first_sentence,
    inline_label,
    read_blocks,
    read_subsection,
    unless_clause,
)

KNOWN_ISSUES_TITLE = re.compile(
    # ("Expected Failures": a plugin's list of the failures it is known to bring, gathered20)
    r"\b(known|observed|open|outstanding|common|expected)\s+(issues|limitations|problems|bugs|caveats|failures)\b|"
    r"\bissues (found|faced|observed|seen)\b|^(limitations|caveats|known issues)$|"
    # "Known Behavior": a release note's list of the behaviours it knows to be wrong, one per bug
    # number ("Expected behavior" is none: what is meant to happen)
    r"\bknown\s+behaviou?rs?\b",
    re.I,
)
# "Common errors", "Errors when starting introspection", "Rate limit errors": a list of the
# errors met, as sub-sections or as bullets that are each a quoted message. ("TLS certificate
# errors" over bullets of remedies is one issue: its bullets are no messages.)
_ERROR_LIST_TITLE = re.compile(
    r"^((common|known|frequent|typical)\s+)?errors\b(?!\s+(in|of)\b)|^(?:[\w.'’/-]+\s+){0,3}errors$", re.I)
# "Upgrade issues", "Various issues", "Ceph Common Issues": a short title naming a kind of
# problem in the plural heads a list of them, one per sub-section or bullet; it is not
# itself one issue. ("Troubleshooting connectivity issues" names a procedure instead.)
# ("Node Registration and Management Problems": two kinds joined by "and" head one list too)
# ("Bugs and solutions", "Problems and their fixes": the kind joined to its remedies heads the
# same list, one remedy per problem)
_ISSUE_LIST_TITLE = re.compile(
    r"^(?:[\w.'’/-]+\s+){0,3}(?:(?:and|or|&)\s+(?:[\w.'’/-]+\s+){1,2})?"
    r"(issues|problems|limitations|caveats|bugs|errata)$|"
    r"^(?:[\w.'’/-]+\s+){0,2}(issues|problems|bugs|errors)\s+(and|&)\s+(their\s+)?"
    r"(solutions|workarounds|fixes|resolutions|remedies)$|"
    # ("Issues during deployment", "Problems after an upgrade": the kind in the plural,
    # then the phase they happen in; "Problems with .erlang.cookie" names the thing at fault: one)
    r"^((common|frequent|typical|possible)\s+)?(issues|problems|errors|failures)\s+"
    r"(during|while|after)\s+(?:[\w.'’/-]+\s*){1,5}$", re.I)
# ("Known feature gaps at this point in time:" leads them too: charm-guide 19.10, gathered18)
_KNOWN_LEAD = re.compile(r"\b(issues?|limitations?|bugs|problems|gaps)\b.{0,40}:\s*$", re.I)


def _leads_known_issues(text: str) -> bool:
    """A paragraph ending on a colon that announces known issues: "Known feature gaps at this point
    in time:", or a last sentence opening on them however long it runs ("... is best-effort. Known
    issues with other Linux distributions are captured here:")."""
    last = SENTENCE.split(" ".join(text.split()))[-1]
    return bool(_KNOWN_LEAD.search(text.strip())) or (
        last.endswith(":") and bool(KNOWN_ISSUES_TITLE.match(last)))


# "The possible reasons for this issue:" leads the causes of its section's issue, not issues.
# ("Reasons for doing this include:" gives reasons for an action, see cause_lists.)
CAUSES_OF = re.compile(r"\b(reasons?|causes?|factors|explanations?)\s+(for|of|behind)\s+"
                        r"(this|that|these|the|such)\s+(\w+\s+)?(issues?|problems?|errors?|failures?)\b|"
                        # "Some of the possible causes for this are:": a cause qualified as likely is
                        # of a failure, whatever "this" refers to
                        r"\b(possible|potential|likely|probable|common)\s+(reasons?|causes?)\s+(for|of|behind)\s+"
                        r"(this|that|these|it)\b",
                        re.I)
# ("* Workarounds:" over its own list, "* Fixed with provisioner 2.0 + K8s 1.8.": plurals and
# other prepositions lead a known issue's remedy or status as the singular does)
_FIX_LEAD = re.compile(
    r"^\W*(patch(es)?|fix(es)?|fixed (in|with|by)|workarounds?|work-arounds?|solutions?|resolutions?)\b",
    re.I)

TITLE_LENGTH = 200


@dataclass
class Found:
    title: str
    structure: str
    line: int | None
    prose: ProseFields
    signatures: list[str] = field(default_factory=list)  # stated outright (a Signature cell)
    links: list = field(default_factory=list)  # reference nodes
    claimed: list = field(default_factory=list)  # sections read into this issue
    scope: list = field(default_factory=list)  # the nodes it was read from (for tracker links)
    beside: bool = False  # one paragraph of a section that may be an issue of its own too


@dataclass
class Skipped:
    what: str
    line: int | None
    reason: str


# "Resolved issues", "Fixed bugs", "Bug fixes", "Resolved networking issues in 6.0": a release
# note's changelog of what no longer goes wrong, beside its "Known issues"; its entries are
# no issues to look out for.
_RESOLVED_TITLE = re.compile(
    r"^(resolved|fixed|closed|addressed|solved) ([\w-]+ ){0,2}(issues|bugs|problems)\b|\bbug ?fixes\b|"
    r"\b(fixed|resolved|closed) (issues|bugs)\b", re.I)  # ("Fixed IP allocation fails" is one)


def is_resolved_list_title(title: str) -> bool:
    return bool(_RESOLVED_TITLE.search(cues.subject(title).strip()))


def is_issue_list_title(title: str) -> bool:
    """A title that heads a list of known issues ("Known issues", "Upgrade issues")."""
    if is_resolved_list_title(title):
        return False
    if KNOWN_ISSUES_TITLE.search(title):
        return True
    return bool(_ISSUE_LIST_TITLE.match(cues.subject(title).strip())) and not cues.is_procedure_title(title)


def is_error_list_title(title: str) -> bool:
    """A title that heads a list of errors ("Common errors", "Rate limit errors")."""
    return bool(_ERROR_LIST_TITLE.search(cues.subject(title).strip())) and not cues.is_procedure_title(title)


# "Some health checks are expected to fail due to the default networks ... being deleted": a
# known issue's sentence names what goes wrong, then why; the title is what goes wrong.
_REASON_FOLLOWS = re.compile(r"(,?\s+(due to|because|since)|,\s+as)\s+(?=\S)", re.I)


def first_sentence_title(text: str) -> str:
    """The title of a known issue told in prose: its first sentence, up to the reason it gives."""
    first = first_sentence(text)
    reason = _REASON_FOLLOWS.search(first)
    if reason and len(first[:reason.start()].split()) >= 3:
        first = first[:reason.start()]
    if len(first) > TITLE_LENGTH and CONDITION_FIRST.match(first) and _consequence(first):
        # "If you use Fuel to deploy ... and then reset the environment to use Cinder, the
        # Controller node is unable to locate the HDD ...": too long a title would be cut in
        # the condition; what goes wrong is the main clause.
        first = _consequence(first)
    return short_title(first)


def short_title(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= TITLE_LENGTH:
        return text
    cut = text[:TITLE_LENGTH].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + " …"


# -- definition lists of symptoms ----------------------------------------------


def answered_with_a_failure(question: str, answer) -> bool:
    """"What occurs if I lose majority in my DCS cluster?" / "The DCS will become unresponsive,
    ...": asked what happens, the answer's first sentence names something going wrong, so the
    question is a problem met. ("What occurs if I change a GUC that requires a reload?" /
    "Patroni will take care of reloading ...": how the system copes, none.)"""
    if not cues.asks_what_happens(question):
        return False
    first = next((b for b in answer if isinstance(b, nodes.paragraph)), None)
    opening = next((b for b in answer if not isinstance(b, nodes.system_message)), None)
    if first is None or first is not opening:
        return False
    return cues.names_failure(first_sentence(first.astext()))


def from_definition_list(dlist, document_ids: dict, found: list, skipped: list):
    items = [i for i in dlist.children if isinstance(i, nodes.definition_list_item)]
    terms = [" ".join(next(i.findall(nodes.term)).astext().split()) for i in items]
    answers = [next((list(c.children) for c in i.children if isinstance(c, nodes.definition)), [])
               for i in items]
    symptomatic = [t for t, answer in zip(terms, answers, strict=True)
                   if cues.is_symptom_title(t) or answered_with_a_failure(t, answer)]
    # A list of questions is a FAQ: each question decides for itself (below), however few of
    # them ask about a problem (patroni's "Configuration": one complaint among how-tos).
    faq = all(t.rstrip().endswith("?") for t in terms) and bool(symptomatic)
    if len(items) < 2 or (len(symptomatic) * 2 < len(items) and not faq):
        return False
    for item, term in zip(items, terms, strict=True):
        definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        if definition is None:
            continue
        asked = term.rstrip().endswith("?")
        if asked and not cues.is_symptom_title(term) \
                and not answered_with_a_failure(term, definition.children):
            # A FAQ written as a definition list: "What is the difference between Patroni and
            # other HA solutions?", "Do I need to run patronictl in the Patroni host?" ask
            # for a fact, as a `Q:` paragraph may (from_faq); each question decides for itself.
            skipped.append(Skipped(f"definition {term[:60]!r}", item.line, "a question about no problem"))
            continue
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", escape(term))
        if asked and (cues.names_failure(term) or cues.is_first_person(term)):
            # The answer to a complaint ("... is not up-to-date in the output of patronictl
            # list?") explains it, as a FAQ answer does (from_faq).
            prose.current = "root_cause"
        read_blocks(definition.children, prose)
        claimed = []
        for ref in definition.findall(nodes.reference):
            target = document_ids.get(ref.get("refid", ""))
            if isinstance(target, nodes.section) and target not in claimed:
                claimed.append(target)
                saved = prose.current
                # The linked section with its own sub-sections ("Kubernetes networking" >
                # "Using Flannel as network driver") details the entry.
                for part in target.findall(nodes.section):
                    heading = " ".join(part.next_node(nodes.title).astext().split())
                    body = [c for c in part.children if not isinstance(c, (nodes.title, nodes.section))]
                    prose.current = "symptoms"
                    read_subsection(heading, None, body, prose)
                prose.current = saved
        if not prose.cue_found():
            skipped.append(Skipped(f"definition {term[:60]!r}", item.line, "states no cause or fix"))
            continue
        found.append(Found(short_title(term), "definition_list", item.line, prose, claimed=claimed,
                           signatures=quoted(term), scope=[item, *claimed]))
    return True


# -- known-issues bullets, FAQ, labelled paragraphs -------------------------------


def from_bullets(blist, found: list, skipped: list, messages_only: bool = False, tail: tuple = (),
                 read: set | None = None, openings: bool = False):
    """Known-issue bullets; under a list of errors (`messages_only`) only those that are a
    quoted message. `tail`: block quotes right after the list, the last item's text written at
    the wrong indent (continuation_of). `read`: the ids of items another reader took already.
    `openings`: each item opens on its issue (a list named as issues), titled by its first sentence."""
    fielded = _items_with_fields(blist)
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    for item in items:
        if read and id(item) in read:
            continue
        children = list(item.children) + (list(tail) if item is items[-1] else [])
        if len(children) == 1 and isinstance(children[0], nodes.definition_list) \
                and len(children[0].children) == 1:
            # "2. Puppet client will never resend ..." over its bullets indented deeper: docutils
            # reads a line over an indented block as a definition; it is the item's text and its rest
            term, definition = _term_and_definition(children[0][0])
            children = [nodes.paragraph("", "", *[c.deepcopy() for c in term.children]), *definition.children]
        paragraphs = [c for c in children if isinstance(c, nodes.paragraph)]
        if not paragraphs or (messages_only and not _message_only(paragraphs[0])):
            continue
        title = " ".join(paragraphs[0].astext().split())
        # ("#. **Fix problems with libvirt during devstack deployment**" over its text heads an
        # issue as a heading would: the problems it fixes are its subject.)
        headed = lead_only(paragraphs[0]) and len(children) >= 2 and cues.is_symptom_title(title)
        if cues.is_fix_heading(title) and not cues.names_failure(title) and not headed \
                and not re.search(r"\bto (prevent|avoid)\b", title, re.I):
            # "Increase ARP table size on compute nodes": a step taken, not a problem met;
            # "Raise cpu_allocation_ratio ... to prevent hitting the vCPUs limit" names one.
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line, "it is an action, not a problem"))
            continue
        if _step_after(title):
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line,
                                   "it is a step to take, not a problem"))
            continue
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", blocks_to_markdown([paragraphs[0]]))
        prose.symptom_nodes.append(paragraphs[0])
        for name, sentence in cue_sentences(blocks_to_markdown([paragraphs[0]])):
            prose.add(name, sentence)
        lead, said = _bold_lead(paragraphs[0])
        if lead and cues.names_failure(lead) and cues.names_failure(said) and not prose.root_cause \
                and not cues.states_remedy(said) and not cues.UNKNOWN_CAUSE.search(said):
            # "**Avatars are missing** - the avatar service is unreachable.": after a failure set
            # off in bold, a fault the dash introduces explains it, as under a message
            # (from_message_list). ("**Exports are slow** - large exports take a while." names none.)
            prose.add("root_cause", said)
        rest = [c for c in children if c is not paragraphs[0]]
        message = _message_only(paragraphs[0])
        explanation = next((c for c in rest if isinstance(c, nodes.paragraph)), None)
        if message and explanation is not None and not cues.UNKNOWN_CAUSE.search(explanation.astext()):
            # "* *Invalid provision state "available"*" over what it means: as under a heading
            # that is a message, the text that follows explains it, its cause cue or none.
            # ("... See :ref:`node states` for instructions on how to put nodes into the correct
            # state.": a sentence of it that remedies is the fix)
            explained = blocks_to_markdown([explanation])
            remedies = [s for name, s in cue_sentences(explained) if name == "solution"]
            for sentence in remedies:
                prose.add("solution", sentence)
            prose.add("root_cause", " ".join(s for s in SENTENCE.split(explained) if s not in remedies))
            rest = [c for c in rest if c is not explanation]
        for nested in rest:
            for sub in (nested.findall(nodes.list_item) if isinstance(nested, nodes.Element) else []):
                text = " ".join(sub.astext().split())
                if _FIX_LEAD.match(text):
                    prose.add("solution", blocks_to_markdown(sub.children))
            if not isinstance(nested, (nodes.bullet_list, nodes.enumerated_list)):
                read_blocks([nested], prose)
        if not prose.cue_found() and unless_clause(first_sentence(title)):
            # (a known issue told with the condition it needs: that condition is its cause)
            prose.add("root_cause", unless_clause(first_sentence(title)))
        if not prose.cue_found() and not _numbered_failure(title) and not _tracked_failure(title, item):
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line, "states no cause or fix"))
            continue
        if prerequisites.only_a_prerequisite(title) and not _tracked_failure(title, item):
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line,
                                   "it states what a setup requires, and nothing going wrong"))
            continue
        if only_unsupported(title, prose):
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line,
                                   "it states what is not supported, with no cause or fix of a failure"))
            continue
        if fielded and not (prose.root_cause or _remedies(prose)):
            # "**Solution**" / "Determine what node it failed on ... and check the logs": the
            # label is there, a remedy is not.
            skipped.append(Skipped(f"bullet {title[:60]!r}", item.line,
                                   "its fields name no cause, and its fix only says what to look at"))
            continue
        links = [r for r in paragraphs[0].findall(nodes.reference)]
        # "Placing Ceph OSD on Controllers is not recommended because .... It is better to use
        # separate storage nodes ...": the bullet's first sentence names the issue, the rest
        # explains it (as a labelled paragraph's does).
        line = item.line or paragraphs[0].line
        named = _bold_label(paragraphs[0]) or lead or first_sentence_title(
            title if openings else remedied_sentences(title))
        found.append(Found(named, "known_issues", line, prose, links=links,
                           # (a title's quotation is its error only when it reads as one: "On running
                           # "puppet agent --test", the error messages below occur" quotes a command)
                           signatures=[message] if message else
                           [q for q in quoted(title) if cues.reads_as_error(q)],
                           scope=[item, *(tail if item is items[-1] else ())]))


# "1766315 After provisioning the cluster with Helm, restart the compute container.": a known issue's
# bug number, a circumstance, and what to do in it; no failure is named, the entry is a step.
_BUG_NUMBER = re.compile(r"^\W*(#|bug\s+|lp\s*#?)?\d{4,}\b\W*", re.I)
_CIRCUMSTANCE = re.compile(r"^(after|before|once|when|whenever|while|during)\b", re.I)


def _numbered_failure(text: str) -> bool:
    """"1767094 Kube DNS fails to come up in a multi-interface setup.": a known issue filed as a
    bug, its number opening the entry, that names something going wrong is an issue with no cause
    or fix told (the bug tracks both); a bug number over a support statement is none."""
    opening = first_sentence(text)
    return bool(_BUG_NUMBER.match(opening)) and cues.names_failure(opening) \
        and not _UNSUPPORTED.search(opening) and not cues.states_a_scope(opening)


def _tracked_failure(text: str, item) -> bool:
    """"Uploads larger than 2 GB fail with 413. See [#4411](https://github.com/o/r/issues/4411).":
    a known issue that names something going wrong and links the bug that tracks it is an issue
    with its cause and fix left to the bug, as one that opens on the bug's number is
    (_numbered_failure)."""
    opening = first_sentence(text)
    links = [ref for ref in item.findall(nodes.reference)
             if link_kind(ref.get("refuri", "")) in TRACKER_KINDS]
    # ("- [xfs mount failed #283](...)": an item that is only the link is a reference to the
    # bug, listed under the issue that names it)
    only_a_link = any(" ".join(ref.astext().split()) == " ".join(text.split()) for ref in links)
    return bool(links) and not only_a_link and cues.names_failure(opening) \
        and not _UNSUPPORTED.search(opening) and not cues.states_a_scope(opening)


def _step_after(text: str) -> bool:
    sentence = SENTENCE.split(_BUG_NUMBER.sub("", " ".join(text.split())))[0]
    return bool(_CIRCUMSTANCE.match(sentence)) and cues.is_fix_heading(main_clause(sentence)) \
        and not cues.names_failure(text)


# "does not support", "is not supported": a statement of what a product lacks
_UNSUPPORTED = re.compile(
    r"\b((does|do) not|doesn'?t|don'?t) (yet )?support\b|\b(is|are) not (yet )?supported\b", re.I)


def _term_and_definition(item):
    term = next(c for c in item.children if isinstance(c, nodes.term))
    definition = next(c for c in item.children if isinstance(c, nodes.definition))
    return term, definition


def continuation_of(body: list, blist) -> tuple:
    """The block quotes right after `blist` in `body` (docutils' warnings between them aside):
    "1. Puppet fails with ::" / the record / "  * This is a Puppet bug." at two spaces, less than
    the item's three: the author's continuation of the last item, read as a quote.

    When the last item is only a heading ("- **The agent crashes on start**"), the blocks after
    the list up to the next list are its text too: Markdown ends a list at a code fence at the
    margin, and the record and its explanation written there belong to the item."""
    position = next(i for i, b in enumerate(body) if b is blist)
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    headed = bool(items) and len(items[-1].children) == 1 and isinstance(items[-1][0], nodes.paragraph) \
        and lead_only(items[-1][0], nodes.strong)
    tail = []
    for block in body[position + 1:]:
        if isinstance(block, nodes.block_quote) or (
                headed and isinstance(block, (nodes.paragraph, nodes.literal_block))):
            tail.append(block)
        elif not isinstance(block, nodes.system_message):
            break
    if not tail and _separated_entries(body, blist):
        tail = _paragraphs_up_to_a_list(body[position + 1:])
    return tuple(tail)


def _separated_entries(body: list, blist) -> bool:
    """"- 1716308 When the vRouter receives ..." / "As a workaround, ..." / "- 1730021 ...": the
    list is one of several in the body, most of one item, each entry set apart with the
    paragraphs that follow it (a release note writing each bug as a list of its own)."""
    lists = [b for b in body if isinstance(b, nodes.bullet_list)]
    single = [b for b in lists if len([c for c in b.children if isinstance(c, nodes.list_item)]) == 1]
    return len(lists) >= 3 and 2 * len(single) > len(lists) and any(b is blist for b in lists)


def _paragraphs_up_to_a_list(blocks: list) -> list:
    """The paragraphs that open `blocks`, when a bullet list or the end follows them."""
    run = []
    for block in blocks:
        if isinstance(block, nodes.paragraph) and not block.astext().rstrip().endswith(":"):
            run.append(block)
        elif isinstance(block, nodes.bullet_list):
            return run
        elif not isinstance(block, nodes.system_message):
            return []
    return run


def only_unsupported(text: str, prose: ProseFields) -> bool:
    """"Submariner does not support IPv6-only setups.": a known-issues bullet that only says what
    is not supported names the limit itself, not a cause of it ("does not support" reads as a
    cause in other sentences), and gives no fix: a support statement, no issue."""
    opening = first_sentence(text).split(":")[0]
    if prose.solution or prose.workaround or not _UNSUPPORTED.search(opening):
        return False  # ("Expect performance degradation ...: these devices do not support DPDK": a cause)
    rest = [_UNSUPPORTED.sub("is", c) for c in prose.root_cause]  # ("... is not supported since ...")
    return not any(cues.states_cause(c) or cues.names_failure(c) for c in rest)


def remedied_sentences(text: str) -> str:
    """The bullet's text from the sentence its first remedy follows: in "CoreDNS is supported out
    of the box ... KubeDNS needs manual configuration. Please refer to the GKE Quickstart Guide",
    the opening sets the scene and the sentence the remedy answers names the issue. A bullet that
    opens on a failure or a cause keeps its opening."""
    sentences = SENTENCE.split(" ".join(text.split()))
    if cues.names_failure(sentences[0]) or cues.states_cause(sentences[0]):
        return text
    remedy = next((n for n, s in enumerate(sentences) if cues.states_remedy(s)), 0)
    # (a sentence that explains, "Fuel sets the DHCP lease time to 120 seconds, which may lead
    # to ...", is the cause of what the opening told, not the issue)
    if remedy < 2 or cues.states_cause(sentences[remedy - 1]):
        return text
    return " ".join(sentences[remedy - 1:])


def lead_only(paragraph, kinds=(nodes.strong, nodes.literal)) -> bool:
    """A paragraph that is one bold or literal run (one of `kinds`): a heading written in a list
    item."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    return len(children) == 1 and isinstance(children[0], kinds)


def _headed_items(blist) -> bool:
    """"#. ``BadRequest: Bad virtual_network request ...``" / "#. **Error on spawn virtual
    machine: ...**", each over its explanation: every item opens on a heading of its own."""
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    return len(items) >= 2 and all(
        len(item.children) >= 2 and isinstance(item[0], nodes.paragraph) and lead_only(item[0])
        for item in items)


def _items_with_fields(blist) -> bool:
    """Two or more items, each opening on a paragraph of its own and holding a paragraph that is
    the label of a cause or fix ("**Solution**", "Workaround:") further on, alone or opening its
    text ("**Workaround**: split the file ...")."""
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    return len(items) >= 2 and all(
        item.children and isinstance(item[0], nodes.paragraph) and not bare_label(item[0])
        and any((bare_label(c) or inline_label(c)) not in (None, "symptoms") for c in item.children[1:])
        for item in items)


def _remedies(prose: ProseFields) -> bool:
    """Its fix remedies something in words (not only "check the logs"), a label aside."""
    return any(cues.states_remedy(sentence) for text in (*prose.solution, *prose.workaround)
               for sentence in SENTENCE.split(text))


def _remedy_items(item) -> bool:
    """A list item holding, in a list under it, an item that opens on a remedy ("* Workaround:
    ...", "* Fixed in 1.9.")."""
    return any(_FIX_LEAD.match(" ".join(nested.astext().split()))
               for nested in item.findall(nodes.list_item) if nested is not item)


def _items_with_remedy_items(body: list, position: int) -> bool:
    """The numbered list at body[position], with the numbered lists it continues and that
    continue it (docutils starts a new one after a block at the wrong indent, "2." after
    "1."), has two or more items, most of which hold remedy items."""
    run, start = [], position
    between = (nodes.block_quote, nodes.system_message)
    while start > 0 and isinstance(body[start - 1], (nodes.enumerated_list, *between)):
        start -= 1
    for node in body[start:]:
        if isinstance(node, nodes.enumerated_list):
            run += [c for c in node.children if isinstance(c, nodes.list_item)]
        elif not isinstance(node, between):
            break
    return len(run) >= 2 and 2 * sum(_remedy_items(item) for item in run) > len(run)


def _failure_items(blist) -> bool:
    """Two or more items, each one paragraph that names something going wrong."""
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    return len(items) >= 2 and all(
        len(item.children) == 1 and isinstance(item[0], nodes.paragraph)
        and cues.names_failure(" ".join(item.astext().split())) for item in items)


def _failure_labelled_items(blist) -> bool:
    """Two or more items, each opening on a bold label ("**Uploads fail over 2 GB**: the proxy
    ...", "**Avatars are missing** - ..."), most of the labels naming a failure: a list of
    issues, each named by its label, whatever the heading over it ("Troubleshooting")."""
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    firsts = [item[0] for item in items if item.children and isinstance(item[0], nodes.paragraph)]
    labels = [_bold_label(p) or _bold_lead(p)[0] for p in firsts]
    if len(items) < 2 or len(firsts) < len(items) or not all(labels):
        return False
    return 2 * sum(cues.names_failure(label) for label in labels) > len(labels)


def _labelled_items(blist) -> bool:
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    return bool(items) and all(
        item.children and isinstance(item[0], nodes.paragraph) and _bold_label(item[0]) for item in items)


def _bold_lead(paragraph) -> tuple[str, str]:
    """("Avatars are missing", "the avatar service is unreachable from the server.") of an item
    opening "**Avatars are missing** - the avatar service ...": a bold run, a dash, and the first
    sentence after it; ("", "") for any other opening."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) < 2 or not isinstance(children[0], nodes.strong):
        return "", ""
    # ("**iptables**" on a line of its own, its text on the next: the line break separates them
    # as a dash would)
    following = paragraph.children[paragraph.children.index(children[0]) + 1:]
    after = nodes.paragraph("", "", *[c.deepcopy() for c in following]).astext()
    separator = _MESSAGE_SEPARATOR.match(after)
    if not separator or separator.group(1) == ":":
        return "", ""  # (a colon after bold is a label's: _bold_label)
    lead = " ".join(children[0].astext().split())
    said = " ".join(after[separator.end():].split())
    return (lead, SENTENCE.split(said)[0]) if not field_names(lead) else ("", "")


def _bold_label(paragraph) -> str:
    """"**Counting Quotas:** Another known issue is ...": the bold label an item opens with
    names its issue; "" when it opens otherwise or the label is a field ("**Cause:**")."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    if len(children) < 2 or not isinstance(children[0], nodes.strong):
        return ""
    label = " ".join(children[0].astext().split())
    if not (label.endswith(":") or children[1].astext().startswith(":")):
        return ""
    label = label.rstrip(":").strip()
    return "" if field_names(label) or len(label.split()) > 8 else label


def _message_only(paragraph) -> str:
    """The message a paragraph is made of, set off as code or emphasis or in quotes
    (`*Invalid provision state "available"*`), when it reads as an error; else ""."""
    children = [c for c in paragraph.children if not (isinstance(c, nodes.Text) and not c.strip())]
    text = " ".join(paragraph.astext().split())
    if len(children) == 1 and isinstance(children[0], (nodes.literal, nodes.emphasis, nodes.strong)):
        message = text
    else:
        message = next((q for q in quoted(text) if len(q) >= len(text) - 4), "")
    # ("**Agent crashing with below error**" over the record: it points to the message, no message)
    return message if len(message.split()) >= 2 and cues.reads_as_error(message) \
        and not cues.points_to_a_record(message) else ""


# "`error parsing subnet config` - The net conf is malformed.": a message, a dash or a
# colon, and what it means.
# ("#. ``BadRequest: ... must be configured.``" on a line of its own, what to do on the next:
# the line break separates them as a dash would)
_MESSAGE_SEPARATOR = re.compile(r"^\s*(-|–|—|:)\s+(?=\S)|^[ \t]*\n\s*(?=\S)")


def _message_item(item):
    """(message, explanation) of a list item that opens on a quoted message, or None."""
    paragraphs = [c for c in item.children if isinstance(c, nodes.paragraph)]
    if not paragraphs or not paragraphs[0].children or not isinstance(paragraphs[0][0], nodes.literal):
        return None
    message = " ".join(paragraphs[0][0].astext().split())
    rest = nodes.paragraph("", "", *[c.deepcopy() for c in paragraphs[0].children[1:]])
    separator = _MESSAGE_SEPARATOR.match(rest.astext())
    if not separator or len(message.split()) < 2:
        return None
    explanation = blocks_to_markdown([rest]).lstrip()
    explanation = re.sub(r"^\\?(-|–|—|:)\s+", "", explanation, count=1)  # as Markdown escapes it
    return message, explanation, paragraphs[0]


# "BadRequest: ...", "ValueError: ...": an exception's class and its message, as it prints
_RAISED = re.compile(r"^[A-Z][\w.]*[a-z][\w.]*:\s+\S")


def is_message_list(blist) -> bool:
    """A list every item of which is a quoted message, a dash or a colon, and what it means
    (the shape from_message_list reads; most messages reading as errors)."""
    items = [c for c in blist.children if isinstance(c, nodes.list_item)]
    read = [_message_item(item) for item in items]
    if not items or any(r is None for r in read):
        return False
    failing = [r for r in read if cues.reads_as_error(r[0]) or cues.names_failure(r[0])]
    if len(items) == 1:
        # One quoted error ("``BadRequest: Bad virtual_network request: ...``", an exception as
        # it prints) and what to do about it, a troubleshooting page's only entry; one item
        # quoting anything else is chance.
        return bool(failing or _RAISED.match(read[0][0])) and (
            cues.states_remedy(read[0][1]) or cues.states_cause(read[0][1]))
    return 2 * len(failing) >= len(read)


def from_message_list(body: list, found: list, skipped: list):
    """A list of log messages, each followed by what it means: an issue per message.

    Every item has the shape, and most of the messages read as errors: a list of commands
    or options ("`--iface` - the interface to use") explains no failure.
    """
    for blist in (b for b in body if isinstance(b, (nodes.bullet_list, nodes.enumerated_list))):
        if not is_message_list(blist):
            continue
        items = [c for c in blist.children if isinstance(c, nodes.list_item)]
        read = [_message_item(item) for item in items]
        for item, (message, explanation, paragraph) in zip(items, read, strict=True):
            prose = ProseFields(seen_block=True)
            prose.add("symptoms", escape(message))
            prose.symptom_nodes.append(paragraph)
            # What a message means is its cause, as a FAQ answer's first sentence is.
            prose.add("root_cause", explanation)
            for name, sentence in cue_sentences(explanation):
                if name != "root_cause":
                    prose.add(name, sentence)
            # Recorded as a list of known issues (a structure of its own would need a migration).
            found.append(Found(short_title(message), "known_issues", item.line or paragraph.line, prose,
                               signatures=[message], scope=[item]))


# "The following severity levels apply to known issues:" over "**Service** – Non-disruptive recoverable
# error that can be resolved through a workaround.": under a heading of known issues, a list its lead
# announces as levels, categories or terms defines the words the issues are sorted by; none is an issue.
_LEADS_TERMS = re.compile(
    r"\b(following|these|below) ([\w-]+ ){0,2}(levels|categories|terms|definitions|grades|ratings|classes|"
    r"classifications|labels|tags|priorities|severities|statuses|states|conventions|abbreviations|legend)\b"
    r"[^.:]*:\s*$", re.I)


def known_issue_lists(body: list, section_title: str) -> list:
    """The bullet lists of `body` that list known issues."""
    lists = []
    if is_resolved_list_title(section_title):
        return lists
    for position, node in enumerate(body):
        if isinstance(node, nodes.enumerated_list) and is_issue_list_title(section_title) \
                and _labelled_items(node):
            # "Known issues" over "1. **Services and Performance:** In case a cell is down ...":
            # numbered, each item named by its label is an issue as a bullet is. (Numbered
            # items without labels are as often the steps of one issue: "1. In case you face
            # below error ... 2. During troubleshooting you can also execute ...")
            lists.append(node)
            continue
        if isinstance(node, nodes.enumerated_list) and is_issue_list_title(section_title) \
                and _failure_items(node):
            # "Expected Failures" over "#. Some health checks are expected to fail due to ...",
            # "#. Using *fuel createmirror* is not supported since ...": numbered, each item one
            # paragraph stating a failure of its own, not the steps of one.
            lists.append(node)
            continue
        if isinstance(node, nodes.enumerated_list) and is_issue_list_title(section_title) \
                and _items_with_remedy_items(body, position):
            # "Common Technical Issues" over "#. Puppet fails with ::" / "* This is a Puppet bug."
            # / "* Workaround: ...": numbered, most entries with a remedy of their own in a list
            # under them, each is an issue (the steps of one issue remedy nothing each).
            lists.append(node)
            continue
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)) and _failure_labelled_items(node):
            # "- **Uploads fail over 2 GB**: the proxy limits ..." under "Troubleshooting": each
            # item names its failure in bold, as a known issue's heading would.
            lists.append(node)
            continue
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)) and _items_with_fields(node):
            # "#. A node is not visible in the PLUMgrid UI ..." over "**Solution**" and its text:
            # each item names its own fields, as an issue's sub-sections would.
            lists.append(node)
            continue
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)) and _headed_items(node) \
                and cues.is_procedure_title(section_title) and cues.subject(section_title).lower().startswith(
                    "troubleshoot"):
            # A "Troubleshooting" page whose list items each open on a heading of their own
            # (opencontrail's): each item is an issue, as a section under it would be.
            lists.append(node)
            continue
        if not isinstance(node, nodes.bullet_list):
            continue
        lead = body[position - 1] if position else None
        # "There are many ways to work around this issue, some are listed here:" leads a
        # list of remedies, not of issues.
        led = isinstance(lead, nodes.paragraph) and _leads_known_issues(lead.astext()) \
            and not cues.states_fix(lead.astext()) and not CAUSES_OF.search(lead.astext())
        if (is_issue_list_title(section_title) or led) and not (
                isinstance(lead, nodes.paragraph) and _LEADS_TERMS.search(lead.astext())):
            lists.append(node)
    return lists


# "<log record> means that an old RabbitMQ version (pre-2.0) is used.", "This indicates that
# the credentials were invalid.": a paragraph right after a quoted message that says what it means
_EXPLAINS = re.compile(
    r"^\W*((this|that|it|which)( error| message| entry)? )?(means|indicates|signals) that\b", re.I)


def from_explained_messages(body: list, found: list, skipped: list):
    """Messages each quoted in a literal block and explained by the paragraph after it ("The
    following entry:" / the record / "means that an old RabbitMQ version (pre-2.0) is used. ...
    It is recommended to use the latest stable release."), two or more in one section: the
    first is what the section's heading names; each one after it is an issue beside it, titled
    by what it means."""
    pairs = [n for n in range(1, len(body)) if isinstance(body[n - 1], nodes.literal_block)
             and isinstance(body[n], nodes.paragraph) and _EXPLAINS.match(body[n].astext())]
    if len(pairs) < 2:
        return
    for position in pairs[1:]:
        record, explanation = body[position - 1], body[position]
        lead = body[position - 2] if position >= 2 and isinstance(body[position - 2], nodes.paragraph) \
            and body[position - 2].astext().rstrip().endswith(":") else None
        prose = ProseFields(seen_block=True)
        if lead is not None:
            prose.add("symptoms", blocks_to_markdown([lead]))
        prose.add("symptoms", blocks_to_markdown([record]))
        prose.symptom_nodes.append(record)
        explained = blocks_to_markdown([explanation])
        remedies = [sentence for name, sentence in cue_sentences(explained)
                    if name in ("solution", "workaround")]
        for sentence in remedies:
            prose.add("solution", sentence)
        prose.add("root_cause", " ".join(s for s in SENTENCE.split(explained) if s not in remedies))
        meaning = first_sentence(explanation.astext()).rstrip(".")
        found.append(Found(short_title(meaning), "prose", explanation.line, prose,
                           scope=[*([lead] if lead is not None else []), record, explanation], beside=True))


# "Two known issues from this have emerged.", "There are three problems with this setup:": the
# count of the issues the next paragraphs tell
_COUNTED_ISSUES = re.compile(
    r"\b(two|three|four|five|a few|several|\d) (known |separate |related |different )?"
    r"(issues|problems|bugs|limitations|failures)\b", re.I)
# "One, when using swift store ...", "Second, ...", "Finally, ...": an entry of the count
_ORDINAL = re.compile(
    r"^\W*(one|two|three|four|five|first(ly)?|second(ly)?|third(ly)?|fourth(ly)?|fifth(ly)?|"
    r"finally|lastly)\s*[,:]\s+", re.I)


def from_counted_paragraphs(body: list, found: list, skipped: list):
    """A paragraph that counts the issues to come ("Two known issues from this have emerged.")
    over paragraphs each opening on an ordinal ("One, when using swift store as a back end for
    glance, glance fails to set the ACLs ...:" / its bug / "The workaround is to ..."; "Two,
    ..."): each ordinal paragraph, with the blocks up to the next, is an issue of its own; the
    section only gathers them."""
    for position, node in enumerate(body):
        if not isinstance(node, nodes.paragraph) or not _COUNTED_ISSUES.search(node.astext()):
            continue
        starts = [n for n in range(position + 1, len(body))
                  if isinstance(body[n], nodes.paragraph) and _ORDINAL.match(body[n].astext())]
        if len(starts) < 2 or starts[0] != position + 1:
            continue
        for start, end in zip(starts, [*starts[1:], len(body)], strict=True):
            lead, rest = body[start], body[start + 1:end]
            said = _ORDINAL.sub("", " ".join(lead.astext().split()), count=1)
            # (up to a colon too: "..., fails to set the ACLs:" over its bug link)
            title = re.split(r"(?<=:)\s", SENTENCE.split(said)[0])[0].rstrip(" :")
            prose = ProseFields(seen_block=True)
            prose.add("symptoms", _ORDINAL.sub("", blocks_to_markdown([lead]), count=1))
            prose.symptom_nodes.append(lead)
            for name, sentence in cue_sentences(blocks_to_markdown([lead])):
                prose.add(name, sentence)
            read_blocks(rest, prose)
            links = [*lead.findall(nodes.reference), *(r for b in rest for r in b.findall(nodes.reference))]
            if not cues.names_failure(title) and not prose.cue_found():
                skipped.append(Skipped(f"paragraph {title[:60]!r}", lead.line,
                                       "states no failure, cause or fix"))
                continue
            found.append(Found(short_title(title), "known_issues", lead.line, prose, links=links,
                               scope=[lead, *rest]))
        return


def _cuts(sentence: str) -> list[int]:
    """Where the sentence may be cut: just after each comma outside quotes."""
    cuts, quote = [], None
    for position, char in enumerate(sentence):
        if char in "\"`“”" and quote is None:
            quote = {"“": "”"}.get(char, char)
        elif char == quote:
            quote = None
        elif char == "," and quote is None:
            cuts.append(position + 1)
    return cuts


def main_clause(sentence: str) -> str:
    """What follows the first comma outside quotes: the consequence of an "If ..., ..."."""
    cuts = _cuts(sentence)
    return sentence[cuts[0]:].strip() if cuts else ""


_GOES_ON = re.compile(r"^(and|or|but|then|which|that|so|as|while|where|because|including|e\.g\.)\b", re.I)


def _consequence(sentence: str) -> str:
    """The main clause of a long "If A, B, and then C, <what happens>": what follows the last
    comma outside quotes that does not go on with the condition ("and then ...") or qualify
    what came before ("which ..."); "" when there is none."""
    starts = [c for c in _cuts(sentence) if sentence[c:].strip() and not _GOES_ON.match(sentence[c:].strip())]
    return sentence[starts[-1]:].strip() if starts else ""
# "If multiple MACs are returned ..., this might be because:": a condition seen names the
# failure the causes are of, so the paragraph is an issue of its own ("If it is not working,
# there are two possible reasons:" names none: "it" is its section's subject).
CONDITION_FIRST = re.compile(r"^\W*(if|when|whenever)\s+", re.I)


# (a quotation starts and ends at a word: in 'with "ERROR" or "PENDING"' the text between
# two quotations is none)
_QUOTED = re.compile(
    r"(?<![\w\"“`])[\"“`]{1,2}([^\s\"”`][^\"”`]{4,298}[^\s\"”`])[\"”`]{1,2}(?![^\W_]|[\"”`])")


def quoted(text: str) -> list[str]:
    """Errors quoted in a title or term: 'fails with "failed to update MAC address"'."""
    return [m.group(1).strip() for m in _QUOTED.finditer(text)
            if len(m.group(1).split()) >= 2 or cues.reads_as_error(m.group(1))]
