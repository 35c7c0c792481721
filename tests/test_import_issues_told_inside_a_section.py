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
