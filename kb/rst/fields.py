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
    "related issues": ("related",),
    "affected environment platform": ("details",),
    "driver module": ("details",),
    "scenario": ("symptoms",),
    "example failure": ("symptoms",),
    "error": ("symptoms",),
    "error message": ("symptoms",),
    "error messages": ("symptoms",),
    "actions": ("solution",),
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
}
# Field headings asked as questions (ironic's "How did I get here?"): the
# same fields, recorded as a structure of their own.
QUESTION_HEADINGS = frozenset(k for k in FIELD_SYNONYMS if k.split()[0] in ("how", "what", "why"))

_STATUS_SUFFIX = re.compile(r"\(\s*(fixed|partially fixed|open|not fixed)\s*\)\s*$", re.I)


@lru_cache(maxsize=4096)  # headings repeat: every issue has its Symptoms, Root cause, Solution
def field_names(title: str) -> tuple[str, ...]:
    """The fields a heading or term names, () when it names none."""
    return FIELD_SYNONYMS.get(_fold(_STATUS_SUFFIX.sub("", title)), ())


def is_question_heading(title: str) -> bool:
    return _fold(title) in QUESTION_HEADINGS


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
