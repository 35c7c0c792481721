"""Shapes of issues the importer reads, and of guides it does not take for issues (issue #10, the
classes of tests/data/gathered23 and gathered24, studied once they were spent as blind sets).

Each document here is our own, written in the shape a real one had: a page of bugs and their
fixes, an issue whose fields are a "Problem description" and workarounds qualified by when they
apply, cases whose fields carry the case's label, a failure over a check of it and a remedy for
it, a numbered entry quoting an exception, a failure announcing its checklist with a full stop;
and a debug page in lower-case headings, a FAQ of how-tos, text about the page itself.
"""

from kb.rst import cues, parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


BUGS_AND_FIXES = """\
# Bugs and fixes

## Dashboard shows a server error after enabling the plugin

The plugin's files are not readable by the web server. To fix this, make them readable:

```
chmod o+r /etc/dashboard/enabled/*.py
```

## Package lists are empty after upgrading to the new release

After upgrading to the new release, the release packages of the other repositories need to be
updated too:

```
dnf update release-virt release-storage
```

## Dashboard can't find its static files

run on the dashboard host:
```
manage.py collectstatic --noinput
systemctl restart httpd
```
"""


def test_a_page_of_bugs_and_fixes_is_no_issue_itself_its_sections_are():
    # (Under such a heading, a failure whose whole text is the commands to run has them for its fix.)
    assert titles("bugs.md", BUGS_AND_FIXES) == [
        "Dashboard shows a server error after enabling the plugin",
        "Package lists are empty after upgrading to the new release",
        "Dashboard can't find its static files"]
    # (the last one's whole text is what to run: its fix)
    assert "collectstatic" in issues("bugs.md", BUGS_AND_FIXES)[2].solution


PROBLEM_DESCRIPTION = """\
Known issues
============

Callbacks of the orchestration service
======================================

Problem description
-------------------

The service is deployed with its internal endpoint, so the virtual machines cannot call it back.

Workaround before deploying
---------------------------

Set the public endpoint in the configuration file.

Workaround after deploying
--------------------------

Replace the internal endpoint with the node's address.
"""


def test_a_problem_description_and_qualified_workarounds_are_the_fields_of_their_section():
    found = issues("known.rst", PROBLEM_DESCRIPTION)
    assert [i.title for i in found] == ["Callbacks of the orchestration service"]
    assert found[0].structure == "field_headings"
    assert "cannot call it back" in found[0].symptoms
    assert "public endpoint" in found[0].workaround and "node's address" in found[0].workaround


CASES = """\
# Operator status

## Case 1: `volumes are not compatible with the resizing provider`

### Case 1: Symptom

```text
msg="could not sync cluster: could not resize volumes: volumes are not compatible with the resizing provider"
```

### Case 1: Details

This generally means that the volume size was changed, but the claims were not resized.

## Case 2: `could not open a database connection`

### Case 2: Symptom

```text
msg="could not sync roles: could not open a database connection: still failing after 8 retries"
```

### Case 2: Restart the operator

Delete the operator's pod; its deployment starts a new one.
"""


def test_a_field_heading_keeps_its_field_behind_the_label_of_its_case():
    found = issues("cases.md", CASES)
    assert [i.title for i in found] == [
        "Case 1: volumes are not compatible with the resizing provider",
        "Case 2: could not open a database connection"]
    # What the message "generally means" is its cause; with no field named the fix, a
    # sub-section titled by one is it.
    assert found[0].root_cause.startswith("This generally means that the volume size was changed")
    assert "Delete the operator's pod" in found[1].solution and not found[0].solution


CHECK_AND_RECOVER = """\
# Database runbook

## Cluster member missing

Most clusters run three members.

### Determine if a cluster member is missing

```bash
kubectl get pods -l cluster=db
```

### Recover from a missing member

Increase the number of instances in the cluster resource to three.

## Leader missing

If a cluster no longer has a leader, the database must be recovered.

### Determine if the leader is missing

```bash
patronictl list
```

### Recover from a missing leader

Restart the members one after another.
"""


def test_a_check_and_a_remedy_under_a_failure_are_its_parts_not_cases_of_their_own():
    found = issues("runbook.md", CHECK_AND_RECOVER)
    assert [i.title for i in found] == ["Cluster member missing", "Leader missing"]
    assert "Increase the number of instances" in found[0].solution
    assert "Restart the members" in found[1].solution
    assert cues.is_procedure_title("Determine if a cluster member is missing")
    assert cues.is_procedure_title("Check whether the agent runs")


DEBUG_TIPS = """\
## Driver debug tips

### case#1: volume create/delete failed
> There may be several controller pods; if there are no helpful logs, try to get logs from the leader pod.
 - find the controller pod
```console
$ kubectl get pod -n kube-system | grep controller
```

### case#2: volume mount/unmount failed
 - locate the node pod that mounts the volume
```console
$ kubectl logs node-abcde -c driver -n kube-system > node.log
```

### troubleshooting connection failure on agent node
```console
mount -v -t nfs server:/path /tmp/test
```
"""


def test_a_debug_page_in_lower_case_headings_is_no_catalogue_of_messages():
    # Lower case is the author's way with headings (the third is a procedure's), no message
    # copied from a log; getting the logs is a look, no remedy.
    assert titles("debug.md", DEBUG_TIPS) == []
    assert not cues.states_remedy("If there are no helpful logs, try to get logs from the leader pod.")
    assert cues.states_remedy("If the pod is stuck, try to delete it.")


FAQ = """\
# FAQ

**Q: My app needs to reach a service that uses a static IP. Is it possible to change the IP of a container?**

You can change the IP of a container with CIDR notation. See the addressing guide.

**Q: Which ports does the daemon use (e.g. if I am configuring a firewall)?**

You must permit traffic through TCP 6783 and UDP 6783/6784.

**Q: Why am I seeing "peer names collision" and failed connections?**

This sometimes happens when machines are cloned. Set up a unique machine id on each host.
"""


def test_how_to_questions_of_a_faq_are_no_issues_a_complaint_is():
    assert titles("faq.md", FAQ) == ['Why am I seeing "peer names collision" and failed connections?']
    assert not cues.is_symptom_title("Which ports does the daemon use (e.g. if I am configuring a firewall)?")
    assert cues.is_wish("My app needs to reach a service that uses a static IP.")
    assert not cues.is_wish("My pod needs to be restarted every hour because it crashes")


ONE_EXCEPTION = """\
Troubleshooting
===============

#. ``BadRequest: Bad network request: physical network must be configured.``
   Please ensure that you create a local or vlan network.
"""


def test_a_numbered_entry_quoting_an_exception_and_its_remedy_is_an_issue():
    found = issues("ts.rst", ONE_EXCEPTION)
    message = "BadRequest: Bad network request: physical network must be configured."
    assert [i.title for i in found] == [message]
    assert "create a local or vlan network" in found[0].solution


CHECKLIST = """\
Troubleshooting
---------------

If you cannot reach the monitoring UI, use the following troubleshooting tips.

#. Verify that the collector can connect to the UI address.

#. Verify that the server is running:

   .. code-block:: console

      # crm resource status monitor

  No problems were detected.

#. If the server is not running, start it:

   .. code-block:: console

      # crm resource start monitor
"""


def test_a_failure_announcing_its_checks_with_a_full_stop_is_an_issue_whose_list_goes_on():
    # (The line indented less than the items breaks the list in two: its remedy is in the second.)
    found = issues("ts.rst", CHECKLIST)
    assert [i.title for i in found] == ["You cannot reach the monitoring UI"]
    assert "crm resource start monitor" in found[0].solution


def test_what_a_process_attempts_or_a_noun_update_is_no_remedy_a_remedy_named_in_the_passive_is():
    assert not cues.states_remedy("If the old process still runs, it will try to contact the new cluster.")
    assert not cues.states_remedy("The leader takes a minute to fsync a log update to disk.")
    assert cues.states_remedy("Updating to the latest release fixes it.")
    assert cues.states_remedy("This warning is often cleared by ensuring peer addresses are disjoint.")


def test_a_sentence_about_the_document_names_no_cause():
    text = "In this document, we describe how to figure out what the problem is."
    assert not cues.without_the_document(text).strip()
