"""Signs of a failing request held in a line's numbers: a slow request, plain HTTP to an HTTPS port
(pure: no database)."""

import pytest

from kb.matching import Engine
from kb.matching.http_lines import failure_words, is_slow_request, request_seconds

# heat-api's access line (eventlet.wsgi's format: status, length, seconds); made up for this test
HEAT_ACCESS = (
    "2016-12-20 09:14:07.118 31 INFO eventlet.wsgi.server [req-0b5c6f1e-27a4-4c3e-9d1f-8e2a7b6c5d40"
    " 51a9c3e0d7f24b8e9c1a6d3f0b2e4c78 9f3e1d7c5b2a48e6a0c4f8d2b6e1a3c5 - - -] 10.233.70.9 - -"
    ' [20/Dec/2016 09:14:07] "GET /v1/9f3e1d7c5b2a48e6a0c4f8d2b6e1a3c5/stacks/slice4-node7/'
    '3c1e5a7d-9b2f-4d6e-8a0c-2e4f6a8c0d1b HTTP/1.1" 200 {size} {seconds}'
)


@pytest.mark.parametrize(
    ("message", "seconds"),
    [
        ('10.0.0.1 - - [20/Dec/2016 09:14:07] "GET /v1/t/stacks HTTP/1.1" 200 8342 73.412581', 73.412581),
        ('10.0.0.1 "GET /v2.1/servers/detail HTTP/1.1" status: 200 len: 4760 time: 0.8232106', 0.8232106),
        ('10.0.0.1 - - [20/Dec/2016 09:14:07] "POST /v2.0/ports.json HTTP/1.1" 500 - 31.0', 31.0),
        # nginx's and Apache's default formats end with the referrer and agent: no time
        ('10.0.0.1 - - [11/Dec/2016:16:59:31 +0000] "GET /v2/servers HTTP/1.1" 200 1234 "-" "curl"', None),
        ("Took 12.34 seconds to build instance.", None),
    ],
)
def test_it_reads_the_request_time_an_access_line_ends_with(message, seconds):
    assert request_seconds(message) == seconds


def test_only_a_request_of_ten_seconds_or_more_is_slow():
    line = '10.0.0.1 - - [20/Dec/2016 09:14:07] "GET /v1/t/stacks HTTP/1.1" 200 8342 {}'
    assert [is_slow_request(line.format(s)) for s in ("0.412581", "9.999999", "10.000000", "94.022130")] == [
        False, False, True, True]


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


def test_a_slow_heat_api_request_points_at_the_slow_heat_api_issue(shipped):
    report = shipped.match_text(HEAT_ACCESS.format(size=9120, seconds="81.302114"))
    assert [m.issue.spec.slug for m in report.matches][:1] == ["slow-heat-api-requests"]


def test_the_same_request_answered_at_once_is_no_lead(shipped):
    report = shipped.match_text(HEAT_ACCESS.format(size=9120, seconds="0.302114"))
    assert report.matches == ()


@pytest.mark.parametrize(
    ("message", "words"),
    [
        ("REQ: curl -g -i -X GET http://compute.example.org:8443/v2.1/ -H \"Accept: application/json\"",
         {"plain", "https"}),
        ("Starting new HTTP connection (1): keystone.example.org:443", set()),  # no scheme: no claim
        ("REQ: curl -g -i -X GET https://compute.example.org:8443/v2.1/", set()),
        ("REQ: curl -g -i -X GET http://compute.example.org:84430/v2.1/", set()),
        ("GET http://10.0.0.5:8774/v2.1/servers", set()),
    ],
)
def test_plain_http_to_a_tls_port_reads_as_plain_https(message, words):
    assert failure_words(message) == words


def test_a_client_talking_plain_http_to_an_https_port_points_at_the_nova_client_issue(shipped):
    # python-novaclient's debug output of its request (keystoneauth's session), made up here
    line = ('DEBUG (session:375) REQ: curl -g -i -X GET http://nova.cloud.example:8443/v2.1/flavors '
            '-H "User-Agent: python-novaclient" -H "Accept: application/json"')
    assert [m.issue.spec.slug for m in shipped.match_text(line).matches][:1] == ["nova-client-not-working"]
    over_tls = line.replace("http://", "https://")
    assert "nova-client-not-working" not in [m.issue.spec.slug for m in shipped.match_text(over_tls).matches]
