"""Command output pasted with a log: what a tool printed, read the way a log prefix is read.

An operator pastes what their commands printed beside (or instead of) the logs: a shell
session, `kubectl describe`'s events, an Ansible run (31 of dev set 8's 54 right answers that
were not confident were such output). Such lines have no log prefix, so prefix.parse found
neither their level nor who wrote them, and their words were read with the command's
furniture (column names, hosts, ages). Two shapes say as much as a prefix does:

* an event as `kubectl describe` lists it (`Warning  FailedScheduling  2m (x31 over 1h)
  default-scheduler  0/3 nodes are available: ...`, columns Type, Reason, Age, From, Message,
  kubectl's describe.DescribeEvents): its type is its level (Warning, Normal), its reason
  its logger (as a klog file's name is), the message column its message, its source its
  program. The kubelet's events (a failed probe, a back-off, an image pull) are about a
  pod's containers, not about the kubelet, so they name no program (as prober.go names no
  component in programs._KLOG_STEMS): the pod's own words say what failed;
* Ansible's result of a failed task (`fatal: [host]: FAILED! => {...}`, `fatal: [host]:
  UNREACHABLE! => {...}`, `failed: [host] (item=...) => {...}`, the default callback's
  v2_runner_on_failed): an error whose message is the result, read whole: its `msg` may
  only say "non-zero return code" or "MODULE FAILURE" where its `stderr` says why. Ansible
  only carries the result (any role's task), so it names no program.

Nothing here makes a line confident: the level and program read here go to the same
evidence and the same decision as an oslo.log line's (scoring.py), and a component is named
only by the program that wrote the line, as for any prefix. Every pattern is anchored and
bounded, hence linear.
"""

import re

from kb.components import COMMAND_GROUPS, canonical

_EVENT_TYPES = {"Warning": "warning", "Normal": "info"}
_AGE = r"(?:<unknown>|<invalid>|\d[\dsmhdy]{0,12})(?: \(x\d{1,9} over \d[\dsmhdy]{0,12}\))?"
_SOURCE = r"[\w.-]{1,128}(?:, [\w.-]{1,253})?"
# `kubectl describe`: Type, Reason, Age, From, Message, apart by two spaces or more (tabwriter);
# the message may be empty (kube-proxy's `Starting`)
_DESCRIBED = re.compile(
    rf"(Warning|Normal) {{2,40}}([A-Z][A-Za-z]{{1,80}}) {{2,40}}{_AGE} {{2,40}}({_SOURCE})"
    r"(?: {2,40}(?=\S)|\s*$)"
)
# The head of `kubectl describe`'s event table (`Events:` above it, `----` under each column)
_DESCRIBED_HEAD = re.compile(r"Type {2,40}Reason {2,40}Age {2,40}From {2,40}Message\s*$")
# Sources of events that are about a pod's containers, not about themselves.
_ABOUT_CONTAINERS = frozenset({"kubelet"})
_ANSIBLE = re.compile(
    r"(?:fatal|failed): \[[^\]\n]{1,300}\](?:: (?:FAILED|UNREACHABLE)!)?(?: \(item=[^\n]{0,2000}?\))? => "
)


def is_event_row(line: str) -> bool:
    """A row of `kubectl describe`'s event table, or its head: kubectl indents the table under
    `Events:`, yet each row is an event of its own (grouping.py reads it as a logical line)."""
    text = line.strip()
    if text[:1] not in ("W", "N", "T"):
        return False
    return bool(_DESCRIBED.match(text) or _DESCRIBED_HEAD.match(text))


def peel(text: str, found: dict) -> str | None:
    """The message of a line of one of the shapes above, recording its level, program and logger
    in `found` (as prefix._peel does); None if it is none of them.

    The message is the line's tail, as every prefix leaves it: a signature's literal pieces are
    looked for in a line's raw text before it is read (bounds.py, rawcheck.py), so a message may
    hold nothing the line does not. An event's reason (`FailedScheduling`) is its logger, as a
    klog file or an oslo logger is (its words rank, it names no component); an Ansible result
    is read whole, not as the JSON record whose `msg` prefix.parse would take alone.
    """
    if text.startswith(("fatal: [", "failed: [")):
        m = _ANSIBLE.match(text)
        if not m:
            return None
        found.setdefault("level", "error")
        found["whole"] = True  # the result, read whole (prefix._unwrap_json)
        return text[m.end():]
    if text.startswith(("Warning ", "Normal ")):
        return _event(text, found)
    return None


def _event(text: str, found: dict) -> str | None:
    m = _DESCRIBED.match(text)
    if not m:
        return None
    kind, reason, reporter = m.group(1), m.group(2), m.group(3).split(",", 1)[0]
    if reporter not in _ABOUT_CONTAINERS:
        found.setdefault("program", reporter)
    found.setdefault("level", _EVENT_TYPES[kind])
    found.setdefault("logger", reason)
    return text[m.end():]


# A shell prompt and the command after it: `$ `, `# `, `[stack@undercloud ~]$ `,
# `root@node1:~# `, `(overcloud) $ `; the command's program, then the rest.
_PROMPT_COMMAND = re.compile(
    r"^\s{0,8}(?:\([\w.-]{1,64}\)\s?)?(?:\[[^\]\n]{1,128}\]|[\w.-]{1,64}@[\w.-]{1,253}:[^\s$#]{0,256})?"
    r"\s?[$#]\s{1,4}([\w.-]{1,64})(?:\s+(.{0,200}))?$")


def command_component(line: str) -> str:
    """The service whose API a pasted shell command calls, '' if none kb knows: `heat
    stack-create` is heat's client, `openstack orchestration template validate` calls heat
    through openstackclient's plugin (kb.components: each component's `commands`). What the
    command printed under it (`ERROR: Timed out waiting for a reply ...`) is that service's
    answer (Engine._in_context)."""
    found = _PROMPT_COMMAND.match(line)
    if not found:
        return ""
    program, rest = found.group(1), " ".join((found.group(2) or "").split())
    if program != "openstack":
        return canonical(program)
    words = [w for w in rest.split(" ") if not w.startswith("-")]
    said = " ".join(words[:2])
    return next((component for group, component in COMMAND_GROUPS
                 if said == group or said.startswith(group + " ")), "")
