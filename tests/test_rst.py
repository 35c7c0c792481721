"""The RST parser on its own: no database."""

import gzip
from collections import Counter

import pytest

from kb.rst import RstImportError, parse_bytes, parse_file
from tests.conftest import SHARED, corpus_file

REFERENCE_TITLES = [
    "Huge load on kube-apiserver",
    "KubeDNS cannot handle big cluster load with default settings",
    "Kubernetes scheduler is ineffective with pod antiaffinity",
    "Kubernetes scheduler needs to be deployed on separate node",
    "kube-apiserver have low default rate limit",
    "Kubernetes scheduler can schedule wrongly",
    "Docker become unresponsive at random",
    "Calico start up time is too long",
    "Lack of Heat domain configuration",
    "Lack of heat-api-cfn service configuration in fuel-ccp",
    "Heat endpoint not reachable from virtual machines",
    "Glance+Heat authentication misconfiguration",
    "Random loss of connection to MySQL",
    "Slow Heat API requests",
    "OpenStack VMs cannot fetch required metadata",
    "RPC timeouts during Heat resources validation",
    "Overloaded Memcache service",
    "Incorrect status information for Neutron agents",
    "Nova client not working",
    "Neutron server timeouts",
    "No access to OpenStack VM from tenant network",
    "OpenStack services don’t handle PXC pseudo-deadlocks",
    "Live migration failed with live_migration_uri configuration",
]


def parse(text: str, path="doc.rst"):
    return parse_bytes(path, text.encode())


@pytest.fixture(scope="module")
def reference():
    return parse_file(str(corpus_file("scale_testing_issues.rst")))


def by_title(document, title):
    return next(i for i in document.issues if i.title == title)


def test_it_finds_the_23_reference_issues_with_their_titles(reference):
    assert [i.title for i in reference.issues] == REFERENCE_TITLES


def test_it_groups_reference_issues_by_part_and_section(reference):
    groups = Counter(i.category for i in reference.issues)
    assert groups == {
        "Observed issues": 8,
        "Heat/fuel-ccp integration issues": 4,
        "Workloads Testing Issues": 11,
    }
    environments = Counter(i.environment for i in reference.issues)
    assert environments == {
        "Kubernetes Issues At Scale 900 Minions": 8,
        "OpenStack Issues At Scale 200 Compute Nodes": 15,
    }


def test_it_fills_every_field_present_in_the_source(reference):
    # (title, fields the report gives it)
    expected = {
        "Huge load on kube-apiserver": {"symptoms", "root_cause", "solution"},
        "kube-apiserver have low default rate limit": {"symptoms", "solution"},
        "Kubernetes scheduler can schedule wrongly": {"symptoms", "root_cause"},
        "Docker become unresponsive at random": {"symptoms", "workaround"},
        "Slow Heat API requests": {"symptoms", "root_cause", "workaround"},
        "No access to OpenStack VM from tenant network": {"symptoms", "root_cause", "solution"},
        "OpenStack services don’t handle PXC pseudo-deadlocks": {"symptoms", "root_cause"},
    }
    for title, fields in expected.items():
        issue = by_title(reference, title)
        filled = {f for f in ("symptoms", "root_cause", "solution", "workaround") if getattr(issue, f)}
        assert filled == fields, title
    assert all(issue.symptoms for issue in reference.issues)


def test_it_reads_upstream_links_with_kind_and_status(reference):
    links = {link.url: link for issue in reference.issues for link in issue.upstream}
    kargo = links["https://github.com/kubernetes-incubator/kargo/issues/655"]
    assert (kargo.kind, kargo.status) == ("github_issue", "fixed")
    assert links["https://github.com/kubernetes/kubernetes/pull/37691"].kind == "github_pr"
    assert links["https://bugs.launchpad.net/oslo.db/+bug/1648818"].kind == "launchpad_bug"
    assert links["https://review.openstack.org/409194"].kind == "gerrit_review"
    assert links["https://github.com/kubernetes-incubator/kargo/issues/834"].status == "unknown"
    every_url_in_upstream_fields = {
        "https://github.com/kubernetes-incubator/kargo/issues/655",
        "https://github.com/kubernetes-incubator/kargo/pull/656",
        "https://github.com/kubernetes-incubator/kargo/issues/643",
        "https://github.com/kubernetes-incubator/kargo/pull/652",
        "https://github.com/kubernetes/kubernetes/pull/37691",
        "https://github.com/kubernetes/kubernetes/pull/38693",
        "https://github.com/kubernetes-incubator/kargo/issues/834",
        "https://github.com/kubernetes/kubernetes/pull/38503",
        "https://bugs.launchpad.net/oslo.db/+bug/1648818",
        "https://review.openstack.org/409194",
        "https://review.openstack.org/409679",
        "https://bugs.launchpad.net/nova/+bug/1638625",
        "https://review.openstack.org/398956",
        "https://review.openstack.org/404810",
        "https://review.openstack.org/407708",
    }
    assert every_url_in_upstream_fields <= set(links)


def test_it_takes_status_from_upstream_headings(reference):
    assert by_title(reference, "Huge load on kube-apiserver").status == "fixed"
    kubedns = by_title(reference, "KubeDNS cannot handle big cluster load with default settings")
    assert kubedns.status == "partially_fixed"
    assert by_title(reference, "No access to OpenStack VM from tenant network").status == "investigating"
    assert by_title(reference, "Docker become unresponsive at random").status == "workaround"
    pxc = by_title(reference, "OpenStack services don’t handle PXC pseudo-deadlocks")
    assert pxc.status == "partially_fixed"  # "fixed ... but at least one place in Nova (TBD)"


@pytest.mark.parametrize(("url", "label"), [
    # a change's patch set and file: the change is 274097 (it was labelled "Gerrit review 6")
    ("https://review.openstack.org/#/c/274097/6/doc/source/devref/live_migration.rst",
     "Gerrit review 274097"),
    ("https://review.openstack.org/297100", "Gerrit review 297100"),
    ("https://review.opendev.org/c/openstack/nova/+/826523/3", "Gerrit review 826523"),
    ("https://review.opendev.org/#/c/409679/", "Gerrit review 409679"),
    ("https://bugs.launchpad.net/nova/+bug/1072751/comments/5", "Launchpad bug 1072751"),
    ("https://github.com/kubernetes-incubator/kargo/issues/643#issuecomment-99", "kargo issue #643"),
    ("https://github.com/o/r/pull/4/files", "r PR #4"),
    # a search is no one change: the link keeps the document's own text
    ("https://review.openstack.org/#/q/topic:bug/1550400", ""),
])
def test_a_tracker_link_is_named_by_its_own_number(url, label):
    from kb.rst.links import link_kind, tracker_label

    assert tracker_label(url, link_kind(url)) == label


def test_it_moves_bug_links_out_of_titles(reference):
    issue = by_title(reference, "Slow Heat API requests")
    links = [(link.kind, link.label) for link in issue.upstream]
    assert links == [("launchpad_bug", "Launchpad bug 1653088")]
    assert issue.slug == "slow-heat-api-requests"


def test_it_reads_relations_stated_in_words(reference):
    mysql = by_title(reference, "Random loss of connection to MySQL")
    assert [(r.target, r.kind) for r in mysql.relations] == [
        ("kubedns-cannot-handle-big-cluster-load-with-default-settings", "caused_by")
    ]
    separate = by_title(reference, "Kubernetes scheduler needs to be deployed on separate node")
    assert [(r.target, r.kind) for r in separate.relations] == [
        ("kubernetes-scheduler-is-ineffective-with-pod-antiaffinity", "same_root_cause")
    ]
    wrongly = by_title(reference, "Kubernetes scheduler can schedule wrongly")
    assert [r.target for r in wrongly.relations] == ["kube-apiserver-have-low-default-rate-limit"]


def test_it_derives_signatures_from_symptom_literal_blocks(reference):
    kubedns = by_title(reference, "KubeDNS cannot handle big cluster load with default settings")
    # dnsmasq's own message is any dnsmasq's (a router's too: kb.matching.generic.PROGRAMS): read
    # from a document's prose it is no signature, and the warning names the issue's line
    assert kubedns.signatures == []
    assert any("'Maximum number of concurrent DNS queries reached.' not kept" in warning
               for warning in reference.warnings)
    mysql = by_title(reference, "Random loss of connection to MySQL")
    # The hard-wrapped traceback becomes one record, its prefix line joined back; the
    # example's time, pid and host name are no part of it.
    assert [s.text for s in mysql.signatures] == [
        "ERROR nova.api.openstack.extensions DBConnectionError: "
        "(pymysql.err.OperationalError) (2003, \"Can't connect to MySQL server on "
        "'<*>' ([Errno -2] Name or service not known)\")"
    ]


def test_it_keeps_narrative_sections_out(reference):
    titles = {i.title for i in reference.issues}
    assert not titles & {"Glossary", "Setup", "Contributors", "Testing preparation steps"}


def test_it_derives_components_from_the_text(reference):
    kubedns = by_title(reference, "KubeDNS cannot handle big cluster load with default settings")
    assert {"kubedns", "dnsmasq"} <= set(kubedns.components)
    pxc = by_title(reference, "OpenStack services don’t handle PXC pseudo-deadlocks")
    assert {"mysql", "oslo.db", "nova"} <= set(pxc.components)


def test_it_converts_body_text_to_markdown(reference):
    memcache = by_title(reference, "Overloaded Memcache service")
    assert "```\nconfigs:\n    memcached:" in memcache.solution
    assert "`memcached`" in memcache.symptoms
    kubedns = by_title(reference, "KubeDNS cannot handle big cluster load with default settings")
    assert "\n1. Set higher limits for `dnsmasq` containers" in kubedns.solution
    assert "\n3. Increase number of parallel connections" in kubedns.solution
    metadata = by_title(reference, "OpenStack VMs cannot fetch required metadata")
    assert "[trace](http://paste.openstack.org/show/593337/)" in metadata.symptoms


@pytest.mark.parametrize(
    ("name", "count"),
    [
        ("nova__doc_source_admin_support-compute.rst", 13),
        ("cinder__doc_source_admin_ts-cinder-config.rst", 3),
        ("dpdk__doc_guides_rel_notes_known_issues.rst", 37),
    ],
)
def test_it_finds_the_issues_of_other_projects_documents(name, count):
    document = parse_file(str(corpus_file(name)))
    assert len(document.issues) == count
    assert all(issue.symptoms.strip() for issue in document.issues)
    assert len({issue.slug for issue in document.issues}) == count


@pytest.mark.parametrize(
    "name",
    [
        "charmed-openstack-upgrader__docs_reference_known-issues.rst",
        "swift__doc_source_ops_runbook_diagnose.rst",
        "performance-docs__doc_source_test_results_neutron_features_vm_density_results.rst",
    ],
)
def test_it_invents_no_issue_without_symptoms(name):
    document = parse_file(str(corpus_file(name)))
    assert all(issue.symptoms.strip() for issue in document.issues)


def test_it_reads_reversed_underline_order():
    document = parse_file(str(corpus_file("cinder__doc_source_admin_ts-cinder-config.rst")))
    iscsi = document.issues[2]
    assert iscsi.title == "Failed to create iscsi target error in the cinder-volume.log file"
    assert iscsi.symptoms.startswith("```console\n2013-03-12 01:35:43 1248 TRACE")
    assert iscsi.signatures[0].text == (
        "TRACE cinder.openstack.common.rpc.amqp ISCSITargetCreateFailed: Failed to create iscsi "
        "target for volume volume-<UUID>."
    )


def test_it_reads_bold_definition_list_fields():
    document = parse_file(str(corpus_file("dpdk__doc_guides_rel_notes_known_issues.rst")))
    first = document.issues[0]
    assert first.title == "Unit Test for Link Bonding may fail at test_tlb_tx_burst()"
    assert "uneven distribution of packets" in first.symptoms
    assert "link_bonding_autotest will fail" in first.symptoms  # Implication
    assert first.workaround == "There is no workaround available."
    assert "Fedora 20" in first.details


def test_it_degrades_sphinx_roles_and_directives_to_text():
    document = parse_file(str(corpus_file("nova__doc_source_admin_support-compute.rst")))
    permission = next(i for i in document.issues if i.title == "Live migration permission issues")
    assert "/admin/ssh-configuration" in permission.solution
    assert permission.signatures[0].text.startswith(
        "libvirtError: operation failed: Failed to connect to remote libvirt URI qemu+ssh://"
    )


def test_it_reads_the_roles_of_sphinx_extensions_as_their_text():
    # Seen on ironic's troubleshooting guide: 12 warnings 'Unknown interpreted text role
    # "oslo.config:option"', and the fix read "adjust the :oslo.config:option:\`DEFAULT.minimum_
    # required_memory\` parameter" on the issue's page.
    document = parse_file(str(corpus_file("real/ironic__doc_source_admin_troubleshooting.rst")))
    assert not [w for w in document.warnings if "interpreted text role" in w], document.warnings
    memory = next(i for i in document.issues if "out of memory" in i.title.lower())
    assert "adjust the `DEFAULT.minimum_required_memory` parameter" in memory.solution, memory.solution
    fields = [getattr(i, f) for i in document.issues for f in ("symptoms", "root_cause", "solution")]
    assert not [text for text in fields if ":oslo.config:option:" in text or ":nova-doc:" in text]
    inline = parse("Oops\n====\n\nProblem\n-------\n\nIt fails.\n\nSolution\n--------\n\n"
                   "See :nova-doc:`Nova filters documentation <filter_scheduler.html>` and :bug:`1234`.\n")
    assert inline.issues[0].solution == "See `Nova filters documentation` and `1234`."
    assert inline.warnings == []


def test_it_refuses_the_flattened_seed_naming_file_and_line():
    path = SHARED / "seeds" / "001_35c382c88997a8bb.txt"
    if not path.exists():
        pytest.skip("no ../shared/seeds")
    with pytest.raises(RstImportError) as caught:
        parse_file(str(path))
    assert caught.value.path == str(path)
    assert caught.value.line == 1
    assert "line breaks appear lost" in str(caught.value)


def test_it_reads_a_long_output_line_in_a_literal_block_and_refuses_one_at_the_margin():
    # congress's troubleshooting page quotes a 6,721-character JSON trace in a literal block:
    # real output, indented as a block's lines are; a flattened file runs on at the margin.
    trace = '"trace": "' + "Clas  : | Call: neutron:ports(a, b, c) " * 60 + '"'
    text = ("Datasource troubleshooting\n==========================\n\nThe trace says::\n\n  "
            + trace + "\n\nRead it from the bottom.\n")
    assert parse(text).title == "Datasource troubleshooting"
    with pytest.raises(RstImportError, match="line breaks appear lost") as caught:
        parse("Title\n=====\n\n" + trace + "\n")
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "file is empty"),
        (b"   \n\n  ", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "NUL bytes"),
        (b"caf\xe9 au lait\n", "not UTF-8"),
        (b'{"json": "is not RST"}\n', "no RST section titles"),
        (b"Intro\n=====\n\nText.\n\n=====\nOver\n========\n\nMore.\n", "Title overline & underline mismatch"),
        (b"A\n=\n\nB\n-\n\nC\n~\n\nx\n\nD\n=\n\nE\n~\n\ny\n", "Inconsistent title style"),
    ],
)
def test_it_refuses_what_is_not_an_rst_document(data, reason):
    with pytest.raises(RstImportError) as caught:
        parse_bytes("bad.rst", data)
    assert reason in str(caught.value)
    assert str(caught.value).startswith("bad.rst")


def test_it_names_the_compression_of_a_compressed_document():
    """Seen: a gzipped .rst (and a .tar.gz of documents) was refused as "not a text file (it
    contains NUL bytes)", which does not tell the user to decompress it first."""
    data = gzip.compress(b"Title\n=====\n\nText.\n")
    with pytest.raises(RstImportError) as caught:
        parse_bytes("report.rst.gz", data)
    assert "gzip" in str(caught.value)
    assert "decompress" in str(caught.value)


def test_it_reads_kb_fields_signatures_and_stated_relations():
    document = parse(
        """
=================
Cloud at 10 nodes
=================

DNS overload
------------

:components: dnsmasq, kubedns

Symptoms
~~~~~~~~

Lookups fail.

Log signatures
~~~~~~~~~~~~~~

::

    Maximum number of concurrent DNS queries reached (max: <NUM>)
    dnsmasq[<NUM>]: failed to send packet

Database errors
---------------

Symptoms
~~~~~~~~

Services lose MySQL.

Upstream issues (fixed)
~~~~~~~~~~~~~~~~~~~~~~~

- `Launchpad bug 1 <https://bugs.launchpad.net/nova/+bug/1>`__

Related issues
~~~~~~~~~~~~~~

- Caused by `DNS overload`_
"""
    )
    dns, database = document.issues
    assert dns.components == ["dnsmasq", "kubedns"]
    assert [(s.text, s.source) for s in dns.signatures] == [
        ("Maximum number of concurrent DNS queries reached (max: <NUM>)", "curated"),
        ("dnsmasq[<NUM>]: failed to send packet", "curated"),
    ]
    assert database.status == "fixed"
    assert [(r.target, r.kind) for r in database.relations] == [("dns-overload", "caused_by")]
    assert dns.environment == "Cloud at 10 nodes"


def test_it_gives_distinct_slugs_to_repeated_titles():
    document = parse(
        """
Known issues
============

Manila
------

Workload does not get upgraded
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Symptoms
^^^^^^^^

One.

Octavia
-------

Workload does not get upgraded
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Symptoms
^^^^^^^^

Two.
"""
    )
    assert [i.slug for i in document.issues] == [
        "workload-does-not-get-upgraded",
        "octavia-workload-does-not-get-upgraded",
    ]


def test_it_never_emits_unsafe_links_in_markdown():
    document = parse(
        """
Issue
=====

Symptoms
--------

`click <javascript:alert(1)>`__ and `data <data:text/html,x>`__ and <script>x</script>
"""
    )
    symptoms = document.issues[0].symptoms
    assert "click" in symptoms and "data" in symptoms
    assert "](javascript:" not in symptoms
    assert "](data:" not in symptoms
    assert "\\<script\\>" in symptoms


def test_it_keeps_the_exception_line_of_a_traceback_not_its_frames():
    document = parse(
        """
Crash
=====

Symptoms
--------

::

    Traceback (most recent call last):
      File "/opt/stack/nova/nova/objects/instance.py", line 728, in save
        columns_to_join=_expected_cols(expected_attrs))
    UnexpectedTaskStateError: Conflict updating instance 1234. Expected: {'task_state': [u'a']}
"""
    )
    assert [s.text for s in document.issues[0].signatures] == [
        "UnexpectedTaskStateError: Conflict updating instance 1234. Expected: {'task_state': [u'a']}"
    ]


def test_it_drops_the_backslashes_of_escaped_markup_as_docutils_does():
    # docutils marks a backslash escape with a NUL in the text; kb's faster
    # Text.astext (kb.rst.doctree) must still remove the markers.
    document = parse("""\
Guide
=====

Stuck \\*volumes\\*
--------------------

Symptoms
~~~~~~~~

The\\ volume \\`vol-1\\` stays in \\*attaching\\* and nova-compute says::

    ERROR nova.compute.manager Volume vol-1 attach failed: timed out

Solution
~~~~~~~~

Restart \\_the\\_ iscsid service.
""")
    issue = document.issues[0]
    assert issue.title == "Stuck *volumes*"
    assert issue.symptoms.startswith("Thevolume \\`vol-1\\` stays in \\*attaching\\* and nova-compute says:")
    assert "\x00" not in issue.symptoms + issue.solution + issue.title
    assert issue.solution == "Restart \\_the\\_ iscsid service."


def test_every_relation_cue_is_found_whatever_its_case():
    # relations_in skips text holding none of its cue words (kb.rst.relations._CUE_WORDS);
    # each cue, in any case, must still be read.
    from kb.rst.relations import TitleRef, relations_in

    others = [TitleRef("dns-overload", "DNS overload at scale", 0), TitleRef("this", "This issue", 1)]
    sentences = ["It TURNED OUT TO BE the DNS overload.", "Caused By the DNS overload.",
                 "The Same Issue as DNS overload.", "It is Linked To DNS overload.",
                 "Related to the DNS overload.", "The DNS overload (See Above).",
                 "It is caused by the DNS overload, which is \u201cknown\u201d.",
                 # letters re.I takes for ASCII ones: a long s, a dotless i, a Kelvin sign
                 "It is cau\u017fed by the DNS overload.", "It is L\u0131n\u212aed To the DNS overload."]
    for sentence in sentences:
        assert [target for target, _ in relations_in(sentence, 1, others)] == ["dns-overload"], sentence
    assert relations_in("Nothing here points at the DNS overload.", 1, others) == []


DEFINES_ROLES = """\
Colours
=======

.. role:: kbred
.. role:: ref(strong)

Broken
------

Symptoms
~~~~~~~~

It fails with :kbred:`Disk full`, see :ref:`disks`.
"""

USES_THEM_UNDEFINED = """\
Later
=====

Broken too
----------

Symptoms
~~~~~~~~

It fails with :kbred:`Disk full` on every node, see :ref:`disks <disk-page>`.
"""


def test_a_document_s_roles_do_not_change_how_a_later_document_is_read():
    # `.. role::` registers its role in docutils for the rest of the process: the next
    # document of an import run (or of the web process) read :kbred: as A's custom role and
    # Sphinx's :ref: as bold, where alone it reads both as their literal text.
    alone = parse(USES_THEM_UNDEFINED, path="b.rst")
    defining = parse(DEFINES_ROLES, path="a.rst")
    assert defining.issues[0].symptoms == "It fails with Disk full, see **disks**."
    after = parse(USES_THEM_UNDEFINED, path="b.rst")
    assert alone.issues[0].symptoms == "It fails with `Disk full` on every node, see `disks`."
    assert (after.issues, after.warnings) == (alone.issues, alone.warnings)
