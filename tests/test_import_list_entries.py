"""Issues written as the items of a list inside a section, with no heading of their own
(issue #10, gathered31's classes: kb/rst/list_entries.py).

Each document here is our own, written in the shape a real one had; each test fails on the
importer before the rule was written.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


ISSUE_ITEMS = """\
# Notes on installing the cluster

Tell us about anything missing here.

1. What the installer expects.

   The installer assumes a few things:

   1. Every host is reachable over ssh as "deploy".
   2. The "deploy" account may run sudo without a password.

2. Frequent installation problems.

   1. The agent does not start.
      Please check that the "deploy" account is in the docker group, then restart the agent.
   2. I get the default nginx welcome page instead of the dashboard.
      The distribution may enable nginx by default. Please stop it with "sudo systemctl stop nginx".
   3. The installer fails halfway.
      Sometimes a download times out while the script runs. Please try to run the script again.
"""


def test_an_item_naming_a_kind_of_issues_holds_one_issue_per_inner_item():
    # "Frequent installation problems." names a kind of issues: each item of its own list is
    # one, titled by its first sentence, even one told in the first person; the assumptions
    # listed under the first item are no issues, and the page is no issue of its own.
    assert titles("install.md", ISSUE_ITEMS) == [
        "The agent does not start.",
        "I get the default nginx welcome page instead of the dashboard.",
        "The installer fails halfway.",
    ]
    assert "run the script again" in issues("install.md", ISSUE_ITEMS)[2].solution


LABELLED_VARIANTS = """\
# Deployment notes

1. Known problems.

   1. A host cannot be reached over ssh.
      1. Symptom: "Name or service not known"
         Solution: use the host's full name in the inventory.
      2. Symptom: "No route to host" from the installer.
         Issue: the firewall of the host drops port 22.
         Solution: open port 22 in the host's firewall.
   2. The agent does not start.
      Please add the "deploy" account to the docker group and start the agent again.
"""


def test_labelled_variants_under_an_item_are_an_issue_each():
    # The item says what fails; each of its items, told by labelled lines, is a case of it,
    # titled by both, its first label what is seen and its quotation the error; a second
    # account of the problem ("Issue: ...") explains it.
    found = issues("deploy.md", LABELLED_VARIANTS)
    assert [i.title for i in found] == [
        'A host cannot be reached over ssh: "Name or service not known"',
        'A host cannot be reached over ssh: "No route to host" from the installer.',
        "The agent does not start.",
    ]
    resolve, route, _ = found
    assert "full name" in resolve.solution
    assert "firewall of the host drops" in route.root_cause
    assert "open port 22" in route.solution
    assert [s.text for s in route.signatures] == ["No route to host"]


FAILURE_BULLETS = """\
Troubleshooting
===============

* If the install fails, run ``mctl logs`` and look for errors in the agent's logs.
* If there are problems with attaching a volume to a pod, ensure that ``multipathd`` is
  installed and running.
* If a storage pool is shown as ``degraded`` although it worked before, it is likely caused
  by a changed array password. Updating the pool's credentials with ``mctl pool update`` will
  fix this issue.
* If you are moving to a newer release, remove the old snapshot classes first.
* After a successful install, if a claim stays ``Pending``, running ``kubectl describe pvc``
  gives additional information.
* When using a read-only root file system, make sure ``/var/lib/mctl`` is writable.
"""


def test_bullets_opening_on_a_failure_met_are_issues_in_a_troubleshooting_list():
    # Two bullets open on a failure met and go on to a remedy or a cause; the one that only
    # says which logs or which description to read, the upgrade step and the requirement are none.
    assert titles("ts.rst", FAILURE_BULLETS) == [
        "If there are problems with attaching a volume to a pod, ensure that multipathd is installed "
        "and running.",
        "If a storage pool is shown as degraded although it worked before, it is likely caused by a "
        "changed array password.",
    ]
    pool = issues("ts.rst", FAILURE_BULLETS)[1]
    assert "changed array password" in pool.root_cause


ONE_FAILURE = """\
The pool goes offline
=====================

* If the pool goes offline after a reboot, ensure ``multipathd`` is enabled at boot.
* If the pool goes offline after a password change, update the pool's credentials.
"""


def test_bullets_under_a_title_that_states_the_failure_are_its_text():
    # (whether the section is an issue is decided as before; its bullets are no issues of their own)
    assert not any(t.startswith("If ") for t in titles("pool.rst", ONE_FAILURE))


REMEDY_LABELLED = """\
# Storage troubleshooting

### Claims on the fast class stay unbound

A claim on the fast class waits and no volume appears for it.

**Troubleshooting**

The fast class binds a volume only once a pod that uses the claim is scheduled.

**Resolution**

Start a pod that mounts the claim; the volume is made for it.

### A rules file takes every disk

A rules file with no filter claims every disk on the host.

**Workaround**

Add a filter line to the rules file and reload the daemon.

### How to read the provisioner's output?

**Workaround**

Read it with `kubectl logs -l app=provisioner`.
"""


def test_an_opening_over_a_labelled_remedy_is_an_issue_whatever_the_title():
    # The titles name no failure and quote no error; what the opening tells is met, as the
    # remedy labelled under it says. A label with no opening over it is a how-to.
    found = issues("storage.md", REMEDY_LABELLED)
    assert [i.title for i in found] == [
        "Claims on the fast class stay unbound", "A rules file takes every disk"]
    assert "Start a pod" in found[0].solution
    assert "filter line" in (found[1].solution or found[1].workaround)


LOG_MORE = """\
# Operating the router

## General tools

Commands to look at the router's state.

### Logging levels

Raise the router's log verbosity for detailed debugging output:

```text
-v=0  the default (errors, warnings, main events)
-v=2  every sync and its rules
```

Set the flag in the DaemonSet.
"""


def test_a_section_whose_only_advice_is_to_log_more_is_no_issue():
    # The levels' table names "errors, warnings": words of the settings, no error met.
    assert titles("router.md", LOG_MORE) == []


PREREQUISITES = """\
Known issues
============

* When installing with ``mctl``, you must ensure the ``KUBECONFIG`` variable is set so that
  ``mctl`` talks to the right cluster.
* To trim volumes online, the node's OS may require the ``discard`` mount option in the class.
* If pools are deleted while the agent is offline, the agent will not remove them from its
  database when it comes back. Such pools must be deleted by hand with ``mctl``.
* If the agent runs twice in a cluster, volumes are created twice, which leads to unexpected
  behaviour. Run one agent per cluster.
"""


def test_a_known_issue_bullet_that_only_states_a_prerequisite_is_none():
    # The first two open on a circumstance or a purpose and require something, nothing said to
    # go wrong; the third opens on what happens, the fourth names a failure.
    assert titles("known.rst", PREREQUISITES) == [
        "If pools are deleted while the agent is offline, the agent will not remove them from its "
        "database when it comes back.",
        "If the agent runs twice in a cluster, volumes are created twice, which leads to unexpected "
        "behaviour.",
    ]


UNLESS = """\
Known issues
============

* The array cannot resize two volumes of one pool at a time unless each request names its own
  pool.
* The array is fast unless it is full.
"""


def test_a_known_failure_told_with_unless_has_that_condition_for_cause():
    # "unless" after a failure gives the condition it needs; after no failure it is none.
    (issue,) = issues("known.rst", UNLESS)
    assert issue.title.startswith("The array cannot resize two volumes")
    assert issue.root_cause == "unless each request names its own pool."


LEAVE_UNDONE = """\
Known issues
============

* If you run no proxy, please don't set ``http_proxy`` in the agent's file: the agent then sends
  every request to it and its calls time out.
"""


def test_please_dont_is_a_remedy():
    # What to leave undone to avoid the failure is its fix, as "please remove" would be.
    (issue,) = issues("known.rst", LEAVE_UNDONE)
    assert "please don't set" in issue.solution
