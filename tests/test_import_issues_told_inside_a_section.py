"""Issues told inside a section that holds several, with no heading of their own (issue #10: the
"told inside another section" class of tests/eval/drop_reasons, the one that did not carry to
unseen documents).

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


BUG_BULLETS = """\
Known behavior
==============

- 2201187 A false alarm for the disk service is raised when the disk and the backup services
  run on different hosts.

- 2201190 Reporting is available only in HA mode.
"""


def test_a_false_alarm_is_something_going_wrong():
    # A numbered known issue that reports a false alarm names a fault (the alarm), as "fails"
    # would; one that states what a feature is limited to names none.
    assert titles("known.rst", BUG_BULLETS) == [
        "2201187 A false alarm for the disk service is raised when the disk and the backup "
        "services run on different hosts."]


NUMBERED_ENTRY = """\
In production
-------------

Some problems show up only under real load. Here is one, with what to do about it.

1. Uploads fail when the spool is full

**Symptom**: uploads stall, the spool size keeps growing

**Solution**: schedule the cleaner (a cron job).  In the file
  ``/etc/cron.d/spool``, add an entry such as the one below::

    0 * * * * spoolctl purge --older-than 2h
"""


def test_a_numbered_line_alone_over_labels_is_an_issue_of_its_own():
    # The number says it is an entry of the section; the labels under it are its fields, and a
    # label whose next lines are indented (docutils reads a definition) keeps them.
    (issue,) = issues("prod.rst", NUMBERED_ENTRY)
    assert issue.title == "Uploads fail when the spool is full"
    assert "uploads stall" in issue.symptoms
    assert "schedule the cleaner" in issue.solution and "/etc/cron.d/spool" in issue.solution
    assert "spoolctl purge" in issue.solution


def test_a_numbered_line_over_no_label_is_no_entry():
    plain = NUMBERED_ENTRY.replace("**Symptom**: ", "").replace("**Solution**: ", "")
    assert "Uploads fail when the spool is full" not in titles("prod.rst", plain)


def test_a_numbered_line_over_labels_in_markdown_is_an_issue_too():
    text = """\
# In production

Some problems show up only under real load. Here is one, with what to do about it.

1. Uploads fail when the spool is full

**Symptom**: uploads stall, the spool size keeps growing

**Solution**: schedule the cleaner with `spoolctl purge --older-than 2h` every hour.
"""
    (issue,) = issues("prod.md", text)
    assert issue.title == "Uploads fail when the spool is full" and "spoolctl purge" in issue.solution
