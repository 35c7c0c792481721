"""Walk what an operator hands kb into the logs it holds: one file, a compressed file, a bundle.

`members(source)` yields, in order, a `Member` (a readable stream of one
log's text bytes, decompressed, in UTF-8) or a `Skipped` (a path and why it was not
read: binary, a link, a nested archive...). Tar archives are read as a
stream, so a caller must finish reading a member before asking for the next.

Nothing is ever extracted to disk, so a member named `../../etc/passwd` is
only a name. Links are never followed out of the bundle: tar and zip links
are skipped, and in a directory a symlink is read only when its target lies
inside the directory.

Every decompression (of the bundle, and of each compressed member) draws from
one budget of `limit` decompressed bytes: a bomb is refused with the limit
stated as soon as it passes it.
"""

import os
import shutil
import stat
import tarfile
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .formats import (
    ARCHIVES,
    BINARY,
    COMPRESSIONS,
    TAR,
    Bounded,
    Refused,
    binary_reason,
    decompressor,
    human,
    kind_of,
    peek,
    utf8_stream,
)

# Members deeper than this (an archive in an archive in an archive) are listed, not opened.
MAX_DEPTH = 2


@dataclass
class Member:
    path: str
    stream: BinaryIO  # text bytes, decompressed
    compression: str = ""  # the compression it was stored with, if any


# A member skipped for being binary says so in these words (kb.analysis refuses a lone one).
BINARY_MEMBER = "binary (not a text log)"


@dataclass
class Skipped:
    path: str
    reason: str


class _Walk:
    def __init__(self, limit: int):
        self.limit = limit
        self.budget = [limit]

    def stream(self, raw: BinaryIO, name: str, depth: int = 0, compression: str = ""):
        head, stream = peek(raw)
        kind = kind_of(head)
        if kind in COMPRESSIONS:
            if compression:
                yield Skipped(name, f"compressed twice ({compression} of {kind}); not opened")
                return
            inner = Bounded(decompressor(kind, stream), self.budget, self.limit, name)
            yield from self.stream(inner, name, depth, kind)
        elif kind in ARCHIVES:
            if depth >= MAX_DEPTH:
                yield Skipped(name, "an archive nested too deep; not opened")
            elif kind == TAR:
                yield from self.tar(stream, name, depth)
            else:
                yield from self.zip(stream, name, depth)
        elif kind == BINARY:
            yield Skipped(name, BINARY_MEMBER)
        else:  # text (UTF-8, or UTF-16/32 read as UTF-8), or empty
            yield Member(name, utf8_stream(head, stream), compression)

    def tar(self, stream: BinaryIO, name: str, depth: int):
        try:
            archive = tarfile.open(fileobj=stream, mode="r|")
            for info in archive:
                path = _inside(name, info.name, depth)
                if info.isdir():
                    continue
                if info.issym() or info.islnk():
                    yield Skipped(path, f"a link to {info.linkname}; links are not followed")
                elif not info.isreg():
                    yield Skipped(path, "not a regular file")
                else:
                    yield from self.stream(archive.extractfile(info), path, depth + 1)
        except tarfile.TarError as exc:
            raise Refused(f"{name}: not a readable tar archive ({exc}).") from None

    def zip(self, stream: BinaryIO, name: str, depth: int):
        with _seekable(stream, self.limit, name) as seekable:
            try:
                archive = zipfile.ZipFile(seekable)
            except zipfile.BadZipFile as exc:
                raise Refused(f"{name}: not a readable zip archive ({exc}).") from None
            declared = sum(info.file_size for info in archive.infolist())
            if declared > self.budget[0]:
                raise Refused(
                    f"{name} declares {human(declared)} of content, more than the limit of "
                    f"{human(self.limit)}; kb refuses it (a compression bomb, or too large)."
                )
            for info in archive.infolist():
                path = _inside(name, info.filename, depth)
                mode = info.external_attr >> 16
                if info.is_dir():
                    continue
                if stat.S_ISLNK(mode):
                    yield Skipped(path, "a link; links are not followed")
                    continue
                raw = Bounded(archive.open(info), self.budget, self.limit, path)
                yield from self.stream(raw, path, depth + 1)

    def directory(self, root: Path) -> Iterator[Member | Skipped]:
        real_root = os.path.realpath(root)
        for folder, dirs, files in os.walk(root, followlinks=False):
            dirs.sort()
            for entry in sorted(dirs):
                full = os.path.join(folder, entry)
                if os.path.islink(full):
                    yield Skipped(os.path.relpath(full, root), "a link to a directory; not followed")
            for entry in sorted(files):
                full = os.path.join(folder, entry)
                yield from self.file(full, os.path.relpath(full, root), real_root)

    def file(self, full: str, path: str, real_root: str):
        target = os.path.realpath(full)
        if os.path.islink(full) and os.path.commonpath([real_root, target]) != real_root:
            yield Skipped(path, "a link leaving the bundle; not followed")
            return
        try:
            if not stat.S_ISREG(os.stat(target).st_mode):
                yield Skipped(path, "not a regular file")
                return
            handle = open(target, "rb")
        except OSError as exc:
            yield Skipped(path, f"unreadable ({exc.strerror})")
            return
        with handle:
            yield from self.stream(handle, path, 1)


def _inside(bundle: str, member: str, depth: int) -> str:
    member = member.lstrip("/").removeprefix("./")
    return member if depth == 0 else f"{bundle}/{member}"


class _seekable:
    """The stream itself when it can seek; else a temporary copy (bounded by the limit)."""

    def __init__(self, stream: BinaryIO, limit: int, name: str):
        self.stream, self.limit, self.name, self.copy = stream, limit, name, None

    def __enter__(self):
        try:
            if self.stream.seekable():
                self.stream.seek(0)
                return self.stream
        except (AttributeError, OSError):
            pass
        self.copy = tempfile.TemporaryFile(prefix="kb-zip-")
        shutil.copyfileobj(Bounded(self.stream, [self.limit], self.limit, self.name), self.copy)
        self.copy.seek(0)
        return self.copy

    def __exit__(self, *exc):
        if self.copy is not None:
            self.copy.close()


def members(source: str | Path | BinaryIO, limit: int, name: str | None = None):
    """The logs in a path (file or directory) or a binary stream, as Member / Skipped items.

    Raises Refused for a bomb (more than `limit` decompressed bytes in all) or
    a damaged archive; a single binary file is one Skipped item.
    """
    walk = _Walk(limit)
    if isinstance(source, str | Path):
        path = Path(source)
        if path.is_dir():
            return walk.directory(path)
        return _single(walk, path, name or str(source))
    return walk.stream(source, name or "-")


def _single(walk: _Walk, path: Path, name: str):
    try:
        handle = open(path, "rb")
    except OSError as exc:
        raise Refused(f"{name}: {exc.strerror}.") from None
    with handle:
        yield from walk.stream(handle, name)


__all__ = ["Member", "Refused", "Skipped", "binary_reason", "members"]
