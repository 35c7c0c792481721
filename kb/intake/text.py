"""A paste or a small upload as text: decompressed if compressed, refused if binary or a bundle."""

import io

from .formats import (
    ARCHIVES,
    BINARY,
    COMPRESSIONS,
    HEAD_BYTES,
    Bounded,
    Refused,
    binary_reason,
    decompressor,
    human,
    kind_of,
)


class BundleGiven(Refused):
    """An archive where one text was expected: the caller may run it as a job instead."""


def read_text(data: bytes, name: str, limit: int) -> str:
    """The text of `data` (at most `limit` bytes once decompressed).

    Raises Refused (binary, over the limit, damaged) or BundleGiven (a tar or
    zip: several logs, which need per-file results).
    """
    kind = kind_of(data[:HEAD_BYTES * 2])
    if kind in COMPRESSIONS:
        raw = Bounded(decompressor(kind, io.BytesIO(data)), [limit], limit, name)
        data = _read_all(raw, limit, name)
        kind = kind_of(data[:HEAD_BYTES * 2])
        if kind in COMPRESSIONS:
            raise Refused(f"{name} is compressed twice; decompress it once and send it again.")
    if kind in ARCHIVES:
        raise BundleGiven(f"{name} is a {kind} bundle of several files.")
    if kind == BINARY:
        raise Refused(binary_reason(name))
    if len(data) > limit:
        raise Refused(f"{name} is larger than the limit of {human(limit)}.")
    return decode(data)


def _read_all(raw, limit: int, name: str) -> bytes:
    out = io.BytesIO()
    while chunk := raw.read(1 << 20):
        out.write(chunk)
    return out.getvalue()


def decode(data: bytes) -> str:
    """Logs are UTF-8 nearly always; a stray byte of another charset becomes U+FFFD, not an error."""
    return data.decode("utf-8", "replace")
