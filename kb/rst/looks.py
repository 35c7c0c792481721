"""A section whose cause and remedy only say where to look is no issue.

"If the service is not running, check its logs; if there are none, run it by hand: why it
cannot start will show in the output.", "The first thing is to read the controller's logs to
see if they say why the rule is not applied; raise the verbosity if they say nothing.", "One
should look for an error in the logs; the message will help to find the mistake.": a failure
named, and then only where its explanation will be found (logs, a command's output, a
container's state, more verbosity, a schema to validate against). Nothing says what causes the
failure nor what undoes it: the reader is sent to look, as the counting rules say ("check the
logs", "raise verbosity", "validate with the schema", "run it manually" are neither a cause
nor a fix). gathered32 took three such sections for issues (a Windows compute driver's
"services not running", a registry's "does not start", a policy engine's "partially applied")
and a proxy's FAQ a fourth. A sentence beside the looks that names a cause or a remedy of its
own ("If many throttling messages are found, raise the client's rate limits") keeps the issue.

Nor is a section whose advice opens on a purpose of investigating: "To debug network behavior
problems, trace the path of a packet, hop-by-hop ...", "Before debugging the problems of VM
connectivity ..., verify that the transport network functions properly." (only_investigates). Its
text is a method of diagnosis for problems of a kind, whatever it goes on to say: the steps are
how to find a failure, not one failure with its cause or remedy. Issue 10's study of invented
issues (2026-12-07, 31 over 32 folders) found advice on investigating problems in general taken
for issues in five folders (an FAQ's "The behavior isn't what I expect. Help!", an NSX plugin's
"Transport network connectivity", a 503 runbook's "Other error codes", a policy engine's and an
object store's diagnosis pages); this test takes the two whose advice says so at its opening,
and no counted issue of any folder.
"""

import re

from . import cues
from .prose import SENTENCE

REASON = "its cause and remedy only say where to look (logs, output, state, verbosity)"
INVESTIGATES = "its advice opens on how to investigate (a method of diagnosis, no failure's cause or remedy)"

# Sentences that send the reader to look, each a kind the counting rules name.
_LOOK = re.compile(
    # "check the log file for that container", "look for an error in the logs", "read the
    # Pod logs", "the first thing is to check the logs from the Pod"
    r"\b(check|look|read|inspect|examine|review|search|watch|see|consult|show)\w*\b(?:[^.;]|\.(?=\w)){0,60}?\blogs?\b|"
    r"\blogs? (files? )?(for|of|from) (that|the|each|this|a)\b|"
    # "the reason why the service could not start should be visible in the output", "the
    # message should help in figuring out the mistake"
    r"\b(reason|cause|error|message|output|logs?)\b[^.;]{0,60}?\b(should|will|would|can|may|might) "
    r"(be (visible|shown|seen|found|printed|displayed|logged)|help|show|tell|say|explain|describe)\b|"
    # "The output will contain the path of the service's command": what a look will show
    r"\b(output|command)\b[^.;]{0,30}\b(will|should) (contain|show|list|include|display)\b|"
    # "to see if it describes why a rule isn't working" (what the logs say; "to see if the
    # issue goes away" is a retry, which may remedy it)
    r"\bto see (if|whether|why) (it|they|the \w+) (describes?|explains?|says?|shows?|tells?|contains?)\b|"
    # "run the services manually", "start the agent by hand"
    r"\b(run|start)\b[^.;]{0,60}?\b(manually|by hand|in the foreground)\b|"
    # "run the following command to check whether all containers are Up" (a checklist of named
    # conditions, "check whether the volume exists", names causes: it is no look)
    r"\b(check|verify|confirm|see) (if|whether)\b[^.;]{0,60}\b(up|running|started)\b|"
    # "one way to check the configuration is well-formed is to validate it with the schema"
    r"\bvalidat\w+ (it|them|the \w+) (with|against)\b|"
    # "This will help troubleshoot the service's issues."
    r"\bhelps? (to )?(troubleshoot|debug|diagnose)\b|"
    # "Edit the configuration file and add the following: debug = True": more logging
    r"\bdebug\s*[=:]\s*true\b|"
    # "add the `-v` switch or increase to a higher level"
    r"(?<![\w-])-v(=\d+)?\b",
    re.I)
# ("check if the FORWARD policy is set to ACCEPT" tells the value to set; "check if you are
# hitting #2321" names the bug met)
_NOT_A_LOOK = re.compile(r"\b(is|are) (set|configured) to\b|#\d{2,}|\bhitting\b", re.I)
# A code block is read with the sentence it follows ("add the following:" and the settings)
_FENCE = re.compile(r"\s*```\w*\n?(.*?)```", re.S)
# list items and paragraphs are read apart: "- Communication is blocked." then "- Check whether"
_ITEM = re.compile(r"\n\s*\n|\n\s*(?:[-*+]|\d+[.)])\s+")


def _parts(markdown: str) -> list[list[str]]:
    """The paragraphs and list items of a field, as their sentences of more than two words; a
    code block is part of the paragraph before it."""
    text = _FENCE.sub(lambda m: " " + " ".join(m.group(1).split()) + "\n\n", markdown)
    # ("Look for device errors in the logs; for how to resolve each, refer to the vendor's guide":
    # the clause after a semicolon is read on its own)
    parts = [[c for s in SENTENCE.split(" ".join(part.split())) for c in s.split("; ") if len(c.split()) > 2]
             for part in _ITEM.split(text)]
    return [part for part in parts if part]


def is_a_look(sentence: str) -> bool:
    """The sentence sends the reader to look (logs, output, state, verbosity, a schema)."""
    if _NOT_A_LOOK.search(sentence):
        return False
    return bool(_LOOK.search(sentence)) or cues.asks_for_more_logging(sentence)


def only_says_where_to_look(issue) -> bool:
    """Every paragraph and list item of its cause and remedy is a look, and it quotes no error.

    A paragraph or item that opens on a look is one whole ("If the logs say nothing, raise the
    verbosity by editing the deployment. To edit it, run ... Revert it afterwards."): the
    sentences after it are the steps of that look, unless one states a cause or a remedy of its
    own ("Check the logs for throttling. If many are found, raise the client's rate limit.")."""
    if issue.signatures:
        return False
    parts = [part for field in (issue.root_cause, issue.solution, issue.workaround) for part in _parts(field)]
    return bool(parts) and all(_a_look(part) for part in parts)


def _a_look(sentences: list[str]) -> bool:
    return is_a_look(sentences[0]) and not any(
        not is_a_look(s) and (cues.states_remedy(s) or cues.states_cause(s)) for s in sentences[1:])


# "To debug network behavior problems, ...", "Before debugging the problems of ...", "When
# troubleshooting ...": the advice says it is a way to investigate
_INVESTIGATING = re.compile(
    r"^\W*(in order )?(to|before|when|while) (further )?(debug|troubleshoot|diagnos|investigat)\w*\b", re.I)


def only_investigates(issue) -> bool:
    """The first paragraph of its advice (its cause, else its fix) opens on a purpose of
    investigating, and it quotes no error: a method of diagnosis, no issue. An issue whose cause
    is told first keeps its steps of investigating as its fix."""
    if issue.signatures:
        return False
    parts = [part for field in (issue.root_cause, issue.solution, issue.workaround) for part in _parts(field)]
    return bool(parts) and bool(_INVESTIGATING.match(parts[0][0]))
