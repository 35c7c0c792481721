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


KNOWN_ISSUES_WITH_OVERVIEW = """\
# Known Issues

## Overview

This page lists the known issues of the installer and their workarounds.

## Workers fail to join after an OS update

### Problem

After the update, workers cannot write their environment file and never join.

### Workaround

Pin the previous OS image in the machine template.
"""


def test_a_page_s_introduction_under_known_issues_is_none_of_them():
    # "known issues" and "workarounds" in a sentence about the page name what it holds.
    assert titles("known.md", KNOWN_ISSUES_WITH_OVERVIEW) == ["Workers fail to join after an OS update"]
    assert not cues.without_the_document("This page lists the known issues and their workarounds.").strip()


DIAGNOSTIC_GUIDE = """\
Network troubleshooting
=======================

Locating a failure along the path
---------------------------------

Ping an outside host from the instance. If that works, there is no network problem at all.
If you cannot, ping the compute node: if that works, the problem is somewhere between the
compute node and its gateway.

Sending data past the relay
---------------------------

If your agents are not sending data to the backend directly but through a relay, try pointing
them at the backend directly to narrow down the problem space.

Example: keep the archive on the server
---------------------------------------

If you want to collect the logs but do not wish to download them yet, you can leave them in a
container on the server and fetch them later.

Gateway: lost packets
---------------------

When the gateway runs beside other services, more parts can drop packets. If you expect
packets that never arrive, check the guides of the services you run beside it.

Instances fail to keep their leases
-----------------------------------

Leases expire after a minute because the default lease time is 60 seconds. To fix this, set
``lease_time`` to an hour and restart the agent.
"""


def test_a_diagnostic_walkthrough_names_failures_it_looks_for_not_issues():
    # A search for the failure, a step to narrow the problem down, a wish of the reader, and a
    # topic label before lower-case words: none is an issue; the last section is one.
    assert titles("network.rst", DIAGNOSTIC_GUIDE) == ["Instances fail to keep their leases"]
    assert cues.is_procedure_title("Finding a Failure in the Path")
    assert not cues.names_failure("Isolating the problem")
    assert cues.is_symptom_title("Tracing is not working")
    assert not cues.states_remedy("Try sending the data directly to narrow down the problem space.")
    assert cues.states_remedy("Try sending the data directly to the backend.")


NODE_PROBLEMS = """\
Node troubleshooting
====================

Node Enrolment and Power Problems
---------------------------------

Nodes stay in enroll state
~~~~~~~~~~~~~~~~~~~~~~~~~~

If you see your nodes staying in the ``enroll`` state after registration, it means that the
service cannot verify the power credentials, and you need to correct them.

Fixing invalid node data
~~~~~~~~~~~~~~~~~~~~~~~~

Wrong node data can be fixed with the command line client::

    $ client node set <NODE> --address <NEW ADDRESS>

Refusing to inspect a node in the available state
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

A node in the available state is meant for deployment. You should move it to the manageable
state before inspecting it.
"""


def test_a_category_of_two_kinds_of_problems_heads_issues_read_on_their_own():
    # "... Enrolment and Power Problems", with no text of its own, is a category, not one issue;
    # a section told as one "If you see ..." paragraph is that issue, titled by its heading; a
    # remedy's title names what it remedies; a refusal is a failure.
    assert titles("nodes.rst", NODE_PROBLEMS) == [
        "Nodes stay in enroll state", "Refusing to inspect a node in the available state"]
    assert not cues.is_fix_heading("Refusing to inspect a node")
    assert cues.is_fix_heading("Rebuilding the image")


# -- what gathered22's misses took, in our own words ------------------------------------------

RUBRIC_ISSUES = """\
Troubleshooting the accelerator operator
========================================

Device plugin pods restart in a loop
************************************

.. rubric:: Issue

The device plugin pods restart every few minutes.

.. rubric:: Root Cause

The driver container is not ready when the plugin starts.

.. rubric:: Action

Restart the plugin pods after the driver pods are ready.

Firmware table is corrupted (return code 14)
============================================

.. rubric:: Issue

The management tool exits with return code 14.

.. rubric:: Root Cause

The board's firmware table is corrupted.

.. rubric:: Action

Replace the board.

Node advertises fewer devices than it has
*****************************************

The node lists seven allocatable devices where it has eight.

.. rubric:: Action

Look for device errors in the plugin logs; for how to resolve each error, refer to the
vendor's guide.
"""


def test_rubric_action_is_the_fix_and_a_sub_section_with_rubrics_of_its_own_is_an_issue():
    issues = {i.title: i for i in parse_bytes("operator.rst", RUBRIC_ISSUES.encode()).issues}
    assert list(issues) == ["Device plugin pods restart in a loop",
                            "Firmware table is corrupted (return code 14)",
                            "Node advertises fewer devices than it has"]
    assert "Replace the board" in issues["Firmware table is corrupted (return code 14)"].solution
    assert "Replace the board" not in issues["Device plugin pods restart in a loop"].solution
    assert "vendor's guide" in issues["Node advertises fewer devices than it has"].solution


REASON_FIRST = """\
Address maintenance
===================

Manually releasing an address
-----------------------------

Sometimes a server is deleted but its address stays assigned. Because the database is then
inconsistent, the usual commands to release the address no longer work. To fix this, update the
address row in the database by hand.

Firewall rules
--------------

Due to the variety of firewall setups, the installer does not change any firewall rules on the
host. Users must ensure that the booting nodes can reach ports 67 and 69.
"""


def test_an_opening_that_tells_a_failure_with_its_reason_and_remedies_it_is_an_issue():
    # "Because ..., ... no longer work. To fix this, ...": a failure, its reason and its remedy,
    # under a task's title; "Due to ..., the installer does not change ..." tells a design.
    assert titles("addresses.rst", REASON_FIRST) == ["Manually releasing an address"]


def test_excess_and_inability_are_failures():
    assert cues.is_symptom_title("Excessive memory use of the statistics database")
    assert cues.names_failure("The backend is still not able to receive spans")


def test_a_list_that_gives_the_values_a_condition_awaits_keeps_its_causes():
    # "If the pod's event is:" over the events: each item is a case, with its own cause.
    text = ("# Volumes\n\n## Volume is not mounted\n\nIf the pod's event is:\n\n"
            "- `driver name example.com not found`\n\n  This is due to the node plugin not running.\n")
    [issue] = parse_bytes("volumes.md", text.encode()).issues
    assert "node plugin not running" in issue.root_cause


def test_under_a_component_s_name_an_if_you_see_opening_keeps_its_own_title():
    text = ("# Agents\n\n## csi-agent\n\nIf you see `mount failed: permission denied` in the agent log, it "
            "means that the volume's label is wrong. Relabel the volume and restart the pod.\n")
    [issue] = parse_bytes("agents.md", text.encode()).issues
    assert issue.title.startswith("If you see")


STATUS_CODES = """\
# Proxy FAQ

## Why does the proxy answer with a given HTTP status code?

The proxy is configured at run time. Notably, the install configuration is static and read once
at startup, while the providers change the routing configuration all along.

So an entry point's static configuration says nothing about how the traffic through it is routed.

### 404 Not Found

The proxy answers 404 when no router matches the request, because no rule matches its host.
Add a router whose rule matches the host.

### 503 Service Unavailable

The proxy answers 503 when a router matches but its service has no healthy server, because every
health check failed. Fix the servers' health checks.
"""


def test_a_design_told_over_status_code_sections_is_no_issue_of_its_own():
    # gathered32's proxy FAQ: "the install configuration" is a noun, no step to take (kb.rst.cues
    # FIX); the introduction, which names no cause and remedies nothing, is no issue, and the
    # status-code section under it is read on its own.
    assert not cues.states_remedy("Notably, the install configuration is static.")
    assert cues.states_remedy("Install the missing driver package.")
    assert titles("faq.md", STATUS_CODES) == ["404 Not Found", "503 Service Unavailable"]


MANIFEST_STEP = """\
# Automatic failover between clusters

## Creating the backup route

To tell the controller where to send traffic, create a route with the failover label:

```bash
kubectl --context=west apply -f - <<EOF
apiVersion: routing.example.com/v1
kind: Route
metadata:
  name: web-failover
  labels:
    failover.example.com/managed-by: failover-controller
spec:
  primary: web
EOF
```

This route sends the traffic to the other cluster if the primary becomes unavailable.
"""


def test_a_manifest_fed_to_a_command_is_no_error_quoted():
    # gathered32's failover walkthrough: a here-document manifest whose label keys hold a "/" and
    # the word "failover" is configuration (kb.rst.signatures.is_yaml), no failure record; the
    # step that applies it is no issue.
    from kb.rst.signatures import is_yaml

    manifest = MANIFEST_STEP.split("```bash\n")[1].split("```")[0]
    assert is_yaml(manifest)
    assert not is_yaml("kubectl apply -f route.yaml\nError from server: failover.example.com/x: denied\n")
    assert titles("failover.md", MANIFEST_STEP) == []
