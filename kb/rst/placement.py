"""What the headings above a section make of it: under a changelog of resolved issues, under a
heading of known issues (or on an upgrade path's notes), under "Caveats"; and a title that names
a remedy field.

Moved out of kb/rst/parser.py as they were (issue #10's session of 2026-12-07 21:48 UTC).
"""

import re

from docutils import nodes

from . import (
    cues,
    structures,
)
from .fields import field_names
from .section_nodes import title_text


def under_resolved(section) -> bool:
    """The section or one above it is titled as resolved issues ("Fixed bugs")."""
    node = section
    while isinstance(node, nodes.section):
        if structures.is_resolved_list_title(title_text(node)[0]):
            return True
        node = node.parent
    return False


def known_issues_context(section) -> bool:
    if _removed_on_upgrade(section):
        return True
    node = section
    while isinstance(node, nodes.section):
        title = title_text(node)[0]
        if structures.is_issue_list_title(title):
            return True
        if node is not section and (cues.is_procedure_title(title) or names_remedy(title)):
            # "Ceph Common Issues" > "Troubleshooting Techniques" > "Ceph Commands"; "Common
            # Issues" > "Actions" > "Restart controller": the steps the issues point to.
            return False
        node = node.parent
    return False


def _removed_on_upgrade(section) -> bool:
    """"Upgrade: 2023.1 to 2023.2" > "FileStore support removal in Ceph Reef": on a page of notes
    for one upgrade path, a section titled by what the new release removes is a breaking change
    to expect on it, a known issue of that path. ("FWaaS project retired", "Step 1: Deploy new
    topology" under it are a lifecycle note and a step.)"""
    parent = section.parent
    return isinstance(parent, nodes.section) and bool(_UPGRADE_PATH.match(title_text(parent)[0])) \
        and bool(_REMOVAL.search(title_text(section)[0]))


_REMOVAL = re.compile(r"\b(removal|removed|dropped)\b", re.I)
_UPGRADE_PATH = re.compile(
    r"^\W*upgrad(e|es|ing)\b:?\s+(from\s+)?[\w.-]+( [\w.-]+)?\s+to\s+[\w.-]+( [\w.-]+)?\s*$", re.I)


def under_caveats(section) -> bool:
    """The nearest heading over it that lists issues is "Caveats": notes to take into account,
    a deployment's requirements as often as its failures."""
    node = section
    while isinstance(node, nodes.section):
        title = title_text(node)[0]
        if structures.is_issue_list_title(title):
            return bool(re.search(r"\bcaveats?\b", title, re.I))
        node = node.parent
    return False


def names_remedy(title: str) -> bool:
    return any(n in ("solution", "workaround") for n in field_names(title))
