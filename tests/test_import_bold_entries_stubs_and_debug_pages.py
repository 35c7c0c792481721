"""Shapes of issues the importer reads, and of pages it does not take for issues (issue #10, the
classes of tests/data/gathered29 and gathered30, studied once they were spent as blind sets).

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


BOLD_ENTRIES = """\
Scheduler
=========

▸ **Why do jobs stay in the "Pending" state after a node is added?**

**Likely Cause**: The new node was not given the partition label.

**Resolution**:

    * Label the node with ``partition=batch`` and restart ``sched-agent`` on it.

▸ **What to do if the controller host is rebooted?**

**Resolution**: Wait five minutes, then list the nodes with ``schedctl nodes``.

▸ **Why does the** ``deploy.yml`` **run fail with a** ``no route to scheduler api`` **error?**

**Likely Cause**: The firewall on the controller blocks port 6818.

**Resolution**: Open port 6818 and run ``deploy.yml`` again.
"""


def test_bold_lines_each_told_by_labels_are_issues_of_their_own():
    found = {i.title: i for i in issues("sched.rst", BOLD_ENTRIES)}
    assert set(found) == {
        'Why do jobs stay in the "Pending" state after a node is added?',
        "Why does the deploy.yml run fail with a no route to scheduler api error?",
    }
    pending = found['Why do jobs stay in the "Pending" state after a node is added?']
    assert "partition label" in pending.root_cause and "Label the node" in pending.solution
    assert "Pending" not in pending.solution and "firewall" not in pending.root_cause
    route = found["Why does the deploy.yml run fail with a no route to scheduler api error?"]
    assert "port 6818" in route.root_cause and "Open port 6818" in route.solution
    assert all(i.structure == "labelled_paragraph" and i.needs_review for i in found.values())


def test_one_bold_line_over_labels_is_no_list_its_section_is_the_issue():
    one = BOLD_ENTRIES.split("▸ **What to do")[0]
    (issue,) = issues("sched.rst", one)
    assert issue.structure == "field_headings" and "partition label" in issue.root_cause


TEMPLATE_STUBS = """\
Queue troubleshooting
=====================

Messages Pile Up on the Broker
------------------------------

**Symptoms:**

**Cause:**

**Solution:**

Consumers Fail to Reconnect
---------------------------

**Symptoms:** Consumers log ``connection refused`` after a broker restart.

**Cause:** The broker listens on the new port only after its plugins load.

**Solution:** Retry with a back-off of at least thirty seconds.
"""


def test_fields_left_empty_are_a_template_not_an_issue():
    document = parse_bytes("queue.rst", TEMPLATE_STUBS.encode())
    assert [i.title for i in document.issues] == ["Consumers Fail to Reconnect"]
    stub = next(s for s in document.sections if s["title"] == "Messages Pile Up on the Broker")
    assert "empty" in stub["reason"]


MANUAL_REMEDY = """\
# Proxy release notes

## Known Issues

* If a listener is created with an unknown certificate name it must be deleted manually.
* The proxy now logs the client address of each request.
"""


def test_what_must_be_done_by_hand_is_a_known_issues_remedy():
    (issue,) = issues("notes.md", MANUAL_REMEDY)
    assert issue.title.startswith("If a listener is created with an unknown certificate name")
    assert "deleted manually" in issue.solution


DEBUG_TIPS = """\
## Plugin debug tips
### case#1: bucket create/delete failed
> If you run the hosted plugin, this step does not apply since its controller runs outside the cluster.
 - find the plugin controller pod
```console
kubectl get po -n storage | grep bucket-controller
```
 - get pod description and logs
```console
kubectl logs bucket-controller-0 -c plugin -n storage > bucket-controller.log
```

### case#2: bucket mount failed
 - locate the node plugin pod on the node of the workload
```console
kubectl get po -o wide -n storage | grep bucket-node
```
 - check the mounts inside the plugin
```console
kubectl exec -it bucket-node-abcde -n storage -c plugin -- mount | grep fuse
```

#### Change the plugin image quickly by editing the daemonset
```console
kubectl edit ds bucket-node -n storage
```
"""


def test_a_debug_page_that_only_gathers_evidence_holds_no_issue():
    document = parse_bytes("debug.md", DEBUG_TIPS.encode())
    assert document.issues == []
    reasons = {s["title"]: s["reason"] for s in document.sections}
    # (its steps of looking explain nothing; the task below the second case is no remedy of it)
    assert "Change the plugin image quickly by editing the daemonset" in reasons


BRACKETED_FIELDS = """\
# Gateway 502 responses

## `NR` route

### Symptom (`NR` route)

```text
[2024-02-01T10:00:00.000Z] "GET /api/v2/items HTTP/1.1" 502 NR route_not_found
```

### Description (`NR` route)

The gateway has no route for the host the client asked for.

### Remediation (`NR` route)

Add the host to the gateway's virtual service and apply it again.
"""


def test_field_headings_repeating_their_issue_in_brackets_are_its_fields():
    (issue,) = issues("gateway.md", BRACKETED_FIELDS)
    assert issue.title == "NR route" and issue.structure == "field_headings"
    assert "Add the host" in issue.solution and "502 NR" in issue.symptoms


def test_a_markdown_heading_inside_a_list_item_is_read_not_a_crash():
    # (markdown-it reads "- ### ..." as a heading in the item; it opened a section that the
    # list's end then closed twice: IndexError on the gatherer's own README of gathered30)
    text = ("# Runbook\n\n- ### Disk full\n- The disk fills up, because old logs are kept. Delete them.\n\n"
            "## Next\n")
    document = parse_bytes("runbook.md", text.encode())
    assert [s["title"] for s in document.sections] == ["Runbook", "Next"]


FAQ_AND_SCENARIOS = """\
# Relay FAQ

## In cluster mode, how to pick the interface the relay binds to?

There's no need: the relay listens on every interface. That might sound like a problem, but
because of how the peers are found, only hosts on the cluster network will reach it.

## Relay Restarts on Startup

The relay might fail when its pod starts and log:

```
peer lookup failed for host relay-1.relay-peers.ns: nxdomain
```

The pod restarts and becomes `Ready` in the end.

Since relays resolve their peers while booting, the DNS cache timeout may need to be decreased
from the default 30 seconds to a few seconds.

## Relay in CrashLoopBackOff State

If a relay cannot start, it keeps being restarted, and it can be hard to look at its data.

One way to debug it is to start a pod of your own that mounts the same volume:

```yaml
kind: Pod
metadata:
  name: debug-relay
```

Once you are done, exit the pod and delete it.
"""


def test_a_how_to_after_its_circumstance_a_need_passive_and_a_clean_up():
    found = {i.title: i for i in issues("relay.md", FAQ_AND_SCENARIOS)}
    # ("In cluster mode, how to ...?" asks a how-to; "Once you are done, ... delete it" cleans up
    # after a look, no remedy of the crash loop; "may need to be decreased" remedies the restart)
    assert set(found) == {"Relay Restarts on Startup"}
    assert "decreased" in found["Relay Restarts on Startup"].solution


REMEDY_ANNOUNCED = """\
Troubleshooting guide
=====================

Troubleshooting chart upload failures while running sync.yml
------------------------------------------------------------

If you encounter chart upload failures while running ``sync.yml``, do the following to resolve the issue:

    1. Check if the registry quota is used up by pushing a small chart by hand. Delete old charts
       and re-run ``sync.yml``.

    2. Run the following command::

           systemctl status chart-registry

       Else run ``systemctl restart chart-registry``.
"""


def test_steps_announced_as_what_resolves_a_failure_are_its_fix():
    (issue,) = issues("guide.rst", REMEDY_ANNOUNCED)
    assert issue.title == "Chart upload failures while running sync.yml"
    assert "re-run" in issue.solution and "systemctl restart" in issue.solution


FEATURE_PAGE = """\
=====================
Replica Rebuild Brake
=====================

During a network partition, the automatic rebuild of unreachable replicas can lead to a storm of
rebuilds and a heavy load on the disks. By using the rebuild brake feature, you can avoid these
unwanted rebuilds. The brake is a threshold that stops automatic rebuilds when it is reached.

Error Recovery
==============

Manual Error Recovery
---------------------

To recover from the *REBUILD_HALTED* condition, you must bring the number of unreachable
replicas below the threshold by rebuilding them one at a time.
"""


def test_a_features_rationale_and_its_recovery_section_are_no_issues():
    document = parse_bytes("brake.rst", FEATURE_PAGE.encode())
    # ("Error Recovery" is a remedy that the error word qualifies, as "Failure Modes" is a topic)
    assert document.issues == []


TWO_PLAIN_WORDS = """\
# Portal known issues

## Tenant admins are unable to create projects

When a tenant admin creates a project from the portal, the operation fails with an error message
"Access denied". The reason is that the tenant role lacks the `project:create` right. Grant the
right to the role.

## Project deletion fails

Deleting a project fails with an error message "ProjectLock denied". The reason is that a backup
job holds the project's lock. Wait for the backup to finish.
"""


def test_two_plain_words_quoted_in_prose_are_no_signature():
    document = parse_bytes("portal.md", TWO_PLAIN_WORDS.encode())
    found = {i.title: [s.text for s in i.signatures] for i in document.issues}
    # ("Access denied" is what MySQL, sshd and many more print for their own refusals: as a
    # signature it named this issue on healthy database logs; the issue's text keeps the words)
    assert found["Tenant admins are unable to create projects"] == []
    assert any("Access denied" in w and "two plain words" in w for w in document.warnings)
    # (a word that names the program, a capital inside it, is kept)
    assert found["Project deletion fails"] == ["ProjectLock denied"]


GENERAL_ISSUES = """\
# Known Issues

## General Issues

### With release 4.2, keep batch jobs off the GPU pools

Batch jobs are allowed on every pool by default, so they can end up on the GPU pools by accident.

**Workaround:** Add a placement rule that keeps batch jobs on the CPU pools.
"""


def test_general_issues_under_known_issues_is_their_area_not_an_overview():
    (issue,) = issues("known.md", GENERAL_ISSUES)
    assert issue.title == "With release 4.2, keep batch jobs off the GPU pools"
    assert "placement rule" in issue.solution + issue.workaround


CONDITION_FIRST = """\
# Known Issues

## Other Issues

### The agent may restart if its spool disk is unplugged

If the disk that holds the agent's spool is unplugged or goes read-only, the agent may panic.
"""


def test_under_known_issues_a_failure_told_under_its_condition_has_that_for_its_cause():
    (issue,) = issues("known.md", CONDITION_FIRST)
    assert issue.root_cause.startswith("If the disk that holds the agent's spool is unplugged")
