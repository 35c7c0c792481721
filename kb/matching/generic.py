"""Messages a shared library writes for every caller: no evidence of one issue on their own.

A signature says "this line is this issue". A message that a shared library writes for
every caller, whatever failed underneath, cannot say that: oslo.messaging's MessagingTimeout
is logged by any OpenStack service whose RPC call got no answer (a dead conductor, an
overloaded broker, a slow database behind the callee), so magnum's "Timed out waiting for a
reply" made every such line of every service a confident magnum pod-deployment issue, and the
shipped "RPC timeouts during Heat resources validation" answered neutron agents' report_state
timeouts confidently.

Three consumers: the importer drops such a signature derived from a document's prose
(kb.rst.signatures.drop_generic); the matcher lets an editor's curated one be confident
only where the line's own service is one of the issue's, and never lets the words of a line
that only repeats such a message be confident (kb.matching.scoring: an issue quoting an
oslo.messaging traceback shares "oslo_messaging", "messaging", "timeout" with every
MessagingTimeout). Pure: no Django.
"""

import re

from .tokens import terms, words

_TIMEOUT = "oslo.messaging's MessagingTimeout"
# message (placeholders as in signatures) -> (the library's component, how the import names it)
GENERIC_MESSAGES = {
    # openstack/oslo.messaging oslo_messaging/_drivers/amqpdriver.py, _raise_timeout_exception
    # ('Timed out waiting for a reply to message ID %(msg_id)s', and with the reply queue
    # since 12.x), raised as MessagingTimeout to every RPC caller
    "Timed out waiting for a reply to message ID <*>": ("oslo.messaging", _TIMEOUT),
    "Timed out waiting for a reply <*> to message ID <*>": ("oslo.messaging", _TIMEOUT),
    # the same driver's ReplyWaiters.put, when a reply comes after its caller gave up (INFO since
    # oslo.messaging 1.x's _LI, WARNING before): the late half of any caller's MessagingTimeout
    "No calling threads waiting for msg_id : <*>": ("oslo.messaging", "oslo.messaging's late reply notice"),
    # golang/go src/context/context.go, deadlineExceededError.Error(): any Go call given a deadline
    "context deadline exceeded": ("go", "Go's context.DeadlineExceeded"),
    # golang/go src/net/http/transport.go, tlsHandshakeTimeoutError.Error(): any Go HTTPS client
    # whose server did not finish the handshake in time (a kubelet while its API server starts:
    # tests/data/healthy11, answered as cert-manager's webhook issue by its troubleshooting page)
    "net/http: TLS handshake timeout": ("go", "Go's net/http TLS handshake timeout"),
    # sqlalchemy/sqlalchemy lib/sqlalchemy/pool/impl.py, QueuePool._do_get: the TimeoutError every
    # caller of an exhausted pool gets, whichever service's pool it is (nova-conductor's as much as
    # neutron-server's); kb's vocabulary files SQLAlchemy under oslo.db (kb/components.py)
    "QueuePool limit of size <*> overflow <*> reached, connection timed out, timeout <*>":
        ("oslo.db", "SQLAlchemy's QueuePool timeout"),
    # dnsmasq's src/forward.c (`my_syslog(LOG_WARNING, _("Maximum number of concurrent DNS queries
    # reached (max: %d)"), daemon->ftabsize)`): a program, not a library, but its message is as
    # generic: every dnsmasq logs it when its forward table is full, whoever runs it (a home or
    # office router, Pi-hole, libvirt's default network, neutron's DHCP agent, kube-dns's pod).
    # Two new users' trials (2026-12-07) got a router's line answered confidently as the KubeDNS
    # issue; kube-dns's own lines come relayed by its dnsmasq-nanny (kb.matching.programs).
    "Maximum number of concurrent DNS queries reached (max: <*>)":
        ("dnsmasq", "dnsmasq's full forward table"),
}
# Of those, the components that are programs logging on their own account, not libraries logging
# for their caller: an answer's explanation says so.
PROGRAMS = frozenset({"dnsmasq"})
# `ERROR magnum.conductor [-] `, `oslo_messaging.exceptions.MessagingTimeout: `, a syslog tag
# (`dnsmasq[<NUM>]: `): what says who logged or raised the message, not what it says.
_LOGGER_HEAD = re.compile(
    r"^(?:[\w.-]{1,64}\[(?:<NUM>|\d{1,10})\]:\s+)?"
    r"(?:\[?(?:WARNING|WARN|ERROR|CRITICAL|FATAL|INFO|DEBUG|TRACE)\]?:?\s+(?:[\w.]+\.[\w]+\s+)?"
    r"(?:\[[^\]]*\]\s*)*)?(?:[\w.]+\.)?(?:(?:[A-Z]\w*)?(?:Error|Exception|Timeout|Exceeded)\w*:\s+)?")
_PIECE_END = " .,;:!\"'"


_PLACEHOLDER = re.compile(r"<(?:\*|[A-Z]{2,6})>")
_MESSAGES = tuple((" ".join(m.lower().split()), library) for m, library in GENERIC_MESSAGES.items())
_NOT_COUNTED = str.maketrans("", "", _PIECE_END + "\t\n\r\f\v")
# The most characters (blanks and the punctuation a piece is stripped of aside) a text that only
# repeats one of the messages can hold outside placeholders: the matcher asks it of every line.
_MOST = max(len(_PLACEHOLDER.sub("", m).translate(_NOT_COUNTED)) for m in GENERIC_MESSAGES)


def _literal_pieces(text: str) -> list[str]:
    pieces = _PLACEHOLDER.split(text)
    return [p for p in (" ".join(p.lower().split()).strip(_PIECE_END) for p in pieces) if p]


def _generic(signature: str) -> tuple[str, str] | None:
    text = _LOGGER_HEAD.sub("", signature.strip(), count=1)
    if len(_PLACEHOLDER.sub("", text).translate(_NOT_COUNTED)) > _MOST:
        return None  # more text than any of the messages holds
    pieces = _literal_pieces(text)
    if not pieces:
        return None
    for text, library in _MESSAGES:
        position = 0
        for piece in pieces:
            found = text.find(piece, position)
            if found < 0:
                break
            position = found + len(piece)
        else:
            return library
    return None


def generic_message(signature: str) -> str:
    """How the import names the library message the signature only repeats, or ''."""
    found = _generic(signature)
    return found[1] if found else ""


# The longest literal piece of each message: a line that only repeats the message holds it whole.
_ANCHORS = tuple({max(_literal_pieces(m), key=len) for m in GENERIC_MESSAGES})


def repeated_message(line: str) -> str:
    """How the import names the library message a line's (masked) message only repeats, or ''.

    Stricter than a signature's test: the line must hold the message's longest literal piece
    whole (`ERROR x Timed out` is no MessagingTimeout), which also spares the matcher, which
    asks it of every line, the full test on lines that cannot be one."""
    lowered = line.lower()
    if not any(anchor in lowered for anchor in _ANCHORS):
        return ""
    return generic_message(" ".join(line.split()))


def generic_library(signature: str) -> str:
    """The component of the library whose message the signature only repeats, or ''."""
    found = _generic(signature)
    return found[0] if found else ""


# Message formats a shared library wraps around its caller's values: a line holding one says,
# in the format's own words, only that this kind of thing happened to something. Kubernetes' API
# server denies a request with kubernetes/apiserver's forbiddenMessage (pkg/endpoints/handlers/
# responsewriters/errors.go: `User %q cannot %s resource %q in API group %q in the namespace %q`,
# `... at the cluster scope`, `User %q cannot %s path %q`), wrapped by apimachinery's
# errors.NewForbidden (`%s %q is forbidden: %v`). Every client logs it for any denied request: a
# controller-manager starting before RBAC is bootstrapped (`leases.coordination.k8s.io
# "kube-controller-manager" is forbidden: ...`), a kubelet the node authorizer refuses a secret.
_FORMATS = (
    (re.compile(r'\bis forbidden: User "[^"]{0,256}" cannot \w{1,32} (?:resource "[^"]{0,256}" in API group '
                r'"[^"]{0,256}" (?:in the namespace "[^"]{0,256}"|at the cluster scope)|path "[^"]{0,512}")'),
     "is forbidden: User cannot resource in API group in the namespace at the cluster scope path"),
)
_FORMAT_WORDS = tuple((pattern, frozenset(terms(words(text)))) for pattern, text in _FORMATS)


def format_words(message: str) -> frozenset[str]:
    """The words of the library formats (_FORMATS) the message holds: the format's, not the
    caller's (a weak lead in a whole log does not count them: kb.matching.scoring)."""
    if "forbidden" not in message:
        return frozenset()
    return frozenset().union(*(found for pattern, found in _FORMAT_WORDS if pattern.search(message)))
