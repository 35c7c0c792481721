"""Values a document writes in a quoted record that a real line of the same message will not hold.

kb.rst.signatures.placeholders masks the values any log would vary (UUIDs, addresses, host
names, sizes); these are the classes a trial with real documents found kept as literal text,
each of which left a real line with other values a weak lead, or a "why" quoting a value the
line does not hold (issue #10, point 4):

- the document's own placeholders: `agent_token=<token>`, `<node UUID>`, `{instance_uuid}`,
  `${NODE}`, `node-xxx`, `YYYY-MM-DD`, `%(volume_id)s`, `10.x.y.z`. Of a bracketed name only one that reads
  as a value's name is taken (_VALUE_NAMES): `<module>`, `<html>`, `<nil>` and `{true}` are text
  a program prints, and so is `$PATH`;
- dates and times in any common format, anywhere in the record (kb.matching.normalize masks
  most of them in the comparison, but the signature is what the "why" quotes:
  `=ERROR REPORT==== 10-Jan-2024::12:00:00 ===` named a date the line did not hold);
- a source location, `_ssl.c:897`, `reflector.go:167`, `manager.py:1742`: the file says where,
  the line number changes with every build of it;
- an exit code below 126 (`Multipath call failed exit (96)`, `exit status 1`): what the failed
  program returned this time, which differs per system, the failure being in the words. From
  126 on the shell fixes the meaning (126 not executable, 127 not found, 128+N killed by signal
  N: 137 is an OOM kill) and 0 is success, so those stay;
- a pid (`pid 655569`, Erlang's `<0.31567.1>`): the process the example ran;
- a duration, `waited 187 seconds`, `after 1600 sec`, `took 1.047064274s`, `1m30s`: how long
  this run waited or took. A new user's trial met nova's `... even after we waited 187 seconds
  or 61 attempts` imported from a runbook, and the same message with another wait a lead.

Numbers that are part of a message's meaning stay, since the matcher requires a line to hold
the numbers a signature spells out (kb.matching.signatures): an errno (`[Errno 111]`), an HTTP
status (`HTTP 409`, `returned 500`), a limit or a count (`max: 150`, `3 attempts`: a setting,
whose value may be the cause), a port. A count could be an example too, but nothing in its
shape says so: kept, the signature is the stricter one. A duration's shape does say so: a
number of time units is measured, even where a setting bounds it (a timeout's value is the
setting's, and the message's words say that it expired).
"""

import re

from kb.matching.normalize import PLACEHOLDER_RE

# Words a document's placeholder names its value by (`<token>`, `<node UUID>`, `{server_name}`),
# one of them a part of the name split at ` _-.`. A program's own bracketed words (`<module>`,
# `<stdin>`, `<html>`, `<nil>`, `<unknown>`) name none of these.
_VALUE_NAMES = frozenset(
    "id ids uuid guid token name names host hostname hostnames fqdn ip ipv4 ipv6 addr address node "
    "nodes instance server vm volume vol port path file filename dir directory user username "
    "project tenant password passwd secret key value val num number pid date time timestamp url uri "
    "cluster pod namespace ns container image disk device dev mac network net subnet router region "
    "zone pool bucket object account service version size count code osd mon pg bridge interface "
    "iface vlan vni domain fingerprint serial wwn wwpn iqn lun target initiator cidr gateway "
    "nic cert certificate switch snapshot share flavor queue vhost group role".split())
_ANGLE = re.compile(r"<([A-Za-z][\w .-]{0,40})>")
_BRACES = re.compile(r"\$?\{\{?\s*\.?([A-Za-z_][\w.-]{0,40})\s*\}\}?")
# `$NODE_UUID`, `$HOST`: a shell variable a reader substitutes. `$PATH` and its kind stay: Go's
# `executable file not found in $PATH` is a real message.
# `%(volume_id)s`: the format string the message is written from, quoted from the source.
_FORMAT_FIELD = re.compile(r"%\([A-Za-z_]\w{0,40}\)[sdrifx]")
_DOLLAR = re.compile(r"(?<![\w$])\$([A-Z][A-Z0-9_]{1,40})\b")
_REAL_VARIABLES = frozenset("PATH HOME PWD SHELL IFS LD_LIBRARY_PATH PYTHONPATH".split())
# `node-xxx`, `xx XXX xxxx`, `xx:xx:xx:xx:xx:xx`, a date written as its format: a value left out
_LEFT_OUT = re.compile(
    r"(?<![A-Za-z0-9])(?:[xX]{3,}|[xX]{2}(?:[:.-][xX]{2})+|YYYY[-/]MM[-/]DD|HH:MM(?::SS)?)(?![A-Za-z0-9])")
# `10.x.y.z`, `x.y.z`, `192.168.x.x`, `1.2.x`: an address or version the document wrote with
# letters for the parts the reader fills in (at least one letter, three parts or more)
_LETTERED_PARTS = re.compile(
    r"(?<![\w.])(?=(?:\d{1,3}\.)*[xyznXYZN](?:\.|(?![\w.])))(?:\d{1,3}|[xyznXYZN])(?:\.(?:\d{1,3}|[xyznXYZN])){2,3}"
    r"(?![\w.]|\.\w)")

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?,? "
_ZONE = r"(?: ?(?:Z|UTC|GMT|CES?T|[ECMP][SD]T|[+-]\d{2}:?\d{2}))?"
_CLOCK = rf"\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:[.,]\d{{1,9}})?{_ZONE}"
# (optional weekday) then a date: 2024-01-10, 2024/01/10, 10/01/2024, 10-Jan-2024, 10 Jan 2024,
# then an optional time (`::` is RabbitMQ's, `:` an access log's); or Jan 10 with a year or a
# time (`May 5` alone may be words), and the year after the time (ctime: `Wed Jan 10 12:00:00
# 2024`); or a time of day alone: 12:00:00, 12:00:00.123.
_DATE = (rf"(?:\d{{4}}[-/](?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])|\d{{1,2}}/\d{{1,2}}/\d{{4}}|"
         rf"\d{{1,2}}[- /]{_MONTH}[- /]\d{{4}})(?:(?:T|::?| +){_CLOCK})?")
_MONTH_FIRST = rf"{_MONTH} +\d{{1,2}}(?:,? \d{{4}}(?: +{_CLOCK})?| +{_CLOCK}(?: \d{{4}})?)"
_TIMESTAMP = re.compile(
    rf"(?<![\w:.-])(?:(?:{_DAY})?(?:{_DATE}|{_MONTH_FIRST})|\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,9}})?{_ZONE})"
    r"(?![\w:])")
_SOURCE_LINE = re.compile(
    r"(?<=[\w-])(\.(?:c|cc|cpp|cxx|h|hpp|py|pyx|go|rs|java|kt|scala|js|ts|rb|erl|ex|exs|lua|php|cs)):"
    r"\d{1,6}(?!\d)(?![.\w])")
# `exit (96)`, `exit code 1`, `exit status: 2`, `exited with code 3`, `exit_code=4`, `ExitCode: 5`
_EXIT_CODE = re.compile(
    r"(\bexit(?:ed)?(?:[ _-]?(?:code|status|value))?(?: with(?: (?:code|status))?)?\s?[:=]?\s?\(?)"
    r"(\d{1,3})(?!\d)", re.I)
_PID = re.compile(r"(\bpid\s?[:=]?\s?)\d{1,10}\b", re.I)
# an Erlang process id, `closing AMQP connection <0.31567.1>`
_ERLANG_PID = re.compile(r"<\d{1,10}\.\d{1,10}\.\d{1,10}>")
# a duration: a number and a time unit written out (`187 seconds`, `1600 sec`, `250 ms`), or Go's
# form with the unit attached (`1.047064274s`, `500ms`, `1m30s`); not inside a word or a dotted run,
# nor a terminal colour code a console paste kept (`\x1b[0;39m`)
_DURATION = re.compile(
    r"(?<![\w.<;[])\d{1,9}(?:\.\d{1,9})?"
    r"(?:(?P<unit>\s?(?:milliseconds?|msecs?|ms|seconds?|secs?|sec|minutes?|mins?|hours?|hrs?))(?![\w.])"
    r"|(?:(?:ns|us|µs|ms|s|m|h)\d{1,9}(?:\.\d{1,9})?){0,3}(?:ns|us|µs|ms|s|m|h)(?![\w.]))")


def _named_value(match: re.Match) -> str:
    if PLACEHOLDER_RE.fullmatch(match.group(0)):
        return match.group(0)  # `<UUID>`, `<IP>`: already the matcher's own
    name = match.group(1).strip()
    parts = {p for p in re.split(r"[ _.-]+", name.lower()) if p}
    return "<*>" if parts & _VALUE_NAMES or name.lower().startswith(("your", "my")) else match.group(0)


def _dollar(match: re.Match) -> str:
    return match.group(0) if match.group(1) in _REAL_VARIABLES else "<*>"


def _exit_code(match: re.Match) -> str:
    return match.group(1) + "<NUM>" if 0 < int(match.group(2)) < 126 else match.group(0)


def example_values(text: str) -> str:
    """`text` with the classes above as placeholders."""
    text = _ANGLE.sub(_named_value, text)
    text = _BRACES.sub(_named_value, text)
    text = _DOLLAR.sub(_dollar, text)
    text = _FORMAT_FIELD.sub("<*>", text)
    text = _LEFT_OUT.sub("<*>", text)
    text = _LETTERED_PARTS.sub("<*>", text)
    text = _TIMESTAMP.sub("<*>", text)
    text = _SOURCE_LINE.sub(r"\1:<NUM>", text)
    text = _EXIT_CODE.sub(_exit_code, text)
    text = _ERLANG_PID.sub("<*>", text)
    text = _DURATION.sub(_duration, text)
    return _PID.sub(r"\1<NUM>", text)


def _duration(match: re.Match) -> str:
    """The number of a duration masked, a unit written out kept (`<NUM> seconds`: the words stay
    the message's); Go's attached units go with the number (`took <NUM>`)."""
    return f"<NUM>{match.group('unit')}" if match.group("unit") else "<NUM>"
