"""Signs of a failing HTTP request that a log line holds in its numbers, not in its words.

Masking turns numbers into <NUM>, and word evidence reads words; two signs
of a failing request are numbers, so they are read here, off the raw message,
and given to word evidence as the words an incident report uses for them:

* **A slow request.** OpenStack's WSGI servers end their access line with the
  request time in seconds: eventlet.wsgi's default format (heat-api,
  neutron-server ...: `"GET /v1/<tenant>/stacks/detail HTTP/1.1" 200 1180311
  94.022130`), nova's (`... HTTP/1.1" status: 200 len: 1893 time:
  0.2477829`) and oslo.service's, which nova-api and others use since
  (`wsgi_log_format`, oslo_service/_options.py: `status: %(status_code)s  len:`,
  two spaces before len). So does a client's own timing: `openstack --timing`
  prints a row per API call under its table's URL and Seconds columns (osc-lib
  osc_lib/command/timing.py: `td.method + ' ' + td.url`, then the seconds):
  `| GET http://heat.example:8004/v1/<tenant>/stacks/s1 | 68.412 |`. A proxy
  in front of an API writes its timers instead: haproxy's HTTP log (`option
  httplog`) gives five of them in milliseconds after the backend and server,
  `%Tq/%Tw/%Tc/%Tr/%Tt` up to 1.6 and `%TR/%Tw/%Tc/%Tr/%Ta` since 1.7, then the
  status (doc/configuration.txt, "HTTP log format" and "Timing events"):
  `... heat-api heat-api/ctl1 0/0/1/72901/72902 200 4127 ...`. A request
  that took SLOW_SECONDS or more reads as "slow" ("Slow Heat API requests":
  requests "take over a minute").
* **Plain HTTP sent to an HTTPS port.** A client's debug output of its request
  (`REQ: curl -g -i -X GET http://compute.example:8443/v2.1/`) with the http
  scheme and a port that by convention speaks TLS (443, 8443) is the mistake
  servers answer with "400 The plain HTTP request was sent to HTTPS port":
  it reads as "plain", "https".
"""

import re

# Ten seconds is slow for any API request: ordinary ones take well under a second, and
# clients and proxies in front of them give up after 30 to 60 seconds.
SLOW_SECONDS = 10.0
SLOW_WORDS = frozenset({"slow"})
PLAIN_TO_TLS_WORDS = frozenset({"plain", "https"})
# status, length, then the seconds with their fraction (eventlet prints six digits, nova seven;
# oslo.service writes two spaces before `len:`)
_ACCESS_TAIL = re.compile(
    r'HTTP/\d(?:\.\d)?" (?:status: )?\d{3} {1,2}(?:len: )?(?:\d{1,15}|-) (?:time: )?(\d{1,7}\.\d{1,9})\s*$'
)
# a row of `openstack --timing`: the method and URL cell, then the seconds cell
_TIMING_ROW = re.compile(r"\|\s{0,40}(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) https?://")
_TIMING_TAIL = re.compile(r"\s\|\s{1,40}(\d{1,7}\.\d{1,9})\s{0,40}\|\s*$")
# the tail is what is read: the request line before it may be thousands of characters long
_TAIL_CHARS = 120
_PLAIN_TO_TLS = re.compile(r"(?<![\w.+-])http://[\w.-]{1,253}:(?:443|8443)(?![\d])")
# haproxy's HTTP log: the accept date in brackets, the frontend, backend/server, the five
# timers (-1 for a step never reached; `+` before the last with `option logasap`), the status.
# Each run is bounded and stops at a blank or a slash, so a search stays linear; the timers
# come early in the line, so only its head is searched.
_HAPROXY = re.compile(
    r"\[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?\] [^\s/]{1,256} [^\s/]{1,256}/\S{1,256} "
    r"(-?\d{1,9})/(-?\d{1,9})/(-?\d{1,9})/(-?\d{1,9})/\+?(\d{1,9}) \d{3} "
)
_HAPROXY_HEAD = 1000


def _seconds(message: str) -> str | None:
    """The request time an access line or a timing row ends with, as written; None when the
    message is neither."""
    tail = message[-_TAIL_CHARS:]
    m = _ACCESS_TAIL.search(tail) if "HTTP/" in tail else None
    if not m and message.lstrip().startswith("|") and _TIMING_ROW.match(message.lstrip()):
        m = _TIMING_TAIL.search(tail)
    return m.group(1) if m else None


def _haproxy_timers(message: str) -> tuple[str, ...] | None:
    """haproxy's five timers as written (in ms), None when the message is no haproxy HTTP log."""
    m = _HAPROXY.search(message, 0, _HAPROXY_HEAD) if "/" in message else None
    return m.groups() if m else None


def _haproxy_ms(timers) -> int | None:
    """How long the server kept a request of haproxy's log waiting, in ms (`timers`: the five
    as numbers); None when no server was asked.

    Not the last timer alone: up to 1.6 it is the whole connection's life (Tt), which
    counts the idle time of keep-alive before the request (in Tq) and the time after the
    answer until both ends closed (`62/0/1/1/34472 404`: a scanner that left the connection
    open, in tests/data/healthy3). A server that answered took the time in the queue, the
    connection and its answer (Tw + Tc + Tr, "its request processing time", doc/configuration.txt
    "Timing events"); one that never answered (Tr -1: a server timeout, `sH--`), the whole
    time after the request came in (the last timer less the first), until haproxy or the
    client gave up. A request never received whole (the first timer -1), never queued or
    never connected (a refused or unreachable server) asked no server to answer.
    """
    received, queued, connected, answered, total = timers
    if received < 0 or queued < 0 or connected < 0:
        return None
    return queued + connected + answered if answered >= 0 else total - received


def request_seconds(message: str) -> float | None:
    """The request time an access line or a timing row ends with, or a haproxy HTTP log line
    states in its timers; None when it is none of these."""
    seconds = _seconds(message)
    if seconds:
        return float(seconds)
    timers = _haproxy_timers(message)
    ms = _haproxy_ms(tuple(map(int, timers))) if timers else None
    return ms / 1000 if ms is not None else None


def is_slow_request(message: str) -> bool:
    seconds = request_seconds(message)
    return seconds is not None and seconds >= SLOW_SECONDS


def failure_words(message: str) -> frozenset[str]:
    """The words the message's numbers stand for (none for most lines)."""
    found = SLOW_WORDS if is_slow_request(message) else frozenset()
    if "http://" in message and _PLAIN_TO_TLS.search(message):
        found |= PLAIN_TO_TLS_WORDS
    return found


_PLAIN_TO_TLS_SHAPE = re.compile(r"(?<![\w.+-])http://[\w.-]{1,253}:(?:000|0000|443|8443)(?![\d])")


def failure_shapes(shape: str) -> frozenset[str]:
    """The words `failure_words` may find in a message of this shape (every digit written 0),
    whatever its digits: "slow" when it ends in an access tail or is a timing row whose seconds
    have two digits or more before the point (10 s or more may be there), "plain" and "https"
    when an http:// URL
    names a port of three or four digits (443 or 8443 may be). Both read digits by class only."""
    seconds = _seconds(shape)
    slow = bool(seconds) and len(seconds.split(".")[0]) >= 2
    if not seconds and (timers := _haproxy_timers(shape)):
        # each timer at its most for its number of digits (a 0 there is any digit), but the
        # first, which is only subtracted, at its least; -1 stays -1
        most = tuple(-1 if t.startswith("-") else 0 if i == 0 else 10 ** len(t) - 1
                     for i, t in enumerate(timers))
        ms = _haproxy_ms(most)
        slow = ms is not None and ms >= SLOW_SECONDS * 1000
    found = SLOW_WORDS if slow else frozenset()
    if "http://" in shape and _PLAIN_TO_TLS_SHAPE.search(shape):
        found |= PLAIN_TO_TLS_WORDS
    return found
