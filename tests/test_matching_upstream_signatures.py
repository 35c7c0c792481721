"""The shipped signatures that quote upstream wording, each beside its twin.

A signature says a component's own message for a failure (each is cited in its fixture):
the line the component writes in that failure is a known issue, confidently, and the line
the same code writes otherwise (the healthy row of the same table, the same message with
another status or port) is none. The lines are upstream format strings filled in.
"""

from pathlib import Path

import pytest

from kb.matching import Engine
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
AGENTS = "incorrect-status-information-for-neutron-agents"
_OSC_ROW = ("| 4f8d2a61-0c3e-4b8a-9d55-3b1c7e0f2a19 | Open vSwitch agent | node162 | None | {} | UP "
            "| neutron-openvswitch-agent |")
_KSM = ("2016-12-09 14:22:51.097 1 ERROR keystonemiddleware.auth_token [-] "
        "Bad response code while validating token: {}")
_SYN = ("Dec 22 18:40:02 node-3 kernel: TCP: request_sock_TCP: Possible SYN flooding on port {}. "
        "Sending cookies.  Check SNMP counters.")
_REQ = ('DEBUG (session:337) REQ: curl -g -i -X GET {}://compute.ccp.external:8443/v2.1/ '
        '-H "User-Agent: python-novaclient"')

TWINS = [
    # python-openstackclient openstackclient/network/v2/network_agent.py: AliveColumn /
    # _format_alive (":-)" if alive else "XXX") from 3.12.0; the raw boolean in 3.2.0-3.11.0
    pytest.param(_OSC_ROW.format("XXX"), _OSC_ROW.format(":-)"), AGENTS, id="osc-alive-xxx"),
    pytest.param(_OSC_ROW.format("False"), _OSC_ROW.format("True"), AGENTS, id="osc-alive-false"),
    # keystonemiddleware auth_token/_identity.py verify_token: 'Bad response code while
    # validating token: %s' (a 500 is Keystone failing, not refusing the service user)
    pytest.param(_KSM.format(403), _KSM.format(500), "glanceheat-authentication-misconfiguration",
                 id="ksm-403"),
    # linux net/ipv4/tcp_input.c tcp_syn_flood_action, on memcached's port and on a web server's
    pytest.param(_SYN.format(11211), _SYN.format(80), "overloaded-memcache-service", id="syn-flood-11211"),
    # keystoneauth1/session.py _http_log_request: 'REQ: curl -g -i -X <method> <url>'
    pytest.param(_REQ.format("http"), _REQ.format("https"), "nova-client-not-working", id="plain-http-8443"),
    # iputils ping.c: "From %s icmp_seq=%u " + "Destination Host Unreachable", beside a reply
    pytest.param("From 11.62.0.5 icmp_seq=3 Destination Host Unreachable",
                 "64 bytes from 11.62.0.8: icmp_seq=1 ttl=64 time=0.612 ms",
                 "no-access-to-openstack-vm-from-tenant-network", id="ping-unreachable"),
]

FAILURES = [
    # openssh sshconnect.c ssh_connect_direct: "ssh: connect to host %s port %s: %s"
    pytest.param("ssh: connect to host 11.62.0.8 port 22: No route to host",
                 "no-access-to-openstack-vm-from-tenant-network", id="ssh-no-route"),
    # heat objects/resource.py update_metadata: ConcurrentTransaction(action='metadata setting
    # for resource %s'), logged by resource.py _action_recorder as '%(action)s: %(info)s'
    pytest.param("2016-12-21 09:37:15.019 1 INFO heat.engine.resource [-] CREATE: SoftwareDeployment "
                 '"cassandra_deployment" Stack "slice7-node88" [d4b2e8a1-6c3f-4f97-a1e0-5b9d7c2f3e48] '
                 "Concurrent transaction for metadata setting for resource cassandra_vm",
                 "openstack-vms-cannot-fetch-required-metadata", id="heat-metadata-setting"),
    # oslo.messaging _drivers/amqpdriver.py ReplyWaiters.put, an info line since 1.8.0
    pytest.param("2016-12-20 15:19:02.118 1 INFO oslo_messaging._drivers.amqpdriver [-] "
                 "No calling threads waiting for msg_id : 5d2a8e1f4c7b49e3a06d9f2b1c8e7a54",
                 "rpc-timeouts-during-heat-resources-validation", id="late-rpc-reply"),
]


@pytest.fixture(scope="module")
def engine():
    specs = specs_from_files(sorted((ROOT / "fixtures").glob("*.rst")), sources=("symptom", "curated"))
    return Engine.build(specs)


def _known(engine, text):
    return [m.issue.spec.slug for m in engine.match_text(text).known]


@pytest.mark.parametrize(("failing", "twin", "slug"), TWINS)
def test_the_failure_is_the_issue_and_its_twin_is_none(engine, failing, twin, slug):
    assert _known(engine, failing) == [slug]
    assert _known(engine, twin) == []


@pytest.mark.parametrize(("line", "slug"), FAILURES)
def test_the_upstream_wording_of_the_failure_is_the_issue(engine, line, slug):
    assert _known(engine, line) == [slug]
