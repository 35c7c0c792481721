"""Signs: messages an issue logs that other failures log too (pure: no database).

A knowledge author lists them under "Log signs" (README, Importing knowledge). A line holding
only a sign is a lead for its issue, never a confident answer; beside a (strong) signature of the
same issue in the same paste it corroborates that answer and is listed with it. The lines below
are written in the formats of the programs that log them (each fixture's Log signs cites where);
their values are made up.
"""

import pytest

from kb.matching import Engine
from kb.matching.types import IssueSpec, SignatureSpec
from tests.bench.kb_source import shipped_issue_specs

BINDING = "neutron-port-binding-fails-after-live-migration"
APISERVER = "huge-load-on-kube-apiserver"
HEAT = "heat-endpoint-not-reachable-from-virtual-machines"

# neutron-server's ML2 binding at a spawn (neutron/plugins/ml2/managers.py, bind_port)
NEUTRON_BIND = (
    "2024-01-10 10:00:00.123 1234 ERROR neutron.plugins.ml2.managers [req-1b2c3d4e-1111-2222-3333-"
    "444455556666 - - - - -] Failed to bind port 3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b on host compute-2 "
    "for vnic_type normal using segments [{'id': 'a1', 'network_type': 'vxlan'}]")
# nova-compute's PortBindingFailed at a spawn (nova/network/neutron.py, _ensure_no_port_binding_failure)
NOVA_SPAWN = (
    "2024-01-10 10:00:01.456 2345 ERROR nova.compute.manager [instance: 9a8b7c6d-1111-2222-3333-"
    "444455556666] Instance failed to spawn: nova.exception.PortBindingFailed: Binding failed for port "
    "3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b, please check neutron logs for more information.")
# the same failure at the destination of a live migration (nova/network/neutron.py, bind_ports_to_host)
NOVA_MIGRATION = (
    "2024-01-10 11:00:02.789 2345 ERROR nova.network.neutron [instance: 9a8b7c6d-1111-2222-3333-"
    "444455556666] Binding failed for port 3f2a1c4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b and host compute-3. "
    "Error: (500 Internal Server Error)")
# kube-apiserver 1.5's trace of a List that took over 500 ms (pkg/apiserver/resthandler.go)
LIST_TRACE = ('I1207 14:03:22.219045       1 trace.go:61] Trace "List /api/v1/pods" (started '
              "2016-12-07 14:03:21.019045 +0000 UTC):")
# heat-engine's wait condition that timed out (heat/engine/resources/openstack/heat/wait_condition.py)
WAIT_TIMEOUT = (
    "2024-01-10 10:05:00.000 3456 INFO heat.engine.resource [req-0a1b2c3d-1111-2222-3333-444455556666 - - - "
    '- -] CREATE: HeatWaitCondition "wait_cond" Stack "app" [5f4e3d2c-1111-2222-3333-444455556666] Failed: '
    "WaitConditionTimeout: resources.wait_cond: 0 of 1 received")


def answer(report, slug):
    return next((m for m in report.matches if m.issue.spec.slug == slug), None)


def binding_issue(*, signs=True) -> IssueSpec:
    """The binding issue as its document states it: one signature ties the failure to a
    migration, the spawn-time messages are signs (`signs=False`: all signatures)."""
    return IssueSpec(
        slug="binding", title="Port binding fails after live migration", components=("nova", "neutron"),
        signatures=(SignatureSpec("b0", "Binding failed for port <UUID> and host <*>."),
                    SignatureSpec("b1", "Failed to bind port <UUID> on host <*>", sign=signs),
                    SignatureSpec("b2", "Binding failed for port <UUID>, please check neutron logs for more "
                                  "information.", sign=signs)))


DISK = IssueSpec(slug="disk", title="Image cache disk full", components=("nova",),
                 signatures=(SignatureSpec("d0", "No space left on device while writing the image"),))
DISK_LINE = ("2024-01-10 10:00:02.000 2345 ERROR nova.virt.images [-] No space left on device while "
             "writing the image")


@pytest.fixture(scope="module")
def signed():
    return Engine.build([binding_issue(), DISK])


def test_a_sign_alone_is_a_lead_not_an_answer(signed):
    for line in (NEUTRON_BIND, NOVA_SPAWN):
        report = signed.match_text(line)
        (lead,) = report.matches
        assert lead.issue.spec.slug == "binding" and not lead.confident
        assert "a sign (a message other failures log too)" in lead.reason
        assert report.verdict == "weak_leads" and report.lines_matched == 0


def test_the_same_signature_not_marked_as_a_sign_answers_confidently():
    (match,) = Engine.build([binding_issue(signs=False)]).match_text(NEUTRON_BIND).matches
    assert match.confident


def test_two_signs_of_one_issue_are_still_a_lead(signed):
    # neutron and nova both log a spawn's failed binding: two signs are no proof either
    report = signed.match_text(f"{NEUTRON_BIND}\n{NOVA_SPAWN}")
    assert report.known == () and answer(report, "binding") is not None


def test_a_sign_beside_its_issues_signature_is_listed_with_that_confident_answer(signed):
    report = signed.match_text(f"{NEUTRON_BIND}\n{NOVA_MIGRATION}")
    (known,) = report.known
    assert known.issue.spec.slug == "binding" and known.confident
    # the signature first, then the sign it corroborates; both lines matched, none unmatched
    assert [line.number for line in known.lines] == [2, 1]
    assert known.line_count == 2 and report.lines_matched == 2 and report.unmatched == ()


def test_a_sign_beside_another_issues_signature_stays_a_lead(signed):
    report = signed.match_text(f"{NEUTRON_BIND}\n{DISK_LINE}")
    assert [m.issue.spec.slug for m in report.known] == ["disk"]
    lead = answer(report, "binding")
    assert lead is not None and not lead.confident
    assert report.lines_matched == 1 and [number for number, _text in report.unmatched] == [1]


def test_a_sign_is_read_the_same_in_a_whole_log(signed):
    routine = ("2024-01-10 10:{:02d}:00.000 2345 INFO nova.compute.manager [-] Running periodic task "
               "ComputeManager._poll_rebooting_instances")
    filler = [routine.format(minute) for minute in range(40)]
    alone = signed.match_text("\n".join([*filler[:20], NEUTRON_BIND, *filler[20:]]))
    assert alone.known == () and answer(alone, "binding") is not None
    together = signed.match_text("\n".join([*filler[:20], NEUTRON_BIND, *filler[20:], NOVA_MIGRATION]))
    (known,) = together.known
    assert known.issue.spec.slug == "binding" and known.line_count == 2 and together.lines_matched == 2


# the shipped knowledge (fixtures/*.rst): its Log signs, each with where else upstream logs it

@pytest.fixture(scope="module")
def shipped():
    return Engine.build(shipped_issue_specs())


@pytest.mark.parametrize(("line", "slug"), [
    (NEUTRON_BIND, BINDING), (NOVA_SPAWN, BINDING), (LIST_TRACE, APISERVER), (WAIT_TIMEOUT, HEAT),
], ids=["neutron-bind", "nova-spawn", "list-trace", "wait-condition"])
def test_a_sign_of_the_shipped_knowledge_alone_is_a_lead_not_an_answer(shipped, line, slug):
    report = shipped.match_text(line)
    assert report.known == ()
    lead = answer(report, slug)
    assert lead is not None and not lead.confident
    assert "a sign (a message other failures log too)" in lead.reason
    assert report.verdict == "weak_leads" and report.lines_matched == 0


def test_a_sign_leads_to_its_issue_not_to_one_sharing_its_words(shipped):
    # neutron's agent-based mechanism driver (neutron/plugins/ml2/drivers/mech_agent.py, bind_port)
    # at a spawn: its words `agent`, `neutron` also match the neutron agents' status issue
    line = ("2016-04-07 15:42:18.870 41 WARNING neutron.plugins.ml2.drivers.mech_agent [req-8c3e1f5a-7d2b-"
            "4a96-b0e4-1c5f9a3d7e62 - - - - -] Refusing to bind port 0d6f2c8a-3e1b-4f75-a9c4-7b2e5d1f8a03 to "
            "dead agent: {'binary': u'neutron-openvswitch-agent', 'host': u'compute-017', 'alive': False}")
    report = shipped.match_text(line)
    assert [(m.issue.spec.slug, m.confident) for m in report.matches] == [(BINDING, False)]


def test_the_migration_specific_binding_line_is_still_a_confident_answer(shipped):
    report = shipped.match_text(NOVA_MIGRATION)
    assert [m.issue.spec.slug for m in report.known] == [BINDING]
    assert "Binding failed for port <UUID> and host <*>." in report.known[0].reason


def test_in_the_shipped_knowledge_a_spawn_sign_corroborates_the_migration_line(shipped):
    report = shipped.match_text(f"{NEUTRON_BIND}\n{NOVA_MIGRATION}")
    (known,) = report.known
    assert known.issue.spec.slug == BINDING and known.confident
    # the signature first, then the sign it corroborates; both lines matched, none unmatched
    assert [line.number for line in known.lines] == [2, 1]
    assert known.line_count == 2 and report.lines_matched == 2 and report.unmatched == ()
