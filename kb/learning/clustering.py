"""Unmatched log lines -> masked templates, grouped. Pure Python, no Django.

A line's template is its message (the log prefix peeled off by
kb.matching.prefix) masked like the matcher masks (kb.matching.normalize:
timestamps, UUIDs, addresses, hex ids, quoted values and numbers become
placeholders), after `mask_secrets` (credentials by their context: the value of
a password=, token: or Authorization: Bearer, a URL's password, long random
tokens, whatever their shape), plus one stage of our own, `mask_ids`, for the identifiers
that normalize leaves alone because a signature may spell them: host and pod
names (compute-12, nova-api-7d9f8b6c4-x2x4k), interface and chain names
(tap8a29110d-b2), short hex suffixes, durations (5m0s). Without it the same
message from 400 hosts would be 400 clusters. Two lines that differ only in
masked parts share a template, hence a cluster.

A line is skipped, as noise or as no failure, when (rules documented in
docs/operations.md, "Learning from what kb does not know"):
- its prefix says it was logged at DEBUG or INFO level;
- it is a traceback header or frame (`Traceback (most recent call last):`,
  `File "...", line N, in f`): the exception line that ends the traceback
  is the one worth a cluster (of a traceback the matcher joined into one
  logical line, only that exception is kept; none found, the line is skipped);
- the matcher never reads it as evidence (kb.matching.scoring's `silent`): the code
  oslo.log prints indented under a frame, a shell trace, an empty message; or it is the
  sentence Python writes between chained tracebacks;
- its template has fewer than MIN_WORDS words of letters (placeholders do
  not count), or less fixed text than a signature needs (SIGNATURE_MIN_LITERAL),
  so it could never be promoted to one.
"""

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kb.matching.grouping import is_frame
from kb.matching.normalize import PLACEHOLDER_RE, mask_numbers, mask_secrets, mask_values
from kb.matching.prefix import parse
from kb.matching.scoring import is_chatter, view_of

MIN_WORDS = 3
# The same bounds as kb.models.Signature, so any template can be promoted.
MIN_LITERAL = 12
MAX_TEMPLATE = 500
# Lines are cut before masking: enough for any real message, bounded work on a hostile one.
MAX_LINE = 4000

_WORD = re.compile(r"[A-Za-z][A-Za-z_'-]*[A-Za-z]")
_TRACEBACK = re.compile(r'(?:Traceback \(most recent call last\)|File "[^"]{0,1000}", line <NUM>)')
_SKIPPED_LEVELS = frozenset({"debug", "info"})
# Lines that are never symptoms (issue 9): the code line under a traceback frame
# (`res = self.dispatcher.dispatch(message)`, `guest.launch(pause=pause)`); shell traces
# (`+ '[' kubelet = kubelet ']'`), flag dumps (`FLAG: --max-pods=110`) and command lines are
# the matcher's chatter (kb.matching.scoring.is_chatter).
_CODE = re.compile(
    r"^(?:(?:return|raise|yield|await) |[\w.]{1,200}(?:, ?[\w.]{1,200}){0,8} = [\w.]{1,200}\("
    r"|[\w.]{1,200}\([^()\s]{0,200}\)$)"
)
# The sentences Python writes between chained tracebacks: what failed is in the tracebacks.
_CHAINED = re.compile(
    r"(?:During handling of the above exception, another exception occurred"
    r"|The above exception was the direct cause of the following exception):$"
)
# A word holding both a letter and a digit. The look-behind lets a match start only at the
# beginning of a word, so the look-aheads scan each word once: linear on any input.
_MIXED_WORD = re.compile(r"(?<![\w-])(?=[\w-]*[A-Za-z])(?=[\w-]*\d)[\w-]{1,200}")
_DURATION = re.compile(r"(?:\d+(?:ns|us|µs|ms|s|m|h|d))+")
_STEM_DIGITS = re.compile(r"([A-Za-z]+)\d+")
_NUMBER_UNIT = re.compile(r"\d+[A-Za-z]+")
# An exception class (optionally dotted) followed by ": message" or by the end of the text.
_EXCEPTION = re.compile(
    r"(?<![\w.])(?:[A-Za-z_]\w{0,80}\.){0,12}[A-Z]\w{0,80}"
    r"(?:Error|Exception|Timeout|Failure|Fault|Failed|Exit|Interrupt|Refused|NotFound)(?=: |$)"
)


@dataclass(frozen=True)
class Template:
    """One unmatched line, masked."""

    text: str
    digest: str
    program: str = ""
    logger: str = ""


@dataclass
class Cluster:
    """Templates of one request (or one file) that were equal, with how many lines had it."""

    text: str
    digest: str
    program: str
    logger: str
    count: int
    sample: str  # the cluster's first line, masked by mask_line (never the raw line)


def digest(template: str) -> str:
    return hashlib.sha256(template.encode("utf-8")).hexdigest()


def _mask_id(found: re.Match) -> str:
    word = found.group(0)
    if _DURATION.fullmatch(word):
        return "<NUM>"
    stem = _STEM_DIGITS.fullmatch(word)
    if stem:  # vm57, compute01, ipv6: the digits vary, the stem reads
        return stem.group(1) + "<NUM>"
    if _NUMBER_UNIT.fullmatch(word):  # 12GB: mask_numbers makes it <NUM>GB
        return word
    if "-" not in word and "_" not in word and sum(c.isdigit() for c in word) == 1:
        return word  # k8s, log4j: names, not ids
    return "<*>"


def mask_ids(masked: str) -> str:
    """Identifiers mixing letters and digits -> <*> (or stem<NUM>); run after mask_values."""
    return _MIXED_WORD.sub(_mask_id, masked)


def truncate(template: str, limit: int = MAX_TEMPLATE) -> str:
    """Cut to `limit` characters without leaving half a placeholder ("<NU") at the end."""
    if len(template) <= limit:
        return template
    cut = template[:limit]
    opening = cut.rfind("<")
    if opening != -1 and ">" not in cut[opening:]:
        cut = cut[:opening]
    return cut.rstrip()


def mask_line(line: str) -> str:
    """The whole line with secrets, ids, addresses, times and quoted values masked (plain numbers kept)."""
    return truncate(mask_values(mask_secrets(line[:MAX_LINE])), 1000)


# What a log file's (or a bundle's) name ends in after a host name or address
# (compute-01.example.com.log, 10.0.0.5.log.1.gz, db-7.acme.corp.tar.gz): set aside while the name
# is masked, or the host name would not end there.
_LOG_SUFFIX = re.compile(r"(?:\.(?:log|txt|out|err|journal|tar)(?:\.\d+)?)?(?:\.(?:gz|bz2|xz|zst|tgz|zip))?$",
                         re.IGNORECASE)


def mask_path(path: str) -> str:
    """A log's path (a bundle's member) masked as its lines are by mask_line, one component at a
    time: var/log/<HOST>/nova-compute.log, var/log/nova/<HOST>.log, var/log/pods/<IP>/kubelet.log."""
    parts = []
    for part in path.split("/"):
        cut = _LOG_SUFFIX.search(part).start() or len(part)
        parts.append(mask_line(part[:cut]) + part[cut:])
    return "/".join(parts)


def mask_message(message: str) -> str:
    """The cluster template of a message (no log prefix)."""
    # The matcher clips long lines with "…"; a signature must not end in it.
    masked = mask_values(mask_secrets(message.rstrip("…").rstrip()))
    return truncate(mask_numbers(mask_ids(masked)))


def _parse(line: str):
    # Secrets are masked before the prefix is parsed, so none reaches the program or logger either.
    return parse(mask_secrets(line[:MAX_LINE]))


def message_template(line: str) -> tuple[str, str, str, str]:
    """(template, program, logger, level) of one log line."""
    parsed = _parse(line)
    return mask_message(parsed.message), parsed.program, parsed.logger, parsed.level


def is_informative(template: str) -> bool:
    """Enough fixed words to say something, and to be a valid signature."""
    literal = PLACEHOLDER_RE.sub(" ", template)
    if len(_WORD.findall(literal)) < MIN_WORDS:
        return False
    return len(literal.strip()) >= MIN_LITERAL


def exception_of(template: str) -> str:
    """The exception that ends a joined traceback ("... raise x nova.exception.Foo: text"), or ""."""
    starts = [found.start() for found in _EXCEPTION.finditer(template)]
    return template[starts[-1]:] if starts else ""


def template_of(line: str) -> Template | None:
    """The Template of an unmatched line, or None when the line is skipped (see module doc)."""
    parsed = _parse(line)
    if parsed.level in _SKIPPED_LEVELS:
        return None
    text = mask_message(parsed.message)
    if text.startswith("Traceback (most recent call last)"):
        # The matcher joins a traceback into one logical line: keep its exception.
        text = exception_of(text)
    elif view_of(line[:MAX_LINE], line[:MAX_LINE], with_words=False).silent:
        # What the matcher never reads as evidence is no unknown error either: the code oslo.log
        # prints indented under a frame (`TRACE nova.compute.manager     rpc_amqp.get_connection_pool(
        # conf, Connection))`, parsed without its indentation), a frame, an empty message.
        return None
    if _TRACEBACK.match(text) or not is_informative(text):
        return None
    if is_frame(text) or _CODE.match(text) or is_chatter(text) or _CHAINED.search(text):
        return None
    return Template(text=text, digest=digest(text), program=parsed.program[:100], logger=parsed.logger[:200])


def cluster_lines(lines: Iterable[str], *, limit: int | None = None) -> list[Cluster]:
    """Group lines by template; looks at no more than `limit` lines (skipped ones included)."""
    clusters: dict[str, Cluster] = {}
    for seen, line in enumerate(lines):
        if limit is not None and seen >= limit:
            break
        template = template_of(line)
        if template is None:
            continue
        found = clusters.get(template.digest)
        if found is None:
            clusters[template.digest] = Cluster(
                text=template.text, digest=template.digest, program=template.program,
                logger=template.logger, count=1, sample=mask_line(line),
            )
        else:
            found.count += 1
            found.program = found.program or template.program
            found.logger = found.logger or template.logger
    return list(clusters.values())
