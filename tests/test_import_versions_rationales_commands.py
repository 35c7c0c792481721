"""Shapes of issues the importer reads, and of pages it does not take for issues (issue #10, the
classes of tests/data/gathered25, studied once it was spent as a blind set).

Each document here is our own, written in the shape a real one had: known issues sorted under
version and area headings, one entry each, with "Workarounds:" and "Fixed with ..." sub-items; an issue
named by a bold line under a component heading, its fields bold labels; a cause told as a step
the reader left out; and a FAQ of rationales, a procedure announced "for some reason", a
"Creating ..." task under a list of issues, and a console block of commands that holds the
word "failure".
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


BY_VERSION = """\
# Known issues and limitations

## Scheduler

### 2.3: Beta

* A claim bound by hand while another pod is being placed can leave that pod's claims
  half bound, and the pod then waits for good.
    * Workarounds:
        * Let the scheduler bind claims of the same class.
        * Bind the volume when you create it instead.

### 2.1: Alpha

* Two claims in one pod are not supported.
    * Fixed in 2.3.
    * No known workarounds.
* Binding ignores where the pod may run and may choose a wrong node.
    * Fixed in 2.3.
    * Workarounds:
        * Start the pods that need local disks first.

## Agent

### 1.0:

* The agent does not see disks mounted after it started; their size is reported as the
  root filesystem's.
    * Fixed with agent 2.0 and scheduler 2.1.
    * Workaround:
        * Stop the agent, mount the new disks, then start it again.
"""


def test_entries_under_version_headings_are_issues_one_or_many():
    found = issues("known.md", BY_VERSION)
    assert [i.title.split()[:3] for i in found] == [
        ["A", "claim", "bound"], ["Two", "claims", "in"], ["Binding", "ignores", "where"],
        ["The", "agent", "does"]]
    # "Workarounds:" (a plural) and "Fixed with ..." lead remedies as "Workaround:" and
    # "Fixed in ..." do
    assert "Bind the volume when you create it" in found[0].solution + found[0].workaround
    assert "Fixed with agent 2.0" in found[3].solution + found[3].workaround


ONE_BULLET = """\
# Known issues

## Storage

* Small synchronous writes are slow on the default settings, because each one waits for the
  journal. Raise the journal size to fix this.
"""


def test_one_bullet_under_an_area_heading_of_known_issues_is_an_issue():
    [found] = issues("slow.md", ONE_BULLET)
    assert found.title == "Small synchronous writes are slow on the default settings"
    assert "Raise the journal size" in found.solution + found.workaround
    assert "waits for the journal" in found.root_cause


ONE_BULLET_UNDER_A_FAILURE = """\
# Known issues

## Performance

### Bad write performance

* **Small synchronous writes are slow**

  Writes of a few kilobytes each wait for the journal. Raise the journal size to fix this.
"""


def test_one_bullet_under_a_heading_naming_a_quality_gone_bad_is_that_headings_text():
    # ("Bad write performance" names a failure as "Slow writes" does: the bullet under it is the
    # heading's own text set as a bullet, one issue, read as its text)
    [found] = issues("perf.md", ONE_BULLET_UNDER_A_FAILURE)
    assert found.title == "Bad write performance"
    assert "Raise the journal size" in found.solution + found.workaround


BOLD_TITLE = """\
Message queue
^^^^^^^^^^^^^

**Difficulty starting the queue cluster after a full power loss**

**Issue:**
All nodes of the queue were stopped at once; the cluster waits for the node that stopped last.

**Workaround:**
Start the node that stopped last first, or move its database aside on the others and restart
them.
"""


def test_a_bold_line_over_bold_labels_names_the_issue_under_a_component_heading():
    [found] = issues("queue.rst", BOLD_TITLE)
    assert found.title == "Difficulty starting the queue cluster after a full power loss"
    assert "move its database aside" in found.workaround + found.solution
    assert "Difficulty starting" not in found.symptoms  # (the title is not its own symptom)


MISSED_STEP = """\
Troubleshooting
===============

Web server rejects the proxy certificate
----------------------------------------

The log shows::

  Certificate Verification: Error (20): unable to get local issuer certificate

You probably missed to set the ``ALLOW_PROXY_CERTS`` variable in the web server's environment.
"""


def test_a_step_the_reader_left_out_is_the_cause():
    [found] = issues("proxy.rst", MISSED_STEP)
    assert "ALLOW_PROXY_CERTS" in found.root_cause


FAQ_OF_RATIONALES = """\
# FAQ

## Why it's best to put the disk's UUID in the mount path

A path with the UUID maps each disk to one volume object for good, across reboots and when
disks are added or removed, so a new disk never takes an old volume's place by mistake.

## Why I need to bind mount plain directories

Because there is a race between mounting a filesystem on a plain directory and creating a
volume for it, a bind mount tells the agent the directory is ready; bind mount it to fix that.

## The agent fails to start when the container runtime's init flag is on

The agent mounts `/dev`, which conflicts with the init process the runtime mounts at
`/dev/init`. As a workaround, turn the init flag off and ship an init in the image instead.
"""


def test_questions_about_why_a_practice_is_advised_are_no_issues():
    assert titles("faq.md", FAQ_OF_RATIONALES) == [
        "The agent fails to start when the container runtime's init flag is on"]


PROCEDURE_FOR_SOME_REASON = """\
Common problems
---------------

Creating the data partition
^^^^^^^^^^^^^^^^^^^^^^^^^^^

The installer usually creates the partition. If for some reason you need to create it
yourself, use this procedure:

#. Create the partition with ``fdisk /dev/sdb``.
#. Make the filesystem with ``mkfs.xfs -f /dev/sdb1``.
#. Mount it under ``/srv/node/sdb1``.
"""


def test_a_procedure_announced_for_some_reason_under_common_problems_is_no_issue():
    assert titles("partition.rst", PROCEDURE_FOR_SOME_REASON) == []


COMMANDS = """\
# Debug tips

## Install the proxy service on Windows nodes

Start a PowerShell window as administrator:

```console
Invoke-WebRequest https://example.org/proxy-v1.0.2.tar.gz -OutFile proxy.tar.gz;
tar -xvf proxy.tar.gz
copy .\\bin\\proxy.exe .
sc.exe create proxy binPath= "c:\\k\\proxy.exe --log_file=c:\\k\\proxy.log"
sc.exe failure proxy reset= 0 actions= restart/10000
sc.exe start proxy
```
"""


def test_a_block_of_commands_holding_the_word_failure_is_no_quoted_error():
    assert titles("debug.md", COMMANDS) == []


NUMBERED_WITH_WORKAROUNDS = """\
Common deployment issues
------------------------

#. The agent cannot fetch its catalog and logs::

      Could not retrieve catalog from remote server: execution expired

   * Workaround: raise ``configtimeout`` to 1200 in ``/etc/agent/agent.conf``.

#. The server keeps serving the previous version of the manifests after they were updated.

   * The manifests are cached by the server.
   * Workaround: ``service agent-server restart``

#. The agent never sends its certificate again after the first request was lost.

   * Workaround: remove the pending requests on both sides, then run the agent again.
"""


def test_numbered_entries_each_with_a_workaround_item_are_issues_of_a_list():
    found = issues("common.rst", NUMBERED_WITH_WORKAROUNDS)
    assert [i.title.split()[:3] for i in found] == [
        ["The", "agent", "cannot"], ["The", "server", "keeps"], ["The", "agent", "never"]]
    assert "configtimeout" in found[0].solution + found[0].workaround
    assert [s.text for s in found[0].signatures] == [
        "Could not retrieve catalog from remote server: execution expired"]


NUMBERED_STEPS = """\
Common deployment issues
------------------------

If the agent cannot fetch its catalog, work through these steps:

#. Check that the server is running.

   * Use ``systemctl status agent-server``.

#. Check the agent's log for the error.

#. Workaround: raise ``configtimeout`` to 1200.
"""


def test_numbered_steps_of_one_issue_are_not_each_an_issue():
    assert len(issues("steps.rst", NUMBERED_STEPS)) <= 1


UNDER_INDENTED = """\
Common deployment issues
------------------------

1. The agent fails with ::

      err: Could not retrieve catalog from remote server: Error 400 on SERVER: undefined method

  * This is a bug of the agent.
  * Workaround: ``service agent-server restart``

2. The agent never sends its certificate again after the first request was lost.
    * Workaround: remove the pending requests on both sides.

#. On running "agent --test", the error messages below occur::

     err: Could not evaluate: Could not retrieve information from environment production

   * Workaround: clear the agent's plugin cache.
"""


def test_a_lists_last_item_continued_at_the_wrong_indent_keeps_its_remedy():
    # ("  * Workaround:" at two spaces under "1. ", and a line over bullets indented deeper, which
    # docutils reads as a quote and as a definition)
    found = issues("under.rst", UNDER_INDENTED)
    assert [i.title.split()[:3] for i in found] == [
        ["The", "agent", "fails"], ["The", "agent", "never"], ["On", "running", '"agent']]
    assert "service agent-server restart" in found[0].solution + found[0].workaround
    assert "remove the pending requests" in found[1].solution + found[1].workaround
    # a command a title quotes is no signature
    assert "agent --test" not in [s.text for s in found[2].signatures]
