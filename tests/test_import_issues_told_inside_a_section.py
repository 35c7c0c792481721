"""Issues told inside a section that holds several, with no heading of their own (issue #10: the
"told inside another section" class of tests/eval/drop_reasons, the one that did not carry to
unseen documents).

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes


def issues(name: str, text: str):
    return parse_bytes(name, text.encode()).issues


def titles(name: str, text: str) -> list[str]:
    return [i.title for i in issues(name, text)]


BUG_BULLETS = """\
Known behavior
==============

- 2201187 A false alarm for the disk service is raised when the disk and the backup services
  run on different hosts.

- 2201190 Reporting is available only in HA mode.
"""


def test_a_false_alarm_is_something_going_wrong():
    # A numbered known issue that reports a false alarm names a fault (the alarm), as "fails"
    # would; one that states what a feature is limited to names none.
    assert titles("known.rst", BUG_BULLETS) == [
        "2201187 A false alarm for the disk service is raised when the disk and the backup "
        "services run on different hosts."]


NUMBERED_ENTRY = """\
In production
-------------

Some problems show up only under real load. Here is one, with what to do about it.

1. Uploads fail when the spool is full

**Symptom**: uploads stall, the spool size keeps growing

**Solution**: schedule the cleaner (a cron job).  In the file
  ``/etc/cron.d/spool``, add an entry such as the one below::

    0 * * * * spoolctl purge --older-than 2h
"""


def test_a_numbered_line_alone_over_labels_is_an_issue_of_its_own():
    # The number says it is an entry of the section; the labels under it are its fields, and a
    # label whose next lines are indented (docutils reads a definition) keeps them.
    (issue,) = issues("prod.rst", NUMBERED_ENTRY)
    assert issue.title == "Uploads fail when the spool is full"
    assert "uploads stall" in issue.symptoms
    assert "schedule the cleaner" in issue.solution and "/etc/cron.d/spool" in issue.solution
    assert "spoolctl purge" in issue.solution


def test_a_numbered_line_over_no_label_is_no_entry():
    plain = NUMBERED_ENTRY.replace("**Symptom**: ", "").replace("**Solution**: ", "")
    assert "Uploads fail when the spool is full" not in titles("prod.rst", plain)


def test_a_numbered_line_over_labels_in_markdown_is_an_issue_too():
    text = """\
# In production

Some problems show up only under real load. Here is one, with what to do about it.

1. Uploads fail when the spool is full

**Symptom**: uploads stall, the spool size keeps growing

**Solution**: schedule the cleaner with `spoolctl purge --older-than 2h` every hour.
"""
    (issue,) = issues("prod.md", text)
    assert issue.title == "Uploads fail when the spool is full" and "spoolctl purge" in issue.solution


WHAT_HAPPENS_FAQ = """\
FAQ
===

What occurs if two agents register under the same ``node_name``?
    The second agent will not be able to take its leases, because the registry already holds
    that name with another host key.

    Make sure each agent has its own ``node_name``.

What occurs if the registry loses quorum?
    The registry will become unresponsive, which makes every agent drop to read-only mode.

    You can turn on ``lease_fallback`` to alleviate that situation.

What occurs if I change a setting that needs a reload?
    The agent will take care of reloading itself when it sees the change.

What is the difference between ``node_name`` and ``host_key``?
    ``node_name`` is chosen by you, ``host_key`` is generated on the first start.
"""


def test_asked_what_happens_an_answer_that_opens_on_a_failure_makes_it_a_problem():
    # "What occurs if ...?" asks how the system behaves; when the answer's first sentence says
    # something goes wrong ("will not be able to", "will become unresponsive"), the question
    # is a problem met and the rest of the answer its cause and fix. An answer that tells how
    # the system copes is none.
    found = {i.title: i for i in issues("faq.rst", WHAT_HAPPENS_FAQ)}
    assert set(found) == {
        "What occurs if two agents register under the same node_name?",
        "What occurs if the registry loses quorum?",
    }
    same = found["What occurs if two agents register under the same node_name?"]
    assert "Make sure each agent" in same.solution
    assert "lease_fallback" in found["What occurs if the registry loses quorum?"].solution


def test_asked_what_happens_in_a_q_and_a_paragraph_the_same_holds():
    text = """\
Issues
======

Q: What happens if the registry loses quorum?

    A: The registry will become unresponsive and every agent drops to read-only mode.
    Turn on ``lease_fallback`` to alleviate that situation.

Q: What happens if I change a setting that needs a reload?

    A: The agent reloads itself when it sees the change.
"""
    assert titles("faq.rst", text) == ["What happens if the registry loses quorum?"]


NOTHING_HAPPENS_FAQ = """\
Common issues
=============

Q: It seems that the agent does nothing when I remove a route and then add it back at once.

    A: It's expected. Both changes land in one transaction, and the agent applies only their
    sum, which is no change. If you want the route rebuilt, you need to split the change into
    two transactions.

Q: Why does the agent keep changing the bridge's queue length?

    A: The agent sets every bridge's queue length to the smallest of its ports'. The queue
    length of a bridge can be explicitly set using the following command::

        $ agentctl set bridge br0 txqlen=2000
"""


def test_doing_nothing_is_a_failure_and_a_setting_given_by_a_command_a_fix():
    # "does nothing" (as "has no effect") says what was asked for did not happen; a setting that
    # "can be set using the following command" under a complaint is its remedy.
    found = {i.title: i for i in issues("faq.rst", NOTHING_HAPPENS_FAQ)}
    assert set(found) == {
        "It seems that the agent does nothing when I remove a route and then add it back at once.",
        "Why does the agent keep changing the bridge's queue length?",
    }
    queue = found["Why does the agent keep changing the bridge's queue length?"]
    assert "agentctl set bridge" in queue.solution


EXPLAINED_MESSAGES = """\
Handshake failures
~~~~~~~~~~~~~~~~~~

Here is what a refused handshake looks like in the broker's log:

::

    =ERROR REPORT==== 3-Mar-2024::10:01:12 ===
    closing connection <0.912.0>: {handshake_error,starting,0,{error,access_refused}}

This means that the client's user name or password is wrong. Make sure the credentials in
``client.conf`` match a broker user.

The following entry:

::

    =ERROR REPORT==== 3-Mar-2024::10:02:40 ===
    exception on TCP connection <0.977.0>: {bad_header,<<65,77,81,80,0,0,9,1>>}

means that the client speaks an older protocol revision than the broker accepts. It is
recommended to upgrade the client library.
"""


def test_a_second_message_and_what_it_means_is_an_issue_beside_its_sections():
    # The section's heading names the first message; each quoted message after it, explained by
    # the paragraph right after it ("means that ..."), is an issue of its own, its explanation
    # the cause and the remedy in it the fix.
    found = {i.title: i for i in issues("broker.rst", EXPLAINED_MESSAGES)}
    older = "means that the client speaks an older protocol revision than the broker accepts"
    assert set(found) == {"Handshake failures", older}
    assert "older protocol revision" in found[older].root_cause
    assert "upgrade the client library" in found[older].solution
    assert "bad_header" not in found["Handshake failures"].symptoms
    assert "credentials" in found["Handshake failures"].solution


def test_one_message_and_what_it_means_is_its_sections_issue():
    one = EXPLAINED_MESSAGES.split("The following entry:")[0]
    assert titles("broker.rst", one) == ["Handshake failures"]


COUNTED_PARAGRAPHS = """\
Known Issues
============

Legacy image API removed
~~~~~~~~~~~~~~~~~~~~~~~~

The legacy image API is gone in this release. Two known issues from this have emerged.

One, when images are kept on the object store, the image service fails to set the container's
read ACL:

https://bugs.example.org/images/+bug/4401

The workaround is to set the read ACL on the container by hand

.. code:: bash

    objstore post images --read-acl ".r:*"

Two, the mirror-sync tool still calls the legacy API and stops with HTTP 410:
https://bugs.example.org/mirror/+bug/4402
There is currently no workaround.
"""


def test_paragraphs_opening_on_ordinals_after_a_count_of_issues_are_issues_each():
    # "Two known issues ... emerged." counts them; "One, ...", "Two, ..." each tells one, with
    # the blocks up to the next; the section only gathers them.
    found = {i.title: i for i in issues("notes.rst", COUNTED_PARAGRAPHS)}
    acl = "when images are kept on the object store, the image service fails to set the container's read ACL"
    sync = "the mirror-sync tool still calls the legacy API and stops with HTTP 410"
    assert set(found) == {acl, sync}
    assert "read ACL on the container by hand" in found[acl].solution
    assert "mirror-sync" not in found[acl].symptoms and not found[sync].solution


def test_ordinal_paragraphs_with_no_count_before_them_are_the_sections_prose():
    uncounted = COUNTED_PARAGRAPHS.replace(" Two known issues from this have emerged.", "")
    assert titles("notes.rst", uncounted) == ["Legacy image API removed"]


CONDITION_WITHIN = """\
Webhook checks
--------------

First check that the webhook answers from outside the cluster. If this works, check that the
cluster can reach it too. If you get a connection error it is suggested to check the cluster's
network configuration. If you receive a ``x509: certificate signed by unknown authority`` error,
add the issuing CA to the ``caBundle`` of the webhook configuration. The webhook is called
again at the next sync.
"""


def test_a_quoted_error_met_and_its_remedy_inside_a_paragraph_is_an_issue():
    # In the middle of a paragraph, "If you receive <quoted error>, <remedy>" tells one issue, as
    # a paragraph opening on it would; a failure named only in words, with a check, is none.
    (issue,) = issues("webhook.rst", CONDITION_WITHIN)
    assert issue.title == "If you receive a x509: certificate signed by unknown authority error"
    assert "add the issuing CA" in issue.solution and "x509" in issue.symptoms
    assert "connection error" not in issue.symptoms


def test_an_unquoted_failure_inside_a_paragraph_is_no_issue():
    text = CONDITION_WITHIN.replace("``x509: certificate signed by unknown authority``", "a certificate")
    assert titles("webhook.rst", text) == []


CONDITION_THEN_CAUSE = """\
Check that the probes reach the node
------------------------------------

Run ``tcpdump -n -i eth0 udp port 7946`` on the node that announces the address.

If no replies are received, it might be that the probes are filtered on the way. Port security
on the switch is a common reason for that. To fix this, allow port 7946 on the node's switch port.

If replies are received, go on with the next check.
"""


def test_a_failure_seen_then_what_may_cause_it_is_an_issue_under_a_check():
    # "If <what is seen goes wrong>, it might be that <cause>" under a check's heading tells an
    # issue beside the check; "no replies are received" names a failure (what should come does
    # not); "If replies are received, go on" names none.
    (issue,) = issues("probes.rst", CONDITION_THEN_CAUSE)
    assert issue.title.startswith("If no replies are received")
    assert "filtered on the way" in issue.root_cause and "allow port 7946" in issue.solution


BOLD_LABELLED_BULLETS = """\
# Troubleshooting

- **Uploads fail over 2 GB**: the proxy limits the request body. Raise `client_max_body_size`.
- **Dashboard shows no data after an upgrade**: the browser cache is stale. Clear it and reload.
"""


def test_bullets_each_naming_a_failure_in_bold_are_issues_under_any_heading():
    # Each item names its failure in bold, as a heading would; the heading over the list
    # ("Troubleshooting") need not say it lists known issues.
    found = {i.title: i for i in issues("web.md", BOLD_LABELLED_BULLETS)}
    assert set(found) == {"Uploads fail over 2 GB", "Dashboard shows no data after an upgrade"}
    assert "client_max_body_size" in found["Uploads fail over 2 GB"].solution


def test_bullets_labelled_by_components_are_no_issues():
    text = """\
# Troubleshooting

- **proxy**: limits the request body; raise `client_max_body_size` for big uploads.
- **browser cache**: keeps old scripts; clear it after an upgrade.
"""
    assert titles("web.md", text) == []


BOLD_LEAD_PARAGRAPHS = """\
Common problems
===============

**Uploads fail over 2 GB.** The proxy in front of the server limits the request body, because
its default is 1 GB. Raise ``client_max_body_size`` in the proxy's configuration.

**The dashboard shows no data after an upgrade.** The browser keeps the old scripts in its
cache. To fix this, clear the cache and reload the page.

**Performance considerations.** Large projects load more slowly; see the sizing guide.
"""


def test_paragraphs_opening_on_a_failure_in_bold_are_issues_each():
    # Each paragraph states its failure in a bold sentence and goes on with its cause and fix;
    # a bold opening that names no failure is the section's prose.
    found = {i.title: i for i in issues("web.rst", BOLD_LEAD_PARAGRAPHS)}
    assert set(found) == {"Uploads fail over 2 GB", "The dashboard shows no data after an upgrade"}
    assert "default is 1 GB" in found["Uploads fail over 2 GB"].root_cause
    assert "client_max_body_size" in found["Uploads fail over 2 GB"].solution
    assert "clear the cache" in found["The dashboard shows no data after an upgrade"].solution


def test_one_paragraph_opening_in_bold_is_its_sections_prose():
    # Alone, it is no list of entries: the section is the issue, told by its prose.
    one = BOLD_LEAD_PARAGRAPHS.split("**The dashboard")[0]
    (issue,) = issues("web.rst", one)
    assert issue.structure == "prose"


NUMBERED_WITH_LABELS = """\
# Known issues

1. Uploads fail when the file is larger than 2 GB.

   **Workaround**: split the file with `split -b 1G`.

2. The dashboard shows no data after an upgrade.

   **Workaround**: clear the browser cache.
"""


def test_numbered_items_each_with_a_labelled_remedy_paragraph_are_issues():
    # A label opening its paragraph ("**Workaround**: ...") marks the item's fix as a label
    # alone over it ("**Workaround**") does: each item is an issue, not a step.
    found = {i.title: i for i in issues("notes.md", NUMBERED_WITH_LABELS)}
    assert set(found) == {"Uploads fail when the file is larger than 2 GB.",
                          "The dashboard shows no data after an upgrade."}
    assert "split -b 1G" in found["Uploads fail when the file is larger than 2 GB."].workaround


TRACKED_BULLETS = """\
# Limitations

* Uploads larger than 2 GB fail with `413 Request Entity Too Large`. See
  [#4411](https://github.com/example/uploader/issues/4411).
* After an upgrade the dashboard may show no data until the browser cache is cleared.
* Resizing is supported only for offline volumes
  ([#4412](https://github.com/example/uploader/issues/4412)).
"""


def test_a_known_issue_that_names_a_failure_and_links_its_bug_is_an_issue():
    # The bug tracks its cause and fix, as a bug number opening the entry does; a failure named
    # with no bug and no cause or fix, or a scope with a bug, is none.
    assert titles("limits.md", TRACKED_BULLETS) == [
        "Uploads larger than 2 GB fail with 413 Request Entity Too Large."]


def test_a_bullet_that_is_only_a_bugs_link_is_no_issue_of_its_own():
    text = """\
# Limitations

When you run the agent on old kernels, you may see the following issues:

- [mkfs fails on old kernels #257](https://github.com/example/agent/issues/257)
- [mount failed #283](https://github.com/example/agent/issues/283)
"""
    assert not any(t.startswith(("mkfs fails", "mount failed")) for t in titles("limits.md", text))


NOTED_IN_A_PROCEDURE = """\
# Upgrading

Run `agentctl upgrade` on every node, one node at a time.

> **Known issue:** the dashboard shows no data after the upgrade because the browser cache is
> stale. Clear the cache to fix it.

!!! warning "Known issue"
    Exports time out on large projects because they run in one request. As a workaround,
    export one folder at a time.

!!! note "Tip"
    Exports run faster when the search index is rebuilt first, because it is read for each item.
"""


def test_a_note_or_quotation_that_says_known_issue_in_a_procedure_is_an_issue():
    # "> **Known issue:** ..." or an admonition titled "Known issue" tells one inside a
    # procedure, as a paragraph opening "Known issue:" does; a note titled otherwise is none.
    found = titles("upgrade.md", NOTED_IN_A_PROCEDURE)
    assert found == [
        "the dashboard shows no data after the upgrade because the browser cache is stale.",
        "Exports time out on large projects because they run in one request.",
    ]


FAILS_WITH = """\
# Running the agent

Start the agent with `agentctl start`.

If the agent fails to start with `bind: address already in use`, another process holds port
8080. To fix this, stop that process or change `listen_port`.

If uploads fail with `413 Request Entity Too Large`, the proxy limits the request body because
its default is 1 GB. Raise `client_max_body_size` to fix it.

If the agent starts with `--debug`, it logs every request.
"""


def test_a_failure_met_with_its_error_in_a_paragraph_is_an_issue():
    # "If <something> fails with `<error>`, <cause>. <fix>" tells an issue as "If you see
    # `<error>`" does; an "If" that names no failure is prose.
    bind, upload = issues("agent.md", FAILS_WITH)
    assert bind.title.startswith("If the agent fails to start with bind")
    assert "address already in use" in bind.symptoms and "listen_port" in bind.solution
    assert upload.title.startswith("If uploads fail with 413 Request Entity Too Large")
    assert "default is 1 GB" in upload.root_cause


ONE_SENTENCE_ISSUE = """\
Troubleshooting the compute node
================================

Migrating instances
-------------------

The vendor's guide has a few tips on migrating instances between hosts.

If a migration fails because the two hosts' processors differ, refer to :ref:`cpu-settings`.

Restarting the agent
--------------------

The agent restarts with ``svcctl restart agent``.

.. _cpu-settings:

CPU settings
------------

Set the processor compatibility mode on both hosts.
"""


def test_a_failure_its_cause_and_a_pointer_told_in_one_sentence_make_an_issue():
    # gathered32's Hyper-V page: under a topic title ("Live migration"), "If ... fails because
    # ..., refer to ..." tells the failure, its cause and where its remedy is, in one sentence.
    assert titles("compute.rst", ONE_SENTENCE_ISSUE) == ["Migrating instances"]
    assert "processors differ" in issues("compute.rst", ONE_SENTENCE_ISSUE)[0].root_cause
