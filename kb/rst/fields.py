"""Which section or term titles name which issue field, across documents."""

import re
from functools import lru_cache

# Each title, lower-cased with punctuation folded, names one or more fields.
FIELD_SYNONYMS = {
    "symptoms": ("symptoms",),
    "symptom": ("symptoms",),
    "problem": ("symptoms",),
    "description": ("symptoms",),
    "implication": ("symptoms",),
    "root cause": ("root_cause",),
    "root causes": ("root_cause",),
    "cause": ("root_cause",),
    "reason": ("root_cause",),
    "solution": ("solution",),
    "solutions": ("solution",),
    "resolution": ("solution",),
    "fix": ("solution",),
    "workaround": ("workaround",),
    "workarounds": ("workaround",),
    "resolution workaround": ("workaround",),
    "root cause and solution": ("root_cause", "solution"),
    "upstream issue": ("upstream",),
    "upstream issues": ("upstream",),
    "upstream": ("upstream",),
    "related bugs": ("upstream",),
    "bugs": ("upstream",),
    "bug": ("upstream",),
    "log signatures": ("signatures",),
    "signatures": ("signatures",),
    # kb's own: messages the issue logs that other failures log too (Signature.is_sign)
    "log signs": ("signs",),
    "related issues": ("related",),
    "affected environment platform": ("details",),
    "driver module": ("details",),
    "scenario": ("symptoms",),
    "example failure": ("symptoms",),
    "error": ("symptoms",),
    "error message": ("symptoms",),
    "error messages": ("symptoms",),
    "actions": ("solution",),
    # NVIDIA's GPU Operator troubleshooting (gathered22): `.. rubric:: Action` after "Root Cause",
    # as a table's "Action" column is the fix
    "action": ("solution",),
    "work around": ("workaround",),
    "causes": ("root_cause",),
    "possible causes": ("root_cause",),
    "how to fix": ("solution",),
    "how to fix this": ("solution",),
    "how to resolve": ("solution",),
    "how do i resolve this": ("solution",),
    "how do i fix this": ("solution",),
    "how did i get here": ("root_cause",),
    "what is likely occurring": ("root_cause",),
    "what is happening": ("root_cause",),
    "what can cause these sorts of failures": ("root_cause",),
    "why does this happen": ("root_cause",),
    "how do i not encounter this issue": ("workaround",),
    "how do i avoid this": ("workaround",),
    # metrics-server's KNOWN_ISSUES.md: **Known causes** / **Workaround** / **Known solutions**
    "known cause": ("root_cause",),
    "known causes": ("root_cause",),
    "known solution": ("solution",),
    "known solutions": ("solution",),
    "known workaround": ("workaround",),
    "known workarounds": ("workaround",),
    "prevention": ("workaround",),
    # aws-efs-csi-driver's FAQ (gathered17): "### Symptom" / "### Mitigation"; incident
    # write-ups name the remedy so too
    "mitigation": ("workaround",),
    "mitigations": ("workaround",),
    "remediation": ("solution",),
    "remedy": ("solution",),
    # kube-OVN's FAQ (gathered18): "### Behavior" / "### Solution" under each problem; bug
    # reports say "Observed behavior" for the same thing
    "behavior": ("symptoms",),
    "behaviour": ("symptoms",),
    "observed behavior": ("symptoms",),
    "observed behaviour": ("symptoms",),
    # alert runbooks (qubership-rabbitmq, gathered18): "### Recommended Actions to Resolve Issue"
    "recommended action": ("solution",),
    "recommended actions": ("solution",),
    "recommended actions to resolve issue": ("solution",),
    "recommended actions to resolve the issue": ("solution",),
    # bug reports, and rabbitmq's OAuth 2 troubleshooting page (gathered19): "#### Steps to
    # reproduce" tells what is done and seen
    "steps to reproduce": ("symptoms",),
    # thanos's troubleshooting page (gathered19): "### Possible Cause", "### Possible Solution",
    # "### Diagnostic and Possible Solution" beside "### Description" and "### Root Cause"
    "possible cause": ("root_cause",),
    "possible solution": ("solution",),
    "possible solutions": ("solution",),
    "diagnostic and possible solution": ("solution",),
    # aiven-operator's known issues (gathered19): "#### Issue" / "#### Impact" / "#### Solution"
    "issue": ("symptoms",),
    "impact": ("symptoms",),
    # Prometheus alert runbooks: "Meaning" (what the alert says is wrong), "Impact", "Diagnosis"
    # (how to look), "Mitigation" under the alert's name
    "meaning": ("symptoms",),
    "diagnosis": ("details",),
}
# rabbitmq's OAuth 2 page: "#### Steps to reproduce" then "#### Troubleshooting", its cause and
# fix. Only beside a symptom heading: elsewhere "Troubleshooting" is a chapter of its own.
TROUBLESHOOTING_FIELD = ("root_cause", "solution")
# Field headings asked as questions (ironic's "How did I get here?"): the
# same fields, recorded as a structure of their own.
QUESTION_HEADINGS = frozenset(k for k in FIELD_SYNONYMS if k.split()[0] in ("how", "what", "why"))

# "Case 1: Symptom", "Scenario 2 - Resolution": the field of one case among several, the case's
# label before it
_CASE_LABEL = re.compile(r"^\W*(case|scenario|variant|example)\s*#?\s*\d+\s*[:.)–—-]\s*(?=\w)", re.I)
_STATUS_SUFFIX = re.compile(r"\(\s*(fixed|partially fixed|open|not fixed)\s*\)\s*$", re.I)
_ABOUT_SUFFIX = re.compile(r"\s*\([^()]{1,80}\)\s*$")


# Questions that ask for a field of the issue they sit under, in words of their own ("What
# causes this misalignment?", "What steps can be taken to mitigate this issue?", "What are the
# symptoms of this issue?"): they refer back to it ("this", "these"); a question about anything else
# ("What causes high CPU usage?") is a question of its own.
_FIELD_QUESTIONS = (
    (re.compile(r"^what (are|is) the (symptoms?|signs?) of (this|these)\b", re.I), ("symptoms",)),
    (re.compile(r"^(what|which|why)\b.*\b(caus\w*|contribut\w*|lead\w* to|trigger\w*|reasons?)\b.*"
                r"\b(this|these)\b", re.I), ("root_cause",)),
    (re.compile(r"^(what|which|how)\b.*\b(mitigat\w*|fix\w*|resolv\w*|solv\w*|avoid\w*|prevent\w*|"
                r"work ?around|recover\w*)\b.*\b(this|these)\b", re.I), ("solution",)),
)


# Field headings and labels phrased in words of their own rather than as one field word:
# "What you might see", "Caused by", "How to avoid", "Indicators". Each pattern is the
# genre's phrase for one field, matched on the whole folded title.
_FIELD_PHRASES = (
    (re.compile(r"^(what|things?) (you|one|users?|operators?) ((might|may|will|would|could|can|should) )?"
                r"(see|notice|observe|encounter|experience)$|^(what|things?) (you|one|users?|operators?) "
                r"(might|may|will|would|could|can|should) get$"), ("symptoms",)),
    (re.compile(r"^(signs?|indicators?|indications?|how (it|this) (shows|looks)|"
                r"(example|sample|typical) (errors?|failures?|error messages?))$"), ("symptoms",)),
    (re.compile(r"^(caused|triggered) by$|^why (it|this) happens$|^why (did|does|do) (it|this) happen$"),
     ("root_cause",)),
    (re.compile(r"^how to (fix|resolve|solve|remedy|repair|recover)( (it|this|that|them))?$|^what to do$"),
     ("solution",)),
    (re.compile(r"^how to (avoid|prevent|work ?around)( (it|this|that|them))?$"), ("workaround",)),
    # "Problem description", "Issue statement": what the problem is, told as its description
    (re.compile(r"^(problem|issue|bug|failure) (description|statement|summary|details)$"), ("symptoms",)),
    # "Workaround out of the box", "Workaround after deploy", "Solution for managed services",
    # "Fix 2": a remedy word qualified by when, where or how it applies names the same field
    # ("Problems with .erlang.cookie" names a problem: a symptom word so qualified titles an issue)
    (re.compile(r"^(workarounds?|mitigations?)( \d+| (for|after|before|out of|with|without|when|if|using|"
                r"via|by|in|on|during|from)\b.*)$"), ("workaround",)),
    (re.compile(r"^(solutions?|fix(es)?|resolutions?|remed(y|ies))( \d+| (for|after|before|out of|with|"
                r"without|when|if|using|via|by|in|on|during|from)\b.*)$"), ("solution",)),
)
# "Common causes", "Likely reasons", "Possible solutions": a field word qualified as one of several.
_QUALIFIER = re.compile(r"^(common|most common|possible|likely|probable|typical|potential|main|known|"
                        r"suggested|recommended|temporary|quick|permanent|proposed) (?=\w)")
# "Fixes", "Remedies", "Reasons": the plural of a cause or fix word names the same field.
# (Not of the symptom's: "Issues" heads a chapter of issues, no field.)
_PLURAL = ((re.compile(r"ies$"), "y"), (re.compile(r"(?<=x)es$"), ""), (re.compile(r"s$"), ""))


@lru_cache(maxsize=4096)  # headings repeat: every issue has its Symptoms, Root cause, Solution
def field_names(title: str) -> tuple[str, ...]:
    """The fields a heading or term names, () when it names none."""
    folded = _fold(_CASE_LABEL.sub("", _STATUS_SUFFIX.sub("", title)))
    bare = _QUALIFIER.sub("", folded)
    names = FIELD_SYNONYMS.get(folded, ()) or FIELD_SYNONYMS.get(bare, ()) or _singular_field(bare)
    names = names or next((n for pattern, n in _FIELD_PHRASES if pattern.match(folded)), ())
    about = _ABOUT_SUFFIX.search(title)
    if not names and about and about.start():
        # "Symptom (`UAEX`)", "Remediation (`UF,URX` with a TLS error)": a field heading that
        # repeats, in brackets, the issue it is a field of
        names = FIELD_SYNONYMS.get(_fold(title[:about.start()]), ())
    return names or _asked_field(title)


def _singular_field(folded: str) -> tuple[str, ...]:
    for pattern, ending in _PLURAL:
        if pattern.search(folded):
            names = FIELD_SYNONYMS.get(pattern.sub(ending, folded), ())
            return names if names and "symptoms" not in names else ()
    return ()


def _asked_field(title: str) -> tuple[str, ...]:
    text = " ".join(title.split())
    if not text.endswith("?") or re.search(r"[\"“`]", text):
        return ()  # a question quoting a message asks about that message
    return next((names for pattern, names in _FIELD_QUESTIONS if pattern.search(text)), ())


def is_question_heading(title: str) -> bool:
    return _fold(title) in QUESTION_HEADINGS or bool(_asked_field(title))


def heading_status(title: str) -> str:
    """'Upstream issues (partially fixed)' -> 'partially_fixed'."""
    match = _STATUS_SUFFIX.search(title)
    if not match:
        return ""
    word = match.group(1).lower()
    return {"fixed": "fixed", "partially fixed": "partially_fixed"}.get(word, "open")


def _fold(title: str) -> str:
    title = title.lower().replace("/", " ")
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", title).split())
