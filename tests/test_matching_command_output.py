"""Command output read as a log prefix is: `kubectl describe`'s events and Ansible's failed
results (kb/matching/command_output.py; pure: no database).

Every line here is real output, copied byte for byte from where it is cited."""

from pathlib import Path

import pytest

from kb.matching.command_output import is_event_row
from kb.matching.grouping import group_lines
from kb.matching.prefix import parse
from kb.matching.programs import component_of
from kb.matching.scoring import view_of

DATA = Path(__file__).parent / "data"

# inquisitivefrog/kubernetes, control-panel/kubectl/README.kubectl_describe_pod_coredns.txt at
# 824e58339a21a9e28623212b495fd55bd5c8637e: the end of `kubectl describe pod` of a pending CoreDNS pod
COREDNS_EVENTS = """\
Tolerations:                 CriticalAddonsOnly op=Exists
                             node-role.kubernetes.io/control-plane:NoSchedule
Events:
  Type     Reason            Age                    From               Message
  ----     ------            ----                   ----               -------
  Warning  FailedScheduling  4m58s (x23 over 115m)  default-scheduler  0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling..
""".splitlines()  # noqa: E501

# kubernetes-sigs/secrets-store-csi-driver, docs/book/src/troubleshooting.md at 0aad886f (a copy in
# tests/data/gathered8, SOURCES.md there): an older kubectl, whose From column names the node too
KUBELET_EVENT = next(
    line for line in (DATA / "gathered8" / "secrets-store-csi-driver__docs_book_src_troubleshooting.md")
    .read_text().splitlines() if "Warning  FailedMount" in line
)

# redhat-openstack/infrared, docs/source/troubleshoot.rst at 9e41e388a797250ecbff5866797761df03cd749c
UNREACHABLE = (
    'fatal: [hypervisor]: UNREACHABLE! => {"changed": false, "msg": "Failed to connect to the host via ssh.",'
    ' "unreachable": true}'
)


def test_it_reads_an_event_row_as_a_record_of_its_source():
    line = parse(COREDNS_EVENTS[-1])
    assert line.level == "warning"
    assert line.program == "default-scheduler" and component_of(line) == "kube-scheduler"
    assert line.logger == "FailedScheduling"
    assert line.message.startswith("0/1 nodes are available: 1 node(s) had untolerated taint")


def test_it_reads_each_event_of_a_described_table_as_a_line_of_its_own():
    groups = group_lines(COREDNS_EVENTS)
    heads = [COREDNS_EVENTS[g.first].strip() for g in groups]
    # kubectl indents the table under `Events:`; the row is not a continuation of its head
    assert heads[-1].startswith("Warning  FailedScheduling")
    assert groups[-1].first == groups[-1].last == len(COREDNS_EVENTS) - 1
    # an indented line that is no event still continues the line above (the tolerations)
    assert groups[0].last == 1


def test_it_names_no_program_for_the_kubelets_events():
    # a failed mount, probe or pull is about the pod's containers, not about the kubelet
    line = parse(KUBELET_EVENT)
    assert (line.level, line.program, line.logger) == ("warning", "", "FailedMount")
    assert line.message.startswith('MountVolume.SetUp failed for volume "secrets-store-inline"')
    assert component_of(line) == ""


def test_it_reads_a_normal_event_as_routine():
    # canonical/hotsos, `kubectl describe node` of a Ready worker (tests/data/calibration, SOURCES.md)
    lines = (DATA / "calibration" / "hotsos__kubectl_describe_node").read_text().splitlines()
    events = [g for g in group_lines(lines) if is_event_row(lines[g.first]) and "Type" not in lines[g.first]]
    assert len(events) == 17
    views = [view_of(g.text, g.gist) for g in events]
    by_reason = {}
    for group, view in zip(events, views, strict=True):
        by_reason.setdefault(parse(group.text).logger, []).append(view)
    assert [v.level for v in by_reason["InvalidDiskCapacity"]] == ["warning", "warning"]
    others = [v for reason, vs in by_reason.items() if reason != "InvalidDiskCapacity" for v in vs]
    assert all(v.level == "info" for v in others)
    # a Normal event is routine, unless its words state a failure (the node was not ready)
    assert all(v.routine for v in by_reason["NodeReady"] + by_reason["NodeAllocatableEnforced"])
    assert [v.failing for v in by_reason["NodeNotReady"]] == [True]
    # kube-proxy's `Starting` has no message: nothing to read
    assert sum(v.silent for v in views) == 2


def test_it_reads_an_ansible_failure_as_an_error_with_its_whole_result():
    line = parse(UNREACHABLE)
    assert (line.level, line.program) == ("error", "")
    assert line.message == UNREACHABLE[len("fatal: [hypervisor]: UNREACHABLE! => "):]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # osism/osism.github.io docs/guides/troubleshooting-guide/openstack.md at 69d368d2 (a copy in
        # tests/data/gathered6): the YAML callback, its result on the lines under it
        ("fatal: [testbed-node-0]: FAILED! => changed=false", "error"),
        # badsectorlabs/ludus docs/docs/Troubleshooting/ansible.md at 04da2d59: a result wrapped in the page
        ('fatal: [JD-ad-dc-win2019-server-x64]: UNREACHABLE! => {"changed": false, "msg": ', "error"),
    ],
)
def test_it_reads_ansible_results_whatever_their_callback(text, level):
    assert parse(text).level == level


def test_it_leaves_other_lines_with_an_event_type_alone():
    # the kernel's memory zones at boot (canonical/hotsos, tests/data/healthy, SOURCES.md there)
    line = (DATA / "healthy" / "hotsos__openstack-compute_kern.log").read_text().splitlines()[76]
    assert "Normal   [mem " in line
    parsed = parse(line)
    assert not is_event_row(parsed.message)
    assert (parsed.program, parsed.level, parsed.logger) == ("kernel", "", "")
    assert parsed.message.startswith("Normal   [mem 0x")
