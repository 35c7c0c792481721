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
