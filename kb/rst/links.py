"""Classifying upstream links and reading their status from the words around them."""

import re

from docutils import nodes

from .records import ParsedLink

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


# Where each tracker's URL holds the number people know it by. Not the last number of the URL:
# a Gerrit change's patch set (/#/c/274097/6/doc/...) was labelled "Gerrit review 6", a
# comment's id (+bug/1072751/comments/5) "Launchpad bug 5".
_NUMBER = {
    "github_issue": re.compile(r"/issues/(\d+)"),
    "github_pr": re.compile(r"/pull/(\d+)"),
    "launchpad_bug": re.compile(r"\+bug/(\d+)"),
    "gerrit_review": re.compile(r"^https?://[^/]+/(?:[^?#]*/\+/|#/c/(?:[^?#]*/\+/)?|c/)?(\d+)"),
}


def tracker_label(url: str, kind: str) -> str:
    """A name people recognise: 'Launchpad bug 1653088', 'kargo PR #656'."""
    found = _NUMBER[kind].search(url) if kind in _NUMBER else None
    if not found:
        return ""
    number = found.group(1)
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


def add_link(links, ref, default, any_kind=False, trackers_only=False):
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
