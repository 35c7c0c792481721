"""Turning the literal blocks of a Symptoms field into signature lines.

Reports paste log text into literal blocks, often hard-wrapped: a record
split over several lines, or lines ending in a shell-style backslash. Those
pieces are joined back into one record. Lines that are not log records
(table rows, shell prompts, bare words) would make signatures that fire on
anything, so they are dropped.
"""

import re

from kb.matching.normalize import PLACEHOLDER_RE
from kb.matching.ordinary import too_generic

from .cues import ERROR_WORDS, ascii_folded, without_case
from .examples import example_values

MAX_SIGNATURES_PER_BLOCK = 10
MAX_LENGTH = 500
_RECORD_START = re.compile(
    r"^(\d{4}-\d{2}-\d{2}[ T]|[A-Z][a-z]{2} +\d+ \d\d:|[IWEF]\d{4} |\[\s*\d+\.\d+\]|"
    r"[A-Za-z_.]+(Error|Exception|Failed)\b|[A-Z][A-Z_]+:)"
)
# (shell prompts: "$ ", "# ", "root@host:~# ", "sh-4.4# ", "[root@host ~]# ")
_NOT_LOG = re.compile(
    r"^([|+]|\$ |# |[\w.-]+@[\w.-]+:.*[#$] |[\w.-]+[#$] |\[[^\]]+\][#$] |[-=~]{3,}$|\.\.\. )")
_MIN_WORDS = 3
# An oslo.log prefix wrapped away from its message: date, time, pid, level, logger.
_PREFIX_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2} [\d:.]+ \d+ [A-Z]+ [\w.]+$")


# A logger's level word opening a line opens a record: a block holding a WARNING and an
# ERROR record is two signatures, not one joined text that no real line holds.
_LEVEL_WORD_START = re.compile(r"^\[?(WARNING|WARN|ERROR|CRITICAL|FATAL|INFO|DEBUG|TRACE)\b")


# A blob the document wrapped at its own width, its records run together ("... unknown error.
# The output was: OpenSSH_6.6.1, OpenSSL 1.0.1i ... debug1: Reading configuration data ...
# debug2: fd 3 setting ... FATAL: all hosts have already failed"): each logger's level word (or
# a program's version banner) inside it opens a record of its own. Only joined lines are cut so:
# a record on one line of the document is the line a log holds.
_INNER_RECORD = re.compile(
    r"\s(?=(?:debug\d|DEBUG|INFO|NOTICE|WARNING|WARN|ERROR|FATAL|CRITICAL)\d*:\s|[A-Z]\w*_\d+(?:\.\d+)+[a-z]?,\s)")
# what such a blob holds besides the failure: debug and info chatter, version banners
_CHATTER = re.compile(r"^(?:(?:debug\d|DEBUG|INFO|NOTICE|TRACE)\d*:\s|[A-Z]\w*_\d+(?:\.\d+)+[a-z]?,\s)")


def _records_of_blob(record: str) -> list[str]:
    """The records of a record joined from wrapped lines, chatter out (see _INNER_RECORD)."""
    pieces = [p.strip() for p in _INNER_RECORD.split(record)]
    if len(pieces) == 1:
        return pieces
    return [p for p in pieces if p and not _CHATTER.match(p)]


def signature_lines(block_text: str) -> list[str]:
    """One signature per log record of a Symptoms block, the example's values as placeholders."""
    records: list[str] = []
    joined: set[int] = set()
    for raw in unwrap_ids(block_text).splitlines():
        line = raw.strip()
        if not line:
            continue
        continues = records and (
            records[-1].endswith("\\")
            or _PREFIX_ONLY.match(records[-1])
            or not (_RECORD_START.match(line) or _LEVEL_WORD_START.match(line))
        )
        if continues and not _NOT_LOG.match(line):
            records[-1] = _join(records[-1], line)
            joined.add(len(records) - 1)
        else:
            records.append(line)
    records = [p for i, r in enumerate(records) for p in (_records_of_blob(r) if i in joined else [r])]
    kept = [placeholders(r) for r in records if _looks_like_log(r)]
    return list(dict.fromkeys(r for r in kept if r))[:MAX_SIGNATURES_PER_BLOCK]


def _join(head: str, tail: str) -> str:
    head = head[:-1].rstrip() if head.endswith("\\") else head
    return f"{head} {tail}"


def _looks_like_log(line: str) -> bool:
    # A traceback's frames name code, not the failure; its exception line,
    # a record of its own, is what identifies the issue.
    if _NOT_LOG.match(line) or line.startswith("Traceback (most recent call last)"):
        return False
    words = re.findall(r"[A-Za-z]{2,}", line)
    return len(words) >= _MIN_WORDS


# -- signatures of issues recognised outside field headings -----------------------------
#
# A Symptoms field is the document saying "this is what you see"; a literal
# block in prose may as well be a command, its output or a config file. So
# here a record becomes a signature only when it reads as a failure, and
# commands, prompts, tabular output, traceback frames and routine records
# (INFO/DEBUG) never do.

# (glog writes the level as the first letter: "I0608 controller.go:156] ..." is INFO)
_ROUTINE = re.compile(r"(^|[\s\[(|])(INFO|DEBUG|TRACE|NOTICE|AUDIT)([\s\]):|]|$)|^I\d{4} ")
_FRAME = re.compile(r'^File "[^"]*", line \d+')
_COMMAND = re.compile(
    r"^(sudo|openstack|nova|neutron|cinder|glance|ironic|baremetal|heat|magnum|manila|octavia|designate|"
    r"kubectl|helm|ceph|rbd|juju|"
    r"systemctl|service|journalctl|curl|wget|ssh|scp|ipmitool|virsh|ovs-vsctl|ovs-ofctl|ovn-nbctl|"
    r"ovn-sbctl|ip|ifconfig|ping|tcpdump|grep|cat|tail|less|ls|cd|echo|export|mysql|psql|docker|"
    r"podman|crictl|apt|apt-get|yum|dnf|pip|python3?|ansible|ansible-playbook|openstack-ansible|"
    r"kolla-ansible|swift|swift-\S+|parted|lsblk|dd|mount|umount|rsync|git|make|tox|vi|vim|"
    # ("tar -xvf csi-proxy.tar.gz", "sc.exe failure csiproxy reset= 0 ...", "Invoke-WebRequest ...":
    # file utilities, Windows programs and PowerShell's Verb-Noun cmdlets)
    r"tar|cp|mv|rm|mkdir|chmod|chown|ln|touch|sed|awk|find|kill|pkill|copy|del|[\w-]+\.exe|"
    r"(Get|Set|New|Remove|Invoke|Start|Stop|Restart|Add|Install|Import|Export|Test|Enable|Disable)-[A-Z]\w*)"
    r"\b\s",
)
_LEVEL_START = re.compile(
    r"^(\[?(WARNING|WARN|ERROR|CRITICAL|FATAL|INFO|DEBUG|TRACE)\b|(Error|Warning|Fatal|Exception)\s*:|"
    r"Traceback \(most recent call last\)|[a-z_][\w]*(\.[\w]+)*\.[A-Z]\w*: )")
# JSON or YAML pasted with a record (`{`, `"mon": {`) is data, not the record.
# ('"manifests/role.yaml":' at the end of a line is a wrapped message, not a key)
_STRUCTURED = re.compile(r'^([{}\[\]],?$|"[^"]*"\s*:\s*\S|[{}\]]\s*,?\s*$)')
# "<....>", "...", "(...)" alone on a line: lines the document left out, no record.
_ELIDED_LINE = re.compile(r"^(<\.{3,}>|\.{3,}|…|\(\.{3,}\))$")
_COLUMNS = re.compile(r"\S(\s{3,}\S+){2,}")
# (a console block may end the wrapped line with a shell-style backslash: `df834b5a-8c3f-47\`)
# (wrapped anywhere, in its first group too: `[instance: 60ebd\` / `6c7-c1e3-...`)
_UUID_WRAPPED = re.compile(r"(?<![\w-])([0-9a-f][0-9a-f-]{0,34})\\?[ \t]*\n\s*([0-9a-f-]{1,36})", re.I)
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)
_IP = re.compile(r"\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b")
_MAC = re.compile(r"\b[0-9a-f]{2}(:[0-9a-f]{2}){5}\b", re.I)
_EXAMPLE_HOST = re.compile(
    r"\b[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)*\.(example\.(com|org|net)|localdomain|local|lan|internal)\b", re.I)
_NUMBERED_NAME = re.compile(r"\b(compute|controller|node|host|server|storage|ceph|osd|mon|vm|instance|"
                            r"volume|vol|disk|obj|cinder|nova|block|lb)[-_]?\d+[a-z0-9]*\b", re.I)
# `overcloud-controller0-vahypr34iy2x`, `web-7d9f8b6c5d-x2k9z`: a name ending in a part a tool
# generated (letters and digits mixed, a digit before a letter), which no other deployment
# holds; the whole name is the example's, not only its numbered part.
_GENERATED_NAME = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)*-([a-z0-9]{5,})(?![\w-])", re.I)
_VERSION_PART = re.compile(r"^v\d+(alpha|beta)\d*$", re.I)


def _generated(match: re.Match) -> str:
    part = match.group(1)
    mixed = re.search(r"[a-z]\d", part, re.I) and re.search(r"\d[a-z]", part, re.I)
    return "<*>" if mixed and not _VERSION_PART.match(part) else match.group(0)


_SIZE = re.compile(r"\b\d+(\.\d+)?\s?([KMGTP]i?B|[KMGT]|bytes)\b")
_ID_PATH = re.compile(r"(/[\w.-]+)*/(\d+|[0-9a-f]{8,}|<UUID>)(/[\w.-]+)*")
# "Loop ... detected ...", "<....>": the document left out what varies.
_ELISION = re.compile(r"((?<!\S)|(?<=/))(\.{3,}|…|<\.{3,}>|\(\.{3,}\))(?!\S)")  # ("/dev/...")
_LONG_HEX = re.compile(r"\b(0x)?[0-9a-f]{12,}\b", re.I)
MIN_LITERAL = 12  # kb.models.SIGNATURE_MIN_LITERAL: shorter ones would be refused on import


# ```yaml, ```json, ```diagram, .. code:: ini: what the document says the block holds is no log.
_NOT_A_LOG_LANGUAGE = frozenset(
    "yaml yml json toml ini cfg conf diagram mermaid dot plantuml hcl terraform xml html css javascript js "
    "typescript ts go golang rust java c cpp sql dockerfile makefile".split())


def prose_signatures(blocks) -> list[str]:
    """Failure records quoted in literal blocks and block quotes among `blocks`."""
    from docutils import nodes

    from .prose import is_quoted_record

    found = []
    for node in blocks:
        if not isinstance(node, nodes.Element):
            continue
        quotes = [node] if isinstance(node, (nodes.literal_block, nodes.block_quote)) else []
        quotes += [n for n in node.findall(nodes.literal_block) if n is not node]
        for quote in quotes:
            if isinstance(quote, nodes.block_quote) and (
                    quote.next_node(nodes.literal_block) or not is_quoted_record(quote)):
                continue
            if any(isinstance(a, nodes.system_message) for a in _ancestors(quote)):
                continue  # the text of a disabled directive (`raw`), shown in an error message
            if _NOT_A_LOG_LANGUAGE & set(quote.get("classes", ())) or is_yaml(quote.astext()):
                continue  # a block the document labels as configuration, source or a diagram
            if _supposed(quote):
                continue
            found += [placeholders(r) for r in error_records(unwrap_ids(quote.astext()))]
    return [s for s in dict.fromkeys(found) if enough_literal(s)]


# "applications:" / "- name: console" / "  timeout: 180": a YAML document, unlabelled; its
# "timeout" is a setting, not a failure. (A log line may open on "Error: ..." too, so the block
# must be several lines, all of them keys or list items.)
_YAML_LINE = re.compile(r"^\s*(- )?([A-Za-z_][\w./-]*|\"[^\"]+\"):(\s|$)|^\s*- \S|^\s*#|^---$")


# "kubectl apply -f - <<EOF" / the manifest / "EOF": a manifest fed to a command, as a shell
# here-document (gathered32's failover walkthrough: a TrafficSplit whose "failover" labels are no
# failure).
_HEREDOC = re.compile(r"<<-?\s*['\"]?(\w+)['\"]?\s*$")


def is_yaml(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    heredoc = _HEREDOC.search(lines[0]) if lines else None
    if heredoc and lines[-1].strip() == heredoc.group(1):
        lines = lines[1:-1]
    return len(lines) >= 3 and all(_YAML_LINE.match(line) for line in lines) and \
        any(line[:1].isspace() for line in lines) and not _LEVEL_START.match(lines[0].strip())


# "For example, suppose that you find the following ERROR message:": a record the text makes up to
# show how to follow it (grep its job id), no failure the section is about.
_SUPPOSED = re.compile(r"\bsuppos(e|ing),?( for example,)? (that )?(you|we|one)\b[^.!?]*\b(find|see|get|hit|"
                       r"meet|encounter|notice|receive)\b[^.!?]*:\s*$", re.I)


def _supposed(quote) -> bool:
    """The block's lead, the paragraph just before it, supposes the reader finds it."""
    parent = quote.parent
    if parent is None:
        return False
    position = parent.index(quote)
    lead = parent[position - 1] if position else None
    return lead is not None and lead.tagname == "paragraph" and bool(_SUPPOSED.search(lead.astext()))


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def unwrap_ids(text: str) -> str:
    """Join a UUID the document wrapped across lines: `305beda7-0dd0-` / `4fec-...`."""
    def join(match):
        joined = match.group(1) + match.group(2)
        uuid = _UUID.match(joined)
        return joined if uuid and uuid.end() > len(match.group(1)) else match.group(0)
    return _UUID_WRAPPED.sub(join, text)


# A log prefix a logger writes on every line of a traceback (oslo.log: "[date time pid] LEVEL
# logger [context]"): the line after it is what the traceback's own rules read.
_TRACEBACK_LINE_PREFIX = re.compile(
    r"^\s*(?:\d{4}-\d{2}-\d{2}[ T][\d:.,]+\s+(?:\d+\s+)?)?(?:ERROR|CRITICAL|WARNING|TRACE)\s+[\w.]+"
    r"(?:\s+\[[^\]]*\])? ")


def _without_traceback_prefixes(block_text: str) -> str:
    """The lines of a prefixed traceback (header, frames and their code) without the prefix.

    So that `ERROR oslo_messaging.rpc.server   File "...", line 165, in f` is read as the
    frame it is, and its code line as code, not as records; the exception line that ends
    the traceback keeps its prefix, a record of its own.
    """
    out, inside = [], False
    for raw in block_text.splitlines():
        prefix = _TRACEBACK_LINE_PREFIX.match(raw)
        rest = raw[prefix.end():] if prefix else ""
        if prefix and (rest.startswith("Traceback (most recent call last)") or
                       _FRAME.match(rest.lstrip()) or (inside and rest[:1].isspace())):
            inside = True
            lead = raw[: len(raw) - len(raw.lstrip())]  # the block's own indentation stays
            out.append(lead + (" " + rest if rest[:1].isspace() else rest))
        else:
            inside = False
            out.append(raw)
    return "\n".join(out)


# "USER  PID %CPU %MEM  VSZ ... COMMAND", "NAME  READY  STATUS  RESTARTS  AGE": the header of
# a command's tabular output; the rows under it (up to a blank line or the next prompt) are
# data, whatever words their cells hold ("--engine-replica-timeout 8").
_TABLE_HEADER = re.compile(r"^%?[A-Z][A-Z0-9_%-]*(\s+%?[A-Z][A-Z0-9_%()-]*){3,}$")


# Kubernetes events as `kubectl describe` ("Warning  ProvisioningFailed  9s (x5 over 22s)  <from>
# <message>") and `kubectl get events` ("44s  Warning  FailedPreStopHook  pod/x  <message>") print
# them: columns two or more spaces apart, the message last. A Warning's message is the record
# (what a log of events shows whatever the age and the count); a Normal event is routine, as an
# INFO record is; the "Events:" label, the column header and its dashes are no record.
_EVENT_ROW = re.compile(r"^(?:\S+\s{2,})?(Normal|Warning)\s{2,}[A-Z][A-Za-z]+\s{2,}\S")
_EVENT_FRAME = re.compile(
    r"^(Events:|(LAST SEEN\s+)?TYPE\s+REASON\s+(AGE\s+)?(FROM|OBJECT)\s+MESSAGE|[-\s]+)$", re.I)


def _kubernetes_events(text: str) -> tuple[str, set[str]]:
    """The block with each event row replaced by its message (a Warning) or dropped (a Normal),
    and the Warnings' messages: records at warning level, whether or not their words say so
    ('volume "jfs-static" already bound to a different claim.')."""
    lines = text.splitlines()
    if not any(_EVENT_ROW.match(line.strip()) for line in lines):
        return text, set()
    out, warnings = [], set()
    for raw in lines:
        line = raw.strip()
        row = _EVENT_ROW.match(line)
        if row:
            if row.group(1) == "Warning":
                out.append(re.split(r"\s{2,}", line)[-1])
                warnings.add(out[-1])
        elif not (line and _EVENT_FRAME.match(line)):
            out.append(raw)
    return "\n".join(out), warnings


# A record that opens on its phase or component in brackets, as kubeadm's do (`[preflight] WARNING:
# ebtables not found in system path`, `[certs] ...`): the next line that opens so is the next
# record, not the wrapped end of this one (joined, the two came apart as `WARNING: ebtables not
# found in system path [preflight]` and the second's message: a new user's trial)
_TAG_HEAD = re.compile(r"\[[A-Za-z][\w./:-]{0,39}\] ")


def _tagged_like(previous: str, line: str) -> bool:
    return bool(_TAG_HEAD.match(previous) and _TAG_HEAD.match(line))


# "RX packets:92435 errors:0 dropped:0", "0 errors, 0 failures": a command's counters at zero
# tell that nothing went wrong; the word is no error.
_ZERO_COUNTS = re.compile(r"\b(errors?|failures?|failed|warnings?|timeouts?)\s*[:=]\s*0\b(?!\.\d)|"
                          r"(?<![\w.])0 (errors?|failures?|failed|warnings?|timeouts?)\b", re.I)


def error_records(block_text: str) -> list[str]:
    records: list[tuple[str, bool]] = []  # (text, is a frame)
    joined: set[int] = set()  # records joined from wrapped lines
    table = False  # inside a command's tabular output
    block_text, warnings = _kubernetes_events(block_text)
    for raw in _without_traceback_prefixes(block_text).splitlines():
        line = raw.strip()
        if table and (not line or _NOT_LOG.match(line) or _COMMAND.match(line)):
            table = False
        elif table:
            continue
        if not line or _ELIDED_LINE.match(line):
            continue
        if _TABLE_HEADER.match(line) and not ERROR_WORDS.search(line):
            table = True
            continue
        indent = len(raw) - len(raw.lstrip())
        if _FRAME.match(line):
            records.append((line, indent))
            continue
        if records and records[-1][1] is not False:
            # Inside a traceback: the frame's source line is indented deeper;
            # the exception line that ends it is a record of its own.
            if indent > records[-1][1]:
                records[-1] = (_join(records[-1][0], line), records[-1][1])
            else:
                records.append((line, False))
            continue
        # After a command, the next line is its output: a record of its own.
        previous = records[-1][0] if records else ""
        after_command = bool(previous) and bool(_NOT_LOG.match(previous) or _COMMAND.match(previous))
        starts = after_command or line in warnings or any(p.match(line) for p in (
            _RECORD_START, _LEVEL_START, _NOT_LOG, _COMMAND, _STRUCTURED)) or _tagged_like(previous, line)
        if records and (records[-1][0].endswith("\\") or _PREFIX_ONLY.match(records[-1][0]) or
                        (records[-1][1] and raw[:1].isspace()) or not starts) and not _NOT_LOG.match(line):
            records[-1] = (_join(records[-1][0], line), records[-1][1])
            if records[-1][1] is False:
                joined.add(len(records) - 1)
        else:
            records.append((line, False))
    records = [piece for i, (r, frame) in enumerate(records)
               for piece in ([(p, False) for p in _records_of_blob(r)] if i in joined else [(r, frame)])]
    kept = []
    for text, frame in records:
        if frame is not False or _NOT_LOG.match(text) or _COMMAND.match(text) or _STRUCTURED.match(text) or \
                _ROUTINE.search(text[:80]):
            continue
        if text.startswith("Traceback (most recent call last)"):
            continue
        if _COLUMNS.search(text) and not ERROR_WORDS.search(text):
            continue
        if (ERROR_WORDS.search(_ZERO_COUNTS.sub(" ", text)) or text in warnings) \
                and len(re.findall(r"[A-Za-z]{2,}", text)) >= 2:
            kept.append(text[:MAX_LENGTH])
    return kept[:MAX_SIGNATURES_PER_BLOCK]


# The example's time, pid and thread id at the head of a quoted record are cut, with what
# only they carry (a syslog host, a klog header's source line): the matcher sets a line's
# prefix aside anyway (kb.matching.prefix), so what is left is what a real line of the same
# message holds, and the signature does not show the day the document's author saw it. What
# is kept still reads as a prefix: oslo.log's `ERROR cinder.volume.manager [-] ...` (its time
# and pid are optional), a syslog tag without a pid (`kernel: ...`).
_ISO_TIME = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_LEADING_TIME = re.compile(
    rf"^(?:\[{_ISO_TIME}\]|{_ISO_TIME}|\d{{4}}/\d{{2}}/\d{{2}} \d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,9}})?|"
    r"\[\s*\d+\.\d+\])"
    # a pid before the level word (oslo.log), or a thread id (ceph: `7f6f9dcd9700`)
    # and its priority (`-1`, derr)
    r"[:,]?\s+(?:\d{1,10}\s+(?=\[?[A-Z]{4,}\b)|[0-9a-f]{8,16}\s+(?:-?\d{1,2}\s+)?)?")
# syslog: time, host and a tag with its pid (`Nov 21 00:54:02 node-xxx kernel: `); a tag
# without a pid is kept, a tag with one goes with it.
_SYSLOG_HEAD = re.compile(
    rf"^{_MONTH} +\d{{1,2}} \d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,9}})?(?: \d{{4}})? [\w.-]+ "
    r"(?:[\w.@/-]+\[\d+\]: )?")
# klog: level letter, date, time, thread id and source line (`E0710 00:07:58.444950 4340 kubelet.go:2248] `)
_KLOG_HEAD = re.compile(r"^((?:[\w.-]+: )?)[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9}\s+\d+ [\w.-]+:\d+\] ")
_ANY_ISO_TIME = re.compile(rf"(?<![\w-]){_ISO_TIME}(?![\w:])")
# oslo.log's request context (`[req-<UUID> admin admin]`, which a document may show as it
# was formatted then, `admin admin|req-...`): the example's user and project; any request's.
_REQUEST_CONTEXT = re.compile(r"\[req-(?:<UUID>|[0-9a-f-]{36})[^\]\n]{0,300}\]", re.I)
# the guest's disk the example attached (`at /dev/vdk`)
_GUEST_DISK = re.compile(r"(?<=/dev/)(?:vd|sd|xvd|hd)[a-z]{1,2}\b")


def without_example_prefix(text: str) -> str:
    """A quoted record without the time, pid and thread id at its head (see _LEADING_TIME)."""
    text = text.strip()
    for head in (_LEADING_TIME, _SYSLOG_HEAD):
        text = head.sub("", text, count=1)
    return _KLOG_HEAD.sub(r"\1", text, count=1)


def placeholders(text: str) -> str:
    """The document's example values become placeholders, so the signature matches other logs."""
    text = _UUID.sub("<UUID>", unwrap_ids(without_example_prefix(text)))
    text = _REQUEST_CONTEXT.sub("[<*>]", text)
    text = _ANY_ISO_TIME.sub("<*>", text)
    text = _GUEST_DISK.sub("<*>", text)
    text = _ELISION.sub("<*>", text)
    text = _MAC.sub("<*>", text)
    text = _IP.sub("<IP>", text)
    text = _EXAMPLE_HOST.sub("<*>", text)
    text = _GENERATED_NAME.sub(_generated, text)
    text = _NUMBERED_NAME.sub("<*>", text)
    text = _SIZE.sub("<NUM>", text)
    text = _ID_PATH.sub(lambda m: "<*>" if "<UUID>" in m.group(0) or m.group(2).isdigit() or
                        len(m.group(2)) >= 8 else m.group(0), text)
    text = _LONG_HEX.sub("<HEX>", example_values(text))
    return " ".join(text.split())[:MAX_LENGTH]


_INLINE = re.compile(
    r"(fail(?:s|ed)? with|error|message|warning|reports?|returns?|says?|shows?|raises?|logs?|see|get|getting)"
    # (a quotation may be quoted twice: `"config has invalid keys credentialsFile"`)
    r"([^\"“`.]{0,30})(?<![\w\"“`])(?:``|[\"“`])[\"“]?([^\s\"”`][^\"”`]{6,298}[^\s\"”`])[\"”]?(?:``|[\"”`])"
    r"(?![^\W_]|[\"”`])",
    re.I,
)
# Searched in ascii_folded text (7 times as fast as with re.I, which leaves Python's
# matcher no first letters to look for), the quotes read from the text itself.
_INLINE_FOLDED = without_case(_INLINE)
# "contain the message `Loop ... detected ...`": called a message outright, it is one.
_NAMED_MESSAGE = re.compile(r"\b(error|message|warning)s?[\s:]*$", re.I)


def inline_errors(text: str) -> list[str]:
    """Errors quoted inline in prose: 'fails with ``No valid host was found``'.

    A quote starts after a space or a bracket and ends before one: in 'status "ERROR" if
    it failed or "PENDING"' the text between two quotes is no quotation.
    """
    out = []
    for match in _INLINE_FOLDED.finditer(ascii_folded(text)):
        lead, gap, quote = (text[match.start(n):match.end(n)] for n in (1, 2, 3))
        quoted = re.sub(r"\\(.)", r"\1", " ".join(quote.split()))  # Markdown escapes
        named = _NAMED_MESSAGE.search(lead + gap)
        if (named or ERROR_WORDS.search(quoted)) and len(quoted.split()) >= 2:
            out.append(quoted)
    return out


def enough_literal(signature: str) -> bool:
    literal = PLACEHOLDER_RE.sub("", signature)
    return len(literal.strip()) >= MIN_LITERAL


# -- signatures too generic to name an issue ---------------------------------------------
#
# A signature derived from a document whose message (the record's prefix, an exception class
# naming it and the placeholders aside) is nothing but a part, or the whole, of a message a
# shared library writes for every caller (kb.matching.generic) is no signature: the issue keeps
# those words in its text (its title, its symptoms), where they rank it as word evidence, and
# the import says so in a warning naming the line. A record that says more than the library's
# message (`Timed out waiting for a reply to message ID ... from magnum-conductor while creating
# bay`) is kept, and so are an editor's curated signatures: a curator may decide the generic
# message is the issue in the deployment the knowledge base is for (the matcher then asks the
# line's service to agree: kb.matching.scoring).


# "Access denied", "Invalid argument", "Connection refused": two plain words that every program
# prints for its own failures (MySQL's refusal of a password, strerror(EINVAL)); read from a
# document's prose they answered healthy MySQL logs as vCloud's "unable to create clusters" issue
# (tests/data/gathered30). A word holding a digit, an underscore, a dot, a slash or a capital
# inside (`PreStopHook failed`, `vif_type=binding_failed`) names the program, and is kept.
_PLAIN_WORD = re.compile(r"^[A-Za-z][a-z]*[,.:;!]?$")


def _status_phrase(signature: str) -> str:
    words = signature.split()
    if len(words) <= 2 and all(_PLAIN_WORD.match(w) for w in words):
        return "two plain words any program prints for its own failures, no message of this issue"
    return ""


def drop_generic(document):
    """Drop each signature read from the document that only repeats a generic library message,
    or that a line of an ordinary log already holds (kb.matching.ordinary), with a warning
    naming the issue's line (the rules above GENERIC_MESSAGES and in ordinary.py); an editor's
    stays."""
    for issue in document.issues:
        kept = []
        for signature in issue.signatures:
            why = (too_generic(signature.text) or _status_phrase(signature.text)) \
                if signature.source == "symptom" else ""
            if why:
                document.warnings.append(
                    f"line {issue.line}: signature {signature.text!r} not kept: {why}; the issue's text "
                    f"keeps its words")
            else:
                kept.append(signature)
        issue.signatures = kept
