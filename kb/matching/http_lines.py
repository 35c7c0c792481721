"""Signs of a failing HTTP request that a log line holds in its numbers, not in its words.

Masking turns numbers into <NUM>, and word evidence reads words; two signs
of a failing request are numbers, so they are read here, off the raw message,
and given to word evidence as the words an incident report uses for them:

* **A slow request.** OpenStack's WSGI servers end their access line with the
  request time in seconds: eventlet.wsgi's default format (heat-api,
  neutron-server ...: `"GET /v1/<tenant>/stacks/detail HTTP/1.1" 200 1180311
  94.022130`) and nova's (`... HTTP/1.1" status: 200 len: 1893 time:
  0.2477829`). A request that took SLOW_SECONDS or more reads as "slow"
  ("Slow Heat API requests": requests "take over a minute").
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
# status, length, then the seconds with their fraction (eventlet prints six digits, nova seven)
_ACCESS_TAIL = re.compile(
    r'HTTP/\d(?:\.\d)?" (?:status: )?\d{3} (?:len: )?(?:\d{1,15}|-) (?:time: )?(\d{1,7}\.\d{1,9})\s*$'
)
# the tail is what is read: the request line before it may be thousands of characters long
_TAIL_CHARS = 120
_PLAIN_TO_TLS = re.compile(r"(?<![\w.+-])http://[\w.-]{1,253}:(?:443|8443)(?![\d])")


def request_seconds(message: str) -> float | None:
    """The request time an access line ends with, None when it is no such line."""
    tail = message[-_TAIL_CHARS:]
    m = _ACCESS_TAIL.search(tail) if "HTTP/" in tail else None
    return float(m.group(1)) if m else None


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
    whatever its digits: "slow" when it ends in an access tail whose seconds have two digits or
    more before the point (10 s or more may be there), "plain" and "https" when an http:// URL
    names a port of three or four digits (443 or 8443 may be). Both read digits by class only."""
    tail = shape[-_TAIL_CHARS:]
    m = _ACCESS_TAIL.search(tail) if "HTTP/" in tail else None
    found = SLOW_WORDS if m and len(m.group(1).split(".")[0]) >= 2 else frozenset()
    if "http://" in shape and _PLAIN_TO_TLS_SHAPE.search(shape):
        found |= PLAIN_TO_TLS_WORDS
    return found
