"""False alarms of teams' own documents: the real documents kb imports, over the healthy logs.

tests/test_false_alarms.py runs kb's own knowledge over the healthy logs of the false-alarm
suite (issue 9). A team imports its own runbooks, and what kb derives from them (signatures, the
words of their issues) is confident evidence too. Here the knowledge is every real document kb
has (../shared/corpus/real and tests/data/gathered*, as tests/eval/imported_false_alarms.py reads
them) and the logs are the suite's. On main at 64ed3c5 they gave 4 confident matches in 4 of its
76 files (and 5 more in 4 files of tests/data/calibration and background): the signature
`Permission Denied`, quoted by the ovs SELinux how-to (gathered18), in 3, and the 12 `systool is
not installed` warnings of the nova-compute log below (besides word evidence for an Octavia issue
on MessagingTimeout lines, in calibration logs only). `python -m tests.eval.imported_false_alarms`
prints them all.
"""

import pytest

from kb.matching.ordinary import CORPUS
from kb.matching.scoring import view_of
from tests.eval.imported_false_alarms import DATA, alarms, build_engine, documents, examine
from tests.test_false_alarms import LOGS

# Left: none. The cinder document (ts-failed-attach-vol-no-sysfsutils.rst) quotes nova's `WARNING
# nova.virt.libvirt.utils [...] systool is not installed` beside the ERROR of the failed attach,
# and the OpenStack forensics nova-compute log says that warning 12 times, on attaches that then
# succeeded (iSCSI volumes need no systool): a confident match until a warning a document quotes
# before its error became weak (kb.matching.signatures.precursors); it is a weak lead there now.
KNOWN: dict[str, str] = {}


@pytest.fixture(scope="module")
def engine():
    return build_engine()


# Weak leads of the imported documents on the suite's files (issue 9, points 3 and 7: at most
# one per healthy file). Before scoring._log_lead_words and the whole-log rule for lines stating
# no failure (int1 at 8ffc2b9): 63 leads in 35 of the 76 files, up to 4 in one; after: 22 in 16,
# 3 at most; with tests/data/healthy4's 14 files in the suite (90 files), 26. With healthy5's 14
# (104 files): 33 in 23 (healthy5 gave 7 in 5), then 24 in 18 once a token of the line counts
# once (paths, URLs, dotted keys) and no part of a component's name counts, the systool warning
# a weak lead (its file's only one), 5 files keeping 2 or 3. Then (2026-12-07) 10 in 10, one at
# most: Juju's unit log read as juju/loggo writes it (a charm's urllib3 traceback is juju's, not a
# neutron line's), a paste as short as its lines as pasted (a guest's 50-line qemu log is no
# person's pick) and a Go release line a build banner (CoreDNS's `linux/amd64, go1.16, ...`),
# the words of the API server's denial format no lead's (`... is forbidden: User ... cannot get
# resource ...`), and no whole-log lead on resemblance alone (a charm's `vault relation is
# missing`, cadvisor's partial stats, LXD's missing swap accounting). Left, one a file: real
# lines a document describes (a juju charm's `Package ... has no installation candidate`, the
# controller-manager's `no cloud provider provided, services of type LoadBalancer will fail`,
# a deprecated EndpointSlice, metrics.k8s.io unavailable, the systool warning, ...). With
# tests/data/healthy6's 15 files (gathered blind 2026-12-07: 6 leads in 5 files, one with 2,
# measured before anyone read them; with gathered22's documents studied and imported too, 4 in 3,
# one with 2, at the session's end), 10 in 10: the file with 2 had one on the word `tue`, the
# day's name of a journal's `-- Logs begin at Tue 2017-03-28 ...` (normalize's journal time).
# With gathered23 and gathered24 studied and imported too (2026-12-07), 11 in 11: none of theirs,
# the new documents' words shift the weights of the old ones', and gathered6's "Sometimes Open
# vSwitch flows ... are dropped" becomes a weak lead (0.32) on ovsdb-server's two `connection
# dropped (Connection reset by peer)` warnings (the same 10 leads without the two folders).
# With tests/data/healthy7's 15 files (gathered blind 2026-12-07 04:12 UTC: 4 leads in 4 files at
# the session's start and the same at its end, measured before anyone read them), 15 in 15.
# With tests/data/healthy8's 14 files (gathered blind 2026-12-07 07:20 UTC: 9 leads in 8 files,
# measured before anyone read them; 8 in 7 once the background corpus held logs that say
# "password"), 22 in 21: the one file over one lead is below, left to fix.
# With gathered28 studied and imported too (2026-12-07), 23 in 21: none of its issues is a lead,
# but its words shift the weights of the old ones', and external-dns's "I'm using an ELB with TXT
# registry ..." becomes a weak lead (0.30) on cinder-api's `Generating grammar tables from
# .../lib2to3/PatternGrammar.txt` on the two words `pattern` and `txt`: below, left to fix. With
# tests/data/healthy10's 5 files (gathered blind 2026-12-07 13:30 UTC: 2 leads in 2 files on the
# session's starting code, measured before anyone read them), 24 in 22.
# With gathered29 and gathered30 studied and imported too (2026-12-07 16:09 UTC session), 25 in 22
# (the same 24 in 22 on the session's code without the two folders: none of the rules the session
# wrote moved a lead). One more: the atmosphere guide's "Instance stuck shelved/unshelving"
# (gathered30), whose fix tells to hard reboot, is a weak lead (0.32) on nova-compute's `Failed to
# soft reboot instance. Trying hard reboot.` warnings, on the words of reboot (not fair: nothing is
# shelved), beside that file's systool lead; below, left to fix. (The two folders also brought
# 11 confident lines in 3 files: vCloud CSE's quoted "Access denied" as a signature, on MySQL's and
# MariaDB's `Access denied for user ...`; two plain words are no signature now, kb.rst.signatures.)
# With tests/data/healthy11's 9 files (gathered blind 2026-12-07 16:30 UTC: 2 leads in 1 file on
# the session's starting code, measured before anyone read them), 27 in 23: both on the kind
# worker's own failed image pull.
# With gathered33 and gathered34 imported (2026-12-08 session, murano's and ec3's bold-headed
# issues read): 27 in 22 (+2 nginx rate-limit lines, see KNOWN_OVER; -1 elsewhere), and 26 once a
# word of two letters or of one letter repeated is no distinctive word (HAProxy's `fe`, a
# document's `xx` placeholder made two of them). With tests/data/healthy14's 5 files (gathered blind
# 2026-12-08: 1 lead, the systool page's on a live migration's destination, on the session's
# starting code and after), 27 in 23.
MOST_LEADS_PER_FILE = 1
MOST_LEADS = 27
# Files known to give more than MOST_LEADS_PER_FILE, each with why. Strict: the day one is mended
# (or another joins), the test fails until this is brought up to date.
KNOWN_OVER = {
    # 5 HAProxy records read as a short paste, where one shared word makes a lead: `SSL handshake
    # failure (... no shared cipher)` for a TLS troubleshooting page (a fair lead) and `SSL
    # handshake failure after heartbeat` for etcd's "failed to send out heartbeat" warning, on the
    # one word `heartbeat` (not fair: no etcd, no raft).
    "crowdsecurity_hub__.tests_haproxy-logs_haproxy-logs.log",
    # (A devstack cinder-api log had two, external-dns's ELB/TXT question on lib2to3's
    # `PatternGrammar.txt` among them, until a weak lead needed a distinctive word, 2026-12-07 22:05 UTC.)
    # A kind worker's kubelet whose pull of an image that does not exist fails (`insufficient_scope:
    # authorization failed`): two pages about failed image pulls are leads on it (fair: it is one).
    "kubelet-kind-worker-journal.log",
    # OpenStack forensics' nova-compute log: besides the systool warning (its file's one before),
    # the atmosphere guide's shelving issue on `Failed to soft reboot instance. Trying hard
    # reboot.`, sharing the words of a reboot its fix advises (not fair), since gathered30 joined.
    "uforia-OpenStackForensics__nova-compute.log",
    # nginx refusing requests over its rate limit (`limiting requests, excess: ...`), since
    # gathered34 joined (2026-12-08): buildah's troubleshooting page, whose example runs an nginx
    # image, on `nginx` and `html` (not fair), and warewulf's known issue titled "... limiting our
    # ability to test it" on `limiting` (not fair).
    "crowdsecurity_hub__.tests_nginx_req_limit_exceeded_nginx_req_limit_exceeded.log",
}


def test_imported_documents_give_few_weak_leads_on_healthy_logs(engine):
    leads = {path.name: examine(engine, path)[1] for path in LOGS}
    assert {name for name, found in leads.items() if len(found) > MOST_LEADS_PER_FILE} == KNOWN_OVER, leads
    assert sum(len(found) for found in leads.values()) <= MOST_LEADS, leads


def test_it_reads_the_real_documents():
    assert len(documents()) >= 130


@pytest.mark.parametrize("path", [
    pytest.param(p, id=p.name, marks=[pytest.mark.xfail(strict=True, reason=KNOWN[p.name])]
                 if p.name in KNOWN else []) for p in LOGS])
def test_imported_documents_find_no_known_issue_in_a_healthy_log(engine, path):
    found = [(a.number, a.slug, a.signature, a.text[:200]) for a in alarms(engine, path)]
    assert found == []


def test_a_signature_an_ordinary_log_says_is_not_kept_with_a_warning_naming_the_line():
    from kb.rst import parse_bytes

    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is missing")
    text = ("Troubleshooting\n===============\n\nIf the policy is too strict, you might see in the log files "
            '"Permission Denied" errors.\n\nTo fix it, relabel the files with restorecon.\n')
    document = parse_bytes("selinux.rst", text.encode())
    [issue] = document.issues
    assert issue.signatures == []
    assert "Permission Denied" in issue.symptoms  # the issue keeps the words
    [warning] = [w for w in document.warnings if "not kept" in w]
    assert "'Permission Denied' not kept: an ordinary log already says it" in warning
    # (the first of the corpus's files, by name, that says it: Postfix's SASL warning)
    assert "digineo_postfix_exporter__testdata_mail.log, line 2" in warning


def test_a_signature_no_ordinary_log_says_is_kept():
    from kb.rst import parse_bytes

    text = ("Troubleshooting\n===============\n\nThe volume does not attach, and the log says "
            '"Failed to attach volume: systool is not installed".\n\nInstall sysfsutils.\n')
    [issue] = parse_bytes("systool.rst", text.encode()).issues
    assert [s.text for s in issue.signatures] == ["Failed to attach volume: systool is not installed"]


# A neutron agent's report_state timing out (tests/data/calibration, an ordinary log `make
# calibrate` reads): a traceback ending in oslo.messaging's MessagingTimeout. atmosphere's
# "Listener with provisioning_status stuck in ERROR" (gathered5) quotes an Octavia traceback
# under oslo.messaging's RPC server logger, and its words (`oslo_messaging`, `messaging`,
# `timeout` of its frames' code) answered 147 such lines of 3 calibration logs confidently.
ATMOSPHERE = DATA / "gathered5" / "atmosphere__doc_source_admin_troubleshooting.rst"
LISTENER = "listener-with-provisioning_status-stuck-in-error"


def test_a_line_only_repeating_a_library_message_is_no_confident_answer_on_words():
    engine = build_engine([ATMOSPHERE])
    log = (DATA / "calibration" / "hotsos__neutron-metadata-agent.log.1").read_text(errors="replace")
    lines = log.splitlines()[1520:1552]
    assert lines[-1].endswith("ERROR neutron.agent.metadata.agent ")
    assert "oslo_messaging.exceptions.MessagingTimeout: Timed out waiting for a reply" in lines[-2]
    report = engine.match_lines(lines)
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    # the line only repeats the library's message: its words are never confident evidence
    # (scoring._blocker). Since this session's other engine changes, its words stay under the
    # threshold even without that rule, so what the rule reads is asserted on the line itself.
    assert view_of(lines[-2], lines[-2]).generic == "oslo.messaging's MessagingTimeout"
    listener = [m for m in report.matches if m.issue.spec.slug == LISTENER]
    assert listener and not listener[0].confident
    # the issue's own record still answers it (its signature)
    octavia = ("2023-09-01 10:00:00.000 12 ERROR oslo_messaging.rpc.server [None req-1 - 2 - - - -] "
               "Exception during message handling: "
               "octavia.amphorae.drivers.haproxy.exceptions.InternalServerError: Internal Server Error")
    assert [m.issue.spec.slug for m in engine.match_lines([octavia]).known] == [LISTENER]


def test_a_warning_quoted_before_its_error_is_a_lead_alone_and_the_error_is_the_answer():
    from kb.matching import Engine
    from kb.rst import parse_bytes
    from tests.rst_specs import spec_from_parsed

    text = ("Failed to attach volume, systool is not installed\n"
            "=================================================\n\nProblem\n~~~~~~~\n\n"
            "This warning and error occurs if sysfsutils is not installed:\n\n"
            ".. code-block:: console\n\n"
            "   WARNING nova.virt.libvirt.utils [req-1 admin admin] systool is not installed\n"
            "   ERROR nova.compute.manager [req-1 admin admin] Failed to attach volume "
            "13d5c633-903a-4764-a5a0-3336945b1db1 at /dev/vdk.\n\n"
            "Solution\n~~~~~~~~\n\nInstall sysfsutils.\n")
    [issue] = parse_bytes("systool.rst", text.encode()).issues
    assert len(issue.signatures) == 2
    engine = Engine.build([spec_from_parsed(issue)])
    prefix = "2014-04-17 14:07:50.944 1459"
    warning = engine.match_lines(
        [f"{prefix} WARNING nova.virt.libvirt.utils [req-2 a b] systool is not installed"])
    assert not warning.known
    assert [m.issue.spec.slug for m in warning.leads] == [issue.slug]
    assert "a warning its document quotes before the error" in warning.leads[0].why
    error = engine.match_lines([f"{prefix} ERROR nova.compute.manager [req-2 a b] Failed to attach volume "
                                "6f6a6a9c-dfcf-4c8d-b1a8-4445ff883200 at /dev/vdb."])
    assert [m.issue.spec.slug for m in error.known] == [issue.slug]
