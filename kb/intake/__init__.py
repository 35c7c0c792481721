"""Intake: how every surface (web paste and upload, API, CLI, chat, jobs) reads what it is given.

    text = read_text(data, "upload.log.gz", limit)       # a paste or small upload, as text
    for item in members(path_or_stream, limit): ...       # the logs in a file or a bundle

One place decides what is binary (refused with the reason), what is
compressed (.gz, .bz2, .xz, .zst: decompressed, bounded by the limit) and
what is a bundle (.tar in any compression, .zip, a directory: walked into
its members). Pure Python, no Django: callers pass the limit.
"""

from .bundles import BINARY_MEMBER, Member, Skipped, members
from .formats import (
    ARCHIVES,
    BINARY,
    COMPRESSIONS,
    WIDE_TEXT,
    Refused,
    binary_reason,
    binary_size,
    human,
    is_binary,
    kind_of,
)
from .text import decode, read_text

__all__ = [
    "ARCHIVES",
    "BINARY",
    "BINARY_MEMBER",
    "COMPRESSIONS",
    "Member",
    "Refused",
    "Skipped",
    "WIDE_TEXT",
    "binary_reason",
    "decode",
    "binary_size",
    "human",
    "is_binary",
    "kind_of",
    "members",
    "read_text",
]
