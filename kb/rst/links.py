"""Classifying upstream links and reading their status from the words around them."""

import re

_KINDS = (
    (re.compile(r"^https?://github\.com/[^/]+/[^/]+/issues/\d+"), "github_issue"),
    (re.compile(r"^https?://github\.com/[^/]+/[^/]+/pull/\d+"), "github_pr"),
    (re.compile(r"^https?://(bugs\.)?launchpad\.net/.*\+bug/\d+"), "launchpad_bug"),
    (re.compile(r"^https?://review\.(openstack|opendev)\.org/"), "gerrit_review"),
)
TRACKER_KINDS = {"github_issue", "github_pr", "launchpad_bug", "gerrit_review"}

_PARTIAL = re.compile(r"\bpartially fixed\b", re.I)
_FIXED = re.compile(r"\b(fixed|merged|accepted|backported|released|resolved)\b", re.I)
_OPEN = re.compile(
    r"\b(open|in progress|not yet|tbd|still being|to be fixed|proposed|wip|unresolved)\b", re.I
)


def link_kind(url: str) -> str:
    for pattern, kind in _KINDS:
        if pattern.match(url):
            return kind
    return "other"


def tracker_label(url: str, kind: str) -> str:
    """A name people recognise: 'Launchpad bug 1653088', 'kargo PR #656'."""
    numbers = re.findall(r"\d+", url)
    if kind == "other" or not numbers:
        return ""
    number = numbers[-1]
    if kind in ("github_issue", "github_pr"):
        repo = url.split("/")[4]
        return f"{repo} {'issue' if kind == 'github_issue' else 'PR'} #{number}"
    return f"{'Launchpad bug' if kind == 'launchpad_bug' else 'Gerrit review'} {number}"


def status_from_text(text: str, default: str = "unknown") -> str:
    """What the sentence around a link says of it; `default` when it says nothing."""
    if _PARTIAL.search(text):
        return "partially_fixed"
    fixed, still_open = bool(_FIXED.search(text)), bool(_OPEN.search(text))
    if fixed and still_open:
        return "partially_fixed"
    if fixed:
        return "fixed"
    if still_open:
        return "open"
    return default
