"""A sub-section with labelled fields of its own, under an issue told by field headings, is an
issue of its own (issue #10, gathered32's managed-Kubernetes FAQ: kb/rst/field_sections.py
holds_labelled_fields).

The document here is our own, written in the shape a real one had; the test fails on the
importer before the rule was written.
"""

from kb.rst import parse_bytes

CHECK_ITEMS = """\
What If a Job Stays Pending?
============================

Symptom
-------

The job stays pending.

Troubleshooting
---------------

The possible causes are listed from the likeliest on.

Check Item 1: Whether the Runner Image Was Removed
--------------------------------------------------

**Symptom**

Creating the job fails with an error saying that the runner image cannot be pulled.

**Possible Cause**

The runner image is installed with the node. If it is removed, jobs cannot start.

**Solution**

Load the runner image again from the node's package directory.

Check Item 2: Node Size Changed
-------------------------------

After the node's size changes, its saved CPU state no longer matches. Delete the saved state
and restart the node agent.
"""


def test_a_check_item_with_its_own_labelled_fields_is_an_issue_of_its_own():
    # The page is an issue by its "Symptom" / "Troubleshooting" headings; "Check Item 1" labels
    # a symptom, a cause and a solution of its own: one more issue. "Check Item 2", with no
    # labels, stays part of the page's issue.
    titles = [i.title for i in parse_bytes("pending.rst", CHECK_ITEMS.encode()).issues]
    assert titles == ["What If a Job Stays Pending?", "Check Item 1: Whether the Runner Image Was Removed"]
