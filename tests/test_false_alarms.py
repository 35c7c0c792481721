"""False alarms: the shipped knowledge over real logs nobody on the project wrote.

Every file of ../shared/reallogs (Loghub samples) and of tests/data/healthy
(healthy OpenStack, Ceph, RabbitMQ, MySQL, MariaDB, etcd, keystone, Kubernetes control
plane, kubelet, kube-proxy and add-on pod logs, Sunbeam's OpenStack services, Open vSwitch/OVN,
qemu, haproxy, keepalived, pacemaker, LXD and kernel logs, a compute node's journal, and a
nova-compute log of failures that are none of kb's issues; see its SOURCES.md), and of
tests/data/healthy2 (18 more, gathered blind by someone who never saw kb: Sunbeam's keystone,
glance, cinder, RabbitMQ and OVN pods, Open vSwitch and neutron agents, sshd, a ceph-mon
journal, kube-proxy, calico, etcd, kube-apiserver, kindnet and two kubelet/docker journals),
and of tests/data/healthy3 (8 more, gathered blind the same way: neutron's dhcp agent,
netns and ovs cleanup, nova-api with its metadata service answering, nova-scheduler, a
Windows kubelet and two HAProxy logs), and of tests/data/healthy4 (14 more, gathered blind the
same way: neutron server, L3 and DHCP agents, OVN's NB database and relay, kube-controller-manager,
kindnet, a kind node's journal as JSON, a rabbitmq container's auth.log and syslog, a Kubernetes
node's auth.log, sftp, rsyncd and vsftpd), and of tests/data/healthy5 (14 more, gathered blind
the same way: Charmed Kubernetes and RabbitMQ hosts' dmesg, juju unit logs of kubernetes-master,
canal and nova-compute, Sunbeam's MySQL, mysql-router and OVN SB pods and snapd journal, two
LXD containers' journals, a devstack cinder-api and syslog, and a CentOS 5 syslog), and of
tests/data/healthy6 (15 more, gathered blind on 2026-12-07: OVN northd, controller and SB
database, an OVS database, an HAProxy metadata proxy, ceph-volume, juju unit logs of
rabbitmq-server and containerd, CoreDNS, kube-scheduler and kube-proxy on kind, devstack's cinder
API and volume journals, neutron's metadata agent and nova's noVNC proxy), and of
tests/data/healthy7 (15 more, gathered blind on 2026-12-07: Azure disk, file and blob CSI
drivers' controller and node logs, an SMB CSI node, HAProxy, ceph-deploy), and of
tests/data/healthy8 (14 more, gathered blind on 2026-12-07: OpenShift's kube-apiserver,
controller manager, SDN, alertmanager and node logs, KubeVirt's virt-launcher, Calico, and
HAProxy, nginx, MySQL, MariaDB and BIND records a parser's tests hold), and of
tests/data/healthy9 (10 more, gathered blind on 2026-12-07: devstack's nova, glance, keystone
and cinder service logs and stack.sh runs of 2013), and of tests/data/healthy10 (5 more, gathered
blind on 2026-12-07: a Charmed Kubernetes kube-apiserver journal and RabbitMQ log, an OpenShift etcd
log, a Windows kubelet, a cilium agent), and of tests/data/healthy11 (9 more, gathered blind on
2026-12-07: kind kubelet journals, a verbose kube-scheduler, GPU nodes' dmesg, a KVM guest console),
and of tests/data/healthy12 (10 more, gathered blind on 2026-12-07 18:41 UTC: Fuel's Puppet runs
deploying OpenStack controllers and computes, fuel-agent provisioning, an MCollective agent),
and of tests/data/healthy13 (6 more, gathered blind on 2026-12-07 21:48 UTC: a Fuel node's kernel
boot, a bare-metal server's provisioning syslog and installer log, a chef-client run creating the
OpenStack databases, two CI jobs running nova's database migrations), and of tests/data/healthy14
(5 more, gathered blind on 2026-12-08 01:04 UTC: nova-compute on both ends of a live migration that
succeeds, a Galera operator's backup-and-restore CI job, an argo workflow controller, a Prometheus
server starting and stopping)
holds no known issue: no confident match, at most one weak lead per file. None
of these files is in the background corpus (tests/data/background) the
matcher's word commonness was measured on, nor among the negatives `make calibrate`
derives the decision rule from (tests/data/calibration). And each real case issue 9
reported gets the right answer.
"""

from pathlib import Path

import pytest

from kb.matching import Engine, scoring
from kb.matching.prefix import parse
from kb.matching.report import Verdict
from kb.matching.scoring import is_chatter
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
REALLOGS = ROOT.parent / "shared" / "reallogs"
HEALTHY = ROOT / "tests" / "data" / "healthy"
# Gathered blind on 2026-12-06 (its SOURCES.md): first measured, then added to the suite
HEALTHY2 = ROOT / "tests" / "data" / "healthy2"
# The same, later that day (its SOURCES.md gives both blind runs)
HEALTHY3 = ROOT / "tests" / "data" / "healthy3"
# The same, later still (its SOURCES.md gives the blind runs: 4 weak leads in 3 files)
HEALTHY4 = ROOT / "tests" / "data" / "healthy4"
# The same, later still (its SOURCES.md): 0 confident, 0 leads, 0 windows when first measured
HEALTHY5 = ROOT / "tests" / "data" / "healthy5"
# The same, 2026-12-07 (its SOURCES.md): 0 confident, 1 lead, 0 windows when first measured
HEALTHY6 = ROOT / "tests" / "data" / "healthy6"
# The same, later that day (its README): 0 confident, 0 leads, 0 windows at the start and the end
HEALTHY7 = ROOT / "tests" / "data" / "healthy7"
# The same, 2026-12-07 07:20 UTC (its SOURCES.md): 0 confident, 7 leads in 7 files, 0 windows at the
# session's start; 5 in 5 once the background corpus held logs that say "password" (MySQL's and
# MariaDB's `Access denied for user ... (using password: YES)` were leads for the Heat domain issue)
HEALTHY8 = ROOT / "tests" / "data" / "healthy8"
# The same, 2026-12-07 10:31 UTC (its README): ten devstack logs of 2013 (nova, glance, keystone,
# cinder screen logs and two stack.sh runs); 0 confident, 0 leads, 0 windows on that session's
# starting code, with kb's knowledge and with the imported documents
HEALTHY9 = ROOT / "tests" / "data" / "healthy9"
# The same, 2026-12-07 14:00 UTC (its README): 0 confident, 0 leads, 0 windows on that session's
# starting code and after its signs, with kb's knowledge; 2 leads in 2 files with the documents
HEALTHY10 = ROOT / "tests" / "data" / "healthy10"
# The same, 2026-12-07 16:30 UTC (its README): kind kubelet journals, a kube-scheduler at -v=10,
# GPU nodes' dmesg, a KVM guest console, a kubemark job log; 0 confident, 3 leads in 2 files (one
# with 2), 0 windows on that session's starting code, with kb's knowledge
HEALTHY11 = ROOT / "tests" / "data" / "healthy11"
# The same, 2026-12-07 18:57 UTC (its README): Fuel's Puppet runs deploying OpenStack (Galera,
# RabbitMQ, HAProxy, memcached, Heat, Swift...), fuel-agent, MCollective; 0 confident, 0 leads,
# 0 windows on that session's starting code (cd3c92b), with kb's knowledge and with the documents
HEALTHY12 = ROOT / "tests" / "data" / "healthy12"
# The same, 2026-12-07 22:09 UTC (its README): 0 confident, 0 leads, 0 windows on that session's
# starting code (021c0ce) with kb's knowledge; with the documents 0 confident, 1 lead
HEALTHY13 = ROOT / "tests" / "data" / "healthy13"
# The same, 2026-12-08 01:30 UTC (its README): 0 / 0 / 0 on that session's starting code (a6311c7)
# with kb's knowledge; with the documents 0 confident, 1 lead
HEALTHY14 = ROOT / "tests" / "data" / "healthy14"
LOGS = sorted(REALLOGS.glob("*.log")) + sorted(
    p for folder in (HEALTHY, HEALTHY2, HEALTHY3, HEALTHY4, HEALTHY5, HEALTHY6, HEALTHY7, HEALTHY8,
                     HEALTHY9, HEALTHY10, HEALTHY11, HEALTHY12, HEALTHY13, HEALTHY14)
    for p in folder.iterdir()
    if p.suffix != ".md")  # a folder's README.md and SOURCES.md say what it holds
# False alarms the files added on 2026-12-06 exposed, left to fix: no threshold makes or mends
# them (the same under the 2026-12-05 decision rule and the derived one). Strict: the fix makes
# these tests pass, and then the entry must go.
# (The controller manager's object dump was one until word evidence read 1,000 characters.)
KNOWN_CONFIDENT: dict[str, str] = {}
# (The guest's qemu log had 2 weak leads on its successful live migration, on the one word
# `migration` / `migrated`, until a paste's length was counted in its lines as pasted, not its
# logical lines: engine.is_short.)
KNOWN_LEADS = {
    # a kind control plane's kubelet starting: `Skipping pod synchronization - [container runtime
    # status check may not have completed yet, PLEG is not healthy: pleg has yet to be successful]`
    # (the PLEG has not run yet, not a hung runtime) leads to the Docker issue on its words, and
    # `"Error getting node" err="node \"kind-control-plane\" not found"` before the node registers
    # to the API server load issue on `control plane`, `node`, `getting`, `error`
    "kubelet-kind-control-plane-journal.log": "a kubelet's start-up lines, 2 weak leads",
}


def _marked(known: dict[str, str]) -> list:
    return [pytest.param(p, id=p.name, marks=[pytest.mark.xfail(strict=True, reason=known[p.name])]
                         if p.name in known else []) for p in LOGS]


@pytest.fixture(scope="module")
def engine():
    specs = specs_from_files(sorted((ROOT / "fixtures").glob("*.rst")), sources=("symptom", "curated"))
    return Engine.build(specs)


def test_it_has_real_logs_to_check():
    assert len([p for p in LOGS if p.parent == REALLOGS]) >= 6, f"{REALLOGS} is missing"
    assert len([p for p in LOGS if p.parent == HEALTHY]) >= 6
    assert len([p for p in LOGS if p.parent == HEALTHY2]) >= 18
    assert len([p for p in LOGS if p.parent == HEALTHY3]) >= 8
    assert len([p for p in LOGS if p.parent == HEALTHY4]) >= 14
    assert len([p for p in LOGS if p.parent == HEALTHY5]) >= 14


@pytest.mark.parametrize("path", _marked({**KNOWN_CONFIDENT, **KNOWN_LEADS}))
def test_it_finds_no_known_issue_in_a_healthy_log(engine, path):
    report = engine.match_text(path.read_text(encoding="utf-8", errors="replace"))
    assert [m.issue.spec.slug for m in report.known] == []
    assert report.lines_matched == 0
    assert len(report.leads) <= 1, [(m.issue.spec.slug, m.why) for m in report.leads]
    assert report.verdict in (Verdict.NO_KNOWN_ISSUE, Verdict.WEAK_LEADS)


@pytest.mark.parametrize("path", _marked(KNOWN_CONFIDENT))
def test_no_line_of_a_healthy_log_is_confident_alone(engine, path):
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for start in range(0, len(lines), 5):
        report = engine.match_lines(lines[start : start + 5])
        assert not report.known, (start, [(m.issue.spec.slug, m.why) for m in report.known])


SSH = (
    "Dec 10 08:25:08 LabSZ sshd[24369]: Failed password for invalid user admin "
    "from 5.188.10.180 port 60682 ssh2"
)
SHELL = "+ '[' kubelet = kubelet ']'"
FLAG = 'I0820 20:28:26.509526    3312 flags.go:33] FLAG: --container-log-max-files="5"'
NOVA_SYNC = (
    "2017-05-16 00:00:00.008 25746 WARNING nova.compute.manager [-] "
    "Found 1 in the database and 0 on the hypervisor."
)
RABBIT = (
    "2016-12-11 16:59:22.220 1165 ERROR oslo.messaging._drivers.impl_rabbit [-] AMQP server on "
    "10.20.0.11:5672 is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds."
)
TRACE_FRAMES = "\n".join(
    f"2016-12-11 16:59:22.220 1165 TRACE nova.compute.manager {text}"
    for text in (
        "Traceback (most recent call last):",
        '  File "/usr/lib/python2.7/dist-packages/oslo_utils/excutils.py", line 220, in __exit__',
        "    self.force_reraise()",
        '  File "/usr/lib/python2.7/dist-packages/oslo_utils/excutils.py", line 196, in force_reraise',
        "    six.reraise(self.type_, self.value, self.tb)",
    )
)
SYSTEMD = "Dec  5 10:00:00 node-3 systemd[1]: Started Session 42 of user root."
# A routine Ceph line: its words are the pg_num issue's description (raw 0.75, support 3), and it
# was a confident answer on words alone, though it states no failure (no level, no failure word)
PG_NUM = "set pool 1 pg_num to 128"


@pytest.mark.parametrize(
    "text",
    [SSH, SHELL, FLAG, NOVA_SYNC, RABBIT, TRACE_FRAMES, SYSTEMD, "hello world nothing", PG_NUM],
    ids=["sshd", "shell-trace", "flag-dump", "nova-sync", "rabbit-refused", "trace-frames",
         "systemd", "hello", "ceph-set-pg-num"],
)
def test_it_answers_no_known_issue_to_the_reported_false_alarms(engine, text):
    report = engine.match_text(text)
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    assert report.verdict != Verdict.KNOWN_ISSUE
    assert report.headline.startswith("No known issue")


def test_plain_words_are_not_even_a_lead(engine):
    # `nothing` was a weak lead for the port-binding issue, whose text says "nothing is rolled
    # back": an English function word is no evidence, not even for a lead (issue 9, point 3)
    report = engine.match_text("hello world nothing")
    assert report.verdict == Verdict.NO_KNOWN_ISSUE and not report.leads, \
        [(m.issue.spec.slug, m.why) for m in report.matches]


# A paste that starts below a frame line: oslo.log printed the traceback's code line under the
# record's prefix (tests/data/calibration/hotsos-sunbeam__nova-scheduler.log, line 1634). Read
# as words it was the soft-reboot issue (raw 0.685, support 4), the strongest negative of
# `make calibrate` on 2026-12-06.
OSLO_CODE_LINE = (
    "2025-05-14T07:08:09.306Z [nova-scheduler] 2025-05-14 07:08:07.538 25 ERROR "
    "nova.servicegroup.drivers.db     with excutils.save_and_reraise_exception() as ectxt:"
)


def test_an_oslo_traceback_code_line_alone_is_no_evidence(engine):
    report = engine.match_text(OSLO_CODE_LINE)
    assert not report.known and not report.leads, [(m.issue.spec.slug, m.why) for m in report.matches]


def test_it_counts_no_routine_log_file_for_an_issue(engine):
    ssh_log = REALLOGS / "OpenSSH_2k.log"
    report = engine.match_text(ssh_log.read_text(encoding="utf-8"))
    assert not any(m.issue.spec.slug == "lack-of-heat-domain-configuration" for m in report.matches)


_NOVA = "2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager [instance: 9c2d1068]"
LIBVIRT_TRACEBACK = [
    f"{_NOVA} Instance failed to spawn",
    f"{_NOVA} Traceback (most recent call last):",
    *[
        f'{_NOVA}   File "/usr/lib/python2.7/dist-packages/nova/{m}.py", line {n}, in f{n}\n'
        f"{_NOVA}     res = self.dispatcher.dispatch(message)"
        for n, m in enumerate(["compute/manager", "virt/libvirt/driver", "virt/libvirt/guest"] * 4)
    ],
    f"{_NOVA} libvirtError: "
    "internal error: process exited while connecting to monitor: Could not open "
    "'/var/lib/nova/instances/9c2d1068/disk': Permission denied",
]


def test_it_reads_a_traceback_as_one_unit_under_its_exception_line(engine):
    lines = "\n".join(LIBVIRT_TRACEBACK).split("\n")
    report = engine.match_lines(lines)
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    for match in report.matches:
        assert all("File \"" not in h.text[:200] or h.number == len(lines) for h in match.lines)
    unmatched = {n for n, _t in report.unmatched}
    matched = {h.number for m in report.known for h in m.lines}
    assert not unmatched & matched
    assert len(lines) in unmatched  # the exception line, under its own number


def test_it_lists_the_deciding_line_first_with_its_real_number(engine):
    filler = ["2016-12-11 16:59:22.220 1165 INFO nova.compute.manager [-] tick"] * 19999
    signature = (
        "2016-12-11 16:59:22.220 1165 ERROR heat.engine.resource [-] MessagingTimeout: "
        "Timed out waiting for a reply to message ID 5f1e2ad4b6e94b9a"
    )
    report = engine.match_lines(filler + [signature])
    assert report.known, report.matches
    best = report.known[0]
    assert best.lines[0].number == 20000
    assert best.why.startswith("Line 20000 ")
    assert report.headline.endswith("found") and report.verdict == Verdict.KNOWN_ISSUE
    assert report.lines_matched == len({h.number for m in report.known for h in m.lines})


# Lines of the real logs above that were weak leads in a whole log on one word that is
# no evidence: a concept only a component's name raised (~rpc from "RabbitMQ"), a
# function word ("during", shared with a title), a single word from a line of a broad
# component ("floating": nova is a component of most OpenStack issues).
_REQ = "[req-8ab6878b-e9a4-4ff9-b7b1-1b113d3139dd e75374ede9834b41919d07e6a311401c -]"
ONE_WORD_LINES = [
    "2022-02-04 09:55:32.972 [warning] <0.842.0> RabbitMQ HTTP listener registry could not "
    "find context rabbitmq_management_tls",
    f"2014-04-17 14:41:31.023 1455 ERROR nova.openstack.common.rpc.amqp {_REQ} "
    "Exception during message handling",
    f"2014-04-17 14:50:12.128 1455 ERROR nova.compute.manager {_REQ} "
    "[instance: 89990e3a-11fa-4c73-bb35-ce9345fbcbf2] Error: Zero floating ips available.",
]
CHATTER = [
    f"2014-04-17 14:5{n}:06.294 17878 INFO nova.compute.resource_tracker [-] "
    "Compute_service record updated for littlebigguy:littlebigguy"
    for n in range(10)
]


@pytest.mark.parametrize("line", ONE_WORD_LINES, ids=["rabbitmq-named", "during", "floating"])
def test_one_shared_word_is_no_lead_in_a_whole_log(engine, line):
    report = engine.match_lines([*CHATTER, line, *CHATTER])
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


def test_a_line_saying_dns_does_not_say_kubedns(engine):
    """A signature's component name is not said by a concept: a Grafana pod's kubelet line
    (liveness probe, failed, dns: tests/data/background/loki__journald.txt) is not the
    kubedns container's liveness probe failing."""
    journal = ROOT / "tests" / "data" / "background" / "loki__journald.txt"
    line = next(
        x for x in journal.read_text(encoding="utf-8").splitlines()
        if "kuberuntime_manager.go:1256] container &Container{Name:pdc" in x
    )
    report = engine.match_lines([line])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]


# A kubelet starting up (tests/data/healthy/kubernetes__kubelet.log...): each line holds the
# first segment of a kb signature and says something else after it, so it contradicts the
# signature; in a whole log neither is a lead (both were, before 2026-12-06).
_KUBELET = "Mar 25 12:13:46 e2e-big-minion-group-wfls kubelet[1304]: E0325 12:13:46.117744    1304"
CONTRADICTING = [
    f"{_KUBELET} kubelet.go:1845] skipping pod synchronization - [container runtime status check "
    "may not have completed yet, PLEG is not healthy: pleg has yet to be successful]",
    f"{_KUBELET} kubelet_node_status.go:402] Error updating node status, will retry: error getting "
    'node "e2e-big-minion-group-wfls": nodes "e2e-big-minion-group-wfls" not found',
]


@pytest.mark.parametrize("line", CONTRADICTING, ids=["pod-sync-skipped", "node-not-found"])
def test_a_line_contradicting_a_signature_is_no_lead_in_a_whole_log(engine, line):
    report = engine.match_lines([*CHATTER, line, *CHATTER])
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


# A command about to run is what was run, not what happened (tests/data/healthy: a compute
# host's journal and a qemu instance log of canonical/hotsos). sudo's audit record of
# nova-rootwrap starting os-vif's privsep helper reads as "ovs, plug, vif, path", the words
# of the port binding issue; libvirt's qemu command line as "drive, config, path, data",
# those of the config drive issue's signature. Each was a weak lead in its file.
SUDO = (
    "Feb 10 16:13:59 compute4 sudo[1781120]:     nova : TTY=unknown ; PWD=/var/lib/nova ; "
    "USER=root ; COMMAND=/usr/bin/nova-rootwrap /etc/nova/rootwrap.conf privsep-helper "
    "--config-file /etc/nova/nova.conf --config-file /etc/nova/nova-compute.conf "
    "--privsep_context vif_plug_ovs.privsep.vif_plug --privsep_sock_path /tmp/tmp__akp505/privsep.sock"
)


def test_a_sudo_command_is_no_evidence(engine):
    report = engine.match_lines([*CHATTER, SUDO, *CHATTER])
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


# neutron's agents log the argv they run through rootwrap and, under the result, its `Command:`
# line (tests/data/healthy2: an Open vSwitch agent of os-log-merger's samples): `del-port br-int
# patch-tun` read as the words of the port binding issue, `del-br`, `add-br` as a disk's.
ARGV = [
    "2016-01-29 15:38:30.481 1544 DEBUG neutron.agent.linux.utils [-] Running command (rootwrap daemon): "
    "['ovs-vsctl', '--timeout=10', '--oneline', '--format=json', '--', '--if-exists', 'del-port', "
    "'br-int', 'patch-tun'] execute_rootwrap_daemon /usr/lib/python2.7/site-packages/neutron/agent/"
    "linux/utils.py:100",
    "2016-01-29 15:38:30.488 1544 DEBUG neutron.agent.linux.utils [-] ",
    "Command: ['ovs-vsctl', '--timeout=10', '--oneline', '--format=json', '--', '--if-exists', "
    "'del-port', 'br-int', 'patch-tun']",
    "Exit code: 0",
    "2016-01-29 15:38:31.102 1544 DEBUG oslo_concurrency.processutils [-] Running cmd (subprocess): "
    "sudo neutron-rootwrap /etc/neutron/rootwrap.conf ip netns exec qrouter-1 ip link set qr-1 up",
]


def test_a_command_an_agent_runs_is_no_evidence(engine):
    report = engine.match_lines([*CHATTER, *ARGV, *CHATTER])
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


def test_a_qemu_command_line_is_no_evidence(engine):
    lines = (HEALTHY / "hotsos__libvirt-qemu-instance-00000002.log").read_text(encoding="utf-8").splitlines()
    command = lines[1:44]  # LC_ALL=C \ ... -msg timestamp=on
    assert command[0].startswith("LC_ALL=C") and command[-1].startswith("-msg")
    report = engine.match_lines(command)
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


def test_the_fields_of_a_dumped_object_are_no_words_of_the_line(engine):
    """kube-controller-manager printing a DaemonSet with %#v: 17,000 characters whose field
    names (SecurityContext, ActiveDeadlineSeconds, timeoutSeconds, Operation) share four
    words with the docker issue's "operation timeout: context deadline exceeded"; it was
    a confident match."""
    journal = HEALTHY / "hotsos__journalctl_snap.kube-controller-manager.daemon.lines1-3000"
    line = next(
        x for x in journal.read_text(encoding="utf-8").splitlines()
        if "csi-cinder-nodeplugin failed with : error storing status for daemon set" in x
    )
    assert len(line) > 10_000
    report = engine.match_lines([line])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]


# kube-scheduler logs a trace for every pod over 100 ms (tests/eval/dev2 noise: 110 ms for a
# kube-system pod); the anti-affinity issue's traces took seconds. The header's klog time minus
# its start says which.
QUICK_TRACE = ('I1207 14:03:22.219045       1 trace.go:61] '
               'Trace "Scheduling kube-system/kube-proxy-node-341" '
               '(started 2016-12-07 14:03:22.108775224 +0000 UTC):')
SLOW_TRACE = ('I1207 14:03:19.220518       1 trace.go:61] Trace "Scheduling ccp/nova-compute-node-162" '
              "(started 2016-12-07 14:03:16.491277336 +0000 UTC):")


def test_a_quick_trace_header_is_no_evidence_where_a_slow_one_is(engine):
    quick, slow = engine.match_text(QUICK_TRACE), engine.match_text(SLOW_TRACE)
    assert not quick.known, [(m.issue.spec.slug, m.why) for m in quick.known]
    antiaffinity = "kubernetes-scheduler-is-ineffective-with-pod-antiaffinity"
    assert [m.issue.spec.slug for m in slow.known] == [antiaffinity]


# Open vSwitch and OVN vlog (tests/data/healthy/hotsos__ovn-controller.log, line 7): read as
# levelless prose, its module `reconnect` and "connection dropped", "ssl" were a weak lead for
# the kube-apiserver issue in the ovn-controller and both ovsdb-server logs. Its prefix now says
# openvswitch wrote it, which is none of that issue's components.
OVN_RECONNECT = (
    "2022-02-17T04:35:34.276Z|368564|reconnect|WARN|ssl:10.130.13.120:6642: connection dropped (Broken pipe)"
)


def test_an_ovn_reconnect_is_no_lead_for_a_kubernetes_issue(engine):
    report = engine.match_text(OVN_RECONNECT)
    assert not report.known and not report.leads, [(m.issue.spec.slug, m.why) for m in report.matches]


# oslo.messaging's MessagingTimeout is logged by every service whose RPC call went unanswered.
# The Heat validation issue lists it as a curated signature; a neutron agent's report_state
# timeout (seen in a new-user trial, from the vexxhost/atmosphere#1481 thread's kind of line)
# was a confident answer for that Heat issue. It is a lead now, and heat's own stays confident.
NEUTRON_RPC_TIMEOUT = (
    "2023-05-10 12:01:02.345 2345 ERROR neutron_lib.rpc [-] Timeout in RPC method report_state. "
    "Waiting for 10 seconds before next attempt.: oslo_messaging.exceptions.MessagingTimeout: "
    "Timed out waiting for a reply to message ID 2af3c8b1d7e94e2f9f1c2d3e4f5a6b7c"
)
HEAT_RPC_TIMEOUT = (
    "2017-01-10 10:00:00.000 12 ERROR heat.engine.service [req-2] MessagingTimeout: Timed out "
    "waiting for a reply to message ID 2af3c8b1d7e94e2f9f1c2d3e4f5a6b7c"
)


def test_a_library_message_from_another_service_is_no_confident_answer(engine):
    report = engine.match_lines([NEUTRON_RPC_TIMEOUT])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    assert "which is none of the issue's components" in report.matches[0].why
    heat = engine.match_lines([HEAT_RPC_TIMEOUT])
    assert [m.issue.spec.slug for m in heat.known] == ["rpc-timeouts-during-heat-resources-validation"]
    # a line naming no service is a lead (test_a_library_message_nothing_around_names_is_a_lead)
    bare = engine.match_lines([HEAT_RPC_TIMEOUT.split("] ", 1)[1]])
    assert not bare.known
    assert [m.issue.spec.slug for m in bare.leads] == ["rpc-timeouts-during-heat-resources-validation"]


# Seen in a new user's trial (2026-12-07): an RPC server's line, under oslo.messaging's own
# logger, which any service writes when a call its handler made timed out, answered confident.
RPC_SERVER_TIMEOUT = (
    "2024-01-10 12:00:07.000 7 ERROR oslo_messaging.rpc.server [req-x - - - - -] Exception during "
    "message handling: MessagingTimeout: Timed out waiting for a reply to message ID 5e8f0a"
)


def test_a_library_message_under_the_librarys_own_logger_is_a_lead_naming_why(engine):
    report = engine.match_lines([RPC_SERVER_TIMEOUT])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    assert [m.issue.spec.slug for m in report.leads] == ["rpc-timeouts-during-heat-resources-validation"]
    assert "that library's own logger, which names no service" in report.leads[0].why


# SQLAlchemy's QueuePool raises the same TimeoutError to every caller of an exhausted pool (its
# lib/sqlalchemy/pool/impl.py, QueuePool._do_get). A second new user's trial (2026-12-07) pasted
# nova-conductor's and got "Neutron server timeouts", confident: the neutron issue's signature.
NOVA_POOL = ("2019-03-11 10:02:11.456 7 ERROR nova.conductor.manager [req-1] QueuePool limit of size 5 "
             "overflow 10 reached, connection timed out, timeout 30")
NEUTRON_POOL = ("2016-12-30 13:40:01.118 27 ERROR neutron.api.v2.resource [req-4d5e] index failed: No "
                "details.: TimeoutError: QueuePool limit of size 10 overflow 20 reached, connection "
                "timed out, timeout 10")


def test_sqlalchemys_pool_timeout_is_the_neutron_issue_only_from_neutron(engine):
    nova = engine.match_lines([NOVA_POOL])
    assert not nova.known, [(m.issue.spec.slug, m.why) for m in nova.known]
    assert [m.issue.spec.slug for m in nova.leads] == ["neutron-server-timeouts"]
    assert "nova, which is none of the issue's components" in nova.leads[0].why
    neutron = engine.match_lines([NEUTRON_POOL])
    assert [m.issue.spec.slug for m in neutron.known] == ["neutron-server-timeouts"]



# A second new user's trial (2026-12-07, tests/eval/trial2): a service kb has no component for logs
# the same library messages. F5's LBaaS agent (F5Networks/f5-openstack-agent#512) and a model
# server (gpustack/gpustack#1835, Python logging's "%(asctime)s - %(name)s - %(levelname)s" format)
# were answered as the Heat and neutron issues, confident.
F5_TIMEOUT = ("2017-01-06 03:36:41.322 24675 ERROR f5_openstack_agent.lbaasv2.drivers.bigip.agent_manager "
              "[-] Unable to retrieve ready service: Timed out waiting for a reply to message ID "
              "ce44399e19e74979bf62c639e1c312a6")
GPUSTACK_POOL = ("2025-04-21T09:08:32+08:00 - gpustack.server.controllers - ERROR - Failed to reconcile "
                 "model deepseek-r1-distill-qwen-32b: QueuePool limit of size 5 overflow 10 reached, "
                 "connection timed out, timeout 30.00 (Background on this error at: "
                 "https://sqlalche.me/e/20/3o7r)")


@pytest.mark.parametrize(("line", "slug", "source"), [
    (F5_TIMEOUT, "rpc-timeouts-during-heat-resources-validation",
     "f5_openstack_agent.lbaasv2.drivers.bigip.agent_manager"),
    (GPUSTACK_POOL, "neutron-server-timeouts", "gpustack.server.controllers"),
])
def test_a_library_message_from_a_service_kb_does_not_know_is_a_lead(engine, line, slug, source):
    report = engine.match_lines([line])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    assert [m.issue.spec.slug for m in report.leads] == [slug]
    assert f"here from {source}, which is none of the issue's components" in report.leads[0].why


# Both new users' trials pasted SQLAlchemy's pool timeout alone (a Django site's, an IRC bot's:
# tests/eval/trial, trial2): nothing in it names a service, and kb answered the neutron issue,
# confident. Alone it is a lead; what the paste says around it decides, as an operator reads it.
BARE_POOL = ("sqlalchemy.exc.TimeoutError: QueuePool limit of size 5 overflow 10 reached, connection timed "
             "out, timeout 30")
NEUTRON_RECORD = ("2016-12-29 18:22:09.515 31 ERROR neutron.api.v2.resource [req-45af - - - - -] index "
                  "failed: No details.")
NOVA_RECORD = ("2019-03-11 10:02:11.456 7 ERROR nova.conductor.manager [req-1] Exception during message "
               "handling")


def _frames(*paths):
    return ["Traceback (most recent call last):",
            *(line for path in paths for line in (f'  File "{path}", line 10, in f', "    g()"))]


def test_a_library_message_nothing_around_names_is_a_lead(engine):
    report = engine.match_lines([BARE_POOL])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    assert [m.issue.spec.slug for m in report.leads] == ["neutron-server-timeouts"]
    assert "nothing here says which service logged it" in report.leads[0].why


@pytest.mark.parametrize(("before", "known"), [
    ([NEUTRON_RECORD], ["neutron-server-timeouts"]),  # the record it belongs to
    ([NOVA_RECORD], []),  # another service's record: a lead
    (["2024-05-02 09:00:01 ERROR web.views Unhandled exception"], []),  # a program kb does not know
    (["some words"], []),  # a line that names nobody says nothing
])
def test_the_record_before_a_bare_library_message_says_who_logged_it(engine, before, known):
    report = engine.match_lines([*before, BARE_POOL])
    assert [m.issue.spec.slug for m in report.known] == known
    if not known:
        assert "neutron-server-timeouts" in [m.issue.spec.slug for m in report.leads]


def test_only_the_line_right_before_counts(engine):
    report = engine.match_lines([NEUTRON_RECORD, "", BARE_POOL])
    assert not report.known


@pytest.mark.parametrize(("paths", "known"), [
    (["/usr/lib/python3/dist-packages/oslo_messaging/rpc/server.py",
      "/usr/lib/python3/dist-packages/neutron/db/api.py",
      "/usr/lib/python3/dist-packages/sqlalchemy/pool/impl.py"], ["neutron-server-timeouts"]),
    (["/opt/stack/neutron/neutron/plugins/ml2/plugin.py",
      "/opt/stack/sqlalchemy/lib/sqlalchemy/pool/impl.py"], ["neutron-server-timeouts"]),
    (["/usr/lib/python3/dist-packages/nova/conductor/manager.py",
      "/usr/lib/python3/dist-packages/sqlalchemy/pool/impl.py"], []),
    (["/srv/app/venv/lib/python3.11/site-packages/django/core/handlers/base.py",
      "/srv/app/venv/lib/python3.11/site-packages/sqlalchemy/pool/impl.py"], []),
])
def test_a_tracebacks_frames_say_whose_it_is(engine, paths, known):
    report = engine.match_lines([*_frames(*paths), BARE_POOL])
    assert [m.issue.spec.slug for m in report.known] == known


HEAT_CLIENT_TIMEOUT = "ERROR: Timed out waiting for a reply to message ID 0d9a11c2f7e84b31a6b5c4d3e2f1a0b9"


HEAT_VALIDATION = "rpc-timeouts-during-heat-resources-validation"


@pytest.mark.parametrize(("command", "known"), [
    ("$ openstack orchestration template validate -t slice.yaml", [HEAT_VALIDATION]),
    ("root@node1:~# heat stack-create -f slice.yaml slice-1", [HEAT_VALIDATION]),
    ("$ openstack server create --flavor m1.small vm-1", []),  # nova's API timed out: another failure
    (None, []),
])
def test_a_clients_error_belongs_to_the_command_that_printed_it(engine, command, known):
    report = engine.match_lines([command, HEAT_CLIENT_TIMEOUT] if command else [HEAT_CLIENT_TIMEOUT])
    assert [m.issue.spec.slug for m in report.known] == known
    assert "rpc-timeouts-during-heat-resources-validation" in [
        m.issue.spec.slug for m in (*report.known, *report.leads)]

# clustervision/trinityX#110 (a second new user's trial, 2026-12-07): a broker name missing from
# /etc/hosts on a cluster with no Kubernetes, answered "KubeDNS cannot handle big cluster load",
# confident, with the remedy to scale kubedns. Any failure to resolve the broker's name logs it.
NO_HOSTS_ENTRY = ("2016-09-30 12:41:33.491 1927 ERROR oslo.messaging._drivers.impl_rabbit [req-46c18d0c-"
                  "3fa8-4fda-9a1b-1c2d3e4f5a6b - - - - -] AMQP server on os-controller:5672 is unreachable: "
                  "[Errno -2] Name or service not known. Trying again in 1 seconds.")


def test_a_broker_name_that_does_not_resolve_is_a_sign_of_the_dns_issue_not_proof(engine):
    report = engine.match_lines([NO_HOSTS_ENTRY])
    assert not report.known, [(m.issue.spec.slug, m.why) for m in report.known]
    kubedns = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
    assert [m.issue.spec.slug for m in report.leads] == [kubedns]
    assert "a sign (a message other failures log too)" in report.leads[0].why


# A program starting up says which build it is (tests/data/healthy/hotsos__coredns.log, line 5;
# dnsmasq's syslog at start-up). Each was a weak lead for "Random loss of connection to MySQL"
# (components kubedns, dnsmasq): the banner on `dns`, a part of "coredns", listed again as
# "DNS resolution (same meaning)"; the options on `db`, a part of "DBus", in a line of dnsmasq's
# own read as failing for `no-Lua`.
BUILD_LINES = [
    "CoreDNS-1.8.3",
    # the line after CoreDNS's banner (its releaseString: GOOS/GOARCH, Go's version, the commit),
    # line 6 of that log; with a team's runbooks imported, a lead for kind's unsupported
    # architectures on `amd64`
    "linux/amd64, go1.16, 4293992",
    "Dec  5 10:00:00 node-3 dnsmasq[1234]: compile time options: IPv6 GNU-getopt DBus i18n IDN "
    "DHCP DHCPv6 no-Lua TFTP conntrack ipset auth DNSSEC loop-detect inotify dumpfile",
]


@pytest.mark.parametrize("line", BUILD_LINES,
                         ids=["coredns-banner", "go-release-line", "dnsmasq-build-options"])
def test_a_build_banner_is_no_lead(engine, line):
    report = engine.match_text(line)
    assert report.verdict == Verdict.NO_KNOWN_ISSUE and not report.matches, \
        [(m.issue.spec.slug, m.why) for m in report.matches]
    assert is_chatter(parse(line).message)


def test_a_line_naming_a_platform_in_words_is_no_build_banner():
    # a Go release line is the platform, Go's version and a commit (coremain/version.go); later
    # CoreDNS builds put a build date first and no commas
    assert is_chatter("20220429-200556 linux/amd64 go1.18.1 a6d2d7b5")
    assert not is_chatter("linux/amd64 is not supported by this image")
    assert not is_chatter("exec format error: linux/arm64 binary on amd64")


def test_a_word_and_the_concept_it_raises_are_named_once(engine):
    # the same evidence is not listed twice: "dns" is not also "DNS resolution (same meaning)"
    # (read as evidence: the line shares no distinctive word with the issue, so no report
    # lists it as a lead since 2026-12-07, scoring._lead_need)
    text = "CoreDNS 1.8.3 dns probe failed"
    whys = [e.why for e in scoring.line_evidence(engine._kb, scoring.view_of(text, text))]
    assert any("dns" in why for why in whys), whys
    assert not [why for why in whys if "DNS resolution (same meaning)" in why], whys


def _healthy4_line(name_part: str, number: int) -> str:
    (path,) = [p for p in LOGS if p.parent == HEALTHY4 and name_part in p.name]
    return path.read_text(encoding="utf-8").splitlines()[number - 1]


def test_a_go_value_dump_is_no_word_evidence():
    # kubelet's `Server rejected event '&v1.Event{TypeMeta:...}'` in a kind node's JSON journal:
    # the dump's field names and values (FirstTimestamp, Host:"kind-control-plane") made it a
    # weak lead for the kube-apiserver load issue; what the line says precedes the dump
    from kb.matching.prefix import parse
    from kb.matching.scoring import message_terms

    line = _healthy4_line("systemd_logs", 172)
    message = parse(line).message
    assert message.startswith("Server rejected event '&v1.Event{TypeMeta:")
    read = message_terms(message)
    assert {"rejected", "event"} <= read
    assert not read & {"first", "plane", "control", "kubelet", "firsttimestamp", "typemeta"}, read


@pytest.mark.parametrize("name_part, number", [("vsftpd_log", 51), ("neutron_server.log", 1490)],
                         ids=["vsftpd-331-response", "keystoneclient-resp-body"])
def test_a_line_stating_no_failure_is_no_lead_in_a_whole_log(engine, name_part, number):
    # vsftpd's `"331 Please specify the password."` and a keystoneclient DEBUG record's `RESP
    # BODY: {"token": {"methods": ["password", ...` (a line of its own, without the record's
    # level) share password, admin, specify... with the Heat domain issue: no level and no
    # failure word, so in a whole log they are chatter, as an INFO line is
    line = _healthy4_line(name_part, number)
    filler = [f"Mon Feb 21 17:44:{n:02d} 2011 [pid 2] CONNECT: Client \"192.0.2.{n}\"" for n in range(20)]
    report = engine.match_lines(filler + [line])
    assert not report.matches, [(m.issue.spec.slug, m.why) for m in report.matches]


def test_a_concept_is_named_for_what_all_its_phrases_mean():
    """Seen in a new user's trial: `No valid host was found` was explained as sharing "pod
    (anti-)affinity (same meaning)": the scheduling concept holds NoValidHost and
    FailedScheduling as well as anti-affinity, and was named for the last only."""
    from kb.matching.thesaurus import GROUPS, describe

    assert {"no valid host", "anti-affinity", "FailedScheduling"} <= set(GROUPS["scheduling"])
    assert describe("~scheduling") == "a scheduling failure (same meaning)"


def test_a_lead_from_another_services_traceback_says_whose_it_is(engine):
    paths = ["/usr/lib/python3/dist-packages/nova/conductor/manager.py",
             "/usr/lib/python3/dist-packages/sqlalchemy/pool/impl.py"]
    report = engine.match_lines([*_frames(*paths), BARE_POOL])
    assert [m.issue.spec.slug for m in report.leads] == ["neutron-server-timeouts"]
    assert "here from nova, which is none of the issue's components" in report.leads[0].why
