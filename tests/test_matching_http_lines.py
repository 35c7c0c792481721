"""Signs of a failing request held in a line's numbers: a slow request, plain HTTP to an HTTPS port
(pure: no database)."""

import pytest

from kb.matching import Engine
from kb.matching.http_lines import failure_shapes, failure_words, is_slow_request, request_seconds

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
        # oslo.service's wsgi_log_format writes two spaces before len: (oslo_service/_options.py)
        ('10.0.0.1 "GET /v2.0/ports.json HTTP/1.1" status: 500  len: 368 time: 70.1194811', 70.1194811),
        # a row of `openstack --timing` (osc-lib osc_lib/command/timing.py: method and URL, seconds)
        ("| GET http://heat.example:8004/v1/t/stacks/s1/2c0e8a4f | 68.412 |", 68.412),
        ("| POST https://nova.example:8774/v2.1/servers  |  0.25 |", 0.25),
        ("| Total                                          | 68.662 |", None),
        ("| GET http://heat.example:8004/v1/t/stacks/s1 | ACTIVE |", None),
        # nginx's and Apache's default formats end with the referrer and agent: no time
        ('10.0.0.1 - - [11/Dec/2016:16:59:31 +0000] "GET /v2/servers HTTP/1.1" 200 1234 "-" "curl"', None),
        ("Took 12.34 seconds to build instance.", None),
    ],
)
def test_it_reads_the_request_time_an_access_line_ends_with(message, seconds):
    assert request_seconds(message) == seconds


# haproxy's HTTP log (option httplog), timers in ms: the example of haproxy's
# doc/configuration.txt ("HTTP log format"); two lines of tests/data/healthy3 (a slow POST
# answered after 51.8 s, and a quick 404 whose connection the client kept open 34 s); a
# request the proxy refused itself (-1: no server asked); a server that never answered
# (Tr -1, `sH--`: made up on the documentation's `TR/Tw/Tc/-1/Ta` case, a timeout after 60 s)
_HAPROXY = [
    ('haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 '
     '- - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"', 0.099),
    ('10.0.0.2:51867 [05/Aug/2012:07:06:04.353] http deliverance/ww23 0/0/0/51801/51803 200 293 - - ---- '
     '0/0/0/0/0 0/0 "POST /VirtualHostBase/https/portal.example.com:443/light/VirtualHostRoot/_vh_sunbureau/'
     '@@mailrouter-inject HTTP/1.1"', 51.801),
    ('107.22.137.179:47559 [07/Feb/2012:17:12:07.307] ProductionDeployment ProductionDeployment/GW1 '
     '62/0/1/1/34472 404 638 - - ---- 124/124/124/61/0 0/0 "GET //pma/ HTTP/1.1"', 0.002),
    ('127.0.0.1:44027 [06/Feb/2012:11:05:24.578] ProductionDeployment ProductionDeployment/<NOSRV> '
     '-1/-1/-1/-1/6 401 262 - - PR-- 0/0/0/0/0 0/0 "GET /haproxy-status;csv;norefresh HTTP/1.1"', None),
    ('10.0.0.1:53614 [06/Dec/2026:10:00:00.123] heat-api heat-api/ctl1 0/0/0/-1/60001 504 194 - - sH-- '
     '1/1/0/0/0 0/0 "GET /v1/t/stacks HTTP/1.1"', 60.001),
]


@pytest.mark.parametrize(("message", "seconds"), _HAPROXY, ids=["doc", "slow-post", "kept-open", "refused",
                                                                "server-timeout"])
def test_it_reads_how_long_haproxys_server_kept_a_request_waiting(message, seconds):
    assert request_seconds(message) == seconds


@pytest.mark.parametrize(("message", "seconds"), _HAPROXY, ids=["doc", "slow-post", "kept-open", "refused",
                                                                "server-timeout"])
def test_a_haproxy_lines_shape_may_be_slow_when_the_line_is(message, seconds):
    shape = message.translate(str.maketrans("123456789", "000000000"))
    assert failure_words(message) <= failure_shapes(shape)
    assert ("slow" in failure_words(message)) == (seconds is not None and seconds >= 10)


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


def test_a_slow_request_in_a_clients_timing_table_points_at_the_slow_heat_api_issue(shipped):
    # `openstack --timing stack show ...`: the row of a request that took over a minute states
    # the failure in its number; the same row of a quick request states none. A client's row says
    # nothing of who logged it, so its words make a lead, not an answer (since 2026-12-07 22:05 UTC)
    row = "| GET http://heat.example:8004/v1/5f7b9d1f3a5c/stacks/slice7-node044/2c0e8a4f | {} |"
    slow = shipped.match_text(row.format("68.412"))
    assert not slow.known and [m.issue.spec.slug for m in slow.leads][:1] == ["slow-heat-api-requests"]
    assert not shipped.match_text(row.format("0.412")).known


def test_a_stack_request_haproxy_saw_answered_after_a_minute_is_the_slow_heat_api_issue(shipped):
    # haproxy in front of heat-api (the default HTTP log format, as in haproxy's documentation):
    # the stack request answered 200 after 72.9 s meets `"GET /v1/<*>/stacks<*> HTTP/1.1" 200
    # <NUM> <SLOW>`; the same request answered in 0.2 s contradicts it
    line = ('Dec 29 11:40:55 ctl-1 haproxy[312]: 10.233.64.1:51234 [29/Dec/2016:11:39:42.512] heat-api '
            'heat-api/heat-api-1 0/0/1/{}/{} 200 4127 - - ---- 120/60/58/30/0 0/0 "GET /v1/0f1e2d3c4b5a6978/'
            'stacks/slice17/9e8d7c6b-5a4f-4e3d-a2c1-b0f9e8d7c6b5 HTTP/1.1"')
    slow = shipped.match_text(line.format(72901, 72902))
    assert [(m.issue.spec.slug, m.lines[0].signature) for m in slow.known] == [
        ("slow-heat-api-requests", '"GET /v1/<*>/stacks<*> HTTP/1.1" 200 <NUM> <SLOW>')]
    assert not shipped.match_text(line.format(201, 202)).known


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


@pytest.mark.parametrize(
    "message",
    [
        '10.0.0.1 "GET /v2.0/ports.json HTTP/1.1" status: 500  len: 368 time: 70.1194811',
        "| GET http://heat.example:8004/v1/t/stacks/s1 | 68.412 |",
    ],
    ids=["oslo-service-access", "timing-row"],
)
def test_a_slow_requests_shape_may_be_slow(message):
    # triage rules lines out by their shape (every digit 0): it must not rule out a slow request
    shape = message.translate(str.maketrans("123456789", "000000000"))
    assert failure_words(message) == {"slow"} and "slow" in failure_shapes(shape)


@pytest.mark.parametrize("port", ["443", "8443"])
def test_a_shape_that_keeps_a_tls_port_the_knowledge_names_may_say_plain_http(port):
    # bounds.line_ruled_out keeps the runs of digits that are numbers of the knowledge (8443 is)
    # and writes the others 0: that shape still says plain HTTP to a TLS port (it read only 0s,
    # and triage dropped `Unable to establish. to http://10_51_142_1:8443/`, which full
    # matching answers on the words plain and https)
    shape = f"Unable to establish connection to http://00.00.000.0:{port}/"
    assert failure_shapes(shape) >= {"plain", "https"}
    assert not failure_shapes("Unable to establish connection to http://00.00.000.0:5672/")
