"""Issues told by a condition inside a section: "If you see <error> ..." paragraphs followed by a
remedy, conditions named within a paragraph, a failure followed by a checklist of what to check,
and a paragraph that introduces the causes of a failure listed under it ("If multiple MACs are
returned ..., this might be because:"; cause_lists, CAUSES_AHEAD).

Moved out of kb/rst/structures.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re
from dataclasses import dataclass

from docutils import nodes

from . import cues
from .markdown import blocks_to_markdown, escape
from .prose import SENTENCE, ProseFields, cue_sentences, read_blocks
from .structures import CAUSES_OF, CONDITION_FIRST, Found, Skipped, main_clause, short_title

# "If you see an error about a volume already existing such as:", "If you get a driver not
# found error ...": a paragraph that names what is seen, with the remedy after it.
_IF_YOU_SEE = re.compile(
    r"^\W*(if|when|in case) (you|the \w+)( \w+)? (see|sees|get|gets|encounter|encounters|receive|receives|"
    r"hit|hits|notice|notices|observe|observes|run into|runs into)\b|"
    # "If you interrupt dlrn during mock build you might get an error": what is done, then
    # what is seen
    r"^\W*(if|when|in case) (you|the \w+) [^,.:]{1,80}?,? (you|it|this) (might|may|will|could|can|would) "
    r"(also )?(see|get|encounter|receive|hit|run into)\b|"
    # "If the logs from the Velero deployment contain the error message ..."
    r"^\W*(if|when) (the )?(logs?|output)\b[^,.]{0,40}? (contains?|shows?)\b|"
    # "If the agent fails to start with `bind: address already in use`, ...": a failure met,
    # with the error it gives
    r"^\W*(if|when) [^,.:]{1,60}? (fails?|failed|crash(es|ed)?|exits?|exited|aborts?|aborted|errors? out)"
    r"( to [\w-]+)?( [\w-]+)? with\b|"
    # "If no replies are received, it might be that ARP requests are blocked somehow.": what is
    # seen, then what may cause it
    r"^\W*if [^,.:]{1,80}, (it|this) (might|may|could) be (that|because|due to)\b", re.I)


def tells_what_is_seen(paragraph) -> bool:
    """An "If you see ..." paragraph (from_conditions reads it)."""
    return isinstance(paragraph, nodes.paragraph) and bool(_IF_YOU_SEE.match(paragraph.astext()))


# "If you still see ...", "If the error still occurs": the one told before.
_STILL_SEEN = re.compile(r"\b(still|persists?|continues? to)\b", re.I)


def from_conditions(body: list, found: list, skipped: list):
    """'If you see <error>' paragraphs: each is an issue beside its section's own.

    The paragraph (and the literal blocks right after it) must quote or name an error;
    the rest of the paragraph and the next paragraph must name a cause or give a remedy.
    """
    for item in (n for b in body if isinstance(b, nodes.enumerated_list) for n in b.children):
        # A step of a procedure may hold one too ("1. Confirm that the plugin supports
        # multiple credentials. / If the logs contain the error message ..., ...").
        if isinstance(item, nodes.list_item):
            from_conditions(list(item.children), found, skipped)
    for position, node in enumerate(body):
        if not isinstance(node, nodes.paragraph) or not _IF_YOU_SEE.match(node.astext()):
            continue
        seen = [node]
        after = position + 1
        while after < len(body) and isinstance(body[after], (nodes.literal_block, nodes.block_quote)):
            seen.append(body[after])
            after += 1
        sentences = re.split(r"(?<=[.!?:])\s+", " ".join(node.astext().split()))
        what = " ".join([sentences[0], *(n.astext() for n in seen[1:])])
        consequence = main_clause(sentences[0])
        condition = sentences[0][:len(sentences[0]) - len(consequence)] if consequence else sentences[0]
        # "If you see node attempting PXE boot on the wrong network, reboot ...": what is seen
        # may be told in words, not quoted.
        if not (cues.reads_as_error(what) or cues.names_failure(condition)):
            continue  # "If you see the response "ceph v2", the connection succeeded."
        if _NO_ERROR_SEEN.search(condition):
            continue  # "If you see no error events about your DNS provider, check ...": none seen
        if _STILL_SEEN.search(condition):
            # "If you still see Permission denied errors, then ...": the failure told above
            # outlasts its first remedy; a further remedy of it, no issue of its own.
            skipped.append(Skipped(f"paragraph {sentences[0][:60]!r}", node.line,
                                   "the failure above persists: a further remedy of it"))
            continue
        prose = ProseFields(seen_block=True)
        said = SENTENCE.split(blocks_to_markdown([node]))
        # "If the logs contain the error message "...", the version of your plugin does not
        # yet support multiple credentials.": what follows the condition may explain it.
        told = cue_sentences(main_clause(said[0]))
        remedied = [name for name, _ in told if name in ("solution", "workaround")]
        # "If you see <failure>, make sure that ...": what is seen is the condition; the rest
        # is the remedy, no part of the symptom or the title
        seen_told = condition.rstrip(" ,") if remedied and consequence else sentences[0]
        told_markdown = said[0] if seen_told == sentences[0] else _condition_markdown(said[0], condition)
        prose.add("symptoms", told_markdown)
        prose.add("symptoms", blocks_to_markdown(seen[1:]))
        prose.symptom_nodes += seen
        for name, sentence in told + cue_sentences(" ".join(said[1:])):
            prose.add(name, sentence)
        following = []
        if after < len(body) and isinstance(body[after], nodes.paragraph) \
                and not _IF_YOU_SEE.match(body[after].astext()):
            following = [body[after]]
            read_blocks(following, prose)
        if remedied and node.astext().rstrip().endswith(":") and after < len(body) \
                and isinstance(body[after], (nodes.bullet_list, nodes.enumerated_list)):
            # "..., make sure that:" announces its checklist: the list is the remedy's own
            following = [body[after]]
            prose.add(remedied[-1], blocks_to_markdown(following))
        if not (prose.root_cause or prose.states_remedy()):
            skipped.append(Skipped(f"paragraph {sentences[0][:60]!r}", node.line,
                                   "states no cause or remedy"))
            continue
        found.append(Found(short_title(seen_told.rstrip(":")), "prose", node.line, prose,
                           scope=[*seen, *following], beside=True))


def from_conditions_within(body: list, found: list, skipped: list):
    """An "If you receive `<error>`, try ..." sentence inside a paragraph that opens on something
    else ("If this does work check if your cluster can see it too. ... If you receive a `tls:
    handshake failure`, try setting the annotation ..."): a quoted error, met, and the remedy for
    it in the same sentence, is an issue beside its section's, as such a paragraph would be
    (from_conditions). A condition that names a failure in words only ("If you get a connection
    error it is suggested to check ...") is the paragraph's prose."""
    for node in body:
        if not isinstance(node, nodes.paragraph) or _IF_YOU_SEE.match(node.astext()):
            continue
        said = SENTENCE.split(blocks_to_markdown([node]))
        for number, sentence in enumerate(said[1:], start=1):
            text = cues.plain(" ".join(sentence.split()))
            if not _IF_YOU_SEE.match(text) or _STILL_SEEN.search(text) or "`" not in sentence:
                continue
            consequence = main_clause(text)
            condition = text[:len(text) - len(consequence)].rstrip(" ,") if consequence else ""
            quotes = re.findall(r"`+([^`]+)`+", _condition_markdown(sentence, condition) if condition else "")
            if not condition or not quotes or not cues.states_remedy(consequence) or not (
                    any(cues.reads_as_error(q) for q in quotes) or cues.names_failure(condition)):
                continue
            prose = ProseFields(seen_block=True)
            prose.add("symptoms", _condition_markdown(sentence, condition))
            prose.add("solution", " ".join([consequence, *said[number + 1:number + 2]]))
            found.append(Found(short_title(condition), "prose", node.line, prose, beside=True,
                               signatures=[q for q in quotes if cues.reads_as_error(q)]))


def _condition_markdown(said: str, condition: str) -> str:
    """The markdown sentence `said` cut where its plain-text `condition` ends (at the comma
    after the same number of words); the whole of it when they do not line up."""
    count = len(condition.split())
    cut = re.match(r"\s*(?:\S+\s+){" + str(max(count - 1, 0)) + r"}\S+?(?=,)", said)
    return cut.group(0).strip() if cut else said


# "If Grafana contains no data, use the following troubleshooting tips:": a failure, and the
# list that deals with it announced. (A full stop may announce it too: "If you cannot access the
# Nagios web UI, use the following troubleshooting tips.")
_FAILURE_THEN_LIST = re.compile(
    r"^\W*(if|when) ([^,]{3,120}), [^.]{0,80}\b(following|these|below)\b[^.]{0,40}[:.]$", re.I)


def from_failure_checklist(body: list, found: list, skipped: list):
    """A paragraph naming a failure that announces the list under it ("If Grafana contains no
    data, use the following troubleshooting tips:"), whose items remedy some of the conditions
    they check ("If the InfluxDB service is not running, restart it"): one issue, the failure,
    its checks the conditions that cause it and the remedies its fix. A list of checks with no
    remedy is a diagnostic procedure, no issue."""
    for position, node in enumerate(body[:-1]):
        after = body[position + 1]
        lead = " ".join(node.astext().split()) if isinstance(node, nodes.paragraph) else ""
        announced = bool(_REMEDY_AHEAD.search(lead))
        if announced and _only_a_list(after):
            # ("If you encounter image download failures ..., do the following to resolve the
            # issue:" over its steps indented: a quote holding only the list)
            after = after[0]
        if not isinstance(node, nodes.paragraph) or not isinstance(after, (nodes.bullet_list,
                                                                            nodes.enumerated_list)):
            continue
        match = _FAILURE_THEN_LIST.match(lead)
        if not match or not cues.names_failure(match.group(2)):
            continue
        # (A line indented less than the items breaks the list in two, as a quote between:
        # the steps go on in the list after it.)
        run = [after]
        for block in body[position + 2:]:
            if not isinstance(block, (nodes.bullet_list, nodes.enumerated_list, nodes.block_quote)):
                break
            run.append(block)
        items = [i for b in run if not isinstance(b, nodes.block_quote)
                 for i in b.children if isinstance(i, nodes.list_item)]
        # (Announced as what resolves the failure, "do the following to resolve the issue:", a
        # step need not open on its condition: "Check if the pull limit was reached ... Provide
        # credentials and re-run ...", "Run ... Else run: systemctl restart ...")
        remedies = [i for i in items if (announced or CONDITION_FIRST.match(i.astext()))
                    and cues.states_remedy(" ".join(i.astext().split()))]
        if not remedies:
            skipped.append(Skipped(f"paragraph {match.group(0)[:60]!r}", node.line,
                                   "its list checks, and remedies nothing"))
            continue
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", blocks_to_markdown([node]))
        prose.symptom_nodes.append(node)
        prose.add("root_cause", blocks_to_markdown(run))
        prose.add("solution", "\n\n".join(blocks_to_markdown(r.children) for r in remedies))
        # ("If you encounter image download failures ...": titled by what is met, not the meeting)
        title = _MEETS.sub("", match.group(2).strip())
        found.append(Found(short_title(title[:1].upper() + title[1:]), "prose", node.line, prose,
                           scope=[node, *run]))


# "Confirm that the pod exposes the metrics port", "Make sure the pool exists", "Check whether
# the agent runs": a check of a named condition. ("Check the logs" names none.)
# ("If the CNI operates at Layer 2, please confirm whether the Pod CIDR is routable": the check
# of one case)
_CHECK_ITEM = re.compile(r"^\W*((if|when) [^,.]{1,100}, )?(please )?((confirm|verify|check|validate)\b"
                         r"[^.:;]{0,60}?\b(that|whether|if)\b|(make sure|ensure)\b)", re.I)
# "Make sure to check the following:", "Verify these:": the list below is of checks.
_CHECKS_AHEAD = re.compile(
    r"\b(check|verify|confirm|make sure|ensure)\b[^.]{0,30}\b(following|these)\s*:\s*$", re.I)


def checklist(body: list):
    """The first list of two or more checks of named conditions, or one a paragraph announces as
    checks ("Make sure to check the following:"); None when there is none."""
    for position, node in enumerate(body):
        if not isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            continue
        items = [" ".join(i.astext().split()) for i in node.children if isinstance(i, nodes.list_item)]
        lead = body[position - 1] if position else None
        led = isinstance(lead, nodes.paragraph) and _CHECKS_AHEAD.search(" ".join(lead.astext().split()))
        if len(items) >= 2 and (led or 2 * sum(bool(_CHECK_ITEM.match(i)) for i in items) >= len(items)):
            return node
    return None


# "no error events", "no errors or warnings", "without any error": the absence of a failure
_NO_ERROR_SEEN = re.compile(r"\b(no|without( any)?)\s+([\w-]+\s+)?(errors?|warnings?|failures?)\b", re.I)


# A sentence that introduces a list of causes: "this might be because:", "Things that may
# cause the assignment not to work are:", "... because of multiple factors:"; or a failure
# with the conditions it happens under: "A given speaker won't advertise the service if:".
# ("If for some reason you need to create it yourself, use this procedure:": the idiom gives
# no reason; the list is the procedure's steps)
CAUSES_AHEAD = re.compile(
    r"\b(because|caused? by|causes?|due to|(?<!\bsome )(?<!\bany )(?<!\bwhatever )reasons?|factors)\b", re.I)
_CONDITIONS_AHEAD = re.compile(r"\b(if|when|unless)\s*:\s*$", re.I)
_MEETS = re.compile(
    r"^(you|we|users?|one) (encounter|see|get|hit|experience|run into|notice|observe)\s+(?=\w)", re.I)
# "..., do the following to resolve the issue:": the list below is the remedy
_REMEDY_AHEAD = re.compile(r"\bto (resolve|fix|solve|remedy|address) (the|this|these) "
                           r"(issues?|problems?|errors?|failures?)\s*:$", re.I)


def _only_a_list(block) -> bool:
    """A block quote holding one list and nothing else: a list indented under its lead."""
    return isinstance(block, nodes.block_quote) and len(block.children) == 1 \
        and isinstance(block[0], (nodes.bullet_list, nodes.enumerated_list))


@dataclass
class CauseList:
    lead: object  # the paragraph
    sentence: str  # its last sentence, which introduces the list
    items: object  # the list
    own: bool  # it names its failure itself; else it explains its section's


def cause_lists(body: list) -> list[CauseList]:
    """Paragraphs ending in a colon that introduce causes, with the list right under them.

    A list of checks ("pick one and check if:", "Things to check are:") or of remedies
    ("several ways to solve this issue:") introduces no causes: a cause word, or a failure
    stated with the conditions it happens under, is needed.
    """
    out = []
    for position, node in enumerate(body[:-1]):
        after = body[position + 1]
        if not isinstance(node, nodes.paragraph) or not isinstance(after, (nodes.bullet_list,
                                                                            nodes.enumerated_list)):
            continue
        text = " ".join(node.astext().split())
        sentence = SENTENCE.split(text)[-1]
        if not sentence.endswith(":"):
            continue
        failure = cues.names_failure(sentence)
        causes_word = CAUSES_AHEAD.search(sentence)
        if not (causes_word or (_CONDITIONS_AHEAD.search(sentence) and failure)):
            continue
        condition = CONDITION_FIRST.match(sentence)
        if condition:
            own = not cues.refers_back(sentence[condition.end():])
        else:  # "Things that may cause X are:" lists causes of its section's failure
            own = not causes_word and failure and not cues.refers_back(sentence)
        if not (own or cues.names_failure(text) or CAUSES_OF.search(sentence)):
            continue  # "Reasons for doing this include:": reasons for an action, not causes of a failure
        out.append(CauseList(node, sentence, after, own))
    return out


def from_cause_lists(body: list, found: list, skipped: list):
    """A cause list that names its own failure is an issue beside its section's."""
    for causes in cause_lists(body):
        if not causes.own:
            continue
        prose = ProseFields(seen_block=True)
        prose.add("symptoms", escape(causes.sentence.rstrip(":")))
        prose.symptom_nodes.append(causes.lead)
        prose.add("root_cause", blocks_to_markdown([causes.items]))
        found.append(Found(short_title(causes.sentence.rstrip(": ")), "prose", causes.lead.line, prose,
                           scope=[causes.lead, causes.items], beside=True))
