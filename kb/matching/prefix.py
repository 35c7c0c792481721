"""Split a log line into its prefix (time, host, program, level, logger) and its message.

The program or logger says which component wrote the line (programs.py maps it),
which is evidence the ranking uses; the message is what the words come from.
Prefixes nest (syslog wrapping klog, `kubectl logs --timestamps` wrapping
oslo.log), so the known shapes are peeled off in a loop. Every pattern is
anchored at the start and bounded, hence linear on any input.
"""

import json
import re
from dataclasses import dataclass

from . import command_output

_LEVELS = {
    # Ceph's cluster and audit log (`... (mon.2) 200 : audit [DBG] from=...`; DBG below)
    "INF": "info",
    "WRN": "warning",
    "SEC": "warning",
    "E": "error",
    "F": "error",
    "W": "warning",
    "I": "info",
    "D": "debug",
    "N": "info",
    "C": "error",
    "ERROR": "error",
    "ERR": "error",
    "CRITICAL": "error",
    "CRIT": "error",
    "FATAL": "error",
    "EMERG": "error",
    "EMER": "error",  # Open vSwitch's vlog
    "ALERT": "error",
    "SEVERE": "error",
    "EXCEPTION": "error",
    # oslo.log prints tracebacks at TRACE level: they belong to an error
    "TRACE": "error",
    "WARNING": "warning",
    "WARN": "warning",
    "INFO": "info",
    "NOTE": "info",
    "NOTICE": "info",
    "AUDIT": "info",
    "SYSTEM": "info",
    "DEBUG": "debug",
    "DBG": "debug",
    "PANIC": "error",  # logrus
}
_LEVEL_WORD = r"(?:TRACE|DEBUG|INFO|AUDIT|NOTICE|WARNING|WARN|ERROR|CRITICAL|FATAL|EXCEPTION)"
# A level word in capitals, as loggers print it; "Error syncing pod" is prose, not a level.
LEVEL_IN_CAPITALS = re.compile(rf"\b{_LEVEL_WORD}\b")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_ISO = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?"
_PROGRAM = r"[A-Za-z][\w.@/-]{0,63}"
_DOTTED = r"[A-Za-z_][\w]{0,63}(?:\.[A-Za-z_][\w]{0,63}){1,12}"

_SYSLOG = re.compile(
    rf"(?:<\d{{1,3}}>)?"
    rf"(?:{_MONTH} [ \d]?\d (?:\d{{4}} )?\d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,9}})?|{_ISO})"
    # a facility in brackets after the program, as old syslogs print PAM's: `sshd(pam_unix)[19939]: `
    # a host name never ends with a colon: qemu's own `<ISO> qemu-system-x86_64: warning: ...`
    # (its -msg timestamp=on) is a program's tag and its message, not host and program
    rf"(?: (\S{{0,254}}[^\s:]) ({_PROGRAM})(?:\([\w-]{{1,32}}\))?(?:\[(\d{{1,10}})\])?"
    # a program writing syslog's shape to its own file leaves the host out; its [pid] says it
    # is a program (dnsmasq's --log-facility file: `Dec 11 16:58:03 dnsmasq[1]: Maximum ...`)
    rf"| ({_PROGRAM})\[\d{{1,10}}\]): "
)
# RFC 5424 syslog (section 6: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`),
# as rsyslog forwards it (`<11>1 2016-12-11T16:58:12.402Z node-3 nova-compute 1234 - - ...`); a field
# without a value is `-`.
_RFC5424 = re.compile(
    rf"<(\d{{1,3}})>1 (?:{_ISO}|-) \S{{1,255}} (\S{{1,48}}) \S{{1,128}} \S{{1,32}} "
    r"(?:-|(?:\[[^\]]{0,1024}\]){1,8})(?: |$)"
)
# The logger may be one word (cinder's and nova's entry points log under `cinder`, `nova`; os-vif
# under `os_vif`), but only in oslo's whole shape, after a time and a pid: `ERROR something broke`
# is a level and a message.
_OSLO = re.compile(
    rf"(?:(?:{_ISO} )?(?:\d{{1,10}} )?({_LEVEL_WORD}) ({_DOTTED})"
    rf"|{_ISO} \d{{1,10}} ({_LEVEL_WORD}) ([a-z_][a-z0-9_]{{0,63}}))"
    r"(?: \[[^\]]{0,512}\]){0,2}(?: |$)"
)
# libvirtd: time, thread, level, the function (absent from the header it writes at start-up:
# `...: 2761: info : libvirt version: 1.3.1, package: ...`)
_LIBVIRT = re.compile(
    rf"{_ISO}: \d{{1,10}}: (error|warning|info|debug) : (?:([\w:]{{1,128}})\s{{0,4}}: )?"
)
_MYSQL = re.compile(
    rf"{_ISO} (?:\d{{1,20}} )?\[(Note|Warning|ERROR|Error|System)\]"
    r"(?: \[MY-\d{1,9}\] \[\w{1,32}\])? "
)
# Open vSwitch and OVN daemons (ovs-vswitchd, ovsdb-server, ovn-controller, ovn-northd) log
# `time|sequence|module(thread)|LEVEL|message` to their files, and `ovs|sequence|module|LEVEL|`
# to syslog (`2016-12-12T09:34:10.123Z|00042|ovsdb_idl|WARN|...`, vlog's default patterns).
_OVS = re.compile(
    rf"(?:{_ISO}|ovs)\|\d{{1,10}}\|([\w-]{{1,64}})(?:\([\w-]{{0,64}}\))?\|(EMER|ERR|WARN|INFO|DBG)\|"
)
_ETCD = re.compile(rf"{_ISO} ([IWEDNC]) \| ([\w/.-]{{1,128}}): ")
# Ceph daemons (ceph-osd, ceph-mon ...): time, thread id, then the dout priority, not a level
# word: -1 is derr (an error), 0 what is always logged, 1..20 debug chatter
# (`2022-02-10T09:32:08.062+0000 7f6f9dcd9700  1 osd.0 25 tick checking mon for new map`).
_CEPH = re.compile(rf"{_ISO} [0-9a-f]{{8,16}} {{1,3}}(-?\d{{1,2}}) ")
_LAGER = re.compile(rf"{_ISO} \[(error|info|warning|debug|notice|critical)\] (?:<[\d.]{{1,40}}> )?")
_NGINX = re.compile(
    r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} \[(\w{1,10})\] \d{1,10}#\d{1,10}: (?:\*\d{1,20} )?"
)
# A container runtime's time (and stream); Pebble, the service manager of Juju's sidecar
# charms (Sunbeam's OpenStack pods), adds the service's name: `<ISO> [neutron-server] <line>`.
# A service may be named in words (Sunbeam's `[apache forwarder]`, which forwards another
# service's log, `<ISO> [apache forwarder] <ISO> [glance-api] <oslo line>`): it carries the line
# rather than writing it, so the name inside it says the program.
_CRI = re.compile(rf"{_ISO} (?:(?:stdout|stderr) [FP] )?(?:\[({_PROGRAM}(?: [\w.@/-]{{1,32}}){{0,3}})\] )?")
_KLOG = re.compile(
    r"([IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9}\s{1,12}\d{1,10} ([\w.-]{1,128}):\d{1,7}\] "
)
# Go's standard logger (log.LstdFlags): `2016/12/09 11:42:17 etcdserver: ...`
_GOLOG = re.compile(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,9})? ")
# runit's svlogd -tt: a UTC time with a `_` between date and time, then the line as the program
# wrote it (calico/node's BIRD: `svlogd -tt /var/log/calico/bird`, so `2016-12-14_11:03:12.51211
# bird: Mesh_10_211_7_143: State changed to up`).
_SVLOGD = re.compile(r"\d{4}-\d{2}-\d{2}_\d{2}:\d{2}:\d{2}\.\d{1,9} ")
# Calico's components (felix, confd, the CNI plugin) log time, [LEVEL][pid], then the Go file
# and line: `2016-12-09 11:42:17.123 [WARNING][1234] health.go 123: Health of component ...`
_CALICO = re.compile(rf"{_ISO} \[({_LEVEL_WORD})\]\[\d{{1,10}}\] ([\w.-]{{1,128}}\.go) \d{{1,7}}: ")
# logfmt, as logrus (dockerd, containerd) and go-kit (Prometheus) write it: key=value pairs, the
# level among them and the message in `msg`, often with more pairs after it (`error="..."`):
# `time="2016-12-09T11:42:17Z" level=error msg="Handler for GET /containers/json returned error"`
_LOGFMT_FIELD = re.compile(
    r"(time|ts|t|level|lvl|caller|component|module|source|logger|msg)"
    r'=("(?:[^"\\]|\\.){0,4096}"|\S{1,4096})(?: |$)'
)
_LOGFMT_FIELDS = 8
_KERNEL = re.compile(r"\[ {0,12}\d{1,10}\.\d{1,9}\] ")
_RABBIT_REPORT = re.compile(r"=(ERROR|INFO|WARNING|CRASH|SUPERVISOR) REPORT==== [^=]{0,64}===\s?")
_TAG = re.compile(rf"({_PROGRAM})(?:\[(\d{{1,10}})\])?: ")
_PYLOG = re.compile(rf"{_ISO} - ({_DOTTED}|[a-z][\w-]{{0,63}}) - ({_LEVEL_WORD}) - ")
# Juju's agents log through juju/loggo, whose DefaultFormatter (formatter.go) writes `%s %s %s
# %s:%d %s`: a UTC time to the second, the level, the module, the Go file and line, the message
# (`2022-02-04 09:36:01 WARNING unit.nova-compute/0.juju-log server.go:327 Package ... has no
# installation candidate.`). A unit's module is `unit.<application>/<n>.<hook>`: its charm's
# `juju-log` calls, or its hook's output (stderr at WARNING, `logger.go:60`: a charm's Python
# traceback). Read as oslo's shape or none, `juju.worker.uniter` was a logger with the Go file
# in the message and `unit.nova-compute/0.update-status` no logger at all, so a charm's urllib3
# traceback was words from an unknown program (a weak lead for a neutron issue quoting one).
_JUJU = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}}:\d{{2}} ({_LEVEL_WORD}) ([\w.:/@-]{{1,200}}) "
    r"[\w.-]{1,128}\.go:\d{1,7} "
)
_BARE_LEVEL = re.compile(rf"\[?({_LEVEL_WORD})\]?:? ")
# The name of the file a line was collected from: says nothing, hides the prefix behind it.
# loghub's OpenStack logs put it first with its rotation suffix (`nova-api.log.1.2017-05-16_13:53:08
# 2017-05-16 00:00:00.008 25746 INFO ...`); grep, given several files or -r, puts the file's name (and
# with -n the line number) and a colon straight before the line (GNU grep's manual, "Output Line
# Prefix Control": `/var/log/nova/nova-compute.log:2016-12-11 17:03:10.002 1 WARNING ...`,
# `nova-compute.log.1:1234:2016-...`). A suffix holds no colon but in its time, so that grep's
# colon is not read as one and the line's own date with it.
_LOG_FILE = re.compile(
    r"[\w.@/-]{1,200}\.log(?:[.-][\w.-]{0,48}?(?:_\d\d:\d\d:\d\d)?)?(?::(?:\d{1,10}:)? ?| )"
)
# A level word in the head of a line of a format kb does not know (HDFS's `081109 203615
# 148 INFO dfs...`, Apache's `[...] [notice] ...`, ZooKeeper's `... - WARN  [...] - `).
_LEVEL_NEAR = re.compile(
    r"(?<![\w-])(?:(TRACE|DEBUG|INFO|NOTICE|WARNING|WARN|ERROR|CRITICAL|FATAL|SEVERE)"
    r"|\[(debug|info|notice|warn|warning|error|crit|alert|emerg)\])(?![\w-])"
)
_LEVEL_HEAD = 64
# Ceph's cluster and audit log: time, daemon, (rank), sequence, channel, then the level past
# _LEVEL_HEAD (`2022-02-10T00:01:03.870414+0000 mon.juju-04f1e3-2-lxd-0 (mon.2) 200 : audit
# [DBG] from='client.? ...' cmd=[...]: dispatch`): read as levelless, a paste of it was 152
# lines for the unknown-errors queue
_CEPH_CLOG = re.compile(r" \(\S{1,64}\) \d{1,20} : (?:audit|cluster) \[(DBG|INF|WRN|ERR|SEC)\] ")
_CEPH_CLOG_HEAD = 240

# Programs recognised without a [pid] (a bare `word: ` is usually just prose, e.g. `Error: `).
KNOWN_TAGS = frozenset(
    "dnsmasq kubelet kube-proxy kube-apiserver kube-scheduler kube-controller-manager kubedns "
    "kube-dns skydns etcd dockerd docker containerd bird bird6 felix confd calico-node nginx "
    "mysqld mysqld_safe libvirtd qemu-kvm qemu-system-x86_64 kernel memcached rabbitmq "
    "rabbitmq-server beam.smp haproxy keepalived systemd ovs-vswitchd ovsdb-server "
    "prometheus pound rsync rsyncd".split()
)


# Container runtimes relay their containers' output to syslog under their own tag
# (`docker[2214]: E1207 15:40:02.031227 1 leaderelection.go:258] ...` is kube-scheduler's
# line): when a prefix inside says who wrote the line, the runtime is only its carrier.
CARRIERS = frozenset("docker dockerd docker-current dockerd-current containerd crio conmon podman".split())


@dataclass(frozen=True)
class LogLine:
    program: str = ""  # syslog tag / process name
    logger: str = ""  # oslo.log logger, klog source file, etcd package
    level: str = ""  # error | warning | info | debug | ""
    message: str = ""


def _level(word: str) -> str:
    return _LEVELS.get(word.upper(), "")


def _ceph_level(priority: int) -> str:
    return "error" if priority < 0 else "info" if priority == 0 else "debug"


def _peel(text: str, found: dict) -> str | None:
    """Remove one known prefix, recording what it said; None when nothing matched."""
    m = _RFC5424.match(text) if text.startswith("<") else None
    if m:
        if m.group(2) != "-":
            found.setdefault("carrier" if m.group(2).lower() in CARRIERS else "program", m.group(2))
        # the severity the program gave syslog(3) (PRI = facility x 8 + severity): a fallback,
        # as journald's PRIORITY, for a line that states no level of its own
        found.setdefault("priority", _PRIORITIES.get(str(int(m.group(1)) % 8), ""))
        return text[m.end() :]
    m = _SYSLOG.match(text)
    if m:
        program = m.group(2) or m.group(4)
        if program.lower() in CARRIERS:
            found.setdefault("carrier", program)
        else:
            found.setdefault("program", program)
        return text[m.end() :]
    # the shapes below that begin with an ISO time are tried only on a line that can begin
    # with one (a message, peeled last, rarely does): the same answers, fewer regex calls
    iso = text[4:5] == "-" and text[:4].isdigit()
    for pattern, program in ((_LIBVIRT, "libvirtd"), (_MYSQL, "mysqld"), (_LAGER, "rabbitmq")):
        m = pattern.match(text) if iso else None
        if m:
            found.setdefault("program", program)
            found.setdefault("level", _level(m.group(1)))
            if pattern is _LIBVIRT and m.group(2):
                found.setdefault("logger", m.group(2))
            return text[m.end() :]
    m = _OVS.match(text) if "|" in text[:48] else None
    if m:
        # the project, as for ceph and etcd: every OVS and OVN daemon writes this shape
        found.setdefault("program", "openvswitch")
        found.setdefault("level", _level(m.group(2)))
        found.setdefault("logger", m.group(1))
        return text[m.end() :]
    m = _ETCD.match(text) if iso else None
    if m:
        found.setdefault("program", "etcd")
        found.setdefault("level", _level(m.group(1)))
        found.setdefault("logger", m.group(2))
        return text[m.end() :]
    m = _CEPH.match(text) if iso else None
    if m:
        found.setdefault("program", "ceph")
        found.setdefault("level", _ceph_level(int(m.group(1))))
        return text[m.end() :]
    m = _JUJU.match(text) if iso else None
    if m:
        # the unit agent (jujud) writes the file; the module says which worker or unit hook
        found.setdefault("program", "juju")
        found.setdefault("level", _level(m.group(1)))
        found.setdefault("logger", m.group(2))
        return text[m.end() :]
    m = _PYLOG.match(text) if iso else None
    if m:
        found.setdefault("logger", m.group(1))
        found.setdefault("level", _level(m.group(2)))
        return text[m.end() :]
    m = _OSLO.match(text)
    if m:
        found.setdefault("level", _level(m.group(1) or m.group(3)))
        found.setdefault("logger", m.group(2) or m.group(4))
        return text[m.end() :]
    return _peel_other(text, found, iso)


def _peel_other(text: str, found: dict, iso: bool) -> str | None:
    m = _NGINX.match(text) if text[4:5] == "/" else None
    if m:
        found.setdefault("program", "nginx")
        found.setdefault("level", _level(m.group(1)))
        return text[m.end() :]
    m = _GOLOG.match(text) if text[4:5] == "/" else None
    if m:
        return text[m.end() :]
    m = _SVLOGD.match(text) if iso else None
    if m:
        return text[m.end() :]
    m = _CALICO.match(text) if iso and "][" in text[:48] else None
    if m:
        found.setdefault("program", "calico")
        found.setdefault("level", _level(m.group(1)))
        found.setdefault("logger", m.group(2))
        return text[m.end() :]
    rest = _peel_logfmt(text, found) if "=" in text[:11] else None
    if rest is not None:
        return rest
    m = _KLOG.match(text)
    if m:
        found.setdefault("level", _level(m.group(1)))
        found.setdefault("logger", m.group(2))
        return text[m.end() :]
    m = _RABBIT_REPORT.match(text)
    if m:
        found.setdefault("program", "rabbitmq")
        found.setdefault("level", _level(m.group(1)))
        return text[m.end() :]
    m = _KERNEL.match(text)
    if m:
        found.setdefault("program", "kernel")
        return text[m.end() :]
    m = _TAG.match(text)
    if m and (m.group(2) or m.group(1).lower() in KNOWN_TAGS):
        found.setdefault("program", m.group(1))
        return text[m.end() :]
    m = _CRI.match(text) if iso else None
    if m and m.end() > 0:
        if m.group(1) and _level(m.group(1)):  # `<ISO> [ERROR] ...` names a level, not a program
            return text[m.start(1) - 1 :]
        if m.group(1):
            found.setdefault("carrier" if " " in m.group(1) else "program", m.group(1))
        return text[m.end() :]
    rest = command_output.peel(text, found)
    if rest is not None:
        return rest
    m = _BARE_LEVEL.match(text)
    if m and "level" not in found:
        found["level"] = _level(m.group(1))
        return text[m.end() :]
    return None


def _peel_logfmt(text: str, found: dict) -> str | None:
    """The message of a logfmt line (its `msg`, then the pairs after it); None if it is none."""
    fields: dict[str, str] = {}
    pos = 0
    while len(fields) < _LOGFMT_FIELDS and "msg" not in fields:
        m = _LOGFMT_FIELD.match(text, pos)
        if not m:
            break
        value = m.group(2)
        fields[m.group(1)] = value[1:-1].replace('\\"', '"') if value.startswith('"') else value
        pos = m.end()
    level = fields.get("level") or fields.get("lvl")
    if "msg" not in fields or level is None:
        return None
    found.setdefault("level", _level(level))
    if fields.get("caller"):  # go-kit's `caller=main.go:123`: the file, as klog's
        found.setdefault("logger", fields["caller"].split(":", 1)[0])
    return f"{fields['msg']} {text[pos:]}".strip()


# journald's PRIORITY field: syslog's severity as a decimal string, 0 (emerg) to 7 (debug)
# (systemd.journal-fields(7)).
_PRIORITIES = {"0": "error", "1": "error", "2": "error", "3": "error", "4": "warning", "5": "info",
               "6": "info", "7": "debug"}


def _unwrap_json(text: str, found: dict) -> str:
    """docker json-file, journald and structured loggers: the message is a field.

    The formatted message comes first: Python logging's JSON records (oslo.log's
    JSONFormatter) hold both `message` (record.getMessage()) and `msg` (record.msg, the
    format string before its arguments). `journalctl -o json` names its fields in capitals
    (MESSAGE, SYSLOG_IDENTIFIER, PRIORITY); its priority is only a fallback for the level
    (the line's own prefix says more), and none for what a service wrote to stdout
    (_TRANSPORT=stdout: every line gets the unit's SyslogLevel=, systemd.exec(5)).
    A result a tool printed whole (command_output.py: Ansible's, whose `msg` may only say
    "non-zero return code" before the `stderr` that says why) is read whole.
    """
    if found.get("whole") or not (text.startswith("{") and text.endswith("}") and len(text) < 65536):
        return text
    try:
        record = json.loads(text)
    except ValueError:
        return text
    if not isinstance(record, dict):
        return text
    for key in ("level", "severity", "lvl", "levelname"):
        if isinstance(record.get(key), str):
            found.setdefault("level", _level(record[key]))
    for key in ("logger", "caller", "name"):
        if isinstance(record.get(key), str):
            found.setdefault("logger", record[key])
    if isinstance(record.get("SYSLOG_IDENTIFIER"), str):
        program = record["SYSLOG_IDENTIFIER"]
        found.setdefault("carrier" if program.lower() in CARRIERS else "program", program)
    # what a service wrote to stdout gets the unit's SyslogLevel= (info by default), which
    # judges nothing: only a priority the program gave (syslog, the journal API) is a level
    if isinstance(record.get("PRIORITY"), str) and record.get("_TRANSPORT") != "stdout":
        found.setdefault("priority", _PRIORITIES.get(record["PRIORITY"], ""))
    for key in ("log", "message", "MESSAGE", "msg"):
        if isinstance(record.get(key), str):
            return record[key].strip()
    return text


def record_text(line: str) -> str:
    """The line as its program wrote it: a docker json-file or structured record's message
    field (`{"log":"2016-12-02 ...: 2154: error : virNetSocketNewConnectTCP:548 : ...\\n"}`),
    any other line stripped. What `parse` peels its prefixes from."""
    return _unwrap_json(line.strip(), {})


# The head of an oslo.log line (`<date> <time>.<fraction> <pid> <WORD> `): on a line that starts
# with it, every shape `_peel` tries before _OSLO fails (`message_of` says why), and parse strips
# no file name (the line's first run of name characters, its date, holds no `.log`).
_OSLO_HEAD = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}[.,]\d{1,9} \d{1,10} [A-Z]{1,64} ")
# What parse makes of what follows an oslo.log head (`message_of`), by that text: bounded.
_AFTER_OSLO: dict[str, str] = {}
_KEPT_AFTER_OSLO = 1 << 16


def message_of(line: str) -> str:
    """`parse(line).message`, at a fraction of its cost on an oslo.log line, which a log
    repeats with other request and instance ids in its context brackets (bounds.py asks it of
    each shape of such lines in triage's word stage: 19,000 parses of the bench log's near
    misses took 0.2 s).

    A line starting with _OSLO_HEAD is one parse reads as written (no JSON record: it starts with
    a digit; no file name before it: its date holds no `.log`), and whose first prefix _OSLO
    strips, if it matches, as `_peel` does: every shape `_peel` tries before it needs another
    byte after the line's time, which ends in a space. _SYSLOG a host then a program followed by
    `: `, `(`, or `[` (the capital word ends in a space), or a program right after the time (it
    starts with a letter, the pid is digits); _LIBVIRT a colon; _MYSQL and _LAGER a bracket
    (after the pid, a capital); _OVS a bar; _ETCD a single letter (here a digit); _CEPH a dout
    priority after 8 or more hex digits (here the capital word); _PYLOG a dash; _RFC5424 a `<`
    first. What parse does with the rest, _OSLO having set a level (which `_peel` reads only as
    there or not: _BARE_LEVEL), depends on that rest alone, and is kept by it. Any other line
    is parsed (tests/test_matching_bounds.py compares both on real logs and crafted lines)."""
    text = line.strip()
    oslo = _OSLO.match(text) if _OSLO_HEAD.match(text) else None
    if oslo is None:
        return parse(line).message
    rest = text[oslo.end():].strip()
    message = _AFTER_OSLO.get(rest)
    if message is None:
        if len(_AFTER_OSLO) >= _KEPT_AFTER_OSLO:
            _AFTER_OSLO.clear()
        message = _AFTER_OSLO[rest] = _after_prefix(rest, {"level": "info"})
    return message


def _after_prefix(text: str, found: dict) -> str:
    """The message in `text`, what is left of a line once its first prefix is peeled (and
    stripped), `found` holding what that prefix said: prefixes nest, up to five in all."""
    for _ in range(4):
        # a structured record behind a prefix (k3s's JSON under syslog's `k3s[1234]: `, a
        # JSON logger under containerd's `<time> stderr F `): its fields, as on a bare line
        text = _unwrap_json(text, found)
        rest = _peel(text, found)
        if rest is None:
            return text
        text = rest.strip()
    return _unwrap_json(text, found)


def parse(line: str) -> LogLine:
    found: dict[str, str] = {}
    text = _unwrap_json(line.strip(), found)
    named = _LOG_FILE.match(text) if ".log" in text[:204] else None  # its name ends within
    if named:
        text = text[named.end() :]
    rest = _peel(text, found)
    if rest is not None:
        text = _after_prefix(rest.strip(), found)
    if "level" not in found and found.get("priority"):
        found["level"] = found["priority"]
    if "level" not in found:
        near = _LEVEL_NEAR.search(line, 0, _LEVEL_HEAD)
        if near:
            found["level"] = _level(near.group(1) or near.group(2))
        elif clog := _CEPH_CLOG.search(line, 0, _CEPH_CLOG_HEAD):
            found["level"] = _level(clog.group(1))
    if "carrier" in found and not (found.get("program") or found.get("logger")):
        found["program"] = found["carrier"]  # the runtime's own line
    return LogLine(
        program=found.get("program", ""),
        logger=found.get("logger", ""),
        level=found.get("level", ""),
        message=text,
    )
