"""An issue's status, derived from what its document says when it does not state one."""

import re

# kb.models.Issue.Status, restated here so that parsing needs no Django.
STATUSES = ("fixed", "partially_fixed", "workaround", "investigating", "config_fix", "unknown")

_INVESTIGATING = re.compile(
    r"\b(under investigation|under debug|not clear yet|unknown root cause|being investigated)\b", re.I
)


def derive_status(issue, upstream_heading_status: str) -> str:
    """fixed / partially_fixed from the upstream heading or links, else from the fields.

    The order matters: a heading "(partially fixed)" outranks a link that says
    "fixed"; a Solution that only says "still under investigation" is no fix.
    """
    if upstream_heading_status in ("fixed", "partially_fixed"):
        return upstream_heading_status
    trackers = [link.status for link in issue.upstream if link.kind != "other"]
    if trackers and "partially_fixed" in trackers:
        return "partially_fixed"
    if trackers and "fixed" in trackers:
        return "fixed" if all(s in ("fixed", "unknown") for s in trackers) else "partially_fixed"
    investigating = _INVESTIGATING.search(" ".join([issue.root_cause, issue.solution]))
    if issue.solution and not investigating:
        return "config_fix"
    if issue.workaround:
        return "workaround"
    if investigating:
        return "investigating"
    return "unknown"
