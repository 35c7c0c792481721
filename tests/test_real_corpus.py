"""The importer against a person's count of the issues in real documents.

../shared/corpus/real/expected.json: 106 issues in 20 documents written by
other projects. The matching rule (tests/eval/corpus_score.py) was fixed
before the results were looked at. Run `python -m tests.eval.corpus_score -v`
to see every missed, invented and unfilled issue.
"""

import json
from pathlib import Path

import pytest

from kb.rst import cues, parse_file
from tests.conftest import CORPUS
from tests.eval.corpus_score import score_corpus

EXPECTED = CORPUS / "real" / "expected.json"


@pytest.fixture(scope="module")
def scores():
    if not EXPECTED.exists():
        pytest.skip(f"{EXPECTED} not present on this machine")
    return score_corpus(EXPECTED, lambda path: parse_file(str(path)))


def test_it_finds_nine_in_ten_of_the_issues_a_person_counted(scores):
    counted = sum(s.counted for s in scores)
    matched = sum(len(s.matched) for s in scores)
    assert counted == 106
    assert matched / counted >= 0.90


def test_it_finds_three_in_four_in_every_document_with_four_or_more(scores):
    low = {s.name: f"{len(s.matched)}/{s.counted}" for s in scores
           if s.counted >= 4 and len(s.matched) / s.counted < 0.75}
    assert low == {}


def test_it_invents_at_most_one_issue_per_ten_found(scores):
    found = sum(s.found for s in scores)
    invented = sum(len(s.invented) for s in scores)
    assert invented * 10 <= found


def test_it_fills_the_fields_the_documents_state(scores):
    stated = sum(s.fields_stated for s in scores)
    filled = sum(s.fields_filled for s in scores)
    assert filled / stated >= 0.85


def test_it_marks_issues_read_from_prose_for_review():
    document = parse_file(str(CORPUS / "real" / "ironic__doc_source_admin_troubleshooting.rst"))
    by_title = {issue.title: issue for issue in document.issues}
    dhcp = by_title["DHCP during PXE or iPXE is inconsistent or unreliable"]
    assert (dhcp.structure, dhcp.needs_review) == ("prose", True)
    assert "caused by" in dhcp.root_cause
    mac = by_title['Deployments fail with "failed to update MAC address"']
    assert (mac.structure, mac.needs_review) == ("question_headings", False)
    assert mac.root_cause and mac.solution
    assert any("is in use" in s.text and "<UUID>" in s.text for s in mac.signatures)


def test_it_explains_every_section_that_is_not_an_issue():
    document = parse_file(str(CORPUS / "real" / "ironic__doc_source_admin_troubleshooting.rst"))
    patching = next(s for s in document.sections if s["title"] == "Patching the Deploy Ramdisk")
    assert patching["issue"] is None and "procedure" in patching["reason"]
    assert all(s["issue"] or s["reason"] for s in document.sections)


def test_it_reads_table_rows_as_issues_with_their_signature():
    document = parse_file(str(CORPUS / "swift__doc_source_ops_runbook_diagnose.rst"))
    rows = [i for i in document.issues if i.structure == "table"]
    medium = next(i for i in rows if "Medium Error" in i.title)
    assert medium.root_cause.startswith("Suggests disk surface issues")
    assert "swift-drive-audit" in medium.solution
    # A row whose only step is "run diagnostics" and whose cause is empty is no issue.
    assert not any("I/O error, dev sd" in i.title for i in rows)


def test_it_takes_the_cause_a_problem_field_states():
    issue = parse_file(str(CORPUS / "real" / "ts-duplicate-3par-host.rst")).issues[0]
    assert issue.structure == "field_headings"
    assert issue.root_cause.startswith("This error may be caused by a volume being exported outside")


GATHERED = Path(__file__).resolve().parent / "data" / "gathered" / "expected.json"


def test_it_reads_every_document_counted_blind_and_finds_half_of_their_issues():
    """9 documents gathered and counted by someone who never saw the importer (SOURCES.md).

    They were first scored as a held-out check; 0.5 is a floor under today's
    figure (41 of 71 then, 58 on 2026-12-06: docs/measurements.md), not a target the code was tuned to.
    """
    expected = json.loads(GATHERED.read_text(encoding="utf-8"))
    for entry in expected.values():
        parse_file(str(GATHERED.parent / entry["path"]))  # none is refused
    scores = score_corpus(GATHERED, lambda path: parse_file(str(path)))
    counted = sum(s.counted for s in scores)
    assert sum(len(s.matched) for s in scores) / counted >= 0.5


ROOK = GATHERED.parent / "rook__Documentation_Troubleshooting_ceph-csi-common-issues.md"


def test_it_takes_no_diagnostic_step_of_a_common_issues_page_for_an_issue():
    """rook/rook's "CSI Common Issues" page (SOURCES.md: Documentation/Troubleshooting/
    ceph-csi-common-issues.md @ d0c3b9ce, Apache-2.0): under a "Common Issues" title,
    sections such as "Ceph Health" only say what to look at ("Check that your Ceph
    cluster is healthy"); the person who counted the page counted none of them.
    """
    sections = {s["title"]: s for s in parse_file(str(ROOK)).sections}
    for title in ("Network Connectivity", "Ceph Health", "Slow Operations",
                  "Check if the Filesystem exists", "subvolumegroups"):
        assert sections[title]["issue"] is None
        assert "only advice is a check" in sections[title]["reason"]
    # "Restarting the `csi-cephfsplugin` pod may also help sometimes." is a remedy.
    assert sections["CephFS Stale operations"]["issue"] == "CephFS Stale operations"


@pytest.mark.parametrize(
    ("sentence", "remedy"),
    [
        # rook ceph-csi-common-issues.md (above)
        ("Check that your Ceph cluster is healthy by connecting to the Toolbox and running the "
         "`ceph` commands:", False),
        ("If you are seeing issues provisioning the PVC then you need to check the network connectivity "
         "from the provisioner pods.", False),
        ("Make sure the pool you have specified in the `storageclass.yaml` exists in the ceph "
         "cluster.", False),
        ("You should see the response `RegistrationStatus{PluginRegistered:true,Error:,}` in the logs to "
         "confirm that plugin is registered with kubelet.", False),
        ("Restarting the `csi-cephfsplugin` pod may also help sometimes.", True),
        # kubernetes-sigs/kind site/content/docs/user/known-issues.md (SOURCES.md): "make sure" as a remedy
        ("Please make sure that when you use `kind`, you can't have `\"init\": true` in your "
         "`/etc/docker/daemon.json` because that will cause `/sbin/init` to show the following "
         "cryptic message", True),
        # tests/data/gathered4: cluster-api troubleshooting.md, swift's runbook (a quantity grows)
        ("(Note: it might be helpful to increase the Kubelet log level by e.g. setting `--v=8` via "
         "`systemctl edit --full kubelet && systemctl restart kubelet`)", False),
        ("During times of increased activity the CPU load average can increase to around 30.", False),
        ("On Linux this issue can be resolved by increasing the inotify watch limits with:", True),
        ("Use `etcdctl member update` to update a member's peer URLs.", True),  # markup is no word
    ],
)
def test_it_tells_a_remedy_from_a_check(sentence, remedy):
    assert cues.states_remedy(sentence) is remedy


GATHERED2 = Path(__file__).resolve().parent / "data" / "gathered2"


def _gathered(name):
    folder = GATHERED2 if (GATHERED2 / name).exists() else GATHERED.parent
    return parse_file(str(folder / name))


def test_a_plural_issues_title_heads_a_list_of_issues():
    """openstack/charm-guide "Upgrade issues" (tests/data/gathered/SOURCES.md): the page is
    no issue; each section under its chapters is one, read from prose."""
    document = _gathered("charm-guide__doc_source_project_issues_upgrade-issues.rst")
    sections = {s["title"]: s for s in document.sections}
    assert sections["Upgrade issues"]["issue"] is None
    assert "heading over other sections" in sections["Upgrade issues"]["reason"]
    vault = sections["Upgrading while Vault is sealed"]  # a task title, but a known issue
    assert vault["issue"] == "Upgrading while Vault is sealed"
    assert len(document.issues) == 10
    # Under a procedure heading ("Troubleshooting Techniques") sections are no known issues.
    rook = _gathered("rook__Documentation_Troubleshooting_ceph-common-issues.md")
    titles = {i.title for i in rook.issues}
    assert not titles & {"Topics", "Ceph Commands", "Set debug log level for all Ceph daemons"}


def test_a_procedure_title_naming_issues_is_still_a_procedure():
    document = parse_file(str(CORPUS / "real" / "openstack-ansible__doc_source_admin_troubleshooting.rst"))
    sections = {s["title"]: s for s in document.sections}
    for title in ("Troubleshooting instance connectivity issues", "Diagnose Image service issues"):
        assert sections[title]["issue"] is None
        assert "procedure" in sections[title]["reason"]


def test_a_faq_question_runs_on_to_its_answer_and_the_answer_explains_it():
    """openvswitch/ovs Documentation/faq/issues.rst (tests/data/gathered2/SOURCES.md)."""
    document = _gathered("ovs__Documentation_faq_issues.rst")
    by_start = {i.title[:40]: i for i in document.issues}
    eth0 = by_start["I created a bridge and added my Ethernet"]
    assert "lost all connectivity through eth0" in eth0.title  # the paragraph after the commands
    assert eth0.root_cause.startswith("A physical Ethernet device")
    wireless = by_start["I can't seem to use Open vSwitch in a wi"]
    assert "source MAC" in wireless.root_cause and not wireless.solution
    assert all(i.structure == "faq" for i in document.issues)
    assert not any(i.title.startswith("Is there any documentation") for i in document.issues)


def test_an_if_you_see_paragraph_is_an_issue_beside_its_section():
    document = _gathered("rook__Documentation_Troubleshooting_ceph-csi-common-issues.md")
    titles = [i.title for i in document.issues]
    assert "csi-snapshotter" in titles
    exists = next(i for i in document.issues if i.title.startswith("If you see an error about a volume"))
    assert any("an operation with the given Volume ID" in s.text for s in exists.signatures)
    assert "Restarting the Provisioner" in exists.solution or "restart" in exists.solution.lower()
    # "If you see the response "ceph v2", the connection succeeded." reports no error.
    assert not any("ceph v2" in t for t in titles)


def test_fields_given_as_labelled_bullets():
    """stackforge/tripleo-ansible Troubleshooting.rst: '* Symptoms:' / '* Solution:' bullets,
    and once a bare 'Solution:' paragraph over an indented list."""
    document = _gathered("tripleo-ansible__Troubleshooting.rst")
    by_title = {i.title: i for i in document.issues}
    rabbit = by_title["RabbitMQ still running when restart is attempted"]
    assert rabbit.structure == "field_headings"
    assert "already running" in rabbit.symptoms and "kill them" in rabbit.solution
    postfix = by_title["Postfix fails to reload"]
    assert "sudo service postfix start" in postfix.solution
    assert "because" in postfix.root_cause  # from the introduction
    assert len(document.issues) == 17


def test_a_field_heading_issue_takes_a_cause_stated_outside_a_cause_field():
    document = _gathered("rook__Documentation_Troubleshooting_ceph-common-issues.md")
    by_title = {i.title: i for i in document.issues}
    assert "result of not specifying a value for `dataDirHostPath`" in \
        by_title["Cluster failing to service requests"].root_cause
    cephfs = "Using multiple shared filesystem (CephFS) is attempted on a kernel version older than 4.7"
    assert "mount flag" in by_title[cephfs].root_cause


def test_an_unexplained_error_or_a_restated_one_is_no_issue():
    webhook = _gathered("cert-manager-website__content_docs_troubleshooting_webhook.md")
    sections = {s["title"]: s for s in webhook.sections}
    assert sections['Error: service "cert-managercert-manager-webhook" not found']["issue"] is None
    swift = parse_file(str(CORPUS / "swift__doc_source_ops_runbook_diagnose.rst"))
    rows = " ".join(i.title for i in swift.issues if i.structure == "table")
    assert "EXCEPTION IN" not in rows and "HTTP/1.0 500" not in rows


def test_documents_gathered_after_the_rules_were_written():
    """5 documents counted by hand before kb was run on them (tests/data/gathered2/SOURCES.md):
    41 of 57 found, 36 matched, 5 invented before this session's recognition changes."""
    expected = GATHERED2 / "expected.json"
    scores = score_corpus(expected, lambda path: parse_file(str(path)))
    counted = sum(s.counted for s in scores)
    found = sum(s.found for s in scores)
    assert counted == 57
    assert sum(len(s.matched) for s in scores) / counted >= 0.9
    assert sum(len(s.invented) for s in scores) * 10 <= found


@pytest.mark.parametrize(
    ("title", "symptom"),
    [
        ("How can I configure the bridge internal interface MTU? Why does Open vSwitch keep changing "
         "internal ports MTU?", True),  # ovs faq/issues.rst: the second question asks why
        ("How MAC learning works with VLANs?", False),  # ovs faq/vlan.rst: a how-to
        ("Is there any documentation on the database tables and fields?", False),
        ("When I run ovs-dpctl I no longer see the bridges I created.", True),
        ("Nova RPC version mismatches: upgrading Neutron and Nova", True),  # charm-guide: the label
        # tests/data/gathered4: etcd's FAQ and prometheus-operator's troubleshooting page
        ('What does the etcd warning "apply entries took too long" mean?', True),
        ('What does "mvcc: database space exceeded" mean and how do I fix it?', True),
        ("What is failure tolerance?", False),  # a definition, whatever its words
        ("Why an odd number of cluster members?", False),  # a rationale: "why" with no verb
        ("Has my `ServiceMonitor` been picked up by Prometheus?", False),  # a check
        ("Prometheus kubelet metrics server returned HTTP status 403 Forbidden", True),
        ('Cluster API with Docker  - "too many open files"', True),
        # tests/data/gathered5: cluster-api-provider-azure's troubleshooting page
        ("A virtual machine is running but the k8s node did not join the cluster", True),
        ("Nodes are in NotReady state", True),
        ("Watching Kubernetes resources", False),
    ],
)
def test_it_tells_a_problem_question_from_a_how_to(title, symptom):
    assert cues.is_symptom_title(title) is symptom


def test_a_cause_said_to_be_unknown_is_no_cause():
    from kb.rst.doctree import parse
    from kb.rst.prose import read_blocks

    for unknown in ("We do not know the cause of this error.", "The cause of this error is still unknown."):
        tree = parse("x.rst", f"T\n=\n\nIt fails.\n\n{unknown} Please comment on the GitHub issue.\n")
        fields = read_blocks(list(tree.findall(lambda n: n.tagname == "paragraph")))
        assert not fields.root_cause
    tree = parse("x.rst", "T\n=\n\nIt fails.\n\nThe cause of this error is a stale lock.\n")
    assert read_blocks(list(tree.findall(lambda n: n.tagname == "paragraph"))).root_cause


GATHERED3 = Path(__file__).resolve().parent / "data" / "gathered3"


def test_pages_that_say_issues_but_hold_procedures_give_no_issue():
    """tests/data/gathered3 (SOURCES.md): counted after the rules above were merged. On
    first run the FAQ rule read every answer as a cause and invented 9 issues there (4
    before the session); answers now explain only a complaint, and yes/no questions
    ("Does OVS support QoS?") are no problems."""
    for name in ("rook__Documentation_Troubleshooting_common-issues.md",
                 "rook__Documentation_Troubleshooting_openshift-common-issues.md",
                 "ovs__Documentation_faq_vxlan.rst"):
        assert parse_file(str(GATHERED3 / name)).issues == []
    general = [i.title for i in parse_file(str(GATHERED3 / "ovs__Documentation_faq_general.rst")).issues]
    assert "Why can I no longer connect to my OpenFlow controller or OVSDB manager?" in general
    assert not any(t.startswith(("Why would I use", "Does Open vSwitch", "What ")) for t in general)


def test_a_known_issues_bullet_that_only_states_an_action_is_no_issue():
    document = parse_file(str(CORPUS / "performance-docs__doc_source_test_results_neutron_features_"
                                        "vm_density_results.rst"))
    titles = [i.title for i in document.issues]
    assert "Increase ARP table size on compute nodes and controllers" not in titles
    # An action stated with the problem it prevents still names a problem.
    assert any(t.startswith("Raise cpu_allocation_ratio") for t in titles)


GATHERED4 = Path(__file__).resolve().parent / "data" / "gathered4"


def test_documents_counted_blind_for_a_fourth_set():
    """tests/data/gathered4 (SOURCES.md): 10 documents (6 Markdown) counted before kb was run
    on them. First run: 35 found, 26 of 50 matched, 9 invented; the rules were then studied
    on these documents (branch i7), so this set measures fit, not generalisation."""
    scores = score_corpus(GATHERED4 / "expected.json", lambda path: parse_file(str(path)))
    counted = sum(s.counted for s in scores)
    assert counted == 50
    assert sum(len(s.matched) for s in scores) >= 40
    assert sum(len(s.invented) for s in scores) <= 1
    assert sum(s.fields_filled for s in scores) / sum(s.fields_stated for s in scores) >= 0.9


GATHERED5 = Path(__file__).resolve().parent / "data" / "gathered5"


def test_documents_counted_blind_for_a_fifth_set():
    """tests/data/gathered5 (SOURCES.md): 10 documents (6 Markdown) counted before kb was run
    on them. First run: 18 found, 12 of 36 matched, 6 invented; the rules were then studied
    on these documents (branch i10), so this set now measures fit, not generalisation."""
    scores = score_corpus(GATHERED5 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 36
    assert sum(len(s.matched) for s in scores) >= 30
    assert sum(len(s.invented) for s in scores) == 0
    assert sum(s.fields_filled for s in scores) / sum(s.fields_stated for s in scores) >= 0.7


def test_the_answer_to_a_question_about_a_message_explains_it():
    """etcd's FAQ (gathered4): 'What does the etcd warning "..." mean?' is the symptom, with
    the message as its signature; its answer, with no cause phrase, is the cause."""
    faq = parse_file(str(GATHERED4 / "website__content_en_docs_v3.6_faq.md"))
    by_title = {i.title: i for i in faq.issues}
    mismatch = by_title['What does the etcd warning "request ignored (cluster ID mismatch)" mean?']
    assert "request ignored (cluster ID mismatch)" in [s.text for s in mismatch.signatures]
    assert mismatch.root_cause.startswith("Every new etcd cluster generates a new cluster ID")
    assert "ensuring peer addresses among distinct clusters are disjoint" in mismatch.solution
    assert not any(t.startswith(("What is", "Why an odd", "How to")) for t in by_title)


def test_a_heading_with_its_own_issue_and_a_variant_under_it_gives_both():
    """cluster-api's 'too many open files' (Linux) over its MacOS variant; coredns's
    'Troubleshooting' over its Kubernetes case (gathered4)."""
    capi_page = GATHERED4 / "cluster-api__docs_book_src_user_troubleshooting.md"
    capi = [i.title for i in parse_file(str(capi_page)).issues]
    assert 'Cluster API with Docker - "too many open files"' in capi
    assert 'MacOS and Docker Desktop - "too many open files"' in capi
    loop = parse_file(str(GATHERED4 / "coredns__plugin_loop_README.md"))
    assert [i.title for i in loop.issues] == ["Troubleshooting"]  # not the README as one issue
    assert [s.text for s in loop.issues[0].signatures] == ["Loop <*> detected <*>"]


def test_a_catalogue_of_structures_is_no_runbook():
    """../shared/corpus/real/STRUCTURES.md lists how documents mark issues; "Where an issue
    begins and ends" and "Look-alikes that are not issues" were read as 2 issues, each with
    its one list as symptom and, for one cue word in it (a `Patch: <url>` bullet "is the
    fix", a "restart-command list-table"), as its fix too."""
    path = CORPUS / "real" / "STRUCTURES.md"
    if not path.exists():
        pytest.skip(f"{path} not present on this machine")
    document = parse_file(str(path))
    assert document.issues == []
    sections = {s["title"]: s for s in document.sections}
    for title in ("Where an issue begins and ends", "Look-alikes that are not issues"):
        assert sections[title]["reason"] == "it states no cause and no fix"


LIST_SECTION = """Upgrade notes
=============

{title}
{underline}

#. The scheduler uses placement. A restart-command table lists the services.
#. Each cell holds a `Patch: <url>` bullet, which is the fix.
{error}
"""


@pytest.mark.parametrize("error", [False, True])
def test_a_first_list_is_a_fix_as_well_as_the_symptom_only_beside_a_quoted_error(error):
    """One cue word somewhere in a list is weak evidence that the whole list is the fix:
    only a quoted error (then the symptom) lets the list be both, as swift's "Diagnose:
    Remapping sectors experiencing UREs" steps around `Input/output error` are."""
    from kb.rst import parse_bytes

    title = "Scheduler fails after the upgrade"
    quote = "#. If the sector is bad you see::\n\n      dd: reading `/dev/sdi`: Input/output error\n"
    text = LIST_SECTION.format(title=title, underline="-" * len(title), error=quote if error else "")
    issues = parse_bytes("notes.rst", text.encode()).issues
    if error:
        assert [i.title for i in issues] == [title] and "Patch:" in issues[0].solution
    else:
        assert issues == []


def test_a_runbook_list_around_a_quoted_error_stays_an_issue_with_its_fix():
    swift = parse_file(str(CORPUS / "swift__doc_source_ops_runbook_diagnose.rst"))
    remap = next(i for i in swift.issues if i.title == "Diagnose: Remapping sectors experiencing UREs")
    assert "Unmount the problem drive" in remap.solution
    assert any("Input/output error" in s.text for s in remap.signatures)


CAUSE_LISTS = """Message queue
=============

Consumers lag
-------------

Messages pile up in the queue. If the queue grows past its high watermark, this might be because:

- the consumers were scaled down
- a consumer holds a lock on the partition

Delivery
--------

Each broker acknowledges a message once it is stored.

If it is not working, there are two possible reasons:

1. The credentials expired. Delete the secret and it is created again.
2. The broker is not reachable from the pod.

Checking the brokers
--------------------

Among the brokers, pick one and check if:

- the listener is up
- the topic exists

Rotate the keys
---------------

Rotating keys may be needed after an incident. Reasons for doing this include:

- a key that leaked
- an auditor's request
"""


def test_a_paragraph_introducing_causes_with_a_list_is_an_issue():
    """The structure of metallb's troubleshooting page, in other words: "If <something seen>,
    this might be because:" over a list is an issue of its own, titled by that sentence; "If it
    is not working, there are two possible reasons:" explains its section's subject, which is
    the issue; a list of checks, or of reasons to do a task, introduces no causes."""
    from kb.rst import parse_bytes

    document = parse_bytes("queue.rst", CAUSE_LISTS.encode())
    issues = {i.title: i for i in document.issues}
    assert set(issues) == {"If the queue grows past its high watermark, this might be because", "Delivery"}
    lag = issues["If the queue grows past its high watermark, this might be because"]
    assert "consumers were scaled down" in lag.root_cause and "holds a lock" in lag.root_cause
    delivery = issues["Delivery"]
    assert "credentials expired" in delivery.root_cause and "not reachable" in delivery.root_cause


GUIDE = """Load balancer
=============

The service is not reachable
----------------------------

Several layers may be at fault.

Checking the announcements
~~~~~~~~~~~~~~~~~~~~~~~~~~

Run ``arping`` from a host on the same subnet.

Replies time out on wireless links
^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

Some wireless drivers drop ARP requests. This can lead to a timeout after a few minutes.
One workaround is to enable promiscuous mode on the interface.

Routes are not learned
^^^^^^^^^^^^^^^^^^^^^^

The router never learns the route because the session is down. To fix this, restart the session.
"""


def test_a_symptom_heading_over_a_guide_of_several_levels_is_no_single_issue():
    """A symptom heading whose child names a procedure with sections of its own is a guide:
    the problems under it are issues of their own, not parts of one (metallb's "MetalLB says
    it advertises the service but reaching the service does not work")."""
    from kb.rst import parse_bytes

    document = parse_bytes("lb.rst", GUIDE.encode())
    titles = [i.title for i in document.issues]
    assert titles == ["Replies time out on wireless links", "Routes are not learned"]
    sections = {s["title"]: s for s in document.sections}
    assert sections["The service is not reachable"]["issue"] is None


def test_metallbs_troubleshooting_page_is_read_by_its_structure():
    """tests/data/gathered (SOURCES.md): 1 of the 11 issues counted was found, and the whole
    "... does not work" guide was invented as one issue."""
    name = "metallb__website_content_troubleshooting__index.md"
    expected = json.loads(GATHERED.read_text(encoding="utf-8"))
    scores = score_corpus(GATHERED, lambda path: parse_file(str(path)))
    metallb = next(s for s in scores if s.name == name)
    assert len(metallb.matched) >= 7 and len(metallb.invented) <= 1
    assert metallb.counted == len(expected[name]["issues"])
    document = parse_file(str(GATHERED.parent / name))
    titles = [i.title for i in document.issues]
    assert "MetalLB says it advertises the service but reaching the service does not work" not in titles
    assert "Using WiFi and can't reach the service?" in titles


def test_under_a_title_stating_the_failure_a_cause_list_is_that_failures_cause():
    """As an "If you see <error>" paragraph is under such a title: the section is the issue."""
    from kb.rst import parse_bytes

    text = ("Queue\n=====\n\nConsumers fail to keep up\n-------------------------\n\n"
            "If the queue grows past its high watermark, this might be because:\n\n"
            "- the consumers were scaled down\n- a consumer holds a lock on the partition\n")
    issues = parse_bytes("queue.rst", text.encode()).issues
    assert [i.title for i in issues] == ["Consumers fail to keep up"]
    assert "scaled down" in issues[0].root_cause and "holds a lock" in issues[0].root_cause


@pytest.mark.parametrize(("sentence", "cause"), [
    ("It will be easy to understand if the issue is caused only by a subset of the nodes.", False),
    ("Run the probe to find out whether the timeouts are due to the firewall.", False),
    ("The timeouts are due to the firewall.", True),
    ("Check the logs. The issue is caused by a stale lock.", True),
])
def test_a_cause_asked_about_is_no_cause_stated(sentence, cause):
    """metallb's "Limiting the scope of the issue" (a triage step) was an issue for its "to
    understand if the issue is caused only by a subset of the nodes"."""
    from kb.rst.prose import cue_sentences

    assert any(name == "root_cause" for name, _ in cue_sentences(sentence)) is cause


PROCEDURE_OVER_SECTIONS = """Load balancer
=============

Troubleshooting when the service is still not reachable
--------------------------------------------------------

If the traffic reaches the node but not the pod, this is likely to be caused by the CNI.
{quote}
Replies time out on wireless links
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Some wireless drivers drop ARP requests, which causes the timeout. To fix this, enable
promiscuous mode on the interface.
"""


@pytest.mark.parametrize("error", [False, True])
def test_a_procedure_heading_over_sections_is_an_issue_of_its_own_only_quoting_an_error(error):
    """metallb's "Troubleshooting when the service is announced correctly but still not
    reachable" is a guide's step (its introduction names likely causes), not an issue beside
    its sections; coredns's "Troubleshooting", whose introduction quotes the error, is one."""
    from kb.rst import parse_bytes

    quote = "When the logs contain the message ``Loop ... detected ...``, a request loops back.\n"
    text = PROCEDURE_OVER_SECTIONS.format(quote=quote if error else "")
    titles = [i.title for i in parse_bytes("lb.rst", text.encode()).issues]
    assert "Replies time out on wireless links" in titles
    assert ("Troubleshooting when the service is still not reachable" in titles) is error


MESSAGE_CATALOGUE = """# Notification errors

## Failed to parse new settings

### error converting YAML to JSON

YAML syntax is incorrect.

### service type 'xxxx' is not supported

Check the controller version. For example, Teams support started in v1.1.0.

## Error: `connection refused by the webhook`

```text
Error from server: failed calling webhook: connection refused by the webhook
```

We do not know the cause of this error, please comment on the GitHub issue.

## Pod errors due to "too many open files"

The pods are spread over many nodes.
"""


def test_a_heading_that_is_a_message_is_explained_by_the_text_under_it():
    """argo-cd's notifications/troubleshooting-errors.md (gathered5; argoproj/argo-cd,
    docs/operator-manual/notifications/troubleshooting-errors.md at 37ee0097): '### error
    converting YAML to JSON' / 'YAML syntax is incorrect.' A heading that is the message (lower
    case as logged, or a quoted message under an 'Error:' label) is explained by the text under
    it, its cause with no cue word; cert-manager's 'We do not know the cause' is no cause, and a
    heading of prose that quotes a message needs a cue as before."""
    from kb.rst import parse_bytes

    issues = {i.title: i for i in parse_bytes("errors.md", MESSAGE_CATALOGUE.encode()).issues}
    assert sorted(issues) == ["error converting YAML to JSON", "service type 'xxxx' is not supported"]
    assert issues["error converting YAML to JSON"].root_cause == "YAML syntax is incorrect."
    argo_page = GATHERED5 / "argo-cd__docs_operator-manual_notifications_troubleshooting-errors.md"
    argo = parse_file(str(argo_page))
    assert len(argo.issues) == 6


GATHERED7 = Path(__file__).resolve().parent / "data" / "gathered7"

PXE_PROCEDURE = """Troubleshooting PXE boot
========================

Another source of information is the DHCP server log.

If you see node attempting PXE boot on the wrong network, reboot the machine into BIOS settings
and make sure that only one relevant NIC is allowed to PXE boot.

If you see the node answering on port 67, the DHCP server can be reached.
"""


def test_an_if_you_see_paragraph_may_tell_the_failure_in_words():
    """ironic-inspector's user/troubleshooting.rst (gathered7; openstack/ironic-inspector at
    25934e5b): 'If you see node not attempting PXE boot or attempting PXE boot on the wrong
    network, reboot ...' names what is seen in words, not as a quoted error; a condition that
    names no failure ('If you see the node answering ...') is still none."""
    from kb.rst import parse_bytes

    titles = [i.title for i in parse_bytes("pxe.rst", PXE_PROCEDURE.encode()).issues]
    assert len(titles) == 1
    assert titles[0].startswith("If you see node attempting PXE boot on the wrong network")


@pytest.mark.parametrize("title, complaint", [
    ("When I add a Helm repo, I get the error 'Error: Repo is no longer available'", True),
    ("On GKE I get \"No SSH tunnels currently open\"", True),
    ("If you use Calico, we recommend BGP", False),
    ("When the pods restart, the volumes detach", False),
    # ovs Documentation/faq/design.rst (gathered9; openvswitch/ovs at d6a632a9): hearsay
    ("I hear OVS has a couple of kinds of flows. Can you tell me about them?", False),
    ("I read that the bridge drops VLAN 0 packets", True),  # what was read names a failure
    # ovs Documentation/faq/qos.rst (gathered3): a wish for a missing feature
    ("I'd like to take advantage of some QoS feature that Open vSwitch doesn't yet support. "
     "How do I do that?", False),
])
def test_a_complaint_may_open_on_its_circumstance(title, complaint):  # (a wish is none)
    """helm-www's faq/troubleshooting.md (gathered7; helm/helm-www at 227f4144): '### When I add a
    Helm repo, I get the error ...' is a complaint in the first person as 'I get ...' is; its
    answer, with no cause phrase ('The Helm Chart repositories are no longer supported ...'),
    explains it."""
    assert (cues.is_first_person(title) and not cues.is_wish(title)) is complaint


def test_the_answer_to_a_complaint_after_its_circumstance_explains_it():
    helm = parse_file(str(GATHERED7 / "helm-www__versioned_docs_version-3_faq_troubleshooting.md"))
    issue = next(i for i in helm.issues if i.title.startswith("When I add a Helm repo"))
    assert issue.root_cause.startswith("The Helm Chart repositories are no longer supported")


ERRORS_LIST = """Inspector
=========

{title}
{underline}

* *Invalid provision state "available"*

  Newly enrolled nodes are reported as AVAILABLE, a state in which the inspector refuses to
  work on them.

* ``Node is locked by host inspector-01``

  Another conductor holds the node until its task ends.
"""


@pytest.mark.parametrize("title, issues", [("Errors when starting introspection", 2), ("Common errors", 2),
                                           ("Starting introspection", 0)])
def test_a_list_of_errors_gives_an_issue_per_message_explained_under_it(title, issues):
    """ironic-inspector's user/troubleshooting.rst (gathered7; openstack/ironic-inspector at
    25934e5b): 'Errors when starting introspection' over '* *Invalid provision state
    "available"*' and what it means. A title naming a list of errors heads known issues; a
    bullet made of a quoted message is the symptom and its signature, the text under it the
    cause."""
    from kb.rst import parse_bytes

    text = ERRORS_LIST.format(title=title, underline="-" * len(title))
    found = parse_bytes("errors.rst", text.encode()).issues
    assert len(found) == issues
    if issues:
        assert [s.text for s in found[0].signatures] == ['Invalid provision state "available"']
        assert found[0].root_cause.startswith("Newly enrolled nodes are reported as AVAILABLE")


def test_documents_counted_before_a_run_for_a_seventh_set():
    """tests/data/gathered7 (SOURCES.md): 6 documents (3 Markdown) counted before kb was run on
    them. First run: 16 of 23 matched, 0 invented; the rules were then studied on them (branch
    i4), so this set now measures fit."""
    scores = score_corpus(GATHERED7 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 23
    assert sum(len(s.matched) for s in scores) >= 20
    assert sum(len(s.invented) for s in scores) == 0


GATHERED8 = Path(__file__).resolve().parent / "data" / "gathered8"

HALTED = """Agent
=====

Cleaning halted with ProtectedDeviceError
-----------------------------------------

The agent has halted cleaning as one of the block devices holds a clustered filesystem.

I'm okay with deleting, how do I tell the agent to clean the disk(s)?
~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~

Pass ``guard-special-filesystems=False`` on the kernel command line.
"""


def test_an_exception_class_names_a_failure_and_a_how_to_under_it_is_the_fix():
    """ironic-python-agent's admin/troubleshooting.rst (gathered8; openstack/ironic-python-agent
    at a9e64be5): 'Cleaning halted with ProtectedDeviceError' over 'I'm okay with deleting, how
    do I tell IPA to clean the disk(s)?'. The class of an exception names the failure; under a
    failure, a heading asking how to do something gives the remedy (a heading naming the fix
    needs no cue word in its text), and is no complaint of its own."""
    from kb.rst import parse_bytes

    assert cues.names_failure("Cleaning halted with ProtectedDeviceError")
    assert not cues.names_failure("Reading the ErrorPages settings")  # no class: a capital E after a space
    issues = parse_bytes("agent.rst", HALTED.encode()).issues
    assert [i.title for i in issues] == ["Cleaning halted with ProtectedDeviceError"]
    assert "guard-special-filesystems=False" in issues[0].solution


def test_a_message_opening_on_a_name_in_code_is_explained_after_the_record_it_quotes():
    """secrets-store-csi-driver's troubleshooting.md (gathered8; kubernetes-sigs/
    secrets-store-csi-driver at 0aad886f): '### `SecretProviderClass` not found', then
    '`kubectl describe pod` shows:', the record, and 'The `SecretProviderClass` ... needs to exist
    in the same namespace'. The lead to the quoted record is passed over; the paragraph after it
    explains the message. One that gives a remedy ('you can also add `verify: false` ... to
    solve the problem', cluster-api-provider-openstack, gathered5) is the fix, not the cause."""
    from kb.rst import parse_bytes

    text = (b"# Driver\n\n## Common errors\n\n### `SecretProviderClass` not found\n\n"
            b"`kubectl describe pod` shows:\n\n```\n"
            b"Warning FailedMount MountVolume.SetUp failed: providerclasses \"azure\" not found\n```\n\n"
            b"The `SecretProviderClass` needs to exist in the same namespace as the pod.\n")
    issue = parse_bytes("driver.md", text).issues[0]
    assert issue.root_cause == "The `SecretProviderClass` needs to exist in the same namespace as the pod."
    capo_page = "cluster-api-provider-openstack__docs_book_src_topics_troubleshooting.md"
    capo = parse_file(str(GATHERED5 / capo_page))
    auth = next(i for i in capo.issues if i.title == "providerClient authentication err")
    assert "verify: false" not in auth.root_cause


GATHERED9 = Path(__file__).resolve().parent / "data" / "gathered9"


def test_documents_counted_before_a_run_for_a_ninth_set():
    """tests/data/gathered9 (SOURCES.md): 5 documents, 3 of them negative controls. First run: 2
    of 2 matched, 1 invented (ovs's design FAQ 'I hear OVS has ... Can you tell me about them?')."""
    scores = score_corpus(GATHERED9 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(len(s.matched) for s in scores) == sum(s.counted for s in scores) == 2
    assert sum(len(s.invented) for s in scores) == 0


GATHERED10 = Path(__file__).resolve().parent / "data" / "gathered10"

REASONS_AS_SECTIONS = """# CAPV

## Common issues

### Ensure prerequisites are up to date

Make sure the prerequisites, such as `clusterctl` and `kind`, are up to date.

### Timed out while failing to retrieve kubeconfig secret

When `clusterctl` times out, it means there was an error bringing the first node online.
{lead}

#### A VM with the same name already exists

If a VM with the same name exists, the CAPV manager log will include an error similar to:

```
E0726 18:52:48.920975 1 util.go:195] "msg"="task failed" "description-id"="VirtualMachine.clone"
```

#### NTP related problems

If the host has no NTP, the bootstrap fails with:

```
error execution phase certs/ca: failure loading ca certificate: the certificate is not valid yet
```

The solution for this is to configure NTP on the host.
"""


@pytest.mark.parametrize("lead, titles", [
    ("Possible reasons include:", ["Timed out while failing to retrieve kubeconfig secret"]),
    ("", ["Timed out while failing to retrieve kubeconfig secret", "NTP related problems"]),
])
def test_sections_a_failure_introduces_as_its_reasons_are_parts_of_it(lead, titles):
    """cluster-api-provider-vsphere's docs/troubleshooting.md (gathered10; kubernetes-sigs/
    cluster-api-provider-vsphere at 111a1ba9): 'Timed out while failing to retrieve kubeconfig
    secret ... Possible reasons include:' over one section per reason, each quoting its own
    record: one issue (STRUCTURES.md 4), not one per reason. 'Ensure prerequisites are up to
    date' under 'Common issues' is a step, no failure."""
    from kb.rst import parse_bytes

    text = REASONS_AS_SECTIONS.replace("{lead}", lead)
    assert [i.title for i in parse_bytes("capv.md", text.encode()).issues] == titles
    capv = parse_file(str(GATHERED10 / "cluster-api-provider-vsphere__docs_troubleshooting.md"))
    assert len(capv.issues) == 5


GATHERED11 = Path(__file__).resolve().parent / "data" / "gathered11"


def test_bold_field_labels_need_no_colon():
    """metrics-server's KNOWN_ISSUES.md (gathered11; kubernetes-sigs/metrics-server at 5ed5d3a2):
    '**Symptoms**' / '**Debugging**' / '**Known causes**' / '**Known solutions**' paragraphs,
    bold and with no colon, are field labels (STRUCTURES.md 14: 'colon sometimes missing')."""
    from kb.rst import parse_bytes

    text = (b"# Known issues\n\n## Network problem when connecting with Kubelet\n\n**Symptoms**\n\n"
            b"`kubectl top nodes` shows `<unknown>` for some nodes.\n\n**Known solutions**\n\n"
            b"- Check whether `CALICO_IPV4POOL_CIDR` conflicts with the physical network.\n")
    issue = parse_bytes("known.md", text).issues[0]
    assert issue.structure == "field_headings"
    assert "<unknown>" in issue.symptoms and "CALICO_IPV4POOL_CIDR" in issue.solution
    known = parse_file(str(GATHERED11 / "metrics-server__KNOWN_ISSUES.md"))
    assert len(known.issues) == 7


ERROR_CATEGORIES = """# Troubleshoot log ingestion

## Monitoring ingestion errors

All ingestion errors are tracked using metrics. Set up alerts on these metrics to detect problems.

## Rate limit errors

Rate limits protect the server from excessive log volume. When rate limits are exceeded, it
returns HTTP status code `429 Too Many Requests`.

### Error: `rate_limited`

**Error message:**

`ingestion rate limit exceeded for user <tenant> (limit: <limit> bytes/sec)`

**Cause:**

The tenant has exceeded their configured ingestion rate limit.

**Resolution:**

* **Increase rate limits** if you have sufficient cluster resources.
"""


def test_a_short_plural_errors_title_heads_a_list_and_a_procedure_watching_errors_is_none():
    """An error catalogue (Grafana Loki's troubleshoot-ingest.md, AGPL-3.0, so not kept here:
    grafana/loki docs/sources/operations/troubleshooting/troubleshoot-ingest.md at 65e30f84;
    counted 26 issues before kb was run, which found all 26 and invented 7): '## Rate limit
    errors' over '### Error: `rate_limited`' is a category, as 'Upgrade issues' is, its
    introduction no issue; 'Monitoring ingestion errors' names what a procedure watches."""
    from kb.rst import parse_bytes

    issues = parse_bytes("ingest.md", ERROR_CATEGORIES.encode()).issues
    assert [i.title for i in issues] == ["Error: rate_limited"]


@pytest.mark.parametrize("title, problem", [
    ("Why doesn't Open vSwitch support distribution?", False),  # ovs faq/general.rst (gathered3)
    ("Why does Open vSwitch not support my NIC's offload? It drops packets", True),
    ("Why doesn't my bridge forward VLAN 0 packets?", True),
    ("service type 'xxxx' is not supported", True),  # a message (gathered5, argo-cd)
])
def test_a_missing_feature_asked_about_is_no_failure(title, problem):
    """ovs's FAQ (gathered3): 'Why doesn't Open vSwitch support distribution?' and 'I'd like to
    take advantage of some QoS feature that Open vSwitch doesn't yet support' ask about a
    feature that is not there, as 'Does ... support ...?' does: no failure (they were the set's
    2 invented issues)."""
    assert cues.is_symptom_title(title) is problem


GATHERED13 = Path(__file__).resolve().parent / "data" / "gathered13"


def test_a_heading_over_known_issue_bullets_is_none_itself():
    """kubespray's docs/operations/recover-control-plane.md (gathered13; kubernetes-sigs/kubespray
    at 46dbdd39): '## Caveats' over bullets none of which states a problem with a cause or fix,
    then 'If possible try to break a cluster in the same way ...': the heading over a list of
    known issues is no issue made of that list; a bullet that states one still is."""
    from kb.rst import parse_bytes

    text = ("# Recovering the control plane\n\n## Caveats\n\n"
            "* The playbook has only been tested with fairly small etcd databases.\n"
            "* There may be disruptions while running the playbook.\n{bullet}\n"
            "If possible try to break a cluster in the same way and test to recover that first.\n")
    assert parse_bytes("caveats.md", text.format(bullet="").encode()).issues == []
    bullet = "* Restores fail on etcd 3.4 because the snapshot format changed; upgrade etcd first.\n"
    titles = [i.title for i in parse_bytes("caveats.md", text.format(bullet=bullet).encode()).issues]
    assert titles == ["Restores fail on etcd 3.4"]  # up to the reason it gives (gathered20)
    recover = parse_file(str(GATHERED13 / "kubespray__docs_operations_recover-control-plane.md"))
    assert [i.title for i in recover.issues] == ["Recover from lost quorum"]


GATHERED14 = Path(__file__).resolve().parent / "data" / "gathered14"


@pytest.mark.parametrize("heading, names", [
    ("What causes this misalignment?", ("root_cause",)),
    ("What behaviors have been observed that contribute to this issue?", ("root_cause",)),
    ("What are the symptoms of this issue?", ("symptoms",)),
    ("What steps can be taken to mitigate this issue?", ("solution",)),
    ("What causes high CPU usage?", ()),  # about something else: a question of its own
    ('What does "mvcc: database space exceeded" mean and how do I fix it?', ()),  # about a message
])
def test_a_question_heading_asking_for_a_field_of_the_issue_above_names_it(heading, names):
    """aws-ebs-csi-driver's docs/faq.md (gathered14; kubernetes-sigs/aws-ebs-csi-driver at
    429e202e): '## 6-Minute Delays in Attaching Volumes' over 'What causes ...?', 'What are the
    symptoms of this issue?', 'What steps can be taken to mitigate this issue?': questions that
    refer back to the issue above them ask for its fields, as ironic's 'How did I get here?' does."""
    from kb.rst.fields import field_names

    assert field_names(heading) == names
    faq = parse_file(str(GATHERED14 / "aws-ebs-csi-driver__docs_faq.md"))
    assert [i.title for i in faq.issues] == ["Volume Attachment Capacity Issues",
                                             "6-Minute Delays in Attaching Volumes",
                                             "XFS on Older Kernels (e.g. Amazon Linux 2)"]


GATHERED15 = Path(__file__).resolve().parent / "data" / "gathered15"


def test_a_list_of_messages_under_a_common_errors_title_is_read_once():
    """cert-manager's troubleshooting/acme.md (gathered15; cert-manager/website at 776e5dba):
    '### Common errors' over '* `Failed to create Order: ...`: The ACME server does not support
    ...' bullets. Each is one issue titled by its message, not also a known-issue bullet titled
    by the whole sentence (the first run of this branch found each twice)."""
    acme = parse_file(str(GATHERED15 / "cert-manager-website__content_docs_troubleshooting_acme.md"))
    titles = [i.title for i in acme.issues]
    assert "Failed to create Order: acme: certificate authority does not support profiles" in titles
    assert not any(t.startswith("Failed to create Order") and ": The ACME server" in t for t in titles)
    assert len([t for t in titles if "acme-key" in t]) == 1


def test_a_plural_errors_title_over_remedy_bullets_is_one_issue():
    """'## TLS certificate errors' (kubeadm's troubleshooting page, kubernetes/website
    content/en/docs/setup/production-environment/tools/kubeadm/troubleshooting-kubeadm.md, read
    at 04019861): the error, then bullets of remedies ('Verify that ...', 'Another workaround is
    ...'). A title naming a list of errors heads one only of sub-sections or of bullets that are
    each a quoted message; here the bullets are the issue's fix, not issues."""
    from kb.rst import parse_bytes

    text = ("# Troubleshooting kubeadm\n\n## TLS certificate errors\n\n"
            "The following error indicates a possible certificate mismatch.\n\n```none\n"
            "Unable to connect to the server: x509: certificate signed by unknown authority\n```\n\n"
            "- Verify that the `$HOME/.kube/config` file contains a valid certificate.\n"
            "- Another workaround is to overwrite the existing `kubeconfig` for the admin user.\n")
    assert [i.title for i in parse_bytes("kubeadm.md", text.encode()).issues] == ["TLS certificate errors"]


GATHERED6 = Path(__file__).resolve().parent / "data" / "gathered6"


def test_documents_counted_blind_for_a_sixth_set():
    """tests/data/gathered6 (SOURCES.md): 10 documents (5 Markdown, one a negative control)
    counted blind. Measured before any rule was studied on them, at the start and end of the
    session that received them and again at the start of branch i2: 34 found, 29 of 49
    matched, 5 invented, 64/76 stated fields filled. The rules were then studied on these
    documents (branch i2), so this set now measures fit, not generalisation."""
    scores = score_corpus(GATHERED6 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 49
    assert sum(len(s.matched) for s in scores) >= 29
    assert sum(len(s.invented) for s in scores) <= 5
    assert sum(s.fields_filled for s in scores) / sum(s.fields_stated for s in scores) >= 0.84


def test_a_document_with_no_issue_says_why_its_sections_were_passed_over():
    """gathered6's negative control, cert-manager's troubleshooting README (a guide of checks):
    no issue, and the warning names the sections and the reasons, commonest first."""
    readme = parse_file(str(GATHERED6 / "website__content_docs_troubleshooting_README.md"))
    assert readme.issues == []
    why = readme.warnings[0]
    assert why.startswith("no issue recognised in 7 section(s)") and "Overview" in why
    assert "Why: 3 section(s): its title names a procedure" in why


def test_field_labels_may_open_the_text_of_a_list_item_or_a_bold_paragraph():
    """osism's OpenStack troubleshooting guide (gathered6; osism/osism.github.io): '* Problem:
    <text>' / '* Solution: <text>' items, the label and its text in one paragraph, and an
    unlabelled item after them that goes on with the Solution; networking-generic-switch
    (gathered6): '**Symptom:** ...' / '**Error message:** ``...``' / '**Solution:** ...'."""
    from kb.rst import parse_bytes

    text = (b"# Guide\n\n## Volume create failure\n\n"
            b"* Problem: Volume creation is stuck with no host assigned.\n\n"
            b"* Solution: restart the scheduler container.\n\n"
            b"* Do not delete the volume by hand to get rid of the error.\n")
    issue = parse_bytes("guide.md", text).issues[0]
    assert issue.structure == "field_headings"
    assert issue.symptoms.startswith("Volume creation is stuck")
    assert "restart the scheduler" in issue.solution and "by hand" in issue.solution
    text = (b"Errors\n======\n\nMulticast group errors\n----------------------\n\n"
            b"**Symptom:** Error about missing multicast configuration\n\n"
            b"**Error message:** ``VNI 5000 not found in the multicast group map``\n\n"
            b"**Solution:** Configure the multicast group base.\n")
    issue = parse_bytes("ngs.rst", text).issues[0]
    assert issue.structure == "field_headings"
    assert "Configure the multicast" in issue.solution
    assert [s.text for s in issue.signatures] == ["VNI 5000 not found in the multicast group map"]
    twin = (b"# Errors\n\n## Multicast group errors\n\n**Symptom:** Error about missing multicast "
            b"configuration\n\n**Error message:** `VNI 5000 not found in the multicast group map`\n\n"
            b"**Solution:** Configure the multicast group base.\n")
    md = parse_bytes("ngs.md", twin).issues[0]
    assert (md.structure, md.solution, [s.text for s in md.signatures]) == \
        (issue.structure, issue.solution, [s.text for s in issue.signatures])
    osism = parse_file(str(GATHERED6 / "osism.github.io__docs_guides_troubleshooting-guide_openstack.md"))
    assert len([i for i in osism.issues if i.structure == "field_headings"]) == 8
    # Paragraphs may be labelled in plain text or emphasis too ...
    plain = (b"Title\n=====\n\nStuck volumes\n-------------\n\nSymptom: volumes stay in creating.\n\n"
             b"*Cause*: the scheduler is down.\n\nSolution: start the scheduler.\n")
    issue = parse_bytes("plain.rst", plain).issues[0]
    assert issue.structure == "field_headings" and issue.root_cause == "the scheduler is down."
    # ... but a plain "Error: ..." paragraph is a message quoted, not a label.
    plain = (b"Title\n=====\n\nError: could not connect to the database server.\n\n"
             b"Solution: start the database server.\n")
    assert [i.structure for i in parse_bytes("plain.rst", plain).issues] != ["field_headings"]


def test_a_topic_section_is_an_issue_when_its_text_states_a_failure_and_its_cause():
    """bifrost's troubleshooting page (gathered6; openstack/bifrost): 'Verifying Creation of Test
    Virtual Machines (VMs)' says 'If the virtual machines are not created, ... will fail' and
    'This is often caused by insufficient host resources'; 'Node Power and Provision State'
    opens 'If the nodes enrollment fails, ensure ...'. A topic with no such sentence stays none."""
    from kb.rst import parse_bytes

    text = (b"Guide\n=====\n\nTest machines\n-------------\n\n"
            b"The testenv command creates two machines. If the machines are not created, later "
            b"commands will fail with errors. This is often caused by insufficient host memory.\n\n"
            b"Power state\n-----------\n\n"
            b"If the enrollment fails, ensure the power state of the nodes is 'On'. Then run "
            b"the enrollment again.\n\n"
            b"Inventory\n---------\n\n"
            b"The inventory lists the nodes. If you add a node, run the enrollment again.\n")
    titles = [i.title for i in parse_bytes("bifrost.rst", text).issues]
    assert titles == ["Test machines", "Power state"]


def test_sub_sections_that_all_name_remedies_are_the_fix_of_the_failure_their_parent_quotes():
    """networking-generic-switch's 'Performance Under Load' (gathered6) quotes the lock timeout
    record, then 'Mitigate by waiting longer' and 'Ways to improve performance'."""
    from kb.rst import parse_bytes

    text = (b"Guide\n=====\n\nPerformance under load\n----------------------\n\n"
            b"The first sign will be port binding timeouts in the logs::\n\n"
            b"    Failed to acquire any of 3 locks for switch1 in 60 seconds.\n\n"
            b"Mitigate by waiting longer\n~~~~~~~~~~~~~~~~~~~~~~~~~~\n\nRaise acquire_timeout.\n\n"
            b"Ways to improve performance\n~~~~~~~~~~~~~~~~~~~~~~~~~~~\n\nAllow more connections.\n")
    issues = parse_bytes("ngs.rst", text).issues
    assert [i.title for i in issues] == ["Performance under load"]
    assert "Raise acquire_timeout" in issues[0].solution and "more connections" in issues[0].solution
    assert any("Failed to acquire any of" in s.text for s in issues[0].signatures)


@pytest.mark.parametrize(
    "sentence, cause, fix",
    [
        # gathered6: HumusAmqp, devstack, fuel-docs, rke2, networking-generic-switch
        ("is an issue in RabbitMQ 3.1 on Erlang R16B01+.", True, False),
        ("It is resolved in RabbitMQ 3.1.2 and later versions.", False, True),
        ("If you are on VPN try switching VPN off.", False, True),
        ("Using VPN changes your DNS configuration which may affect connections to localhost.", True, False),
        ("A broad range of problems result in AMQP channel exceptions.", True, False),
        ("To override this, set ``FORCE_PREREQ=1`` and the checks will never be skipped.", False, True),
        ("See LP1405477.", True, False),
        ("This requires users to set network policies of their own.", False, True),
        ("If traffic does not flow, the VLAN configuration on the switch may be incorrect.", True, False),
        # supposing a problem names none
        ("If there is an issue with PVC Create or Delete, check the logs.", False, False),
    ],
)
def test_troubleshooting_phrases_name_a_cause_or_a_remedy(sentence, cause, fix):
    assert cues.states_cause(sentence) is cause
    assert cues.states_remedy(sentence) is fix


@pytest.mark.parametrize(
    "title, symptom",
    [
        ("What can I do about RabbitMQ not wanting to start on my fresh new VM?", True),
        ("Why are my configuration changes ignored?", True),
        ("Why isn't $MY_FAVORITE_DISTRO supported?", False),  # a design question
        ("I don't need notifications on the message bus. How do I disable them?", False),  # a wish
        ("Got 404 status code", True),
        ("March 2020 Let's Encrypt CAA Rechecking Bug", True),
        ("After migration from Helm 2, `helm list` shows only some (or none) of my releases", True),
        ("The status page shows the nodes and their roles", False),
    ],
)
def test_titles_that_ask_about_or_state_a_failure(title, symptom):
    assert cues.is_symptom_title(title) is symptom


def test_a_numbered_title_is_read_without_its_number():
    assert cues.is_procedure_title("3. Troubleshooting Challenges")
    assert cues.is_procedure_title("2) Checking the CertificateRequest")
    assert not cues.is_procedure_title("3. Pods fail to start")


def test_a_commands_tabular_output_is_no_signature():
    """longhorn's troubleshooting page (gathered6): '$ ps aux | more', a header of column names
    and rows whose cells hold '--engine-replica-timeout 8': data, no failure record. A failure
    printed after a command (osism's 'ceph -s' and its 'auth: error parsing file') still is."""
    from kb.rst.signatures import error_records

    table = ("$ ps aux | more\n\nUSER  PID %CPU %MEM    VSZ   RSS TTY  STAT START  TIME COMMAND\n"
             "root 1996  0.0  0.6 1990080 20996 ?  Sl   Jul25  0:05 /longhorn replica "
             "--engine-replica-timeout 8 --listen 0.0.0.0:10000\n")
    assert error_records(table) == []
    failing = ("$ ceph -k /etc/ceph/client.keyring -s\n"
               "2024-06-28T06:43:05.660+0000 7d5d -1 auth: error parsing file /etc/ceph/client.keyring\n")
    assert [r for r in error_records(failing) if "auth: error parsing file" in r]


def test_a_changelog_of_resolved_issues_beside_known_issues_gives_none():
    """fuel-docs' network release notes (gathered6) hold 'Resolved networking issues in 6.0' beside
    'Known networking issues'; the person counting left the resolved entries out (they no longer
    go wrong). Bullets or sections under 'Resolved issues', 'Fixed bugs', 'Bug fixes' are no
    issues, the known ones are; 'Fixed IP allocation fails' is no changelog."""
    from kb.rst import parse_bytes

    text = (b"Notes\n=====\n\nResolved issues\n---------------\n\n"
            b"* The agent no longer fails after the controller is shut down. See LP1371561.\n\n"
            b"Bug fixes in 2.0\n----------------\n\nScheduler crashes\n~~~~~~~~~~~~~~~~~\n\n"
            b"The scheduler crashed because of a race. Upgrade to 2.0.\n\n"
            b"Known issues\n------------\n\n"
            b"* Rescheduling an agent may time out and leave orphaned networks. See LP1405477.\n\n"
            b"Fixed IP allocation fails\n-------------------------\n\n"
            b"The allocation fails because the subnet is full. Add a subnet.\n")
    titles = [i.title for i in parse_bytes("notes.rst", text).issues]
    assert titles == ["Rescheduling an agent may time out and leave orphaned networks.",
                      "Fixed IP allocation fails"]


GATHERED17 = Path(__file__).resolve().parent / "data" / "gathered17"


def test_documents_counted_blind_for_a_seventeenth_set():
    """tests/data/gathered17 (SOURCES.md): 12 documents (5 Markdown, one a negative control)
    counted blind at 13:25-13:29 UTC. First run, before any rule was studied on them: 34 of 47
    matched and 8 invented on main (35 with branch i2's rules). The rules were then studied on
    these documents (branch i7), so this set now measures fit, not generalisation."""
    scores = score_corpus(GATHERED17 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 47
    assert sum(len(s.matched) for s in scores) >= 34
    assert sum(len(s.invented) for s in scores) <= 8


DETAILS = """# Troubleshooting

## Mount failure {#mount-failure}

The client runs in its own pod; these are the failures seen most.

<details>
<summary>**Mount pod stuck in `Pending` state**</summary>

The scheduler could not place the pod, because the node has too little memory left:

```
Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 3 Insufficient memory.
```

To fix this, lower the pod's memory request or add a node.

</details>

<details>
<summary>**Application pods cannot read after the mount pod restarts**</summary>

The mount point goes stale when the mount pod is recreated, and reads fail with:

```
Transport endpoint is not connected
```

To fix this, enable automatic mount point recovery.

</details>

## Tuning {#tuning}

Set the cache size as your workload needs.

<details><summary>Helm instructions</summary>

Pass the values file when installing the chart.

</details>
"""


def test_a_details_block_is_a_sub_section_titled_by_its_summary():
    """juicefs-csi-driver's troubleshooting cases (gathered17) write one failure per HTML
    `<details><summary>**...**</summary>` under a category heading, and close it with
    `</details>`; Docusaurus, GitHub and MkDocs pages do the same (aws-ebs-csi-driver's FAQ,
    gathered14, for instructions). Each is a sub-section titled by its summary: the failures
    become issues of their own, the category none, and collapsed instructions stay no issue.
    A heading's explicit anchor ('{#mount-failure}') is no part of its title."""
    from kb.rst import parse_bytes

    document = parse_bytes("cases.md", DETAILS.encode())
    issues = {i.title: i for i in document.issues}
    assert list(issues) == ["Mount pod stuck in Pending state",
                            "Application pods cannot read after the mount pod restarts"]
    pending = issues["Mount pod stuck in Pending state"]
    assert "too little memory" in pending.root_cause and "add a node" in pending.solution
    assert any("Insufficient memory" in s.text for s in pending.signatures)
    restarted = issues["Application pods cannot read after the mount pod restarts"]
    assert "Transport endpoint is not connected" in restarted.signatures[0].text
    assert "mount point recovery" in restarted.solution
    titles = [s["title"] for s in document.sections]
    assert "Mount failure" in titles and "Helm instructions" in titles and "Tuning" in titles


@pytest.mark.parametrize(
    "sentence, cause, fix",
    [
        # juicefs (gathered17): a requirement and the failure when it is not met
        ("For static provisioning, `storageClassName` must be an empty string, or you'll find errors like:",
         True, True),
        ("The file has to be readable by the agent, otherwise the service will refuse to start.", True, True),
        ("The name must be unique.", False, False),
        # charm-guide 18.11 (gathered17): a change that brings the failures
        ("New relation interfaces have been added which creates potential deployment issues.", True, False),
        ("The upgrade introduces new options.", False, False),
        # juicefs (gathered17): a recommendation qualified by an adverb is still one
        ("For intensive small writes we usually recommend enabling the client write cache.", False, True),
        ("If you need to write many small files, it's recommended that you use a host mount point.",
         False, True),
    ],
)
def test_requirements_changes_and_recommendations_in_prose(sentence, cause, fix):
    assert cues.states_cause(sentence) is cause
    assert cues.states_fix(sentence) is fix


@pytest.mark.parametrize(
    "title, symptom",
    [
        # juicefs-csi-driver's FAQ (gathered17): the page fails the reader, not the system
        ("My question is not answered in the documentations", False),
        ("Can't find your answer?", False),
        ("My pod is not ready", True),
        # OVS's configuration FAQ (gathered17): the rationale of a behaviour
        ("Why does OVS pick its default datapath ID the way it does?", False),
        ("Why is the cache sized like this?", False),
        ("Why does the agent fail to start?", True),
        # aws-efs-csi-driver's FAQ (gathered17): a hypothetical asks how the system behaves
        ("Cross-account: what happens if a mount target's AZ goes down?", False),
        ("Mount target goes down after an AZ outage", True),
    ],
)
def test_a_pointer_to_support_or_a_question_about_a_design_is_no_symptom(title, symptom):
    assert cues.is_symptom_title(title) is symptom


def test_faq_entries_about_the_page_or_a_design_give_no_issue():
    """The same two look-alikes as an RST `Q:` / `A:` FAQ (OVS's form) and as Markdown headings
    (juicefs-csi-driver's): neither is an issue, the failure beside them is."""
    from kb.rst import parse_bytes

    rst = (b"FAQ\n===\n\nQ: Why does the bridge pick its datapath ID the way it does?\n\n"
           b"    A: The ID is the lowest MAC of the bridge's ports. This means that a bridge keeps\n"
           b"    its ID. If you want a stable ID, you could set your own MAC.\n\n"
           b"Q: Why does the bridge fail to start after an upgrade?\n\n"
           b"    A: The upgrade removes the old database schema, because it changed. To fix this,\n"
           b"    run ovsdb-tool convert.\n")
    assert [i.title for i in parse_bytes("faq.rst", rst).issues] == [
        "Why does the bridge fail to start after an upgrade?"]
    md = (b"# FAQ\n\n## My question is not answered in the documentation\n\n"
          b"Try searching with other keywords. If nothing comes up, we recommend asking the community.\n\n"
          b"## `exec format error`\n\nThe image was built for another CPU architecture. To fix this, "
          b"rebuild it for the node's architecture.\n")
    assert [i.title for i in parse_bytes("faq.md", md).issues] == ["exec format error"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("oom.md", "# FAQ\n\n## Proxy OOMKilled under heavy writes\n\n### Symptom\n\nThe proxy container is "
                   "OOMKilled under sustained write traffic.\n\n### Mitigation\n\n"
                   "- Increase the memory limit of the node container\n"
                   "- Reduce `wsize` in the mount options\n"),
        ("oom.rst", "FAQ\n===\n\nProxy OOMKilled under heavy writes\n---------------------------------\n\n"
                    "Symptom\n~~~~~~~\n\nThe proxy container is OOMKilled under sustained write traffic.\n\n"
                    "Mitigation\n~~~~~~~~~~\n\n- Increase the memory limit of the node container\n"
                    "- Reduce ``wsize`` in the mount options\n"),
    ],
)
def test_a_mitigation_heading_is_the_workaround_field(name, text):
    """aws-efs-csi-driver's FAQ (gathered17): '### Symptom' / '### Mitigation' field headings;
    the mitigations were dropped, leaving the issue with no remedy."""
    from kb.rst import parse_bytes

    [issue] = parse_bytes(name, text.encode()).issues
    assert issue.structure == "field_headings"
    assert "OOMKilled" in issue.symptoms
    assert "Increase the memory limit" in issue.workaround and "wsize" in issue.workaround


def test_a_setting_to_change_in_the_passive_is_a_fix():
    """neutron's OVS-DPDK 'Known limitations' (gathered17): 'In such cases, ``ovs_use_veth``
    should be switched to ``False``'."""
    assert cues.states_fix("In such cases, ovs_use_veth should be switched to False.")
    assert cues.states_fix("The timeout must be increased to 60 seconds.")
    assert not cues.states_fix("The option should be a boolean.")


EVENTS = """\
Events:
  Type     Reason              Age               From          Message
  ----     ------              ----              ----          -------
  Normal   Provisioning        9s (x5 over 22s)  csi.juicefs   External provisioner is provisioning
  Warning  ProvisioningFailed  9s (x5 over 22s)  csi.juicefs   failed to provision volume: bad class
  Warning  FailedBinding       4s (x2 over 16s)  pv-controller  volume "data" already bound to a claim.
"""


def test_a_kubernetes_event_table_gives_its_warnings_messages():
    """`kubectl describe` and `kubectl get events` output (juicefs-csi-driver, gathered17;
    ingress-nginx, gathered; secrets-store-csi-driver, gathered8): the whole table glued into one
    record, ages and counts included, matched no real log. Each Warning's message is a record,
    even with no error word in it; Normal events, the 'Events:' label, the column header and its
    dashes are none."""
    from kb.rst.signatures import error_records

    assert error_records("$ kubectl describe pvc data\n...\n" + EVENTS) == [
        "failed to provision volume: bad class", 'volume "data" already bound to a claim.']
    get_events = ("2m17s       Normal    Started             pod/juicefs-xxx   Started container jfs-mount\n"
                  "44s         Warning   FailedPreStopHook   pod/juicefs-xxx   PreStopHook failed\n")
    assert error_records(get_events) == ["PreStopHook failed"]


@pytest.mark.parametrize("name, text", [
    ("events.md", "# Troubleshooting\n\n## PVC stuck in Pending\n\nThe claim never binds, because the "
                  "volume is already bound to a different claim:\n\n```\n" + EVENTS + "```\n\n"
                  "To fix this, give each PV its own volumeHandle.\n"),
    ("events.rst", "Troubleshooting\n===============\n\nPVC stuck in Pending\n--------------------\n\n"
                   "The claim never binds, because the volume is already bound to a different claim::\n\n"
                   + "".join("    " + line + "\n" for line in EVENTS.splitlines()) +
                   "\nTo fix this, give each PV its own volumeHandle.\n"),
])
def test_an_issue_quoting_kubernetes_events_takes_the_warnings_messages(name, text):
    from kb.rst import parse_bytes

    [issue] = parse_bytes(name, text.encode()).issues
    assert [s.text for s in issue.signatures] == [
        "failed to provision volume: bad class", 'volume "data" already bound to a claim.']


# -- signatures that match real logs (issue 10, point 4) ---------------------------------

HEALTHY = Path(__file__).resolve().parent / "data" / "healthy"


def _engine_of(*names):
    from kb.matching import Engine
    from tests.rst_specs import specs_from_files
    return Engine.build(specs_from_files([CORPUS / "real" / name for name in names]))


def test_a_block_of_a_warning_and_an_error_gives_one_signature_per_record_that_real_lines_match():
    # cinder's ts-failed-attach-vol-no-sysfsutils: the WARNING and the ERROR were one joined
    # signature, with the request context the document copied and a UUID it wraps mid-group
    # (`df834b5a-8c3f-47\` / `7a-be9b-...`)
    issue = parse_file(str(CORPUS / "real" / "ts-failed-attach-vol-no-sysfsutils.rst")).issues[0]
    assert [s.text for s in issue.signatures] == [
        "WARNING nova.virt.libvirt.utils [<*>] systool is not installed",
        "ERROR nova.compute.manager [<*>] [instance: <UUID>|instance: <UUID>] "
        "Failed to attach volume <UUID> at /dev/<*>.",
    ]
    # a real nova-compute log (OpenStack forensics, tests/data/healthy/SOURCES.md) says it 12
    # times, each with its own request context
    log = (HEALTHY / "uforia-OpenStackForensics__nova-compute.log").read_text(errors="replace")
    assert log.count("systool is not installed") == 12
    report = _engine_of("ts-failed-attach-vol-no-sysfsutils.rst").match_text(log)
    # the warning precedes the document's error (signatures.precursors), and these 12 attaches
    # succeeded: a weak lead, not a known issue (tests/test_imported_false_alarms.py)
    assert not report.known
    [match] = report.leads
    assert match.issue.spec.slug == issue.slug and match.line_count == 12
    assert all(hit.signature == issue.signatures[0].text for hit in match.lines)


def test_a_quoted_record_keeps_neither_the_examples_time_nor_its_pid():
    issue = parse_file(str(CORPUS / "real" / "ts-non-existent-host.rst")).issues[0]
    assert [s.text for s in issue.signatures] == [
        "ERROR cinder.openstack.common.rpc.common [-] Returning exception Not found (HTTP 404) "
        "NON_EXISTENT_HOST - HOST '10' was not found to caller."]
    line = ("2015-06-02 11:22:33.444 31337 ERROR cinder.openstack.common.rpc.common [req-x] Returning "
            "exception Not found (HTTP 404) NON_EXISTENT_HOST - HOST 'node-2' was not found to caller.")
    assert [m.issue.spec.slug for m in _engine_of("ts-non-existent-host.rst").match_text(line).known] == [
        issue.slug]


@pytest.mark.parametrize("quoted, kept", [
    ("Nov 21 00:54:02 node-xxx kernel:  connection438:0: detected conn error (1020)",
     "kernel: connection438:0: detected conn error (1020)"),
    ('Jul 10 00:07:58 master-5wgrw kubelet: E0710 00:07:58.444950 4340 kubelet.go:2248] node "m" not found',
     'kubelet: node "m" not found'),
    ("2024-06-28T06:43:05.660+0000 7f6f9dcd9700 -1 auth: failed to load /etc/ceph/ceph.client.nova.keyring",
     "auth: failed to load /etc/ceph/ceph.client.nova.keyring"),
    ("[2023-06-29 08:51:53.762597] bdev_aio.c: 762:create_aio_bdev: *WARNING*: Specified block size",
     "bdev_aio.c: 762:create_aio_bdev: *WARNING*: Specified block size"),
    ('time="2020-04-16T08:49:27Z" level=error msg="Mount failed"',
     'time="<*>" level=error msg="Mount failed"'),
])
def test_the_examples_time_pid_and_thread_are_cut_or_placeholders(quoted, kept):
    from kb.rst.signatures import placeholders
    assert placeholders(quoted) == kept


def test_a_signature_that_only_repeats_a_generic_library_message_is_dropped_with_a_warning():
    # magnum's "I get the error "Timed out waiting for a reply" when deploying a pod": a part of
    # oslo.messaging's MessagingTimeout, which every OpenStack service logs when an RPC call
    # gets no answer
    name = "magnum__doc_source_admin_troubleshooting-guide.rst"
    document = parse_file(str(CORPUS / "real" / name))
    issue = next(i for i in document.issues if "Timed out waiting" in i.title)
    assert "Timed out waiting for a reply" not in [s.text for s in issue.signatures]
    assert any(w.startswith(f"line {issue.line}: signature 'Timed out waiting for a reply' not kept")
               for w in document.warnings)
    line = ("2016-12-20 15:19:02.118 2290 ERROR nova.conductor.manager [req-c1e8a4f7-2d9b-4b36-9d1e-"
            "0a5c7b3e9f21 - - - - -] oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a "
            "reply to message ID 5d2a8e1f4c7b49e3a06d9f2b1c8e7a54")
    assert _engine_of(name).match_text(line).known == ()


@pytest.mark.parametrize("signature, generic", [
    ("Timed out waiting for a reply", True),
    ("MessagingTimeout: Timed out waiting for a reply to message ID <HEX>", True),
    ("ERROR heat.engine.service [-] Timed out waiting for a reply to message ID <HEX>", True),
    ("Error: context deadline exceeded", True),
    # saying more than the library's message: which call, which service
    ("Timed out waiting for a reply to message ID <HEX> from magnum-conductor", False),
    ("failed to sync configmap cache: context deadline exceeded", False),
    ("No valid host was found. There are not enough hosts available.", False),
])
def test_it_tells_a_generic_library_message_from_one_that_says_more(signature, generic):
    from kb.matching.generic import generic_message
    assert bool(generic_message(signature)) is generic


def test_the_generic_library_messages_name_their_component():
    from kb.matching.generic import generic_library

    timeout = "MessagingTimeout: Timed out waiting for a reply to message ID <HEX>"
    assert generic_library(timeout) == "oslo.messaging"
    # (the same driver's late-reply notice is any caller's too: a nova-api resize logged it in a
    # new user's trial, 2026-12-07, where it had answered the Heat issue confidently)
    assert generic_library("No calling threads waiting for msg_id : <*>") == "oslo.messaging"
    assert generic_library("Unexpected error occurred serving API: <*>") == ""


def test_a_workaround_labelled_not_available_is_no_fix():
    """fuel-plugin-mellanox's known issues (gathered16) give each entry '- Description:' and
    '- Workaround:' items, 'NA' when there is none: an entry whose workaround is 'NA' and
    which names no cause is a limitation stated, no issue; one with a workaround is."""
    from kb.rst import parse_bytes

    text = (b"Known issues\n============\n\n"
            b"Issue 1\n"
            b"    - Description: The driver supports at most 8 queues per port.\n"
            b"    - Workaround: NA\n\n"
            b"Issue 2\n"
            b"    - Description: Booting many VMs at once may leave some without an address.\n"
            b"    - Workaround: Boot the VMs in smaller batches.\n\n"
            b"Issue 3\n"
            b"    - Description: Port verification is not supported on untagged networks.\n"
            b"    - Workaround: None\n")
    issues = parse_bytes("known.rst", text).issues
    assert [i.title for i in issues] == ["Issue 2"]
    assert "smaller batches" in issues[0].solution


@pytest.mark.parametrize(
    "sentence, fix",
    [
        ("Workaround: NA", False),
        ("Solution: N/A", False),
        ("There is currently no workaround.", False),
        ("Workaround: boot the VMs in smaller batches.", True),
        # a remedy given beside it still counts
        ("There is no workaround; upgrade to 2.1 to fix it.", True),
    ],
)
def test_a_remedy_said_to_be_missing_is_none(sentence, fix):
    assert cues.states_fix(sentence) is fix
    assert cues.states_remedy(sentence) is fix


def test_a_known_issue_bullet_is_titled_by_its_first_sentence():
    """Release notes write a known issue as a bullet of several sentences ('Placing Ceph OSD on
    Controllers is not recommended because .... It is better to use ...', fuel-docs,
    gathered16): the first names the issue, the rest explains it, as a labelled paragraph's
    do; the issue keeps the whole bullet as its text. The title stops where the sentence starts
    giving its reason ("because", "due to", "since", ", as": fuel-plugin-plumgrid, gathered20;
    the person who counted fuel-docs titled it 'Placing Ceph OSD on Controllers is not
    recommended' too)."""
    from kb.rst import parse_bytes

    text = (b"Known issues\n============\n\n"
            b"* Running the cache on the gateway nodes slows routing down because both compete for\n"
            b"  memory. It is better to use dedicated cache nodes if you have them.\n")
    [issue] = parse_bytes("notes.rst", text).issues
    assert issue.title == "Running the cache on the gateway nodes slows routing down"
    assert issue.symptoms.startswith("Running the cache on the gateway nodes slows routing down because")
    assert "dedicated cache nodes" in issue.solution


GUIDE_IN_CHAPTERS = """# Widget operator: common issues

## Issues

### Controller runs out of memory

The controller keeps every member in memory, so this happens in a large cluster. Please adjust
the memory limit of the controller deployment.

### Agent pods fail to start

The agent pods stay in `CrashLoopBackOff` because the node has no free port 9100. To fix this,
set `agent.port` to a free port and restart the agents, see [Restart agents](#restart-agents).

## Actions

### Restart agents

```bash
kubectl delete pod -l app=widget-agent
```

### Deploy the agent configuration

Deleting the controller pod creates the agent configuration again. If it does not, upgrade to
the latest image and restart the controller.
"""


def test_a_guide_in_chapters_of_issues_and_actions_gives_each_issue():
    """multi-nic-cni's troubleshooting page (gathered16) is in two chapters: 'Issues' over one
    section per failure and 'Actions' over the procedures they point to. 'Actions' names no
    field of the page (it was read as the Solution of one issue, the page itself, hiding all
    the others), and the procedures under it are no known issues, whatever the page's title."""
    from kb.rst import parse_bytes

    document = parse_bytes("guide.md", GUIDE_IN_CHAPTERS.encode())
    assert [i.title for i in document.issues] == ["Controller runs out of memory", "Agent pods fail to start"]
    assert "adjust the memory limit" in document.issues[0].solution


def test_a_condition_that_no_error_was_seen_is_no_issue():
    """'If you see no error events about your DNS provider you can check the following.'
    (cert-manager's ACME guide, gathered15) names an error word but says none was seen: it
    starts a check, not an issue of its own; 'If you see errors about ...' does."""
    from kb.rst import parse_bytes

    text = (b"# DNS checks\n\n## Record propagation\n\n"
            b"If you see no error events from the resolver, you can check the record with dig. "
            b"To fix a stale answer, restart the resolver pod.\n\n"
            b"If you see errors about SERVFAIL from the resolver, the upstream server is down. "
            b"To fix this, point the resolver at another upstream.\n")
    titles = [i.title for i in parse_bytes("dns.md", text).issues]
    assert "If you see errors about SERVFAIL from the resolver, the upstream server is down." in titles
    assert not [t for t in titles if t.startswith("If you see no error")]


CHECKLIST = """# Troubleshooting

## Exporter is not publishing metrics

Steps to troubleshoot:

- Confirm that the exporter was started with `--metrics` enabled.
- Confirm that the exporter pod exposes port 9300.
- Confirm, from the Prometheus UI, that the exporter is one of the scraped targets.

## Scrape returns 404 status code

If the scrape fails with a 404, make sure to check the following:

* the metrics path in the scrape job is `/metrics`
* the exporter pod is up and running

## Pods cannot reach each other

* If the network runs at layer 2, please confirm whether the pod range is routable in the cluster.
* If the network runs at layer 3, check the route status of the network resource.

## Troubleshoot dashboard issues

1. Ensure the dashboard pod is Running.
2. Ensure the exporter pod is Running.
"""


def test_a_checklist_under_a_failure_names_its_causes():
    """velero's 'Velero is not publishing prometheus metrics' (gathered4) and cert-manager's
    'Got 404 status code' (gathered15) give, under a title naming a failure, only a list of
    checks of named conditions ('Confirm that ...', or a list announced by 'make sure to check
    the following:'; a check may open on its case: 'If ..., please confirm whether ...',
    multi-nic-cni's 'Ping failed', gathered16): the conditions that cause the failure
    (STRUCTURES.md 18). Under a title naming no failure ('Troubleshoot dashboard issues') the
    checks are a procedure's steps."""
    from kb.rst import parse_bytes

    issues = parse_bytes("checks.md", CHECKLIST.encode()).issues
    assert [i.title for i in issues] == ["Exporter is not publishing metrics",
                                         "Scrape returns 404 status code", "Pods cannot reach each other"]
    assert "exposes port 9300" in issues[0].root_cause
    assert "up and running" in issues[1].root_cause
    assert "routable" in issues[2].root_cause


@pytest.mark.parametrize(
    "sentence, fix",
    [
        ("You may solve this issue by freeing some space on the machine.", True),
        ("You can recover the cluster by deleting the failed pod.", True),
        ("It is better to use dedicated storage nodes if you have enough hardware.", True),
        ("Please adjust the memory limit of the deployment.", True),
        # a remedy that is not offered
        ("It may fix itself after a while.", False),
    ],
)
def test_a_remedy_offered_in_words_of_the_genre(sentence, fix):
    assert cues.states_remedy(sentence) is fix


def test_a_known_issue_bullet_too_long_in_its_condition_is_titled_by_its_main_clause():
    """'If you use Fuel to deploy ... and then reset the environment to use Cinder rather than
    Ceph, the Controller node is unable to locate the HDD ...' (fuel-docs, gathered16): a first
    sentence too long for a title, opening on its condition, would be cut inside the condition;
    its main clause says what goes wrong. A short one keeps its condition."""
    from kb.rst import parse_bytes

    long_condition = ("If you deploy the cluster with the replicated object store for images, volumes and "
                      "ephemeral disks of every tenant, and later switch the whole environment back to the "
                      "local block storage driver without wiping the nodes first")
    text = ("Known issues\n============\n\n"
            f"* {long_condition}, the storage node cannot find its data disk. See LP1234567.\n\n"
            "* When the image store is remote, uploads fail. See LP7654321.\n").encode()
    titles = [i.title for i in parse_bytes("notes.rst", text).issues]
    assert titles == ["the storage node cannot find its data disk.",
                      "When the image store is remote, uploads fail."]


def test_a_heading_over_steps_whose_introduction_states_a_failure_and_its_remedy_is_an_issue():
    """charm-guide's 'cinder/ceph topology change' (gathered16) titles a change, and opens on
    'If cinder is related directly to ceph-mon then upgrading ... will result in the loss of
    live migration. To remedy this situation ...' over 'Step 0/1/2' sub-sections: the
    introduction says how the failure shows and what remedies it, so the heading is an issue;
    its steps stay no issue of their own."""
    from kb.rst import parse_bytes

    text = (b"Upgrade notes\n=============\n\nQueue topology change\n---------------------\n\n"
            b"If the scheduler talks to the broker directly rather than via the relay then upgrading "
            b"will result in the loss of delayed jobs. To remedy this situation deploy the relay "
            b"before the upgrade.\n\n"
            b"Step 1: Deploy the relay\n~~~~~~~~~~~~~~~~~~~~~~~~\n\nDeploy it next to the broker.\n\n"
            b"Step 2: Point the scheduler at it\n~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~\n\n"
            b"Edit its configuration.\n")
    issues = parse_bytes("notes.rst", text).issues
    assert [i.title for i in issues] == ["Queue topology change"]
    assert "deploy the relay" in issues[0].solution


def test_a_procedure_title_over_a_problem_explained_and_remedied_by_name_is_an_issue():
    """ironic-inspector's 'Troubleshooting DNS issues on Ubuntu' (gathered7) opens on what goes
    wrong and why ('..., it can cause problems by interfering with the local DNS cache') and
    'To fix this issue ensure ...': an issue under a procedure's title. A walkthrough that only
    says what to do stays none."""
    from kb.rst import parse_bytes

    text = (b"Troubleshooting\n===============\n\n"
            b"Troubleshooting cache issues on Debian\n--------------------------------------\n\n"
            b"When the proxy is installed next to the agent, it can cause problems because both bind "
            b"port 8080. To fix this issue ensure that the proxy listens on another port.\n\n"
            b"Troubleshooting the agent\n-------------------------\n\n"
            b"Restart the agent and read its log to see what it does.\n")
    assert [i.title for i in parse_bytes("ts.rst", text).issues] == ["Troubleshooting cache issues on Debian"]


def test_a_requirement_with_what_fails_without_it_is_an_issue():
    """openstack-helm's 'PVC Preliminary Validation' (corpus/real) asks to ensure a client key
    is deployed and says 'Without this, your RBD-backed PVCs will never reach the Bound state'
    (STRUCTURES.md 10, a consequence inside a procedure): the failure when the requirement is
    not met, under a title naming neither. A requirement with no consequence stays none."""
    from kb.rst import parse_bytes

    text = (b"Storage\n=======\n\nQueue prerequisites\n-------------------\n\n"
            b"Before proceeding, ensure that you have created the broker secret in the namespace.\n\n"
            b"Without this, the workers will never become Ready.\n\n"
            b"Queue sizing\n------------\n\n"
            b"Before proceeding, ensure that you have picked a queue size.\n")
    assert [i.title for i in parse_bytes("storage.rst", text).issues] == ["Queue prerequisites"]
    assert cues.names_failure("the pod never becomes Ready")


GATHERED18 = Path(__file__).resolve().parent / "data" / "gathered18"


def test_documents_counted_blind_for_an_eighteenth_set():
    """tests/data/gathered18 (SOURCES.md): 10 documents (5 Markdown, one a negative control),
    48 issues counted blind; the Galera KB article of the blind set is left out (its licence).
    First run, before any rule was studied on them: 31 of 48 matched and 2 invented (32 of 49
    with the Galera article, on main and branch i5). The rules were then studied on these
    documents (branch i7), so this set now measures fit, not generalisation."""
    scores = score_corpus(GATHERED18 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 48
    assert sum(len(s.matched) for s in scores) >= 31
    assert sum(len(s.invented) for s in scores) <= 2


BEHAVIOR = """# FAQ

## Cross-host pod traffic drops on some ARM servers

### Behavior

Pods on different hosts lose packets now and then. `netstat -us` shows `InCsumErrors`
growing while the traffic fails.

### Solution

Turn off checksum offload on the uplink: `ethtool -K eth0 tx off`.

## Which release should I run?

### Answer

The latest stable one.
"""


def test_a_behavior_heading_is_the_symptoms_field():
    """kube-OVN's FAQ (gathered18) puts '### Behavior' / '### Solution' under each problem;
    bug reports say 'Observed behavior' for the same thing: what is seen."""
    from kb.rst import parse_bytes

    [issue] = parse_bytes("faq.md", BEHAVIOR.encode()).issues
    assert issue.title == "Cross-host pod traffic drops on some ARM servers"
    assert issue.structure == "field_headings"
    assert "InCsumErrors" in issue.symptoms and "ethtool" in issue.solution


@pytest.mark.parametrize(
    "sentence, cause, fix",
    [
        # qubership-rabbitmq (gathered18): the state that brings the error quoted next
        ("If the queue index is corrupted, the following error is displayed in the logs:", True, False),
        ("When the token expires, an error like this is logged:", True, False),
        ("If you run the command, the following error is displayed:", False, False),
        # a remedy in the passive
        ("In this case, the problem can be solved by deleting the old queues.", False, True),
        ("The mismatch can be remedied by editing the file by hand.", False, True),
        # cloudnative-pg (gathered18): a cause announced as one of several
        ("Some of the possible causes for this are:", True, False),
        ("Another possible cause is when you have sidecar injection configured.", True, False),
        ("Possible values for this are:", False, False),
    ],
)
def test_an_error_under_a_condition_a_passive_remedy_and_a_possible_cause(sentence, cause, fix):
    assert cues.states_cause(sentence) is cause
    assert cues.states_fix(sentence) is fix


CORRUPTION = """# Troubleshooting

## Queue index corruption

If the queue index is corrupted, the following error is displayed in the logs:

```text
init terminating in do_boot: {could_not_start,rabbit,{badmatch,{error,bad_segment}}}
```

## Queue store corruption

When the store files are damaged the queues become unavailable:

```text
[error] Queue <0.389.0> failed to initialise: {function_clause,[...]}
```

In this case, the problem can be solved by deleting the old queues.

## Pods are stuck in `Pending` state

Check the pod's events first:

```shell
kubectl describe pod <POD>
```

Some of the possible causes for this are:

- No node matches the `nodeSelector`
- The tolerations do not match the nodes' taints
"""


def test_an_error_under_its_condition_a_passive_remedy_or_possible_causes_make_issues():
    """qubership-rabbitmq's and cloudnative-pg's troubleshooting pages (gathered18): a section
    quoting an error says the state it comes from ('If the queue index is corrupted, the
    following error is displayed'), remedies it in the passive ('the problem can be solved by
    ...'), or lists 'the possible causes for this': each is an issue."""
    from kb.rst import parse_bytes

    issues = {i.title: i for i in parse_bytes("queues.md", CORRUPTION.encode()).issues}
    assert list(issues) == [
        "Queue index corruption",
        "Queue store corruption",
        "Pods are stuck in Pending state",
    ]
    assert "queue index is corrupted" in issues["Queue index corruption"].root_cause
    assert "deleting the old queues" in issues["Queue store corruption"].solution
    assert "nodeSelector" in issues["Pods are stuck in Pending state"].root_cause


STILL = """Troubleshooting
===============

If SELinux is too strict, you might see "Permission denied" errors in the log::

    netlink_socket|ERR|fcntl: Permission denied

Make sure that the policy package is installed.

If you still see Permission denied errors, then try to add allow rules to the local policy::

    grep ovs /var/log/audit/audit.log | audit2allow -M local
"""


def test_if_you_still_see_the_error_is_a_further_remedy_not_an_issue():
    """OVS's SELinux how-to (gathered18): 'If you still see Permission denied errors, then ...'
    goes on with the failure told above, after its first remedy: no issue of its own."""
    from kb.rst import parse_bytes

    document = parse_bytes("selinux.rst", STILL.encode())
    assert [i.title for i in document.issues] == ["Troubleshooting"]
    assert "allow rules" in document.issues[0].solution


def test_known_issues_told_in_a_paragraph_are_titled_by_its_first_sentence():
    """cinder's volume-encryption guide (gathered18) ends on a 'Known Issues' heading over one
    paragraph: 'Retyping ... will most likely fail. ... This results in the new volume not being
    large enough'. The heading names the kind, the first sentence the issue (as a known-issue
    bullet's does); 'This results in' says the condition just told brings the failure."""
    from kb.rst import parse_bytes

    text = (
        b"Shares\n======\n\nCreate a share\n--------------\n\nRun the create command.\n\n"
        b"Known Issues\n------------\n\n"
        b"Resizing a share created from a snapshot will most likely fail. The snapshot keeps a "
        b"reference to the old size. This results in the new size being refused by the backend.\n"
    )
    [issue] = parse_bytes("shares.rst", text).issues
    assert issue.title == "Resizing a share created from a snapshot will most likely fail."
    assert "refused by the backend" in issue.root_cause
    assert cues.states_cause("This results in the cache being lost.")
    assert not cues.states_cause("The command results in a table of the shares.")


def test_a_list_of_known_gaps_holds_known_issues():
    """charm-guide's 19.10 release notes (gathered18): 'Known feature gaps at this point in time:'
    leads bullets; the one that tells a problem and its remedy ('There is an unresolved issue
    with ... Please remove any such rules') is a known issue, a gap with neither is none."""
    from kb.rst import parse_bytes

    text = (
        b"Tech preview\n============\n\nThe new backend is ready for testing.\n\n"
        b"Known feature gaps at this point in time:\n\n"
        b"* No validation has been done with hardware offloading.\n\n"
        b"* There is an unresolved issue with quota rules that reference other projects.  Please "
        b"remove any such rules while testing.\n"
    )
    [issue] = parse_bytes("notes.rst", text).issues
    assert issue.title.startswith("There is an unresolved issue with quota rules")
    assert "remove any such rules" in issue.solution


@pytest.mark.parametrize(
    "title, symptom",
    [
        # ovn-kubernetes' debugging checklist (gathered18): something stops the traffic
        ("Firewall blocking overlay networks", True),
        ("Egress traffic blocked after the upgrade", True),
        ("Non-blocking sockets", False),
        ("Blocking I/O mode", False),
    ],
)
def test_traffic_blocked_is_a_failure(title, symptom):
    assert cues.is_symptom_title(title) is symptom


def test_a_section_titled_by_blocked_traffic_with_its_remedy_is_an_issue():
    """ovn-kubernetes' 'Firewall blocking overlay networks' (gathered18): the title names the
    failure, the text how to open the ports."""
    from kb.rst import parse_bytes

    text = (
        b"# Checks\n\n## Security group blocking tunnel traffic\n\n"
        b"If your hosts have a security group blocking incoming connections by default, you should "
        b"open up UDP port 4789 for the tunnels.\n\n## Check the agent log\n\nRead it from the top.\n"
    )
    [issue] = parse_bytes("checks.md", text).issues
    assert issue.title == "Security group blocking tunnel traffic"
    assert "open up UDP port 4789" in issue.solution


@pytest.mark.parametrize(
    "sentence, cause",
    [
        # cloudnative-pg (gathered18): a failure attributed to another problem
        ("This has been found to be related to the next issue on connectivity.", True),
        ("The stall is related to the previous issue.", True),
        ("The option is related to the cache size.", False),
    ],
)
def test_a_failure_attributed_to_another_problem_names_its_cause(sentence, cause):
    assert cues.states_cause(sentence) is cause


def test_a_recommended_actions_heading_is_the_solution_field():
    """qubership-rabbitmq's alert runbook (gathered18): '### Description' / '### Possible Causes'
    / '### Recommended Actions to Resolve Issue' under each alert."""
    from kb.rst import parse_bytes

    text = (
        b"# Alerts\n\n## QueueBacklog\n\n### Description\n\nMessages pile up in a queue.\n\n"
        b"### Possible Causes\n\n- Consumers are down.\n\n"
        b"### Recommended Actions to Resolve Issue\n\nScale the consumers up.\n"
    )
    [issue] = parse_bytes("alerts.md", text).issues
    assert issue.structure == "field_headings"
    assert "Consumers are down" in issue.root_cause and "Scale the consumers up" in issue.solution


GATHERED20 = Path(__file__).resolve().parent / "data" / "gathered20"


def test_documents_counted_blind_for_a_twentieth_set():
    """tests/data/gathered20 (SOURCES.md): 11 documents (6 Markdown; two hold only procedures),
    43 issues counted blind at 18:55-19:00 UTC. First run, before any rule was studied on them:
    27 of 43 matched, 0 invented, fields 58/70 (main at 19:00 UTC). The rules were then studied
    on these documents (branch i5), so this set now measures fit, not generalisation."""
    scores = score_corpus(GATHERED20 / "expected.json", lambda path: parse_file(str(path)))
    assert sum(s.counted for s in scores) == 43
    assert sum(len(s.matched) for s in scores) >= 42
    assert sum(len(s.invented) for s in scores) == 0
    assert sum(s.fields_filled for s in scores) >= 98
    for score in scores:
        if score.counted >= 4:
            assert len(score.matched) >= 0.75 * score.counted, score.name


def test_each_missed_issue_is_put_under_the_reason_its_section_got(tmp_path):
    """tests/eval/drop_reasons.py: a counted issue that is a section of its own is filed under the
    importer's verdict on that section; one told inside another section's text, apart."""
    from tests.eval.drop_reasons import INSIDE, reasons

    (tmp_path / "guide.rst").write_text(
        "Guide\n=====\n\nOverview\n--------\n\nThe service stores queues on disk.\n\n"
        "Broker restarts\n---------------\n\nConsumers log ``connection refused`` after a restart;\n"
        "the broker listens on its port only once its plugins load. Retry with a back-off.\n")
    (tmp_path / "expected.json").write_text(json.dumps({"guide.rst": {"path": "guide.rst", "issues": [
        {"title": "Overview", "error": None, "fields": {"symptom": True, "cause": False, "fix": False}},
        {"title": "Queue files grow without bound", "error": None,
         "fields": {"symptom": True, "cause": False, "fix": False}}]}}))
    found = reasons([tmp_path / "expected.json"])
    filed = {title.split(": ", 1)[1]: why for why, missed in found.items() for title in missed}
    assert filed["Queue files grow without bound"] == INSIDE
    assert filed["Overview"] not in (INSIDE, "(none given)")  # the importer's own verdict on it
