"""Masking of variable values, the same for signatures and for pasted logs.

In the spirit of Drain's masking and Sentry's parameterisation: timestamps,
UUIDs, addresses, hex ids, quoted values and numbers become placeholders, so
`... server on '10.0.0.7' (111)` and `... server on 'galera.local' (113)`
normalise to one text.

Every pattern is linear-time on hostile input (100k-char lines, NULs, any
Unicode): no nested or overlapping quantifiers, every repetition is either
bounded or anchored by a look-behind that only lets a match start at the
beginning of a run, so a failed attempt never rescans the run. Nothing a user
types ever becomes a regex: templates are matched literally (signatures.py).

Two stages: `mask_values` keeps plain numbers, because numbers like 429, 2003
or 500 are words for the ranking; `normalize` also masks numbers, for the
template comparison.

`fold` gives the case of that comparison form: a signature's literal text
matches a line whatever the letters' case (`No valid host` = `no valid host`),
while placeholders keep their own rules.

`mask_secrets` is for what is *stored* (kb.learning): credentials are masked by
their context, whatever their shape (a password of letters only looks like any
word), into <SECRET>. The matcher does not need it: it stores nothing.
"""

import re

from kb.lazyre import Lazy as _Lazy

PLACEHOLDERS = (
    "<*>", "<TS>", "<UUID>", "<IP>", "<MAC>", "<HEX>", "<HOST>", "<POD>", "<STR>", "<NUM>", "<SECRET>",
    "<SLOW>",  # curators' only: the request time of a slow request (signatures.SLOW)
    "<POS>",  # curators' only: a number above 0, a counter that must not be 0 (signatures.POSITIVE)
    "<KILO>",  # curators' only: a number of 1,000 or more, a quantity in the thousands (signatures.KILO)
)
# A placeholder as written by curators (<*>, <NUM>, <IP>...) or produced here.
PLACEHOLDER_RE = re.compile(r"<(?:\*|[A-Z]{2,6})>")

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_HEX = r"[0-9a-fA-F]"

_ANSI = re.compile(r"\x1b\[[0-9;]{0,16}[A-Za-z]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# One pass over the line with one alternation: Python's regex engine skips a
# failing branch on its first character, so each branch starts with a
# character class and checks what precedes the match *after* it (the
# `(?<!X.)` look-behinds), which is also what keeps every branch linear: a
# match can only start at the beginning of a run. Among branches that match
# at the same position the first listed wins: MACs before times (fa:16:3e:12:34:56
# holds a time-like run), UUIDs before hex ids.
_H = "[0-9a-fA-F]"
# "Not after / not before a placeholder" (PLACEHOLDER_RE): one fixed-width look-behind per width.
_AFTER_PLACEHOLDER = r"(?<!<\*>)" + "".join(f"(?<!<[A-Z]{{{n}}}>)" for n in range(2, 7))
_NO_PLACEHOLDER = r"(?!<(?:\*|[A-Z]{2,6})>)"
_SYSLOG_TIME = (
    rf"{_MONTH} [ \d]?\d,? (?:\d{{4}} )?\d{{2}}:\d{{2}}:\d{{2}}(?:\.\d{{1,9}})?(?: \d{{4}}(?!\d))?"
)
_BRANCHES = (
    ("MAC", rf"{_H}(?<![\w:-].){_H}[:-](?:{_H}{{2}}[:-]){{4}}{_H}{{2}}(?![\w:-])"),
    # systemd's journal: `-- Logs begin at Tue 2017-03-28 12:02:58 UTC, end at ...`; the day's
    # name is part of the time (a lead once rested on the word `tue`)
    ("TS", rf"{_DAY}(?<!\w...) \d{{4}}-\d{{2}}-\d{{2}} \d{{2}}:\d{{2}}:\d{{2}}(?!\d)"),
    # ISO 8601 / oslo.log / libvirt / nginx: 2016-12-11 16:59:22.220, 2016-12-11T16:59:22Z,
    # 2016-12-11 16:59:31.552+0000, 2016/12/11 16:59:31
    (
        "TS",
        r"\d(?<!\d.)\d{3}[-/]\d{2}[-/]\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d{1,9})?"
        r"(?:Z|[+-]\d{2}:?\d{2}(?!\d))?)?(?!\d)",
    ),
    # syslog and ctime: Dec 11 16:59:31, Sun Dec 11 16:59:31 2016
    ("TS", rf"{_DAY},? {_SYSLOG_TIME}"),
    ("TS", _SYSLOG_TIME),
    # klog header: E1211 16:59:31.552018
    ("TS", r"[IWEF](?<!\w.)\d{4} \d{2}:\d{2}:\d{2}\.\d{1,9}"),
    # access logs: 11/Dec/2016:16:59:31 +0000; RabbitMQ: 11-Dec-2016::16:59:31; Python's
    # http.server and eventlet.wsgi (oslo services' access lines): 29/Dec/2016 10:11:52
    (
        "TS",
        rf"\d(?<!\d.)\d?[/-]{_MONTH}[/-]\d{{4}}(?::{{1,2}}| )\d{{2}}:\d{{2}}:\d{{2}}(?: [+-]\d{{4}})?",
    ),
    # kernel: [12345.678901]
    ("TS", r"\[ {0,12}\d{1,10}\.\d{3,9}\]"),
    # bare time of day: 16:59:31, 16:59:31.552
    ("TS", r"\d(?<![\w:.].)\d?:\d{2}:\d{2}(?:[.,]\d{1,9})?(?![\w:])"),
    # volume-<uuid> and instance names embed uuids after a dash, so only \w blocks the start.
    # nor does anything but a letter or a digit end one: nova's `<uuid>_del` directory
    ("UUID", rf"r(?<!\w.)eq-{_H}{{8}}-{_H}{{4}}-{_H}{{4}}-{_H}{{4}}-{_H}{{12}}(?![^\W_])"),
    ("UUID", rf"{_H}(?<!\w.){_H}{{7}}-{_H}{{4}}-{_H}{{4}}-{_H}{{4}}-{_H}{{12}}(?![^\W_])"),
    # IPv6, full or compressed; the ':' separators fix every split, so backtracking is bounded.
    # Nor does one end before a placeholder: `ab::1x` is `ab::<NUM>x` once numbers are masked.
    ("IP", rf"{_H}(?<![\w:].){_H}{{0,3}}:(?:{_H}{{1,4}}:){{6}}{_H}{{1,4}}(?![\w:]){_NO_PLACEHOLDER}"),
    (
        "IP",
        rf"{_H}(?<![\w:].){_H}{{0,3}}:(?:{_H}{{1,4}}:){{0,6}}:(?:{_H}{{1,4}}(?::{_H}{{1,4}}){{0,6}})?"
        rf"(?![\w:]){_NO_PLACEHOLDER}",
    ),
    ("IP", rf":(?<![\w:].):{_H}{{1,4}}(?::{_H}{{1,4}}){{0,6}}(?![\w:]){_NO_PLACEHOLDER}"),
    # IPv4 with optional /prefix. A port after it stays text, `<IP>:8443`, as it does after a
    # host name (`<HOST>:8443`) and a bracketed IPv6 address (`[<IP>]:8443`): a signature that
    # spells out the port after any host (`http://<*>:8443/`) then meets the address that uses
    # it and not another port (the port is a number the signature spells out: signatures.py).
    (
        "IP",
        r"\d(?<![\w.].)\d{0,2}\.(?:\d{1,3}\.){2}\d{1,3}(?:/\d{1,2})?(?!\w)(?!\.\d)",
    ),
    # fully qualified names ending in a DNS-ish suffix only: logger names like
    # nova.compute.manager and files like reflector.go are left alone. Tried before hex ids
    # (`c51471f2c.cable.wanadoo.nl` is one name, not a hex id and a tail). The root's dot
    # may end one (`http://metadata.google.internal./computeMetadata/v1/`, resolvers'
    # `kube-dns.kube-system.svc.cluster.local.`): it is part of the name. A placeholder after that
    # dot stands for the word characters that kept the first pass from reading a name there
    # (`x.svc.1` -> `x.svc.<NUM>`), so it does not end one on the second (idempotence).
    (
        "HOST",
        r"[A-Za-z0-9](?<![\w.-].)[A-Za-z0-9-]{0,62}\."
        r"(?:(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){0,11}"
        r"(?:local|localdomain|internal|lan|intra|intranet|corp|home|svc|com|net|org|edu|gov|info|biz"
        r"|external|example|test|cluster)"
        # under a country's domain, three labels at least (`biblioteka.wsi.edu.pl`,
        # `x.compute.amazonaws.com.cn`, `cp-1.utah.cloudlab.us`: ../shared/reallogs); two labels
        # (`reflector.go`, `x.pl`) may be a file
        r"|(?:[A-Za-z0-9][A-Za-z0-9-]{0,62}\.){1,11}"
        r"(?:us|uk|eu|de|fr|nl|at|ch|be|se|dk|fi|it|es|pt|ie|pl|cz|hu|ro|gr|ru|ua|tr|il|cn|jp|kr|tw"
        r"|hk|sg|au|nz|ca|mx|br|ar|za|om))\.?(?![\w.-])" + _NO_PLACEHOLDER,
    ),
    ("HEX", rf"0(?<![\w-].)x{_H}{{1,64}}(?![\w-])"),
    # ids of 8+ hex digits (container ids, shas, 32-hex uuids);
    # the callback wants a digit and a letter
    ("HEXID", rf"{_H}(?<![\w-].){_H}{{7,}}(?![\w-])"),
    # generated Kubernetes pod names, <deployment>-<template hash>-<5 chars>:
    # nova-compute-2178372418-9zx7c, coredns-5d8f7c9b6d-x7k2p; the callback wants a digit
    # in the hash. The deployment's words would otherwise read as evidence ("nova").
    (
        "POD",
        r"[a-z](?<![\w.-].)[a-z0-9]{0,62}(?:-[a-z0-9]{1,63}){0,6}?-[a-z0-9]{6,10}-[a-z0-9]{5}"
        r"(?![\w.-])",
    ),
    # a quoted value: 'galera.ccp.svc.cluster.local', '/var/lib/x';
    # the callback wants one of [\d.:/@] inside
    ("QUOTED", r"'(?<!\w.)[^'\s<>]{1,256}'"),
)
# No value starts inside a word: one look-behind lets the engine skip most
# positions of a line without trying a single branch. Nor right after a
# placeholder (`_AFTER_PLACEHOLDER`): it stands for word characters, so what
# follows it is masked as it was in the line it came from (idempotence).
_VALUES = re.compile(
    "(?<!\\w)" + _AFTER_PLACEHOLDER + "(?:"
    + "|".join(f"(?P<{kind}_{i}>{body})" for i, (kind, body) in enumerate(_BRANCHES))
    + ")",
    re.DOTALL,
)
_KIND = {f"{kind}_{i}": f"<{kind}>" for i, (kind, _body) in enumerate(_BRANCHES)}
_VALUE_CHARS = re.compile(r"[\d.:/@]")
_DIGIT = re.compile(r"\d")
_HEX_LETTER = re.compile(r"[a-fA-F]")
_NUMBER = re.compile(r"\d(?<![A-Za-z0-9<].)\d*(?:\.\d+){0,8}", re.DOTALL)


def _placeholder(match: re.Match) -> str:
    kind = _KIND[match.lastgroup]
    text = match.group(0)
    if kind == "<QUOTED>":
        return "'<STR>'" if _VALUE_CHARS.search(text, 1, len(text) - 1) else text
    if kind == "<POD>":
        return kind if _DIGIT.search(text.rsplit("-", 2)[1]) else text
    if kind == "<HEXID>":
        return "<HEX>" if _DIGIT.search(text) and _HEX_LETTER.search(text) else text
    return kind


# Python 2 reprs (u'spawning') and Python 3 reprs ('spawning') of one message.
_PY2_UNICODE = re.compile(r"(?<![\w'])" + _AFTER_PLACEHOLDER + "u'")


def _clean(text: str) -> str:
    if "\x1b" in text:
        text = _ANSI.sub("", text)
    if "u'" in text:
        text = _PY2_UNICODE.sub("'", text)
    return _CONTROL.sub(" ", text)


def mask_values(text: str) -> str:
    """Mask timestamps, ids, addresses and quoted values; keep plain numbers."""
    return " ".join(_VALUES.sub(_placeholder, _clean(text)).split())


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]{0,15}(?=:)")


def _word_placeholder(match: re.Match) -> str:
    """`_placeholder`, but a quoted value masking would hide keeps what names its object: a
    URI's scheme and its last path component before any `:option` (`rbd:volumes/volume-<UUID>:
    id=cinder` -> `rbd volume-<UUID>`, `/var/lib/nova/instances/<UUID>/disk.config` ->
    `disk.config`), masked. The directories say where, the options how it was opened."""
    if _KIND[match.lastgroup] != "<QUOTED>":
        return _placeholder(match)
    text = match.group(0)
    inner = text[1:-1]
    if not _VALUE_CHARS.search(inner):
        return text
    scheme = _SCHEME.match(inner)
    if "/" in inner:
        name = inner.rstrip("/").rsplit("/", 1)[-1].split(":", 1)[0]
    else:
        name = inner[scheme.end() + 1:].split(":", 1)[0] if scheme else inner
    named = f"{scheme.group(0)} {name}" if scheme else name
    return f"'{_VALUES.sub(_placeholder, named)}'"


def mask_words(text: str) -> str:
    """What word evidence reads of a text: `mask_values`, except that a quoted value it would
    hide keeps what names its object (`_word_placeholder`). A quoted path or volume says what
    failed (libvirt's `Cannot access storage file '/var/lib/nova/instances/<UUID>/disk.config'`
    against `... 'rbd:volumes/volume-<UUID>'`: a config drive, a Ceph volume); as `'<STR>'`
    both read the same. Template comparison keeps mask_values' form, and so does the table of
    word commonness in ordinary logs (background.py, built before this)."""
    if "'" not in text:
        return mask_values(text)
    return " ".join(_VALUES.sub(_word_placeholder, _clean(text)).split())


def masked_quotes(text: str, masked: str | None = None) -> frozenset[str]:
    """The quoted values `mask_values` turns into '<STR>' in this text, folded (without quotes):
    what a signature that spells one out needs of a line besides its masked form. `masked`, if
    the caller has it, is mask_values(text): without '<STR>' in it none was hidden, and the
    text (a traceback's thousands of characters) need not be read again."""
    if "'" not in text or (masked is not None and "'<STR>'" not in masked):
        return frozenset()
    text = _clean(text)
    found = set()
    at = text.find("'")
    while at >= 0:
        m = _QUOTED.match(text, at)
        if m and _placeholder(m) != m.group(0):
            found.add(fold(m.group(0)[1:-1]))
        at = text.find("'", m.end() if m else at + 1)
    return frozenset(found)


# _VALUES' quoted-value branch alone, behind the look-behinds of every branch. No other branch
# starts with a quote or holds one, so at a quote only this one can match, and no other match
# spans one: _VALUES finds a quoted value exactly where this does, met quote by quote
# (masked_quotes; a traceback's text has few quotes in thousands of characters).
_QUOTED = re.compile(
    "(?<!\\w)" + _AFTER_PLACEHOLDER
    + "".join(f"(?P<{kind}_{i}>{body})" for i, (kind, body) in enumerate(_BRANCHES) if kind == "QUOTED"),
    re.DOTALL,
)


def mask_numbers(masked: str) -> str:
    """Second stage: numbers become <NUM> (node-12 -> node-<NUM>, but v2, sha256 stay)."""
    return _NUMBER.sub("<NUM>", masked)


def normalize(text: str) -> str:
    """The comparison form of a line or a signature."""
    return mask_numbers(mask_values(text))


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(text: str) -> str:
    """The case-blind form of a normalised text, for comparing literal segments.

    ASCII letters only: the C prefilters of triage (Hyperscan's caseless mode,
    `bytes.lower`) fold exactly those, so triage and full matching find the
    same lines. Apply after masking: placeholders are recognised by their case.
    """
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


def numbers_in(masked: str) -> frozenset[str]:
    """The literal numbers a `mask_values` text still holds (what <NUM> would hide)."""
    return frozenset(_NUMBER.findall(masked))


# ---- Secrets -----------------------------------------------------------------------
# Compiled when first used (kb/lazyre.py): masking secrets serves what is stored (kb.learning), which
# `manage.py match` never does, and compiling these a dozen cost its start-up ~4 ms.

# Credentials are found by what surrounds them, since a password may be a plain word.
# Every pattern starts at the beginning of a run (a look-behind on the run's own
# characters) or after a fixed keyword, and its value is one bounded or greedy run
# that no following part of the pattern can also match: linear on hostile input.

SECRET = "<SECRET>"
# <SECRET> stands for the characters it replaced: nothing starts right after it, as nothing
# started inside the value it was (idempotence).
_NOT_AFTER_SECRET = r"(?<!<SECRET>)"
# A keyword starts a word, or follows "_", "-", "." or a quote (OS_PASSWORD, X-Auth-Token),
# or a URL-encoded "&", "," or "?" (%26pw%3Dx in a logged query string).
_KEY_START = r"(?:(?<![A-Za-z0-9])|(?<=%2[6Cc])|(?<=%3[Ff]))" + _NOT_AFTER_SECRET

# A value: quoted (anything up to the closing quote), or a bare run up to a space,
# a quote or a list/query separator. It never starts with "<", so <SECRET> and the
# curators' <*> are left as they are.
_QUOTED_VALUE = r"\"(?P<dq>[^\"\n]{1,256})\"|'(?P<sq>[^'\n]{1,256})'"
_BARE_VALUE = r"(?P<bare>[^\s\"'<>,;&(){}\[\]][^\s\"',;&(){}\[\]]{0,255})"
_CREDENTIAL = _Lazy(
    # a key holding a credential word: password, db_password, OS_PASSWORD, X-Auth-Token,
    # client_secret, api_key... (the word starts the key or follows a non-alphanumeric)
    rf"(?P<key>(?:{_KEY_START}"
    r"(?i:pass(?:word|wd|phrase)|pwd|pw(?![A-Za-z0-9])|secret|token|api[_-]?key|access[_-]?key"
    r"|private[_-]?key|authtoken|credentials?|session[_-]?(?:id|key)|cookie)"
    # or a CamelCase key (AWSAccessKeyId=, dbPassword=): only with "="
    r"|(?<=[A-Za-z])(?=(?:Pass(?:word|wd)|Secret|Token|AccessKey|ApiKey|PrivateKey)[A-Za-z0-9_-]{0,30}"
    r"[\"']?\s{0,3}=))"
    # the separator, also URL-encoded (password%3Dhunter2 in a logged query string)
    r"[A-Za-z0-9_-]{0,40}[\"']?\s{0,3}(?:=>|[:=]|%3[DdAa])\s{0,3})"
    rf"(?:{_QUOTED_VALUE}|{_BARE_VALUE})"
)
# A command-line flag and its value: --password hunter2, --os-password 'x', -token abc.
_FLAG = _Lazy(
    r"(?P<key>(?<![A-Za-z0-9_-])" + _NOT_AFTER_SECRET + r"--?[A-Za-z0-9-]{0,30}"
    r"(?i:pass(?:word|wd|phrase)?|pwd|secret|token|api-?key|access-?key)[ \t]{1,3})"
    rf"(?!-)(?:{_QUOTED_VALUE}|{_BARE_VALUE})"
)
# A configuration line "<name>_password <value>" (no "="): admin_password hunter2.
_CONFIG_KEY_VALUE = _Lazy(
    r"(?P<key>(?<![A-Za-z0-9_.-])[A-Za-z0-9]{1,40}[_.-](?i:password|passwd|pwd|secret)[ \t]{1,3})"
    rf"(?![=:])(?:{_QUOTED_VALUE}|{_BARE_VALUE})"
)
# mysql -uroot -phunter2: -p and the password in one word, after a MySQL/MariaDB client command.
_MYSQL_COMMAND = _Lazy(
    r"(?<![A-Za-z0-9_-])(?:mysql(?:dump|admin|import|check|show|slap|pump|sh)?|mariadb(?:-dump|-admin)?)"
    r"(?![A-Za-z0-9_-])"
)
_MYSQL_PASSWORD = _Lazy(
    r"(?P<key>(?<=\s)-p)(?:" + _QUOTED_VALUE + r"|(?P<bare>[^\s\"'<>-][^\s\"']{0,255}))"
)
_AUTH_SCHEME = r"(?i:bearer|basic|token|digest|negotiate|oauth|hmac-sha256|aws4-hmac-sha256)"
# Authorization: Bearer|Basic|Token <credentials>, as a header, a JSON field or a log.
_AUTHORIZATION = _Lazy(
    rf"(?P<key>{_KEY_START}"
    r"(?i:(?:proxy-)?authorization)[\"']?\s{0,3}[:=]\s{0,3}[\"']?"
    rf"(?:{_AUTH_SCHEME}\s{{1,3}})?)(?!{_AUTH_SCHEME}(?![A-Za-z0-9._~+/=:-]))"
    r"(?P<bare>[A-Za-z0-9._~+/=:-]{1,4096})"
)
# A bearer token alone ("Bearer eyJ...", "rejected Bearer abc..."): 8+ token characters.
_BEARER = _Lazy(
    rf"(?P<key>{_KEY_START}"
    r"(?:Bearer|BEARER|bearer)\s{1,3})(?P<bare>[A-Za-z0-9._~+/-]{8,}=*)"
)
# The password of a URL's userinfo: scheme://user:password@host
_USERINFO = _Lazy(r"(?P<key>(?<=://)[^\s:/@<>'\"]{0,128}:)(?P<bare>[^\s/@'\"]{1,256})(?=@)")
# A JSON web token: three base64url parts, the first one a JSON object ("eyJ").
_JWT = _Lazy(
    r"(?<![A-Za-z0-9_-])" + _NOT_AFTER_SECRET + r"eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"
)
# A long run of base64/base64url characters; kept unless it looks random (see _random).
_TOKEN_RUN = _Lazy(r"(?<![A-Za-z0-9+/=_-])" + _NOT_AFTER_SECRET + r"[A-Za-z0-9+/_-]{20,}=*")
_TOKEN_MIN = 20


def _masked_value(match: re.Match) -> str:
    """The key kept, the value (bare, or between its quotes) masked; <SECRET> left alone."""
    found = match.groupdict()
    for group, quote in (("dq", '"'), ("sq", "'"), ("bare", "")):
        value = found.get(group)
        if value is not None:
            return match.group(0) if value == SECRET else f"{match.group('key')}{quote}{SECRET}{quote}"
    return match.group(0)


# keystonemiddleware's "Bad response code while validating token: 400": after "token:" an HTTP
# status (three digits, 100-599, alone) is what the token got, not the token. Only a key that ends
# in "token" and a ":" (a sentence's colon; "token=400" may be a query string's value).
_TOKEN_COLON = _Lazy(r"(?i:token)[\"']?\s{0,3}:\s{0,3}$")
_HTTP_STATUS = _Lazy(r"[1-5][0-9]{2}[.:]?")


def _masked_credential(match: re.Match) -> str:
    """_masked_value, but an HTTP status after "token:" is kept."""
    bare = match.group("bare")
    if bare is not None and _HTTP_STATUS.fullmatch(bare) and _TOKEN_COLON.search(match.group("key")):
        return match.group(0)
    return _masked_value(match)


def _class(char: str) -> int:
    return 0 if char.isdigit() else 1 if char.isupper() else 2 if char.islower() else 3


def _random(match: re.Match) -> str:
    """A token: upper case, lower case and digits, switching often (not a CamelCase name)."""
    run = match.group(0)
    core = run.rstrip("=")
    if len(core) < _TOKEN_MIN:
        return run
    classes = [_class(c) for c in core]
    if not {0, 1, 2} <= set(classes):
        return run
    switches = sum(a != b for a, b in zip(classes, classes[1:], strict=False))
    return SECRET if switches * 5 >= len(core) * 2 else run  # 40% of the neighbours differ


def _mysql_passwords(text: str) -> str:
    """-p<password> after a mysql-style command on the same line (elsewhere -p is anything)."""
    lines = text.split("\n")
    for index, line in enumerate(lines):
        command = _MYSQL_COMMAND.search(line)
        if command:
            rest = _MYSQL_PASSWORD.sub(_masked_value, line[command.end():])
            lines[index] = line[:command.end()] + rest
    return "\n".join(lines)


def _mask_secrets_once(text: str) -> str:
    text = _JWT.sub(SECRET, text)
    text = _AUTHORIZATION.sub(_masked_value, text)
    text = _BEARER.sub(_masked_value, text)
    text = _CREDENTIAL.sub(_masked_credential, text)
    text = _FLAG.sub(_masked_value, text)
    text = _CONFIG_KEY_VALUE.sub(_masked_value, text)
    if "-p" in text:
        text = _mysql_passwords(text)
    text = _TOKEN_RUN.sub(_random, text)
    return _USERINFO.sub(_masked_value, text)


# A pass can make the context of another secret (a URL's password that held a token);
# passes repeat until nothing changes. Each one that changes something masks at least one
# more character, and real lines settle in one.
_SECRET_PASSES = 8


def mask_secrets(text: str) -> str:
    """Credentials -> <SECRET>: values of password/token/secret/... keys, Authorization and
    Bearer credentials, a URL's password, JSON web tokens and long random-looking tokens.

    For text that is stored; run it before the other masks (a secret may look like a
    number or an address). Idempotent.
    """
    text = _clean(text)
    for _ in range(_SECRET_PASSES):
        masked = _mask_secrets_once(text)
        if masked == text:
            break
        text = masked
    return text
