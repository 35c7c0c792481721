"""A remedy keeps what belongs to it: the warning that qualifies it, the checklist it announces
(the new-user trial of 2026-12-07, tests/data/gathered26).

Each document here is our own, written in the shapes the trial's documents use.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str) -> list:
    return parse_bytes(name, text.encode()).issues


WARNED_RUNBOOK = """\
Queue broker refuses to start after a crash
===========================================

If every broker stopped at once, the cluster has no node to join.

  * Symptoms:

    * The broker log ends in ``timeout waiting for tables``.

  * *WARNING*:

    * Forcing a boot on more than one node splits the cluster in two. Only ever run
      it on the node that stopped last.

  * Solution:

    * Force the boot on the node that stopped last::

        brokerctl force_boot
"""


def test_it_files_a_warning_with_the_remedy_it_qualifies():
    issue, = issues("broker.rst", WARNED_RUNBOOK)
    assert "Only ever run" in issue.solution
    assert issue.solution.index("Only ever run") < issue.solution.index("brokerctl force_boot")
    assert "Only ever run" not in issue.symptoms
    assert "timeout waiting for tables" in issue.symptoms


ANNOUNCED_CHECKLIST = """\
Boot troubles
=============

Network traces are the first thing to read when a machine will not boot.

If you see the machine getting an address and then failing to fetch its image, make sure that:

#. the image server is running and reachable,

#. no firewall rule blocks the image server's port.

The rest of this page lists the logs to read.
"""


def test_it_keeps_the_checklist_a_remedy_announces():
    issue = next(i for i in issues("boot.rst", ANNOUNCED_CHECKLIST) if "image" in i.title)
    assert issue.title == "If you see the machine getting an address and then failing to fetch its image"
    assert "image server is running" in issue.solution
    assert "firewall rule" in issue.solution
    assert "make sure" not in issue.symptoms


BOLD_LABELS = """\
# Queue troubleshooting

## Common queue issues

### Consumer stuck in Waiting
**Symptoms:** Consumer remains in Waiting state
**Causes:**
- No free worker slots
- Prefetch limit reached
- Queue paused by an operator

**Troubleshooting:**
```bash
# Check consumer state
queuectl consumers --state
```

### Throughput drops
**Symptoms:** Messages pile up, acks slow down
**Causes:**
- Disk alarm raised
- Too many unacked messages

**Troubleshooting:**
```bash
queuectl status
df -h
```
"""


def test_it_fills_the_fields_bold_labels_name_line_by_line():
    found = {i.title: i for i in issues("queue.md", BOLD_LABELS)}
    assert set(found) == {"Consumer stuck in Waiting", "Throughput drops"}
    waiting = found["Consumer stuck in Waiting"]
    assert waiting.symptoms == "Consumer remains in Waiting state"
    assert "Prefetch limit reached" in waiting.root_cause
    # the diagnosis under the fields is no cause
    assert "queuectl" not in waiting.root_cause
    assert "df -h" not in found["Throughput drops"].root_cause


COMMANDS_ONLY = """\
# Node guide

## Performance

### I/O Performance
```bash
# Check I/O statistics
iostat -x 1
```
"""


def test_a_bare_command_block_under_a_topic_is_no_issue():
    assert issues("nodes.md", COMMANDS_ONLY) == []


def test_a_message_a_labelled_symptom_quotes_inline_is_a_signature():
    text = WARNED_RUNBOOK.replace(
        "* The broker log ends in ``timeout waiting for tables``.",
        '* The start fails with error message "Cluster join refused - node is the last one '
        'standing - see the README".')
    issue, = issues("broker.rst", text)
    assert [s.text for s in issue.signatures] == [
        "Cluster join refused - node is the last one standing - see the README"]


MESSAGE_BULLETS = """\
Errors when starting a scan
===========================

* *Invalid scan state "idle"*

  Since release 2.0 new agents report the state ``IDLE``. The scanner refuses to start in
  this state, as idle agents are kept for the scheduler. See :ref:`agent states <states>` for
  instructions on how to put agents into the right state.

.. _states:

Agent states
============

Agents are listed with ``scanctl agents``.
"""


def test_a_pointer_to_instructions_is_the_fix_of_a_message_bullet():
    issue = next(i for i in issues("scan.rst", MESSAGE_BULLETS) if "idle" in i.title)
    assert issue.solution.startswith("See ") and "instructions on how to put agents" in issue.solution
    assert "refuses to start" in issue.root_cause
    assert "instructions" not in issue.root_cause
