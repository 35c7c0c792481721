"""Intake: text, binary, compressed files and bundles read the same way by every surface."""

import bz2
import gzip
import io
import lzma
import os
import tarfile
import zipfile

import pytest
import zstandard

from kb.intake import Member, Refused, Skipped, is_binary, members, read_text
from kb.intake.text import BundleGiven

LOG = b"2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager [-] something failed\n" * 20
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4

COMPRESSORS = {
    "gz": gzip.compress,
    "bz2": bz2.compress,
    "xz": lzma.compress,
    "zst": lambda data: zstandard.ZstdCompressor().compress(data),
}


def walk(source, limit=1 << 20, name=None):
    out = []
    for item in members(source, limit, name):
        if isinstance(item, Member):
            out.append((item.path, item.stream.read()))
        else:
            out.append((item.path, item.reason))
    return out


@pytest.mark.parametrize("suffix", sorted(COMPRESSORS))
def test_it_decompresses_each_compression_by_content(suffix):
    data = COMPRESSORS[suffix](LOG)
    assert read_text(data, f"nova.log.{suffix}", 1 << 20) == LOG.decode()
    assert walk(io.BytesIO(data), name="upload") == [("upload", LOG)]


def test_it_refuses_binary_with_the_reason():
    with pytest.raises(Refused, match="binary, not a text log"):
        read_text(ELF, "core.dump", 1 << 20)
    with pytest.raises(Refused, match="binary"):
        read_text(gzip.compress(ELF), "core.gz", 1 << 20)


def test_it_reads_text_with_stray_bytes_of_another_charset():
    assert read_text(b"caf\xe9 failed\n", "x.log", 100) == "caf\ufffd failed\n"


def test_it_refuses_a_compression_bomb_stating_the_limit():
    bomb = gzip.compress(b"A" * (8 << 20))
    assert len(bomb) < 64 << 10
    with pytest.raises(Refused, match=r"more than the limit of 1\.0 MiB \(1048576 bytes\)"):
        read_text(bomb, "bomb.gz", 1 << 20)
    with pytest.raises(Refused, match="limit of 1.0 MiB"):
        walk(io.BytesIO(bomb))


def test_it_refuses_a_zip_bomb_from_its_declared_sizes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(4):
            archive.writestr(f"part{n}.log", b"A" * (1 << 20))
    with pytest.raises(Refused, match="declares 4.0 MiB .* more than the limit of 1.0 MiB"):
        walk(io.BytesIO(buffer.getvalue()))


def tar_bundle(mode="w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in [
            ("var/log/nova/nova-compute.log", LOG),
            ("var/log/nova/nova-compute.log.1.gz", gzip.compress(LOG)),
            ("var/lib/core.bin", ELF),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("var/log/passwd")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        archive.addfile(link)
    return buffer.getvalue()


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_it_walks_a_tar_in_any_compression(mode):
    assert walk(io.BytesIO(tar_bundle(mode))) == [
        ("var/log/nova/nova-compute.log", LOG),
        ("var/log/nova/nova-compute.log.1.gz", LOG),
        ("var/lib/core.bin", "binary (not a text log)"),
        ("var/log/passwd", "a link to /etc/passwd; links are not followed"),
    ]


def test_it_walks_a_zstd_tar_and_a_zip():
    plain = tar_bundle("w")
    zst = zstandard.ZstdCompressor().compress(plain)
    assert [p for p, _ in walk(io.BytesIO(zst))][:2] == [
        "var/log/nova/nova-compute.log", "var/log/nova/nova-compute.log.1.gz"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.log", LOG)
        archive.writestr("b.log.xz", lzma.compress(LOG))
    assert walk(io.BytesIO(buffer.getvalue())) == [("a.log", LOG), ("b.log.xz", LOG)]


def test_a_paste_that_is_a_bundle_is_told_apart():
    with pytest.raises(BundleGiven):
        read_text(tar_bundle(), "sos.tar.gz", 1 << 20)


def test_it_walks_a_directory_without_leaving_it(tmp_path):
    outside = tmp_path / "outside.log"
    outside.write_bytes(LOG)
    root = tmp_path / "sosreport"
    (root / "var/log").mkdir(parents=True)
    (root / "var/log/messages").write_bytes(LOG)
    (root / "var/log/messages.1.bz2").write_bytes(bz2.compress(LOG))
    (root / "var/log/wtmp").write_bytes(ELF)
    os.symlink(outside, root / "var/log/escape.log")
    os.symlink(root / "var/log/messages", root / "var/log/inside.log")
    os.symlink(tmp_path, root / "var/up")
    assert walk(root) == [
        ("var/up", "a link to a directory; not followed"),
        ("var/log/escape.log", "a link leaving the bundle; not followed"),
        ("var/log/inside.log", LOG),
        ("var/log/messages", LOG),
        ("var/log/messages.1.bz2", LOG),
        ("var/log/wtmp", "binary (not a text log)"),
    ]


def test_a_single_file_path_is_one_member(tmp_path):
    path = tmp_path / "nova.log.xz"
    path.write_bytes(lzma.compress(LOG))
    assert walk(path) == [(str(path), LOG)]
    with pytest.raises(Refused, match="No such file"):
        walk(tmp_path / "missing.log")


def test_damaged_compressed_data_is_refused():
    with pytest.raises(Refused, match="damaged"):
        read_text(gzip.compress(LOG)[:-30] + b"\x00" * 30, "cut.gz", 1 << 20)


def test_members_are_lazy_items():
    items = list(members(io.BytesIO(ELF), 100, "x"))
    assert items == [Skipped("x", "binary (not a text log)")]


def test_a_log_with_a_few_stray_nuls_or_latin1_bytes_is_text():
    assert not is_binary(LOG[:500] + b"\x00\x00\x00" + "café déjà".encode("latin-1") + LOG[:500])
    assert is_binary(b"\x00" * 4096 + LOG[:1000])  # zero padding bigger than the text: not a log
    assert is_binary(bytes(range(128, 256)) * 20)  # not UTF-8 at all


# Windows writes "Unicode" text as UTF-16 with a byte order mark (PowerShell's `>` and Out-File,
# Notepad's "Unicode"): seen refused as "binary, not a text log" on every surface.
WIDE = {
    "utf-16-le": b"\xff\xfe" + LOG.decode().encode("utf-16-le"),
    "utf-16-be": b"\xfe\xff" + LOG.decode().encode("utf-16-be"),
    "utf-32-le": b"\xff\xfe\x00\x00" + LOG.decode().encode("utf-32-le"),
}


@pytest.mark.parametrize("encoding", sorted(WIDE))
def test_a_utf16_or_utf32_log_with_its_byte_order_mark_is_text(encoding):
    data = WIDE[encoding]
    assert read_text(data, "win.log", 1 << 20) == LOG.decode()
    assert read_text(gzip.compress(data), "win.log.gz", 1 << 20) == LOG.decode()
    # streamed (bundles, jobs, manage.py match): the member's bytes are UTF-8, read in small pieces too
    assert walk(io.BytesIO(data), name="win.log") == [("win.log", LOG)]
    item = next(members(io.BytesIO(data), 1 << 20, "win.log"))
    assert b"".join(iter(lambda: item.stream.read(7), b"")) == LOG


def test_a_utf16_member_of_a_bundle_is_read_not_skipped():
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in [("logs/win.log", WIDE["utf-16-le"]), ("logs/core", ELF)]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    buffer.seek(0)
    assert walk(buffer, name="bundle.tar.gz") == [
        ("logs/win.log", LOG), ("logs/core", "binary (not a text log)"),
    ]


def test_a_wide_log_counts_against_the_limit_as_it_decodes():
    with pytest.raises(Refused, match="larger than the limit"):
        read_text(WIDE["utf-16-le"], "win.log", len(LOG) - 1)
