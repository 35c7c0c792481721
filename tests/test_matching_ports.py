"""A port spelled out after a placeholder host holds for an IPv4 address as for a host name.

Masking keeps the port after an address as text (`<IP>:8443`, as `<HOST>:8443`), and the
port is one of the numbers a signature spells out: `http://<*>:8443/` meets a line that asks
`http://10.0.0.5:8443/` and not one that asks the same address on another port.
"""

from pathlib import Path

import pytest

from kb.matching import Engine, IssueSpec, SignatureSpec
from kb.matching.signatures import compile_signature
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent
CLIENT = "nova-client-not-working"
# keystoneauth1 session.py _http_log_request as python-novaclient prints it with --debug, as
# it was posted publicly (an OpenStack Newton install, 8774 being nova's API port); the same
# request on the plain-http URL of the HTTPS port 8443 is the symptom of CLIENT
_REQ = ('DEBUG (session:195) REQ: curl -g -i -X GET http://192.168.50.20:{}/v2.1/'
        '87e5126a1c9a4db28482af97450a2e98/servers/detail -H "User-Agent: python-novaclient"')


@pytest.fixture(scope="module")
def engine():
    return Engine.build(specs_from_files(sorted((ROOT / "fixtures").glob("*.rst"))))


def _hits(engine, text):
    """(issue, the signature that decided it) of each confident match."""
    return [(m.issue.spec.slug, m.lines[0].signature) for m in engine.match_text(text).known]


def test_a_port_after_an_ipv4_address_meets_the_signature_that_spells_it(engine):
    assert _hits(engine, _REQ.format(8443)) == [(CLIENT, "-g -i -X <*> http://<*>:8443/")]


def test_another_port_after_the_same_address_does_not(engine):
    assert _hits(engine, _REQ.format(8774)) == []


def test_a_host_name_and_an_address_read_alike(engine):
    named = _REQ.format(8443).replace("192.168.50.20", "compute.ccp.external")
    assert _hits(engine, named) == _hits(engine, _REQ.format(8443))


def test_a_signature_that_writes_an_address_and_port_needs_that_port():
    (template,) = compile_signature(1, "AMQP server on 10.20.0.11:5672 is unreachable", "curated")
    assert "5672" in template.numbers
    issue = IssueSpec(slug="rabbit-down", title="RabbitMQ down", components=("oslo.messaging",),
                      signatures=(SignatureSpec(1, template.signature, "curated"),))
    engine = Engine.build([issue])
    line = ("2016-12-11 16:59:22.220 1165 ERROR oslo.messaging._drivers.impl_rabbit [-] AMQP server on "
            "10.20.0.12:{} is unreachable: [Errno 111] ECONNREFUSED. Trying again in 1 seconds.")
    assert [m.issue.spec.slug for m in engine.match_text(line.format(5672)).known] == ["rabbit-down"]
    assert [m.issue.spec.slug for m in engine.match_text(line.format(5673)).known] == []
