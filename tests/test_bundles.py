"""Bundles and compressed logs through `manage.py match`: each member matched as its own log."""

import gzip
import io
import json
import tarfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db

KUBEDNS = "kubedns-cannot-handle-big-cluster-load-with-default-settings"
NOISE = "2016-12-11 16:59:{:02d}.{:03d} 1165 INFO nova.compute.manager [-] Running periodic task {}\n"
DNS = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)\n")
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4


@pytest.fixture(autouse=True)
def knowledge():
    call_command("import_rst", *map(str, sorted(FIXTURES.glob("*.rst"))), stdout=StringIO())


def log(lines: int, known_at: set[int]) -> bytes:
    return "".join(
        DNS if n in known_at else NOISE.format(n % 60, n % 1000, n) for n in range(1, lines + 1)
    ).encode()


def bundle(tmp_path):
    path = tmp_path / "sosreport.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [
            ("var/log/quiet.log", log(30, set())),
            ("var/log/dnsmasq.log.1.gz", gzip.compress(log(40, {5, 33}))),
            ("var/log/core", ELF),
        ]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("match", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_tar_gz_bundle_gives_results_per_file(tmp_path):
    report = json.loads(run(str(bundle(tmp_path)), "--json"))
    files = {f["path"]: f for f in report["files"]}
    assert list(files) == ["var/log/quiet.log", "var/log/dnsmasq.log.1.gz"]
    assert files["var/log/quiet.log"]["lines_total"] == 30
    assert [m for m in files["var/log/quiet.log"]["matches"] if m["confident"]] == []
    dns = files["var/log/dnsmasq.log.1.gz"]
    assert dns["compression"] == "gzip"
    assert (dns["lines_total"], dns["lines_matched"]) == (40, 2)
    assert [(m["slug"], m["line_count"]) for m in dns["matches"] if m["confident"]] == [(KUBEDNS, 2)]
    assert report["skipped"] == [{"path": "var/log/core", "reason": "binary (not a text log)"}]
    top = report["matches"][0]
    assert top["issue"]["slug"] == KUBEDNS and top["confident"]
    assert [(line["file"], line["number"]) for line in top["lines"]] == [
        ("var/log/dnsmasq.log.1.gz", 5), ("var/log/dnsmasq.log.1.gz", 33)]
    assert report["lines_total"] == 70


def test_the_text_report_lists_files_and_skipped_members(tmp_path):
    text = run(str(bundle(tmp_path)))
    assert "var/log/dnsmasq.log.1.gz: 40 lines, 2 matched: " + KUBEDNS in text
    assert "var/log/core: skipped, binary (not a text log)" in text
    # The matched line, with its file, as its message without the log prefix (kb/terminal.py).
    assert "var/log/dnsmasq.log.1.gz:5: Maximum number of concurrent DNS queries reached" in text


def test_the_per_file_summary_counts_one_line_as_one_line(tmp_path):
    """Seen with a sosreport holding a one-line dnsmasq log: "var/log/dnsmasq.log: 1 lines, 1 matched"."""
    path = tmp_path / "logs.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, data in [("var/log/dnsmasq.log", DNS.encode()), ("var/log/quiet.log", log(2, set()))]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    text = run(str(path))
    assert "  var/log/dnsmasq.log: 1 line, 1 matched: " + KUBEDNS in text
    assert "  var/log/quiet.log: 2 lines, 0 matched" in text


def test_a_bundle_member_larger_than_the_full_limit_is_triaged(tmp_path):
    report = json.loads(run(str(bundle(tmp_path)), "--json", "--full-limit", "1000"))
    dns = next(f for f in report["files"] if f["path"].endswith(".gz"))
    assert dns["mode"] == "triage"
    assert [(m["slug"], m["line_count"]) for m in dns["matches"]] == [(KUBEDNS, 2)]


def test_a_compressed_log_is_one_log(tmp_path):
    path = tmp_path / "dnsmasq.log.gz"
    path.write_bytes(gzip.compress(log(20, {4})))
    report = json.loads(run(str(path), "--json"))
    assert report["mode"] == "full"
    assert [line["number"] for line in report["matches"][0]["lines"]] == [4]


def test_a_utf16_log_is_matched_not_refused_as_binary(tmp_path):
    """Seen: `manage.py match` on a log PowerShell wrote (UTF-16, byte order mark) said
    "is binary, not a text log"; so did a job given it in a bundle."""
    path = tmp_path / "dnsmasq.log"
    path.write_bytes(b"\xff\xfe" + log(40, {5, 33}).decode().encode("utf-16-le"))
    report = json.loads(run(str(path), "--json"))
    assert report["lines_total"] == 40
    assert [m["issue"]["slug"] for m in report["matches"] if m["confident"]] == [KUBEDNS]
    assert [line["number"] for line in report["matches"][0]["lines"]] == [5, 33]


def test_a_binary_file_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "core"
    path.write_bytes(ELF)
    with pytest.raises(CommandError, match="binary, not a text log"):
        run(str(path))


def test_binary_standard_input_is_refused_by_that_name(monkeypatch):
    # Seen: "- is binary, not a text log" (`-` is how the command is told to read stdin)
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ELF)))
    with pytest.raises(CommandError, match=r"^standard input is binary, not a text log"):
        run("-")


def test_a_compression_bomb_is_refused_with_the_limit(tmp_path, settings):
    settings.KB_MAX_UPLOAD_BYTES = 1 << 20
    path = tmp_path / "bomb.gz"
    path.write_bytes(gzip.compress(b"x" * (4 << 20)))
    with pytest.raises(CommandError, match=r"more than the limit of 1\.0 MiB"):
        run(str(path))


def test_a_directory_is_a_bundle(tmp_path):
    root = tmp_path / "logs"
    root.mkdir()
    (root / "a.log").write_bytes(log(10, {2}))
    (root / "b.log").write_bytes(log(10, set()))
    report = json.loads(run(str(root), "--json"))
    assert [(f["path"], f["lines_matched"]) for f in report["files"]] == [("a.log", 1), ("b.log", 0)]


def test_an_issue_seen_in_two_files_says_why_over_both(tmp_path):
    root = tmp_path / "logs"
    root.mkdir()
    (root / "a.log").write_bytes(log(10, {2}))
    (root / "b.log").write_bytes(log(10, {4, 7}))
    report = json.loads(run(str(root), "--json"))
    [dns] = [m for m in report["matches"] if m["issue"]["slug"] == KUBEDNS]
    # the card, the headline's line count and `why` count the same lines, and `why` names
    # the deciding line (listed first) by its file as well as its number
    assert dns["line_count"] == 3
    shown = [(line["file"], line["number"]) for line in dns["lines"]]
    assert shown == [("a.log", 2), ("b.log", 4), ("b.log", 7)]
    assert dns["why"].startswith("a.log: Line 2 ")
    assert dns["why"].endswith("; 3 lines in all.")


class Terminal(StringIO):
    def isatty(self):
        return True


def test_a_terminal_sees_progress_in_its_own_colour(tmp_path, monkeypatch):
    from kb import match_command as match

    monkeypatch.setattr(match, "_REDRAW", 0.01)
    slow = match.analyse

    def analyse(*args, **kwargs):
        import time

        report = slow(*args, **kwargs)
        time.sleep(0.1)  # long enough for the ticker to draw
        return report

    monkeypatch.setattr(match, "analyse", analyse)
    err = Terminal()
    call_command("match", str(bundle(tmp_path)), stdout=StringIO(), stderr=err, force_color=True)
    shown = err.getvalue()
    assert "files" in shown and "lines" in shown and "\r" in shown
    assert "\x1b[31" not in shown and "\x1b[1;31" not in shown  # not red: it is not an error


def test_the_result_page_names_the_file_of_each_matched_line(tmp_path, client):
    """Line numbers count within each file of a bundle: the page names the file beside each."""
    from kb.analysis import analyse
    from kb.intake.bundles import members
    from kb.jobs.results import store
    from kb.matching.loader import current_engine

    path = tmp_path / "two-nodes.tar"
    with tarfile.open(path, "w") as archive:
        for name, data in [("node-1/dnsmasq.log", log(10, {3})), ("node-2/dnsmasq.log", log(10, {7}))]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    report = analyse(current_engine(), members(str(path), 10**7), full_limit=10**7)
    page = client.get(store(report, "job", name=path.name).get_absolute_url()).content.decode()
    card = page[page.index('id="match-' + KUBEDNS):page.index("Why:")]
    lines = card.split('<li class="log-line">')[1:]
    named = [("node-1/dnsmasq.log" in li, "node-2/dnsmasq.log" in li, 'aria-label="line 3"' in li,
              'aria-label="line 7"' in li) for li in lines]
    assert named == [(True, False, True, False), (False, True, False, True)]
    # one log alone: its numbers need no file name
    one = tmp_path / "one.log"
    one.write_bytes(log(10, {3}))
    single = analyse(current_engine(), members(str(one), 10**7), full_limit=10**7)
    page = client.get(store(single, "job", name="one.log").get_absolute_url()).content.decode()
    assert 'aria-label="line 3"' in page and "log-line__file" not in page


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\r\r\n"])
def test_the_progress_of_a_log_matched_in_full_counts_every_line_end(tmp_path, newline):
    """Issue 9: the stage counted \\n only: a lone-CR log was 'matching 0 lines in full'."""
    from kb.analysis import analyse
    from kb.intake import members
    from kb.matching import Engine
    from tests.bench.sample_kb import load_issue_specs

    path = tmp_path / "cr.log"
    path.write_text(newline.join(["one", "two", "three"]) + newline, newline="")
    stages = []
    report = analyse(Engine.build(load_issue_specs()), members(str(path), 1 << 20), full_limit=1 << 20,
                     progress=lambda state: stages.append(state.stage))
    assert "matching 3 lines in full" in stages
    assert report.files[0].report.lines_total == 3


def test_the_unmatched_lines_of_a_bundle_come_from_every_file(tmp_path):
    """Seen: a tar.gz of four real logs (OpenSSH, Linux, HDFS, a nova-compute log) listed, and
    queued as unknown errors, 200 unmatched lines of its first file only: the other three files'
    failures never reached the page or the queue. Each file now has its share, in file order."""
    from kb.analysis import analyse
    from kb.intake import members
    from kb.matching.loader import current_engine
    from kb.matching.report import MAX_UNMATCHED

    folder = tmp_path / "logs"
    folder.mkdir()
    for name, program in (("a.log", "alpha"), ("b.log", "beta"), ("c.log", "gamma")):
        lines = [f"Dec 11 16:59:31 node1 {program}[9]: {program} failed to open device number {n}\n"
                 for n in range(300)]
        (folder / name).write_text("".join(lines) if name != "c.log" else "".join(lines[:20]))
    report = analyse(current_engine(), members(folder, 10**9), full_limit=10**9)
    files = [path for path, _, _ in report.unmatched]
    assert len(files) == MAX_UNMATCHED
    assert files == sorted(files)  # in file order
    assert (files.count("a.log"), files.count("b.log"), files.count("c.log")) == (90, 90, 20)
    assert report.unmatched_truncated
