"""A paste or a small upload as text: decompressed if compressed, refused if binary or a bundle."""

import io

from .formats import (
    ARCHIVES,
    BINARY,
    COMPRESSIONS,
    HEAD_BYTES,
    Bounded,
    OverLimit,
    Refused,
    binary_reason,
    decompressor,
    human,
    kind_of,
    peek,
    wide_encoding,
)


class BundleGiven(Refused):
    """An archive where one text was expected: the caller may run it as a job instead."""


class TooLarge(Refused):
    """Text (once decompressed) above the caller's limit: a job, bounded by the upload limit,
    may read it instead. Not a bomb: a 40 KB .gz of a 300 KB log is ordinary."""


def read_text(data: bytes, name: str, limit: int) -> str:
    """The text of `data` (at most `limit` bytes once decompressed).

    Raises Refused (binary, over the limit, damaged) or BundleGiven (a tar or
    zip: several logs, which need per-file results).
    """
    kind = kind_of(data[:HEAD_BYTES * 2])
    if kind in COMPRESSIONS:
        # What it holds is told from its decompressed head, before the limit is applied:
        # a .tar.gz is a bundle whatever its size, and a big .gz log is too large, not a bomb.
        raw = Bounded(decompressor(kind, io.BytesIO(data)), [limit], limit, name)
        head, stream = peek(raw, min(HEAD_BYTES * 2, limit))
        kind = kind_of(head)
        if kind in COMPRESSIONS:
            raise Refused(f"{name} is compressed twice; decompress it once and send it again.")
        if kind not in ARCHIVES and kind != BINARY:
            data = _read_all(stream, limit, name)
    if kind in ARCHIVES:
        raise BundleGiven(f"{name} is a {kind} bundle of several files.")
    if kind == BINARY:
        raise Refused(binary_reason(name))
    if len(data) > limit:
        raise TooLarge(f"{name} is larger than the limit of {human(limit)}.")
    return decode(data)


def _read_all(stream, limit: int, name: str) -> bytes:
    out = io.BytesIO()
    try:
        while chunk := stream.read(1 << 20):
            out.write(chunk)
    except OverLimit:
        raise TooLarge(f"{name} decompresses to more than the limit of {human(limit)}.") from None
    return out.getvalue()


def decode(data: bytes) -> str:
    """Logs are UTF-8 nearly always; a stray byte of another charset becomes U+FFFD, not an error.
    UTF-16 and UTF-32 text says so by its byte order mark (formats.WIDE_TEXT)."""
    return data.decode(wide_encoding(data[:4]) or "utf-8", "replace")
