"""What a stream of bytes is (text, binary, compressed, an archive) and how to read it as text.

Detection is by content (magic numbers), never by the file name alone: an
upload called `nova.log` may be gzip, and a `.log.1` may be plain text.
Decompression is streamed and bounded: `Bounded` stops a stream the moment it
has produced more than its limit, so a bomb costs at most the limit in work
and never in memory.
"""

import bz2
import codecs
import gzip
import io
import lzma
from typing import BinaryIO

# Bytes looked at to decide text or binary.
HEAD_BYTES = 8192
# Share of control bytes (not tab/newline/CR/form feed/escape) above which a head is binary.
_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b\x08")

GZIP, BZIP2, XZ, ZSTD, TAR, ZIP, TEXT, BINARY, EMPTY = (
    "gzip", "bzip2", "xz", "zstd", "tar", "zip", "text", "binary", "empty"
)
# Text in UTF-16 or UTF-32, told by its byte order mark: what Windows writes as "Unicode"
# (PowerShell's `>` and Out-File, Notepad). Its NUL bytes would otherwise make it binary.
WIDE_TEXT = "wide text"
COMPRESSIONS = (GZIP, BZIP2, XZ, ZSTD)
ARCHIVES = (TAR, ZIP)

_MAGIC = (
    (b"\x1f\x8b", GZIP),
    (b"BZh", BZIP2),
    (b"\xfd7zXZ\x00", XZ),
    (b"\x28\xb5\x2f\xfd", ZSTD),
    (b"PK\x03\x04", ZIP),
    (b"PK\x05\x06", ZIP),  # an empty zip
)


# UTF-32's marks first: UTF-16 LE's is the start of UTF-32 LE's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class Refused(ValueError):
    """Input kb will not read, with the reason a person can act on."""


class OverLimit(Refused):
    """A decompressed stream passed its limit (Bounded)."""


def human(size: int) -> str:
    """A limit or a size as kb states it: binary units, then the exact bytes ("5.0 MiB (5242880 bytes)")."""
    short = binary_size(size)
    return short if size < 1024 else f"{short} ({size} bytes)"


def binary_size(size: int) -> str:
    """A size in binary units, one way on every surface ("5.0 MiB"; static/js/kb.js writes them
    alike): Django's filesizeformat counts in 1024s too but writes "5.0 MB"."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def kind_of(head: bytes) -> str:
    """gzip, bzip2, xz, zstd, zip, tar, text, wide text, binary or empty, from the first bytes."""
    if not head:
        return EMPTY
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if wide_encoding(head):
        return WIDE_TEXT
    if len(head) >= 262 and head[257:262] == b"ustar":
        return TAR
    return BINARY if is_binary(head) else TEXT


def wide_encoding(head: bytes) -> str | None:
    """"utf-16" or "utf-32" when `head` opens with its byte order mark (the codec reads the
    mark to tell the byte order, and drops it), else None."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return None


def is_binary(head: bytes) -> bool:
    """More than 10 % of the head is control bytes (NUL included) or not UTF-8: not a log.

    A share, not "any NUL" as grep decides: real logs carry a few stray NULs (a
    crash leaves zero padding, a tool writes a NUL field) and a few bytes of
    another charset, and should still be read. Executables, images, core dumps,
    systemd journals and databases are far above the share.
    """
    sample = head[:HEAD_BYTES]
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    # a character cut at the end of the sample is not evidence of anything
    undecodable = sample.decode("utf-8", "replace")[:-1].count("\ufffd")
    return controls + undecodable > _CONTROL_SHARE * len(sample)


def decompressor(kind: str, raw: BinaryIO) -> BinaryIO:
    """A readable stream of the decompressed bytes of `raw`."""
    if kind == GZIP:
        return gzip.GzipFile(fileobj=raw, mode="rb")
    if kind == BZIP2:
        return bz2.BZ2File(raw, mode="rb")
    if kind == XZ:
        return lzma.LZMAFile(raw, mode="rb")
    if kind == ZSTD:
        import zstandard

        return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)
    raise ValueError(f"not a compression: {kind}")


class Bounded(io.RawIOBase):
    """A stream that refuses to give more than `limit` bytes in all (a budget it may share).

    `budget` is a one-item list so that every member of a bundle draws from the
    same allowance: the whole bundle is bounded, not each file.
    """

    def __init__(self, raw: BinaryIO, budget: list[int], limit: int, what: str):
        self.raw, self.budget, self.limit, self.what = raw, budget, limit, what

    def readable(self):
        return True

    def readinto(self, buffer) -> int:
        try:
            data = self.raw.read(len(buffer))
        except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
            raise Refused(f"{self.what}: the compressed data is damaged ({exc}).") from None
        if len(data) > self.budget[0]:
            raise OverLimit(
                f"{self.what} decompresses to more than the limit of {human(self.limit)}; "
                "kb refuses it (a compression bomb, or a log too large for this kb)."
            )
        self.budget[0] -= len(data)
        buffer[: len(data)] = data
        return len(data)


class Utf8Of(io.RawIOBase):
    """The UTF-8 bytes of a stream of UTF-16 or UTF-32 text (a WIDE_TEXT log), decoded as it is
    read: a member of a bundle or a job's upload is streamed, never held whole. A character the
    codec cannot read (an unpaired surrogate, a cut last byte) becomes U+FFFD, as in decode()."""

    def __init__(self, raw: BinaryIO, encoding: str):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder(encoding)("replace")
        self.pending, self.ended = b"", False

    def readable(self):
        return True

    def readinto(self, buffer) -> int:
        while not self.pending and not self.ended:
            chunk = self.raw.read(1 << 16)
            self.ended = not chunk
            self.pending = self.decoder.decode(chunk, final=self.ended).encode("utf-8")
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count


def utf8_stream(head: bytes, stream: BinaryIO) -> BinaryIO:
    """`stream` (which yields `head` first) as UTF-8 bytes: itself, unless `head` marks wide text."""
    encoding = wide_encoding(head)
    return io.BufferedReader(Utf8Of(stream, encoding), 1 << 20) if encoding else stream


class Prefixed(io.RawIOBase):
    """Bytes already read (a head), then the rest of the stream, as one readable stream."""

    def __init__(self, head: bytes, rest: BinaryIO):
        self.head, self.rest = memoryview(head), rest

    def readable(self):
        return True

    def readinto(self, buffer) -> int:
        if self.head:
            count = min(len(buffer), len(self.head))
            buffer[:count] = self.head[:count]
            self.head = self.head[count:]
            return count
        data = self.rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def peek(stream: BinaryIO, size: int = HEAD_BYTES) -> tuple[bytes, BinaryIO]:
    """The first bytes of a stream, and a stream that still yields them."""
    head = b""
    while len(head) < size:
        chunk = stream.read(size - len(head))
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(Prefixed(head, stream), 1 << 20)


def binary_reason(name: str, *, files: bool = True) -> str:
    """Why binary input is refused, and what to send instead: a surface that takes only text
    (a chat command) cannot take a compressed file or a bundle, so it does not offer them.
    The CLI names standard input `-`, which reads as no name at all in a sentence."""
    name = "standard input" if name == "-" else name
    instead = "or compressed (.gz, .bz2, .xz, .zst) or as a bundle (.tar, .zip)" if files else "pasted"
    return (f"{name} is binary, not a text log (it holds NUL or control bytes); "
            f"send the log as text, {instead}.")
