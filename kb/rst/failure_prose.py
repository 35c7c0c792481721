"""What a section's paragraphs tell, whatever its title says: a failure, how it shows, a failure
under a condition, a problem and its remedy, a remedy called the solution, errors a lead
announces in a list; and a sentence that tells what a feature avoids.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    cues,
    one_sentence,
    structures,
)
from .prose import SENTENCE, first_sentence


def tells_a_failure(blocks) -> bool:
    """Its paragraphs and lists name something going wrong (cues.names_failure)."""
    text = " ".join(b.astext() for b in blocks
                    if isinstance(b, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list)))
    return cues.names_failure(" ".join(text.split()))


# "To fix this issue", "To work around this problem": a remedy of the problem just told
_REMEDIES_IT = re.compile(r"\bto (resolve|fix|remedy|work ?around|avoid|prevent|solve|correct|address) "
                          r"(this|these|that|the) (issue|problem|error|failure|situation)s?\b", re.I)


def opens_on_a_problem_and_its_remedy(blocks) -> bool:
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


def listed_errors(blocks) -> list[str]:
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


def tells_how_it_shows(blocks) -> bool:
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


def calls_its_remedy_the_solution(blocks) -> bool:
    """"Power requests are issued for deleted hosts": "... a host is not deleted from Ironic in
    case of a forced deletion ... The only solution is again to delete the Ironic's internal
    database.": its text tells a failure and calls what it advises the solution of it, whatever
    the title says."""
    text = " ".join(" ".join(b.astext().split()) for b in blocks if isinstance(b, nodes.paragraph))
    return bool(_SOLUTION_IS.search(text)) and cues.names_failure(text)


def explains_a_failure_and_remedies_it(blocks) -> bool:
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


def condition_of_a_failure(content) -> str:
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
FEATURE_AVOIDS = re.compile(
    r"^\W*by (using|enabling|configuring|turning on|setting) (the |this |that )?[^,.]{0,80}?"
    r"\b(feature|option|setting|mode|mechanism|functionality)\b[^,.]{0,40}, (you|one|operators?|users?|"
    r"administrators?) (can|may|could) (avoid|prevent)\b", re.I)
_WITHOUT_IT = re.compile(r"^\W*without (this|it|that|these|those|them|which)\b", re.I)
_CAN_GO_WRONG = re.compile(r"\b(can|may|might|could|will)( not)? (be|get|become)\b", re.I)
