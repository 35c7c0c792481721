"""Signatures -> templates: literal segments matched in order, never a regex.

A signature is normalised like any log line, its prefix (time, program,
logger) is set aside, and what remains is cut at every placeholder into
literal segments. A line matches when it holds all segments in order
(`str.find`, left to right: greedy leftmost is exact for this problem), in
either case (both sides are `fold`ed: a log that writes `No Valid Host` still
matches `No valid host`), and
the numbers the signature spelled out (2003, 500, -2) appear in the line too:
normalisation hides numbers from the comparison, yet `HTTP/1.0 500` must not
match a line saying `HTTP/1.0 200`. A line that only differs in such a
number contradicts the signature, as one missing a segment does
(scoring.template_evidence). A signature writing `<SLOW>` where an access line's
request time stands (`"GET /v1/<*>/stacks<*> HTTP/1.1" 200 <NUM> <SLOW>`) holds only
for a request that took http_lines.SLOW_SECONDS or more; a quicker one contradicts it.
A signature writing `<POS>` where a counter stands (`STAT evictions <POS>`) holds only
for a number above 0 there: a counter at 0 is the healthy reading of the same line, and
contradicts it. `<KILO>` is the same with another bound, 1,000 or more: a quantity that
says the failure once it runs into the thousands (nova's `Migration running for <KILO> secs`,
a live migration still copying after a quarter of an hour), and a smaller one is the healthy
reading. The number is read in the line's message, next to the literal text written before
the placeholder (or, with none, after it), so it must touch literal text on one side.

A quoted value that masking hides (`'<STR>'`: a single-quoted value holding a digit,
`.`, `:`, `/` or `@`) is still what a curated or an editor's signature says: a line must
quote the same value (Template.quoted), or it contradicts the signature as another number
does. (In lines lifted from a document's Symptoms, quoted values are the document's
examples, `'galera.ccp.svc.cluster.local'`: they stay any value, and so do quoted names.)
A quoted value may start with `<*>` (`Cannot access storage file '<*>/disk.config'`): the
line must quote a value ending with the rest, which is what names the object in a path
(Template.quoted_ends); masking hides the value, so the line's '<STR>' meets the template
there, and a line quoting another file contradicts the signature as above.
A quoted name inside a signature's literal text (`... on endpoints "kube-scheduler"`)
says which object failed: the text before it, when long enough, is a key of its own
(Template.keys), and the same message quoting another name there (`...
"kube-controller-manager"`) contradicts the signature instead of reading as its words.

Signatures from Symptoms literal blocks are raw documentation: hard-wrapped,
with elisions (`....`), shell prompts, traceback frames and lines of normal
operation. Each block yields its logical records and its single lines as
variants; uninformative ones are dropped, and lines that read as normal
operation (INFO, no failure word) are kept as *weak* (never confident alone).

A signature its author listed under *Log signs* (Signature.is_sign) is weak too: a message the
issue does log, but that other, unrelated failures log as well (nova's `Binding failed for port
%s, please check neutron logs ...` at any spawn, not only after a live migration). A line holding
it is a lead for the issue, never a confident answer on its own; the engine lists it beside the
issue's confident evidence when the same paste holds that (Engine.match_lines).
"""

import os
import re
from dataclasses import dataclass

from . import grouping
from .generic import generic_library
from .normalize import PLACEHOLDER_RE, fold, mask_values, masked_quotes, normalize, numbers_in
from .prefix import LEVEL_IN_CAPITALS, parse
from .programs import component_of
from .thesaurus import concepts, synonyms
from .tokens import COMMON, STOPWORDS, terms, words

_ELISION = re.compile(r"\.{3,}|…")
# The placeholder of a slow request's time (http_lines.is_slow_request).
SLOW = "<SLOW>"
# The placeholders of a number within a bound (Template.bounded), each with its test: a
# counter that must be above 0, a quantity in the thousands.
POSITIVE = "<POS>"
KILO = "<KILO>"
_BOUNDS = {POSITIVE: lambda number: number > 0, KILO: lambda number: number >= 1000}
# What may stand between a literal and its bounded number in a line: blanks, `=`, `:`.
_BOUND_GAP = " =:"
_BOUND_NUMBER = re.compile(r"\d{1,30}(?:\.\d{1,30})?(?!\w)(?!\.\d)")
# A number in exponent notation (`4.1873302e+07`: Prometheus' exposition format writes a big
# counter so; `1e0`), which masking cuts or leaves unread (`4.<HEX>+07`: its fraction and `e`
# read as a hex id), not inside a word or a dotted run. Linear: a match starts a run of digits.
_EXPONENT = re.compile(r"\d(?<![\w.].)\d{0,29}(?:\.\d{1,30})?[eE][+-]?\d{1,4}(?!\w)(?!\.\d)")
_NUMBER_AT_END = re.compile(r"(?<![\w.-])\d{1,30}(?:\.\d{1,30})?$")
# A quoted name in a (folded) segment: `"kube-scheduler"`, `'spawning'`; not an apostrophe.
_QUOTED_NAME = re.compile(r"""(?<!\w)(["'])([^"'\s<>]{1,256})\1(?!\w)""")
# The text before a quoted name is a key of its own from this length on (as a segment is).
_KEY_CHARS = 20
_TRAILING_PUNCT = " .,;:"
# The C library's text for each errno (`No such file or directory`, `Connection timed out`):
# what any system call's failure reports, whatever the message around it (qemu's `Could not
# open '%s': %s`, libvirt's `Cannot access storage file '%s' (as uid:%u, gid:%u): %s`, ssh's
# `connect to host %s port %d: %s`). A key segment that says only that does not identify a
# message: a line holding it but not the rest of the signature is another message, not one
# that contradicts it. Read from the platform's strerror once, folded, letters and blanks only.
_ERRNO_TEXTS = frozenset(
    " ".join(re.sub(r"[^a-z ]", " ", os.strerror(n).lower()).split()) for n in range(1, 134)
) - {"unknown error"}
_FRAME = re.compile(r'\s*File "[^"\n]{0,1000}", line \d{1,9}')
_PROMPT = re.compile(r"^(?:\$|#|>>>|[\w.@-]{1,64}:[~/][^#$\s]{0,200}[#$]) ")
_TABLE = re.compile(r"^[|+]|\|$")
# A Python frame's place, `...file.py", line 79, in function`, however much of the path is kept.
_FRAME_PLACE = re.compile(r'", line (?:\d{1,9}|<NUM>|<\*>), in [A-Za-z_<]')
# Words that make a line read as a failure (as opposed to normal operation).
_FAILURE_WORDS = frozenset("no not cannot cant couldnt wont unable lost dead oom slow".split())
_FAILURE_STEMS = (
    "err",
    "fail",
    "except",
    "refus",
    "timeout",
    "timed",
    "denied",
    "unreach",
    "kill",
    "deadlock",
    "exceed",
    "invalid",
    "crash",
    "panic",
    "abort",
    "reset",
    "broken",
    "warn",
    "critical",
    "fatal",
    "unavailab",
    "reject",
    "forbid",
    "unauthor",
    "missing",
    "overload",
    "maximum",
    "unexpect",
)


@dataclass(frozen=True)
class Template:
    issue: int
    signature: str  # the variant as written, reported as "the signature that matched"
    segments: tuple[str, ...]  # as written (normalised): the prefilters' literals come from these
    folded: tuple[str, ...]  # the segments folded: what a (folded) line is compared with
    # Level words in capitals (ERROR, WARNING) inside the segments. Segments compare in any
    # case, but a logger prints its level in one case: the runbook's "ERROR syncing ...
    # Timeout" (swift) must not meet kubelet's "Error syncing pod ... timeout".
    levels: tuple[str, ...]
    numbers: frozenset[str]
    component: str
    weak: bool
    terms: frozenset[str]
    synonyms: frozenset[tuple[str, str]]  # (concept, word): words a thesaurus concept stands for
    # An editor's signature that is a stack frame (`heat_plugin.py", line <NUM>, in
    # get_heat_cfn_url`): the one kind of evidence a frame line alone may carry (scoring.py).
    frame: bool = False
    # The signature writes SLOW: it holds only for an access line of a slow request.
    slow: bool = False
    # The component of the shared library whose message for every caller the signature only
    # repeats (kb.matching.generic: oslo.messaging's MessagingTimeout), else "".
    generic: str = ""
    # Each <POS> or <KILO> of the signature: (the folded literal before it, the folded literal
    # after it, the placeholder), one literal empty when the other is read: the number there
    # must pass the placeholder's bound (_BOUNDS).
    bounded: tuple[tuple[str, str, str], ...] = ()
    # Quoted values the signature spells out that masking hides ('kube-system/kube-scheduler'
    # reads as '<STR>'): the line must quote them too (folded), or it contradicts the signature.
    quoted: frozenset[str] = frozenset()
    # The folded endings of quoted values the signature writes as `'<*>ending'`: the line must
    # quote a value ending with each (a path's file: `'<*>/disk.config'`).
    quoted_ends: frozenset[str] = frozenset()
    # (the folded text before it, the name) of each quoted name of a segment with _KEY_CHARS of
    # text before it in that segment: `... on endpoints "kube-scheduler"`
    names: tuple[tuple[str, str], ...] = ()
    # A warning a document quotes beside the error it precedes (`precursors`): weak, as a line of
    # normal operation is.
    precursor: bool = False
    # A sign, not proof: its author listed it under Log signs (Signature.is_sign), a message the
    # issue logs that other failures log too. Weak: a lead, never a confident answer alone.
    sign: bool = False

    @property
    def anchor(self) -> str:
        """The longest segment: the key under which the automaton finds this template."""
        return max(self.folded, key=len)

    @property
    def keys(self) -> tuple[str, ...]:
        """Segments that find this template in a line: the anchor, every long segment and the
        long text before each quoted name (Template.names).

        A line holding the anchor or a long segment but not the whole template contradicts
        the signature (scoring.template_evidence); a short segment like `on host` is too
        common to say so. A line holding the text before a quoted name contradicts it when
        it quotes another name there (`renames`).
        """
        return tuple({*self.whole_keys, *(before for before, _name in self.names)})

    @property
    def whole_keys(self) -> tuple[str, ...]:
        return tuple({self.anchor, *(s for s in self.folded if len(s) >= _KEY_CHARS)})

    @property
    def contradicting_keys(self) -> tuple[str, ...]:
        """The whole keys a line may hold without the rest of the template and so contradict
        it: not one that is only a system error's text (_ERRNO_TEXTS), which any message may
        end with (config drive's `... Could not open '<*>': No such file or directory` is not
        contradicted by libvirt's `Cannot access storage file '...': No such file or directory`)."""
        return tuple(key for key in self.whole_keys if not is_errno_text(key))

    def renames(self, normalized: str) -> bool:
        """The line says the text before one of the signature's quoted names, then quotes
        another name (`... on endpoints "kube-controller-manager"` against "kube-scheduler")."""
        for before, name in self.names:
            start = normalized.find(before)
            while start >= 0:
                at = start + len(before)
                at += normalized.startswith(" ", at)  # masking leaves one blank at most
                quoted = _QUOTED_NAME.match(normalized, at)
                if quoted and quoted.group(2) != name:
                    return True
                start = normalized.find(before, start + 1)
        return False

    @property
    def literal(self) -> str:
        """The prefilter literal: the longest run of a segment that raw text must hold.

        Segment text between placeholders survives masking unchanged, so a raw
        line whose normalised form contains the segment contains this run too,
        except when masking collapsed whitespace inside it (tabs, double spaces).
        Runs also stop at quotes, next to which normalisation drops Python 2's u.
        Written in the signature's case (as `grep -F` would be given it); the
        prefilters scan case-blind, as templates compare.
        """
        pieces = (p.strip() for s in self.segments for p in re.split(r"[<>']", s))
        return max(pieces, key=len)

    @property
    def literal_chars(self) -> int:
        return sum(len(s) for s in self.segments)

    def segments_in(self, normalized: str) -> bool:
        position = 0
        for segment in self.folded:
            found = normalized.find(segment, position)
            if found < 0:
                return False
            position = found + len(segment)
        return True

    def bounds_in(self, valued: str) -> bool:
        """Each <POS> stands for a number above 0 in the line, each <KILO> for one of 1,000 or
        more (`valued`: its masked and folded message with the numbers kept,
        scoring.LineView.valued)."""
        return all(_bounded_near(valued, before, after, _BOUNDS[placeholder])
                   for before, after, placeholder in self.bounded)

    def levels_in(self, cased: str) -> bool:
        """Each capitalised level word of the signature is in the line, in capitals too."""
        return not self.levels or set(self.levels) <= set(LEVEL_IN_CAPITALS.findall(cased))


def _names(folded: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Template.names of these folded segments: each quoted name with the text before it, back
    to the segment's start or the previous name, when that is _KEY_CHARS long."""
    out = []
    for segment in folded:
        start = 0
        for quoted in _QUOTED_NAME.finditer(segment):
            before = segment[start:quoted.start()].strip()
            if len(before) >= _KEY_CHARS:
                out.append((before, quoted.group(2)))
            start = quoted.end()
    return tuple(out)


def is_errno_text(segment: str) -> bool:
    """Whether a (folded) segment says only a system error's text, placeholders and
    punctuation aside (`': no such file or directory`, `(<NUM>: connection timed out)`)."""
    bare = " ".join(re.sub(r"[^a-z ]", " ", PLACEHOLDER_RE.sub(" ", segment).lower()).split())
    return bare in _ERRNO_TEXTS


def valued_text(message: str, masked: str) -> str:
    """What a <POS> reads its number in (Template.bounds_in): the line's message masked
    (`masked`, normalize.mask_values of `message`) and folded, its numbers kept; a number in
    exponent notation is first written as what it says to <POS>, 1 above 0 and 0 at 0
    (`4.1873302e+07` -> 1, `0e+00` -> 0), since masking would cut it (so <KILO> reads such a
    number under its bound: a miss, never a false hit). The same for full matching
    (scoring.view_of) and triage (scoring.holds_signature)."""
    if not _EXPONENT.search(message):
        return fold(masked)
    return fold(mask_values(_EXPONENT.sub(_above_zero, message)))


def _above_zero(number: re.Match) -> str:
    return "1" if float(number.group(0)) > 0 else "0"


def _bounded_near(valued: str, before: str, after: str, passes) -> bool:
    """Whether some occurrence of `before` is followed (or of `after` preceded) by a number
    that `passes` its bound, with at most blanks, `=` or `:` between them."""
    literal = before or after
    start = valued.find(literal)
    while start >= 0:
        if before:
            number = _BOUND_NUMBER.match(valued[start + len(literal):].lstrip(_BOUND_GAP))
        else:
            number = _NUMBER_AT_END.search(valued[max(0, start - 64):start].rstrip(_BOUND_GAP))
        if number and passes(float(number.group(0))):
            return True
        start = valued.find(literal, start + 1)
    return False


def _bounded(message: str) -> tuple[tuple[str, str, str], ...]:
    """(literal before, literal after, placeholder) of each <POS> or <KILO> in a signature's
    message, folded; the literal not read left empty. One between two placeholders has nothing
    to be read by."""
    pieces = re.split(f"({PLACEHOLDER_RE.pattern})", normalize(_ELISION.sub(" <*> ", message)))
    out = []
    for i, piece in enumerate(pieces):
        if piece not in _BOUNDS:
            continue
        before, after = pieces[i - 1].strip(), pieces[i + 1].strip() if i + 1 < len(pieces) else ""
        if before:
            out.append((fold(before), "", piece))
        elif after:
            out.append(("", fold(after), piece))
    return tuple(out)


def _useful(line: str) -> bool:
    """Not a shell prompt, a table row, a traceback header or frame: those are no symptoms."""
    stripped = line.strip()
    if not stripped or _PROMPT.match(stripped) or _TABLE.search(stripped):
        return False
    return not _FRAME.match(line) and not stripped.startswith(grouping.TRACEBACK_HEAD)


def _has_prefix(line: str) -> bool:
    parsed = parse(line)
    return parsed.message != line.strip() or normalize(line).startswith("<TS>")


def _soft_wrapped(lines: list[str], groups: list[grouping.Logical]) -> list[str]:
    """Rejoin a log line the document hard-wrapped without a backslash.

    A long line followed by a line with no log prefix of its own reads as one
    record cut at the page width (the DBConnectionError block of the scale
    testing report, wrapped at ~65 columns).
    """
    out: list[str] = []
    previous_width = 0
    for group in groups:
        if out and previous_width >= 55 and not _has_prefix(group.text):
            out[-1] = out[-1] + " " + group.text
        else:
            out.append(group.text)
        previous_width = len(lines[group.last].rstrip())
    return out


def variants(text: str) -> list[str]:
    """The texts a signature can match as: its logical records, then its single lines."""
    lines = grouping.dedent(grouping.physical_lines(text))
    groups = grouping.group_lines(lines)
    found = _soft_wrapped(lines, groups) + [g.text for g in groups]
    if len(lines) > 1:
        found += [line.strip().rstrip("\\").strip() for line in lines]
    unique: dict[str, None] = {}
    for item in found:
        if _useful(item):
            unique.setdefault(item.strip(), None)
    return list(unique)


def _segments(message: str) -> tuple[str, ...]:
    normalized = normalize(_ELISION.sub(" <*> ", message))
    pieces = [p.strip() for p in PLACEHOLDER_RE.split(normalized)]
    pieces = [p for p in pieces if p]
    if pieces:
        pieces[-1] = pieces[-1].rstrip(_TRAILING_PUNCT)
    return tuple(p for p in pieces if p)


# A curated or an editor's signature needs this many letters in its words: a hit is confident,
# and a signature of punctuation and numbers with fewer (`HTTP/1.1" 500`, `/api/v1/<*>: (<*>)
# 429`) is a shape many ordinary lines have. Measured 2026-12-06 over the false-alarm suite's
# 76 files (tests/test_false_alarms.py), one signature at a time: `HTTP/1.1" 404` alone would
# be confident on 372 lines of 5 files, `HTTP/1.1" 500` on 46 lines of one.
CURATED_MIN_LETTERS = 6


def _informative(segments: tuple[str, ...], strict: bool) -> bool:
    """Enough literal content that a hit means something.

    Curated signatures are trusted down to CURATED_MIN_LETTERS letters; lines lifted from
    documentation need 12 letters in words that are not log chatter, in at
    least two such words or one long one (ISCSITargetCreateFailed).
    """
    tokens = [w for s in segments for w in words(s) if not w.isdigit()]
    if not strict:
        return sum(len(w) for w in tokens) >= CURATED_MIN_LETTERS
    rich = {
        w for w in tokens if w.isalpha() and len(w) > 2 and w not in COMMON and w not in STOPWORDS
    }
    # and one run of the message as written: two words in a row, or one long word. A document's
    # sketch of a message, `Loop ... detected ...` (CoreDNS's loop plugin), left single words
    # between its elisions, which the kernel's `loop0: detected capacity change` holds too (a
    # GPU node's dmesg, tests/data/healthy11: confident for CoreDNS's loop issue, 9 times)
    run = any(len(ws) >= 2 or any(len(w) >= 12 for w in ws) for ws in map(words, segments))
    return sum(len(w) for w in rich) >= 12 and (len(rich) >= 2 or max(map(len, rich)) >= 12) and run


def reads_as_failure(message: str) -> bool:
    return any(w in _FAILURE_WORDS or w.startswith(_FAILURE_STEMS) for w in words(message))


def _kept_variants(text: str, strict: bool):
    """(variant, its parse, its segments) of each variant of a signature that says enough
    (`_informative`): what compile_signature makes templates of."""
    for variant in variants(text):
        parsed = parse(variant)
        segments = _segments(parsed.message)
        if segments and _informative(segments, strict):
            yield variant, parsed, segments


def unusable(text: str, source: str) -> str:
    """Why matching makes no template of a signature a person wrote (curated in a document, or
    an editor's), "" when it makes one.

    The rule kb.models.Signature.clean holds such a signature to: the importer drops one with a
    warning naming the file, the issue's line and this rule, an editor's form and the API
    refuse it, so that none is stored that matching would leave out as a signature. A line
    the importer lifted from a document's text (source "symptom") is kept whatever it says:
    matching reads its words (index.py's signatures field) even when it makes no template of
    it, under the stricter rule for such lines (`_informative`).
    """
    if source == "symptom" or next(_kept_variants(text, strict=False), None):
        return ""
    return (f"fewer than {CURATED_MIN_LETTERS} letters in its words (placeholders and numbers "
            "aside): a shape many ordinary lines have, so matching would not use it")


# A quoted value of a signature that starts with a wildcard, `'<*>/disk.config'`: the ending
# stays in its own group (no quote, no blank, no placeholder's bracket).
_QUOTED_END = re.compile(r"'<\*>([^'\s<>]{1,256})'")


def _quoted_ends(text: str) -> tuple[str, frozenset[str]]:
    """The signature with each `'<*>ending'` written as masking writes the line's value
    (`'<STR>'`), and the folded endings the line's quoted values must have (Template.quoted_ends).
    An ending masking would not hide (a plain word) stays as written: the line shows it."""
    ends = set()

    def as_masked(match: re.Match) -> str:
        if mask_values(f"'x{match.group(1)}'") != "'<STR>'":
            return match.group(0)
        ends.add(fold(match.group(1)))
        return "'<STR>'"

    return _QUOTED_END.sub(as_masked, text), frozenset(ends)


def precursors(signatures) -> frozenset[str]:
    """The texts of an issue's signatures (SignatureSpecs) that are warnings lifted from its
    document beside an error it also quotes: the document describes the error; the warning is
    what comes before it, which a healthy system may log without the failure following.

    cinder's ts-failed-attach-vol-no-sysfsutils quotes nova's `WARNING nova.virt.libvirt.utils
    [...] systool is not installed` above `ERROR nova.compute.manager [...] Failed to attach
    volume`; a real nova-compute log (tests/data/healthy) says that warning 12 times on attaches
    that succeeded (iSCSI needs no systool): a confident answer on a healthy log. The warning
    still matches, as a weak lead; the error is the confident answer.
    """
    levels = {s.text: parse(s.text).level for s in signatures if s.source == "symptom"}
    if "error" not in levels.values():
        return frozenset()
    return frozenset(text for text, level in levels.items() if level == "warning")


def compile_signature(issue: int, text: str, source: str, *, precursor: bool = False,
                      sign: bool = False) -> list[Template]:
    strict = source == "symptom"
    written = text
    text, quoted_ends = ((text, frozenset()) if strict else _quoted_ends(text))
    out: list[Template] = []
    for variant, parsed, segments in _kept_variants(text, strict):
        masked = mask_values(_ELISION.sub(" ", parsed.message))
        tokens = words(masked)
        weak = (precursor or sign
                or strict and parsed.level in ("info", "debug") and not reads_as_failure(masked))
        out.append(
            Template(
                issue=issue,
                signature=written if variant == text else variant,  # as its author wrote it
                segments=segments,
                folded=(folded := tuple(fold(segment) for segment in segments)),
                levels=tuple(dict.fromkeys(m for seg in segments for m in LEVEL_IN_CAPITALS.findall(seg))),
                numbers=numbers_in(masked),
                component=component_of(parsed),
                weak=weak,
                precursor=precursor,
                sign=sign,
                frame=not strict and bool(_FRAME_PLACE.search(variant) or grouping.is_frame(variant)),
                slow=SLOW in parsed.message,
                generic=generic_library(variant),
                bounded=_bounded(parsed.message) if any(b in parsed.message for b in _BOUNDS) else (),
                # a document's quoted values are its examples (a host, a resource name): what a
                # curator or editor quotes is meant
                quoted=frozenset() if strict else masked_quotes(parsed.message),
                quoted_ends=quoted_ends,
                names=() if strict else _names(folded),
                terms=frozenset(terms(tokens)) | concepts(tokens),
                synonyms=synonyms(tokens),
            )
        )
    return out
