"""What the importer does not take for an issue: notes, designs and guides that speak of failures
(issue #10, the classes of tests/data/gathered22's invented issues).

An invented issue is worse than a missed one: the team gets noise in its knowledge base. Each
document here is our own, written in the shapes that made the importer invent one (a page on
how a system heals itself, a Docusaurus note indented as prose, a page's introduction under
"Known issues", a diagnostic walkthrough titled by the failure it looks for); beside each, the
shape that is an issue still is one.
"""

from kb.rst import cues, parse_bytes


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in parse_bytes(name, text.encode()).issues]


SELF_HEALING = """\
# Failure Modes

:::note
    Earlier releases listed every failure scenario here. They follow the platform's
    own behaviour, so this page now only describes what the controller does.
:::

:::info[Important]
    For production clusters we recommend a support contract.
:::

## Self-healing

### Replica failure

If a replica fails:

- The controller takes it out of the read service.
- Its volume is removed from the pool and a new replica is created from a backup.

## Manual steps

### Pausing the controller

The `example.org/paused` annotation stops the controller from changing the resource.

:::warning
    Remove this annotation as soon as the issue is resolved. Leaving it in place
    stops failover.
:::
"""


def test_a_page_on_how_a_system_heals_itself_holds_no_issue():
    # The notes are prose (Docusaurus reads its notes as MDX, which has no indented code), not
    # errors quoted; "Failure Modes" names a topic; what the controller does when a replica
    # fails is its design, no cause.
    document = parse_bytes("failures.md", SELF_HEALING.encode())
    assert document.issues == []


def test_a_docusaurus_note_with_a_bracketed_title_is_a_note():
    text = ("# Cache\n\n## Writes fail when the cache fills the disk\n\nThe cache grows without bound.\n\n"
            ":::tip[Workaround]\n    To fix this, set `max_size` and restart the service.\n:::\n")
    [issue] = parse_bytes("cache.md", text.encode()).issues
    assert "**Workaround**" in issue.solution and ":::" not in issue.solution
    assert issue.signatures == []


def test_failure_qualifying_a_topic_names_no_failure():
    assert not cues.is_symptom_title("Failure Modes")
    assert not cues.is_symptom_title("Failure domains and scenarios")
    assert cues.is_symptom_title("Replica failure")
    assert cues.is_symptom_title("Failures after the upgrade")


def test_a_list_that_says_what_to_do_under_a_lone_condition_is_still_a_fix():
    text = ("# Replicas\n\n## Replica does not start\n\nIf the replica does not start:\n\n"
            "- Delete its volume claim and restart it.\n")
    [issue] = parse_bytes("replica.md", text.encode()).issues
    assert "restart it" in issue.solution
