"""Shapes of issues the importer reads, and of pages it does not take for issues (issue #10, the
classes of tests/data/gathered28, studied once it was spent as a blind set).

Each document here is our own, written in the shape a real one had: known issues filed as bugs
(a release note's "Known Behavior" writing each bug as a list of its own, a table keyed by
ticket), and a sub-section whose bullets label one issue's fields; and, invented before, FAQ
questions about no failure (a rationale, "Is that expected?" answered yes, "I have not found an
answer"), a log walkthrough quoting a record it supposes, a command's counters at zero, a search
labelled Symptoms / Cause / Solution that only looks, the severity levels a known-issues page
defines, and a step to take after something is done.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


LABELLED_BULLETS = """\
# Gateway - Known Issues

Issues seen with the gateway on current releases.

## Partial uploads with a full cache disk

- Issue: Uploads are cut short if the cache volume fills while they run, because nothing evicts
  old parts during an upload.
- Impact: Clients may retry the upload. In this case, the object is written but its checksum is
  not updated accordingly.
- Workaround: Users can delete the oldest parts under `/var/cache/gw` by hand.

## Slow listing of large buckets

- Impact: Listing a bucket of millions of objects takes minutes.
- Workaround:
  - Page the listing with `--max-keys 1000`.
"""


def test_bullets_labelling_one_issues_fields_are_that_issue_not_a_list_of_issues():
    found = {i.title: i for i in issues("gw.md", LABELLED_BULLETS)}
    assert set(found) == {"Partial uploads with a full cache disk", "Slow listing of large buckets"}
    stall = found["Partial uploads with a full cache disk"]
    assert "delete the oldest parts" in stall.solution + stall.workaround


KNOWN_BEHAVIOR = """\
==============
Known Behavior
==============

This section lists the known limitations of this release. Bug numbers can be looked up in the
tracker.

- 4410021 After a broker node restarts, the queue mirrors report themselves as out of sync.

As a workaround, run ``queuectl resync`` on the restarted node.


- 4410057 Scheduler pods crash with an assertion when two zones share one name.

It happens on clusters created before release 2.0.


- 4410063 Uploading an image larger than 2 GiB through the dashboard times out.

The upload goes through the API instead.


- 4410088 IPv6 floating addresses are supported only on the provider network.


- 4410090 After upgrading the controllers, restart the scheduler containers.


- 4410102 You cannot set the MTU above 1500 on tunnel interfaces.

There is no workaround at present.
"""


def test_bugs_written_each_as_a_list_of_their_own_are_known_issues():
    found = {i.title.split()[0]: i for i in issues("known-behavior.rst", KNOWN_BEHAVIOR)}
    # the paragraph after a bug's own list continues that entry
    assert "queuectl resync" in found["4410021"].solution + found["4410021"].workaround
    # a bug that names a failure is an issue with no cause or fix told (the bug tracks them)
    assert {"4410057", "4410063"} <= set(found)
    # a scope, and a step to take after something is done, are no issues
    assert "4410088" not in found
    assert "4410090" not in found


TICKETS = """\
# Known issues

This section details the known issues in release 3.2, along with workarounds where there are any.

The following severity levels apply to known issues:

- **Critical** - Data loss or an outage for most users.
- **Service** - A recoverable error that can be resolved through a workaround.
- **Low** - A cosmetic issue.

|Ticket ID|Severity|Description|
|---------|--------|-----------|
|**PRJ-101**|Service|When the node label is removed, snapshots are no longer taken.<br>**Workaround:** Add the label again and restart the scheduler pod.|
|**PRJ-117**|Low|In rare cases the status page shows a volume as degraded after a resize.<br>**Workaround:** Refresh the volume with `volctl refresh`.|
"""  # noqa: E501


def test_a_table_keyed_by_ticket_lists_known_issues_and_severity_levels_are_none():
    found = {i.title: i for i in issues("known.md", TICKETS)}
    # the bold ticket names its row; the severity levels the page defines are no issues
    assert set(found) == {"PRJ-101", "PRJ-117"}
    assert "snapshots are no longer taken" in found["PRJ-101"].symptoms
    assert "Add the label again" in found["PRJ-101"].workaround


FAQ = """\
# Replicated volumes: FAQ

## Why is it not recommended to put the disks on a hardware RAID?

The module already keeps three copies over the network. A local RAID on top of it multiplies the
space used and can fail on its own, which leads to longer resyncs.

## Why do you recommend local disks rather than a NAS?

A NAS adds a second network hop to every write, which slows replication down.

## I removed a pool, but its volume group is still on the node. Is that expected?

Yes, this is the expected behavior. The module does not touch volume groups when a pool is
removed; delete the group by hand if you no longer need it.

## I cannot change the size field of a storage class. Is that the expected behavior?

Partly. Most fields are immutable after creation and updates to them are rejected with an error.
To change them, recreate the storage class.

## I have not found an answer to my question and the module still does not work. What do I do?

The reason of a failure is written to the `status.reason` field of the resource. If it is not
enough, read the controller's logs.
"""


def test_faq_questions_about_no_failure_are_no_issues():
    assert titles("faq.md", FAQ) == [
        "I cannot change the size field of a storage class. Is that the expected behavior?"]


SERVER_LOGS = """\
Working with the Server Logs
----------------------------

The management server writes every request to ``/var/log/mgmt/server.log``. We recommend this
command to find the problematic lines in it::

   grep -i -E 'exception|unable|fail' /var/log/mgmt/server.log

Each request carries a job id. For example, suppose that you find the following ERROR message:

::

   2024-03-01 10:12:44,101 ERROR [mgmt.Scheduler] (Worker-3:job-881) Unable to find a host for vm-17

The job id is 881; every line of that job can then be listed with ``grep "job-881)"``.

Bridge Interfaces on the Hosts
------------------------------

The links should carry traffic both ways. Run the command below on every host and compare; we
recommend that the counters are read twice, a minute apart:

::

   host1 ~$ ifconfig br0
   br0  Link encap:Ethernet  HWaddr 00:0C:29:11:22:33
        RX packets:9043 errors:0 dropped:0 overruns:0 frame:0
        TX packets:5521 errors:0 dropped:0 overruns:0 carrier:0
"""


def test_a_supposed_record_and_counters_at_zero_are_no_errors():
    assert titles("logs.rst", SERVER_LOGS) == []


SEARCHES = """\
Database runbook
================

Finding Stuck Sessions
----------------------

**Symptoms:** Sessions pile up in the dashboard and requests get slower.

**Cause:** There can be many causes.

**Solution:** Run the query below to list the sessions that wait on a lock.

.. code-block:: sql

   SELECT pid, wait_event FROM pg_stat_activity WHERE wait_event_type = 'Lock';

To find the blocking session use the query below, replacing the pid.

Replica Lagging Behind
----------------------

**Symptoms:** The standby's replay lag keeps growing.

**Cause:** The standby's disk is slower than the primary's.

**Solution:** Move the standby to a faster storage class and recreate it.
"""


def test_a_search_labelled_with_fields_that_only_looks_is_no_issue():
    assert titles("runbook.rst", SEARCHES) == ["Replica Lagging Behind"]
