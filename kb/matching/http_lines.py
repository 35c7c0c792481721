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
  `| GET http://heat.example:8004/v1/<tenant>/stacks/s1 | 68.412 |`. A request
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


def _seconds(message: str) -> str | None:
    """The request time an access line or a timing row ends with, as written; None when the
    message is neither."""
    tail = message[-_TAIL_CHARS:]
    m = _ACCESS_TAIL.search(tail) if "HTTP/" in tail else None
    if not m and message.lstrip().startswith("|") and _TIMING_ROW.match(message.lstrip()):
        m = _TIMING_TAIL.search(tail)
    return m.group(1) if m else None


def request_seconds(message: str) -> float | None:
    """The request time an access line or a timing row ends with, None when it is neither."""
    seconds = _seconds(message)
    return float(seconds) if seconds else None


def is_slow_request(message: str) -> bool:
    seconds = request_seconds(message)
    return seconds is not None and seconds >= SLOW_SECONDS


def failure_words(message: str) -> frozenset[str]:
    """The words the message's numbers stand for (none for most lines)."""
    found = SLOW_WORDS if is_slow_request(message) else frozenset()
    if "http://" in message and _PLAIN_TO_TLS.search(message):
        found |= PLAIN_TO_TLS_WORDS
    return found


_PLAIN_TO_TLS_SHAPE = re.compile(r"(?<![\w.+-])http://[\w.-]{1,253}:(?:000|0000)(?![\d])")


def failure_shapes(shape: str) -> frozenset[str]:
    """The words `failure_words` may find in a message of this shape (every digit written 0),
    whatever its digits: "slow" when it ends in an access tail or is a timing row whose seconds
    have two digits or more before the point (10 s or more may be there), "plain" and "https"
    when an http:// URL
    names a port of three or four digits (443 or 8443 may be). Both read digits by class only."""
    seconds = _seconds(shape)
    found = SLOW_WORDS if seconds and len(seconds.split(".")[0]) >= 2 else frozenset()
    if "http://" in shape and _PLAIN_TO_TLS_SHAPE.search(shape):
        found |= PLAIN_TO_TLS_WORDS
    return found
