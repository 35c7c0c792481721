"""What the importer takes for an issue in admin guides and FAQs (issue #10, tests/data/gathered19).

Each document here is our own, written in the shapes the studied documents use: a "Caveats"
chapter of deployment notes, a "Known issues" list numbered with bold labels, FAQs written as
definition lists or as bullets, a bug report's "Steps to reproduce" / "Troubleshooting".
"""

from kb.rst import cues, parse_bytes


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in parse_bytes(name, text.encode()).issues]


CAVEATS = """\
Sharding
========

Caveats
-------

Log shipping
~~~~~~~~~~~~

With many shards it is likely that operators will want one collector for all of them. This can
be done in the agent's configuration file.

Backup agents
~~~~~~~~~~~~~

Backup agents must be run per shard because the snapshot locks are stored in the shard itself.

Usage reports
~~~~~~~~~~~~~

Usage is summed over the shards when a report is asked for. This means that a report may
incorrectly count the usage of a tenant if one of the shards is unreachable, because those rows
cannot be read. Count usage from the central ledger instead.
"""

KNOWN_ISSUES = """\
Sharding
========

Known issues
------------

Kernel profiles
~~~~~~~~~~~~~~~

If your host has a kernel profile enabled you may run into the upstream report on it.
Disable the profile for the shard agent.
"""


def test_a_caveat_that_tells_how_to_deploy_is_no_issue_but_one_that_tells_a_failure_is():
    assert titles("caveats.rst", CAVEATS) == ["Usage reports"]


def test_under_known_issues_a_section_is_an_issue_without_a_failure_word():
    # The heading says each of its sections is an issue; "Caveats" says only: mind these.
    assert titles("known.rst", KNOWN_ISSUES) == ["Kernel profiles"]


HANDLING = """\
Handling shard failures
-----------------------

Below are some practices for tolerating shard failures.

Timeouts
~~~~~~~~

#. ``shard.max_retries`` is 10 by default.
#. ``shard.retry_interval`` is 10 seconds by default. If this is too short, the request will
   just fail with an API error.

Known issues
~~~~~~~~~~~~

1. **Startup:** In case a shard is down while the services start, the services hang because they
   cannot connect to every shard database. The current workaround is to pin the protocol version.

2. **Counting rows:** Another known issue is in counting rows, which makes it sensitive to
   shard outages: while a shard is unavailable its rows cannot be counted, because its database
   does not answer.
"""


def test_a_title_that_names_the_handling_of_failures_is_a_guide_and_its_known_issues_are_read():
    issues = parse_bytes("handling.rst", HANDLING.encode()).issues
    assert [i.title for i in issues] == ["Startup", "Counting rows"]
    assert "pin the protocol version" in issues[0].solution


NUMBERED_STEPS = """\
## Image issues faced on version 4.2

1. In case you face the error below while installing the chart, follow the steps below.

   ```
   Failed to pull image "registry.example.org/certgen:v1.3.0"
   ```

2. During troubleshooting you can also run the commands below to test the connectivity.

3. This is the solution recommended: allow the image registries in the firewall.
"""


def test_numbered_items_without_labels_under_an_issue_title_are_the_steps_of_one_issue():
    assert titles("steps.md", NUMBERED_STEPS) == ["Image issues faced on version 4.2"]


CHECKS = """\
Platform issues
---------------

Verify agent connectivity with the controllers
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Check that each host established a connection with the controllers. If it is not established:

* Check that the host can reach the controller.
* Check that the agent is running. If it is not running, try starting it.

Agents lose their controller after a power outage
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

The controllers must start before the agents because the agents do not retry. Restart the agents.
"""


def test_a_section_titled_as_a_check_is_a_procedure_not_an_issue():
    assert titles("checks.rst", CHECKS) == ["Agents lose their controller after a power outage"]


DEFINITION_FAQ = """\
FAQ
===

Storage
-------

What is the difference between the vault and other key stores?
    The vault does not only keep keys but also rotates them. If a key expires, the vault will
    rotate it for you.

Why does the vault require a separate cluster of storage nodes while other stores do not?
    There are different ways of building a key store, each with its pros and cons.

Do I need to run the vault client on the vault host?
    No, you do not need to. Running it there is handy because it can reuse the agent's file.

Why is the key list of one of my nodes not up-to-date in the output of ``vault list``?
    The list is read from the storage nodes, which each node updates every ``sync_wait`` seconds.

How can I change the rotation period?
    Edit ``rotation.period`` and reload.

I changed ``bootstrap.keys`` but the vault is not applying the change. What is wrong?
    The values under ``bootstrap.keys`` are only used when a cluster is created. Change the keys
    through the API instead.
"""


def test_in_a_faq_written_as_a_definition_list_each_question_decides_for_itself():
    issues = parse_bytes("faq.rst", DEFINITION_FAQ.encode()).issues
    assert [i.title[:40] for i in issues] == [
        "Why is the key list of one of my nodes n",
        "I changed bootstrap.keys but the vault i",
    ]
    # the answer to a complaint explains it, with no cause phrase
    assert issues[0].root_cause.startswith("The list is read from the storage nodes")


def test_asking_why_a_design_requires_something_is_no_complaint():
    assert not cues.is_symptom_title(
        "Why does the vault require a separate cluster of storage nodes while other stores do not?"
    )
    assert cues.is_symptom_title("Why does the vault fail to start on a separate cluster?")


BULLET_FAQ = """\
FAQs
----

- How do I find out which hosts are bound to which shard?

  Run ``shardctl list_hosts``.

- How can I disable a shard so that new requests do not go to it during maintenance?

  Run ``shardctl update --disable``.

- I updated the ``transport_url`` of a shard but the API is still trying to use the old one.

  The shard mappings are cached in the API worker, so you will need to restart the worker to
  rebuild the cache.
"""


def test_bullets_under_faqs_that_open_on_a_complaint_are_issues_and_how_tos_are_not():
    issues = parse_bytes("faqs.rst", BULLET_FAQ.encode()).issues
    assert [i.title[:45] for i in issues] == ["I updated the transport_url of a shard but th"]
    assert "restart the worker" in issues[0].solution


MESSAGES = """\
Plugin issues
-------------

Inability to resolve the manager hostname
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

If you see the following message::

 ERROR plugin ServerNotFoundError: Unable to find the server at manager.example.org

It means that the controller cannot resolve the manager's hostname. Correct the DNS servers.

Non-existent datacenter specified
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

If some settings of the datacenter do not exist, the plugin will report the following message:

::

 ERROR plugin PluginException: An unexpected error occurred in the plugin: datacenter_id not found
"""


def test_a_condition_the_plugin_reports_a_message_for_is_the_cause_and_inability_is_a_failure():
    issues = parse_bytes("messages.rst", MESSAGES.encode()).issues
    assert [i.title for i in issues] == [
        "Inability to resolve the manager hostname",
        "Non-existent datacenter specified",
    ]
    assert issues[1].root_cause.startswith("If some settings of the datacenter do not exist")


REPORT_FIELDS = """\
# Troubleshooting the login

## Login page

### Provider endpoint not compliant

#### Steps to reproduce

Open the login page. Rather than the login button you see `OAuth provider not available`.

#### Troubleshooting

These are the most common reasons for this issue: the endpoint is unreachable because a
firewall blocks it. Ask the provider's administrator to open it.
"""

README_FIELDS = """\
# cache

## Description

The plugin caches answers.

## Troubleshooting

If answers are stale, lower the `ttl`.
"""


def test_steps_to_reproduce_and_troubleshooting_headings_are_an_issue_s_fields():
    issues = parse_bytes("report.md", REPORT_FIELDS.encode()).issues
    assert [i.title for i in issues] == ["Provider endpoint not compliant"]
    assert "firewall blocks it" in issues[0].root_cause
    assert "Open the login page" in issues[0].symptoms
    # beside a plugin README's "Description", "Troubleshooting" is a chapter, no field
    assert "cache" not in [i.title for i in parse_bytes("readme.md", README_FIELDS.encode()).issues]


HEADED_ITEMS = """\
===============
Troubleshooting
===============

#. ``BadRequest: Bad network request: physical network must be configured.``

   The origin of the problem is that the controller supports only vlan networks, because it
   needs a physical network. Set ``tenant_network_types = vlan`` in the ml2 configuration.

#. **Fix problems with the hypervisor library during deployment**

   If there are any problems with the library, the version of its bindings should be upgraded
   in the requirements file.

#. **Error on spawn: no VIF plugin was
   found with the name vrouter**

   The agent's port script is missing because the package was not installed. Install it.
"""


def test_a_troubleshooting_list_whose_items_open_on_a_heading_holds_an_issue_per_item():
    issues = parse_bytes("headed.rst", HEADED_ITEMS.encode()).issues
    assert [i.title for i in issues] == [
        "BadRequest: Bad network request: physical network must be configured.",
        "Fix problems with the hypervisor library during deployment",
        "Error on spawn: no VIF plugin was found with the name vrouter",
    ]
    assert "should be upgraded" in issues[1].solution


POSSIBLE_FIELDS = """\
# Receiver

## Out-of-window Error

### Description

#### Receiver Log

```shell
level=warn msg="Error on ingesting samples that are too old or are too far into the future"
```

### Possible Cause

The receiver was stopped and resumed, so the sender writes from its oldest sample.

### Possible Solution

Add replicas or resources to the receiver.
"""


def test_possible_cause_and_solution_are_fields_and_a_description_s_sub_section_is_its_text():
    issues = parse_bytes("fields.md", POSSIBLE_FIELDS.encode()).issues
    assert [i.title for i in issues] == ["Out-of-window Error"]
    assert "too old or are too far into the future" in issues[0].symptoms
    assert issues[0].root_cause.startswith("The receiver was stopped")
    assert issues[0].solution.startswith("Add replicas")


ISSUE_IMPACT = """\
## Known issues and limitations

### webhook certificates

#### Issue

The following event appears on the operator Pod:

```
MountVolume.SetUp failed for volume "cert" : secret "webhook-server-cert" not found
```

#### Impact

You cannot run the operator.

#### Solution

Make sure that the certificate manager is up and running.
"""


def test_issue_and_impact_headings_are_the_symptoms_of_the_section_over_them():
    issues = parse_bytes("impact.md", ISSUE_IMPACT.encode()).issues
    assert [i.title for i in issues] == ["webhook certificates"]
    assert "You cannot run the operator." in issues[0].symptoms
    assert issues[0].solution.startswith("Make sure")



ISSUE_OVER_FIELDS = """\
Lab
===

Issue
-----

Symptoms
~~~~~~~~

Nodes reboot at night.

Root cause
~~~~~~~~~~

The watchdog fires when the disk stalls.
"""


def test_a_section_titled_issue_over_field_sections_is_an_issue_not_a_field():
    # "Issue" names the symptoms in a known-issue page ("#### Issue" / "#### Solution"); a
    # section so titled whose own sub-sections are fields is an issue (as the export's round
    # trip writes one: tests/test_export.py)
    issues = parse_bytes("issue.rst", ISSUE_OVER_FIELDS.encode()).issues
    assert [(i.title, i.symptoms, i.root_cause) for i in issues] == [
        ("Issue", "Nodes reboot at night.", "The watchdog fires when the disk stalls.")]

TOML_FRONT_MATTER = """\
+++
title = "The control plane is unable to reach the metrics server?"
weight = 1
+++

If you get `status FailedDiscoveryCheck` with a message: `failing or missing response`, one of
the reasons for this can be due to the network plugin.

### Solution for managed services:

Set `hostNetwork: true` on the metrics server.
"""


def test_hugo_s_toml_front_matter_titles_the_page_as_yaml_s_does():
    issues = parse_bytes("toml.md", TOML_FRONT_MATTER.encode()).issues
    assert [(i.title, i.line) for i in issues] == [
        ("The control plane is unable to reach the metrics server?", 1)
    ]


KNOWN_ISSUES_PLURAL = """\
Networking
----------

Known issues may include:

- Old boot firmwares have known issues with IPv6, limiting our ability to test it.
"""


def test_a_bullet_saying_something_has_known_issues_names_its_cause():
    issues = parse_bytes("plural.rst", KNOWN_ISSUES_PLURAL.encode()).issues
    assert [i.title for i in issues] == [
        "Old boot firmwares have known issues with IPv6, limiting our ability to test it."
    ]


# -- structures of tests/data/gathered21, in our own words ------------------------------------

GUIDE_WITH_ERROR_MESSAGES = """\
=====================
Operating the gateway
=====================

Where the logs are
==================

The gateway logs to ``/var/log/gateway``.

Workers do not start after a power cut
======================================

This problem arises because the scheduler still counts the stopped workers against the quota.
The solution is to delete the stopped workers and start new ones.

Error Messages
==============

QUEUE STALLED, RETRY LATER
--------------------------

The status page shows "QUEUE STALLED, RETRY LATER" when the broker has lost its queues. Restart
the broker to recreate them.
"""


def test_a_heading_named_like_the_symptom_field_that_gathers_failures_is_a_category():
    # "Error Messages" with no text of its own over a failure section is no Symptoms field
    # making the whole page one issue: each failure section is an issue of its own.
    assert titles("guide.rst", GUIDE_WITH_ERROR_MESSAGES) == [
        "Workers do not start after a power cut", "QUEUE STALLED, RETRY LATER"]


PHRASED_FIELDS = """\
Setup problems
==============

Links point to the wrong host
-----------------------------

What you might see
^^^^^^^^^^^^^^^^^^

Links in the responses name ``localhost``.

Caused by
^^^^^^^^^

The service builds links from its ``host_href`` option, which defaults to localhost.

How to avoid
^^^^^^^^^^^^

Set ``host_href`` to the public name of the service and restart it.
"""

LABELLED_MD = """\
## Telling restarts apart

### OOMKilled

**Indicators:**
- `lastState.terminated.reason: OOMKilled`

**Common causes:**
- The memory limit is below what the workload needs.

**Resolution:**
- Raise the memory limit of the container.
"""


def test_field_headings_and_labels_phrased_in_words_of_their_own_name_their_fields():
    [issue] = parse_bytes("setup.rst", PHRASED_FIELDS.encode()).issues
    assert issue.title == "Links point to the wrong host"
    assert "localhost" in issue.symptoms and "host_href" in issue.root_cause
    assert "public name" in (issue.workaround or issue.solution)
    [issue] = parse_bytes("restarts.md", LABELLED_MD.encode()).issues
    assert issue.title == "OOMKilled"
    assert "memory limit is below" in issue.root_cause and "Raise the memory limit" in issue.solution


KNOWN_ISSUES_BY_AREA = """\
# Known issues

## General

* The oldest release the agent runs on is 2.1.
* The agent does not support IPv6-only clusters.
* The built-in resolver works out of the box. The legacy resolver needs manual configuration.
  Please refer to the [resolver guide](resolver.md) for the steps.

## Storage

* Volume metrics are not collected when the volume is encrypted, because the encryption layer
  hides the device statistics.
* Snapshots are slow on thin pools.
"""


def test_known_issue_bullets_under_area_headings_are_issues_and_support_statements_are_not():
    # "General" / "Storage" sort the known issues by area; a bullet that only says what is not
    # supported, or states no cause or fix, is none. The sentence a remedy answers names the issue.
    assert titles("known.md", KNOWN_ISSUES_BY_AREA) == [
        "The legacy resolver needs manual configuration.",
        "Volume metrics are not collected when the volume is encrypted"]


NARRATIVE = """\
===============
Troubleshooting
===============

If you stop the builder while it packs an image you might get an error

.. code-block:: bash

    OSError: [Errno 16] Device or resource busy: '/var/lib/builder/root/cache'

Solution is to unmount the left-over cache as root.

Image build race
================

Now and then we see a failure to build a bootable image. This is because of a race in the
packer. Remove the broken image and build it again.

Layout
======

The builder keeps its images in ``/var/lib/builder``. Remove old images from time to time.
"""


def test_a_narrative_error_and_a_topic_section_that_explains_and_remedies_a_failure_are_issues():
    found = {i.title: i for i in parse_bytes("builder.rst", NARRATIVE.encode()).issues}
    narrative = "If you stop the builder while it packs an image you might get an error"
    assert sorted(found) == [narrative, "Image build race"]
    assert "unmount" in found[narrative].solution
    assert "race in the packer" in found["Image build race"].root_cause


CAUSE_AND_SOLUTION_ONLY = """\
# Troubleshooting

## Pods fail to schedule

### Cause

The scheduler finds no node with enough free memory.

### Solution

Add nodes or lower the memory requests.

## Node labels

### Cause

Labels come from the provisioning template.

### Solution

Edit the template.
"""


def test_a_title_that_states_the_failure_is_the_symptom_of_cause_and_solution_headings():
    # With no Symptoms heading, the failure the title states is what is seen; a title that
    # states none ("Node labels") still makes no issue of a Cause and a Solution.
    [issue] = parse_bytes("ts.md", CAUSE_AND_SOLUTION_ONLY.encode()).issues
    assert (issue.title, issue.structure) == ("Pods fail to schedule", "field_headings")
    assert issue.symptoms and "free memory" in issue.root_cause and "Add nodes" in issue.solution


ISSUE_TABLE = """\
## Known issues

| Issue | Workaround |
| --- | --- |
| The agent crashes when its config file is empty. | Add at least one `[section]` to the file. |
| Exports are slower than in 2.2. | |

**Q: Why does the agent log `permission denied` on start?**

A: The agent runs as the `svc` user, which cannot read `/etc/agent`. Give the user read access.
"""


def test_an_issue_and_workaround_table_and_an_imperative_remedy():
    # With no symptom column, "Issue" states what goes wrong; a row with no workaround and no
    # cause is none. "Give the user read access." opens on what to do: the answer's fix.
    found = {i.title: i for i in parse_bytes("notes.md", ISSUE_TABLE.encode()).issues}
    assert sorted(found) == ["The agent crashes when its config file is empty.",
                             "Why does the agent log permission denied on start?"]
    assert "Give the user read access" in found["Why does the agent log permission denied on start?"].solution


BOLD_LEADS = """\
Common problems
---------------

* **Logins fail** - the session cookie is set for the wrong domain. Set ``cookie_domain`` to the
  public host name.
* **Exports are slow** - large exports take a while.
"""


def test_a_bullet_opening_on_a_failure_in_bold_and_a_dash_is_titled_by_it_and_explained_after_it():
    [issue] = parse_bytes("problems.rst", BOLD_LEADS.encode()).issues
    assert issue.title == "Logins fail"
    assert issue.root_cause == "the session cookie is set for the wrong domain."
    assert "cookie_domain" in issue.solution
