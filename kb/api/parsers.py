"""Request bodies: JSON and text/plain, read with the size limit.

DRF's own JSONParser reads the whole stream and reports a non-UTF-8 body
as a JSON error; these read at most KB_MAX_PASTE_BYTES + 1 bytes (so a
missing or lying Content-Length cannot make us buffer more). A JSON body is
decoded strictly and its refusal says which byte is wrong; a text/plain body
is a log, read as every surface reads one (a stray byte of another charset
replaced, binary refused).
"""

import codecs
import json

from django.conf import settings
from django.utils.http import parse_header_parameters
from rest_framework import parsers
from rest_framework.exceptions import ParseError

from kb import intake
from kb.intake.formats import HEAD_BYTES
from kb.intake.text import BundleGiven, TooLarge

from .exceptions import PayloadTooLarge, jobs_hint


def refuse_large_body(request, hint: str = ""):
    """413 from the declared Content-Length, before anything reads the body."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise ParseError("Content-Length is not a number.") from None
    if declared > settings.KB_MAX_PASTE_BYTES:
        raise PayloadTooLarge(**({"hint": hint} if hint else {}))


class BodyLimitMixin:
    """For views: 413 on a declared Content-Length over KB_MAX_PASTE_BYTES, before any parsing or auth.

    `too_large_hint` (a callable) says what to do instead, where there is something better
    than sending less: /api/match points to /api/jobs.
    """

    too_large_hint = None

    def initial(self, request, *args, **kwargs):
        refuse_large_body(request, self.too_large_hint() if self.too_large_hint else "")
        super().initial(request, *args, **kwargs)


def read_limited(stream) -> bytes:
    limit = settings.KB_MAX_PASTE_BYTES
    data = stream.read(limit + 1) if stream is not None else b""
    if len(data) > limit:
        raise PayloadTooLarge()
    return data


def decode(data: bytes, media_type: str, errors: str = "strict") -> str:
    """The body in the charset Content-Type names (else UTF-8). Strict for JSON, whose strings a
    client encodes itself; a text/plain log is read with `errors="replace"` (text_body)."""
    charset = parse_header_parameters(media_type or "")[1].get("charset", "utf-8")
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise ParseError(f"Unknown charset {charset!r}: send UTF-8.") from None
    try:
        return data.decode(codec, errors)
    except UnicodeDecodeError as exc:
        raise ParseError(
            f"The body is not {charset} text (byte 0x{data[exc.start]:02x} at offset {exc.start}): "
            "send UTF-8, or name the charset in Content-Type."
        ) from None


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        text = decode(read_limited(stream), media_type)
        try:
            return json.loads(text, parse_constant=_refuse_constant)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from None
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None


class PlainTextParser(parsers.BaseParser):
    """text/plain: the body is the log text (`curl --data-binary @file -H 'Content-Type: text/plain'`)."""

    media_type = "text/plain"

    def parse(self, stream, media_type=None, parser_context=None):
        return text_body(read_limited(stream), media_type)


def text_body(data: bytes, media_type: str) -> str:
    """A text/plain body: a compressed one (.gz .bz2 .xz .zst) is decompressed, binary refused."""
    kind = intake.kind_of(data[:16384])
    if kind in intake.COMPRESSIONS:
        try:
            return intake.read_text(data, "The body", settings.KB_MAX_PASTE_BYTES)
        except BundleGiven:
            raise ParseError("The body is a bundle of several files: POST it to /api/jobs.") from None
        except TooLarge as exc:
            raise PayloadTooLarge(f"{exc} {jobs_hint()}") from None
        except intake.Refused as exc:
            raise ParseError(str(exc)) from None
    if kind in intake.ARCHIVES:
        raise ParseError("The body is a bundle of several files: POST it to /api/jobs.")
    if kind == intake.WIDE_TEXT:  # its byte order mark says which: it wins over a charset named
        return intake.decode(data)
    # A charset named in Content-Type (UTF-16 without a mark, say) is what the bytes are; whether
    # they are binary is then told from the text they make.
    named = "charset" in parse_header_parameters(media_type or "")[1]
    if kind == intake.BINARY and not named:
        raise ParseError(intake.binary_reason("The body"))
    # A log with a stray byte of another charset (a Latin-1 "café" in a UTF-8 log) is read with
    # that byte replaced, as the page, the CLI and chat read it (kb.intake.decode); binary was
    # refused above, by the share of such bytes.
    text = decode(data, media_type, errors="replace")
    if kind == intake.BINARY and intake.is_binary(text[:HEAD_BYTES].encode("utf-8", "replace")):
        raise ParseError(intake.binary_reason("The body"))
    return text


def _refuse_constant(name):
    raise ValueError(f"{name} is not valid JSON")
