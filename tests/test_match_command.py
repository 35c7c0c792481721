"""`manage.py match`: full analysis for small logs, streaming triage for big ones."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.django_db

NOISE = "2016-12-11 16:59:{:02d}.{:03d} 1165 INFO nova.compute.manager [-] Running periodic task {}\n"
DNS = ("I1211 16:59:31.000000 1 nanny.go:108] "
    "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)\n")


@pytest.fixture(autouse=True)
def knowledge():
    call_command("import_rst", *map(str, sorted(FIXTURES.glob("*.rst"))), stdout=StringIO())


@pytest.fixture(autouse=True)
def served(tmp_path, monkeypatch):
    """Where `make run` records the address it serves on: none here, whatever runs beside the tests."""
    from kb import match_command

    path = tmp_path / "serving-host"
    monkeypatch.setattr(match_command, "SERVING", str(path))  # absolute: BASE_DIR is not joined
    return path


def write_log(tmp_path, lines: int, known_at: set[int]):
    path = tmp_path / "big.log"
    with open(path, "w") as handle:
        for number in range(1, lines + 1):
            handle.write(DNS if number in known_at else NOISE.format(number % 60, number % 1000, number))
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("match", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_it_prints_the_api_structure_for_a_small_log(tmp_path, client):
    path = write_log(tmp_path, 50, {7, 40})
    report = json.loads(run(str(path), "--json"))
    assert report["mode"] == "full"
    assert report["lines_total"] == 50
    top = report["matches"][0]
    assert top["issue"]["slug"] == "kubedns-cannot-handle-big-cluster-load-with-default-settings"
    assert [line["number"] for line in top["lines"]] == [7, 40]
    api = client.post("/api/match", {"text": path.read_text()}, content_type="application/json").json()
    assert [m["issue"]["slug"] for m in api["matches"]] == [m["issue"]["slug"] for m in report["matches"]]
    assert set(api) - {"result_url"} <= set(report)
    # each issue as the API gives it: the whole remedy, its short form, upstream links, release,
    # and links (--json gave the matcher's clipped remedy and none of the rest); each line's message
    assert api["matches"][0]["issue"]["remedy_truncated"]  # a remedy long enough to be cut
    for ours, theirs in zip(report["matches"], api["matches"], strict=True):
        keys = ("remedy", "remedy_short", "remedy_truncated", "upstream", "fixed_in")
        assert {k: ours["issue"][k] for k in keys} == {k: theirs["issue"][k] for k in keys}
        slug = ours["issue"]["slug"]
        assert ours["issue"]["absolute_url"] == f"http://127.0.0.1:8000/issues/{slug}/"
        assert ours["issue"]["api_url"] == f"http://127.0.0.1:8000/api/issues/{slug}/"
        assert [line["message"] for line in ours["lines"]] == [line["message"] for line in theirs["lines"]]


def test_it_streams_a_log_larger_than_the_full_limit(tmp_path):
    known = {3, 25_000, 49_999}
    path = write_log(tmp_path, 50_000, known)
    report = json.loads(run(str(path), "--json", "--full-limit", "10000"))
    assert report["mode"] == "triage"
    assert report["lines_total"] == 50_000
    kubedns = report["matches"][0]
    assert kubedns["issue"]["slug"] == "kubedns-cannot-handle-big-cluster-load-with-default-settings"
    assert kubedns["count"] == 3
    assert (kubedns["first_line"], kubedns["last_line"]) == (3, 49_999)
    assert [line["number"] for line in kubedns["lines"]] == sorted(known)


def test_it_writes_every_matched_line_in_full_and_in_triage(tmp_path):
    # more known lines than a report lists per issue (MAX_LINES_PER_MATCH): all are written
    known = set(range(5, 400, 20))
    path = write_log(tmp_path, 400, known)
    full, triaged = tmp_path / "full.txt", tmp_path / "triaged.txt"
    assert json.loads(run(str(path), "--json", "--hit-lines", str(full)))["mode"] == "full"
    report = json.loads(run(str(path), "--json", "--hit-lines", str(triaged), "--full-limit", "1000"))
    assert report["mode"] == "triage"
    assert full.read_text() == triaged.read_text() == "".join(f"{n}\n" for n in sorted(known))


def test_triage_writes_the_lines_full_matching_writes(tmp_path):
    """Triage finds the lines only word evidence makes confident too, by default (issue 11);
    --no-words counts signature hits only; --words, the old opt-in, is still accepted."""
    import random

    from kb.matching import Engine
    from tests.bench.kb_source import shipped_issue_specs
    from tests.test_matching_triage import _written_otherwise

    cases = [json.loads(line)["text"] for line in (ROOT / "tests/eval/lines.jsonl").read_text().splitlines()]
    # lines saying signatures otherwise: some only word evidence makes confident (of the eval
    # lines, none since words need a line of one of the issue's components, 2026-12-07 22:05 UTC)
    specs = shipped_issue_specs()
    cases += _written_otherwise(Engine.build(specs), specs, random.Random(7), 200)
    path = tmp_path / "eval.log"
    path.write_text("\n".join(cases) + "\n")
    written = {}
    for name, options in (("full", ()), ("triage", ("--full-limit", "2000")),
                          ("signatures", ("--full-limit", "2000", "--no-words")),
                          ("words", ("--full-limit", "2000", "--words"))):
        out = tmp_path / f"{name}.txt"
        report = json.loads(run(str(path), "--json", "--hit-lines", str(out), *options))
        assert report["mode"] == ("full" if name == "full" else "triage")
        written[name] = out.read_text()
    assert written["triage"] == written["words"] == written["full"] != written["signatures"]


@pytest.mark.parametrize("full_limit", [None, "2000"])
def test_each_line_shown_is_the_line_at_its_number_in_full_and_in_triage(tmp_path, full_limit):
    # Triage scores an issue on its sample lines and lists them best first (a signature line
    # before word lines): the numbers are the file's, not the samples' places (they were).
    cases = [json.loads(line)["text"] for line in (ROOT / "tests/eval/lines.jsonl").read_text().splitlines()]
    path = tmp_path / "eval.log"
    path.write_text("\n".join(cases[:80]) + "\n")
    report = json.loads(run(str(path), "--json", *(("--full-limit", full_limit) if full_limit else ())))
    assert report["mode"] == ("triage" if full_limit else "full")
    shown = [line for match in report["matches"] for line in match["lines"]]
    assert len(shown) > 20
    for line in shown:  # a line's head (a joined group's text is clipped in its middle, and a
        # short line may be followed by the indented line joined to it: a `top` row under one),
        # stripped as shown: an indented row holding a signature is shown alone (issue 9)
        assert line["text"][:60].startswith(cases[line["number"] - 1].strip()[:60]), line
    for match in report["matches"]:
        assert match["lines_truncated"] == (match["line_count"] > len(match["lines"]))
        # why names the deciding line (listed first) by its number, and counts what the card counts
        count = f"; {match['line_count']} lines in all." if match["line_count"] > 1 else "."
        assert match["why"].startswith(f"Line {match['lines'][0]['number']} ")
        assert match["why"].endswith(count)


def test_it_reads_standard_input(tmp_path, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DNS.encode())))
    text = run("-")
    assert "KubeDNS cannot handle big cluster load with default settings" in text
    assert "Full analysis: 1 line read; 1 matched a known issue, 0 did not." in text


def test_it_says_when_nothing_matched(tmp_path):
    # Seen: "No known issue." as the headline, then "No known issue matched." under the counts.
    path = write_log(tmp_path, 20, set())
    text = run(str(path))
    assert text.startswith("No known issue.") and text.count("No known issue") == 1, text


def test_it_names_a_missing_file():
    with pytest.raises(CommandError, match="nope.log: No such file"):
        run("nope.log")


# Real logs: nova-compute with oslo TRACE tracebacks (its 13,869 lines form fewer records), and a
# Loghub sample of one record a line. Matching reads log records; the counts said which (issue 9).
NOVA_TRACEBACKS = ROOT / "tests/data/healthy/uforia-OpenStackForensics__nova-compute.log"
LOGHUB_OPENSTACK = ROOT.parent / "shared/reallogs/OpenStack_2k.log"


@pytest.mark.parametrize("path", [NOVA_TRACEBACKS, LOGHUB_OPENSTACK], ids=lambda p: p.name)
def test_its_counts_agree_and_name_their_unit_on_a_real_log(path):
    if not path.exists():
        pytest.skip(f"{path} not present on this machine")
    report = json.loads(run(str(path), "--json"))
    text = run(str(path))
    lines, records = report["lines_total"], report["records_total"]
    assert lines == len(path.read_bytes().splitlines())  # what wc -l says
    # every matched or unmatched count is of records, and together they are all of them
    assert report["lines_matched"] + report["unmatched_count"] == records
    assert report["files"][0]["records_total"] == records
    # a weak lead's lines are among the unmatched ones, and the sentence says how many
    leads = [m for m in report["matches"] if not m["confident"]]
    leading = report["unmatched_leading"]
    if len(leads) == 1:
        assert leading == leads[0]["line_count"]
    of_them = f" ({leading:,} of them a weak lead's evidence)" if leading else ""
    tail = (f"{report['lines_matched']:,} matched a known issue, {report['unmatched_count']:,} "
            f"did not{of_them}.")
    if path == NOVA_TRACEBACKS:
        assert records < lines - 1000  # its tracebacks are records of many lines
        assert f"{lines:,} lines read, forming {records:,} log records (a traceback" in text
    else:
        assert records == lines
        assert f"{lines:,} lines read; {tail}" in text
    assert tail in text


# One record holding the signatures of two issues: it is in both tallies, and one record.
BOTH = ("I1211 16:59:31.000000 1 nanny.go:108] dnsmasq[9]: Maximum number of concurrent DNS queries reached "
        "(max: 150); "
        "the server has received too many requests and has asked us to try again later\n")


def test_a_record_matched_by_two_issues_counts_once_in_full_triage_and_parallel_triage(tmp_path):
    from kb.analysis import triaged
    from kb.matching.loader import current_engine
    from kb.matching.parallel import triage_file

    path = tmp_path / "both.log"
    path.write_text("".join(BOTH if n in (50, 150, 151) else NOISE.format(n % 60, n % 1000, n)
                            for n in range(1, 301)))
    full = json.loads(run(str(path), "--json"))
    triage = json.loads(run(str(path), "--json", "--full-limit", "1000"))
    assert (full["mode"], triage["mode"]) == ("full", "triage")
    assert [m["line_count"] for m in full["matches"]] == [3, 3]  # each issue's records
    assert full["lines_matched"] == triage["lines_matched"] == 3
    parallel = triaged(current_engine(), str(path), triage_file(current_engine(), str(path), 2, min_bytes=1))
    assert parallel.report.lines_matched == 3


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\r\r\n"])
def test_it_reads_every_line_end_in_full_and_in_triage(tmp_path, newline):
    """Issue 9: a log whose lines end in a lone CR was one line, in full and in triage."""
    known = {3, 250, 399}
    path = write_log(tmp_path, 400, known)
    path.write_bytes(path.read_bytes().replace(b"\n", newline))
    for limit in ((), ("--full-limit", "1000")):
        report = json.loads(run(str(path), "--json", *limit))
        assert report["mode"] == ("triage" if limit else "full")
        assert report["lines_total"] == 400
        assert [line["number"] for line in report["matches"][0]["lines"]] == sorted(known)


@pytest.mark.parametrize("text", [b"", b"  \n\t\r\n \n"], ids=["empty", "whitespace"])
def test_it_refuses_an_empty_log_as_every_surface_does(tmp_path, monkeypatch, text):
    """The page, the API and chat answer "Nothing to match: the text is empty"; the command said
    "No known issue" and exited 0. It refuses it now, as it refuses a binary file (exit 1)."""
    import io
    import sys

    path = tmp_path / "empty.log"
    path.write_bytes(text)
    with pytest.raises(CommandError, match="Nothing to match: the text is empty"):
        run(str(path))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    with pytest.raises(CommandError, match="Nothing to match: the text is empty"):
        run("-")
    binary = tmp_path / "core"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 4)
    with pytest.raises(CommandError, match="binary"):  # refused input, the same way
        run(str(binary))


def test_a_blank_log_in_a_bundle_is_no_refusal(tmp_path):
    """Only a log given alone is refused: in a directory an empty file is one of several."""
    (tmp_path / "empty.log").write_bytes(b"")
    (tmp_path / "dns.log").write_text(DNS)
    assert "KubeDNS cannot handle big cluster load with default settings" in run(str(tmp_path))


def issue_links(text: str) -> set[str]:
    import re

    return set(re.findall(r"(https?://\S+?)/issues/kubedns-cannot-handle", text))  # kb's, not upstream's


@pytest.mark.parametrize("host, base", [
    ("127.0.0.1:8123", "http://127.0.0.1:8123"),
    ("8124", "http://127.0.0.1:8124"),
    ("0.0.0.0:8125", "http://127.0.0.1:8125"),
    ("[::]:8126", "http://[::1]:8126"),
    ("kb.lan:8127", "http://kb.lan:8127"),
])
def test_links_follow_the_address_make_run_serves_on(tmp_path, served, settings, host, base):
    """Seen: `make run HOST=127.0.0.1:8123` served on 8123 while `manage.py match` printed its
    links on http://127.0.0.1:8000. `make run` records HOST while it serves; --base-url and
    KB_BASE_URL still win."""
    settings.KB_BASE_URL = ""
    path = tmp_path / "dns.log"
    path.write_text(DNS)
    assert issue_links(run(str(path))) == {"http://127.0.0.1:8000"}  # nothing served: the default
    served.write_text(host + "\n")
    assert issue_links(run(str(path))) == {base}
    assert json.loads(run(str(path), "--json"))["matches"][0]["issue"]["absolute_url"].startswith(base + "/")
    assert issue_links(run(str(path), "--base-url", "https://kb.example.com/")) == {"https://kb.example.com"}
    settings.KB_BASE_URL = "https://kb.example.org"
    assert issue_links(run(str(path))) == {"https://kb.example.org"}


@pytest.mark.parametrize("record", ["", "http://x/", "not a host", "host:port"])
def test_a_record_that_is_no_address_is_ignored(tmp_path, served, settings, record):
    settings.KB_BASE_URL = ""
    served.write_text(record)
    path = tmp_path / "dns.log"
    path.write_text(DNS)
    assert issue_links(run(str(path))) == {"http://127.0.0.1:8000"}


def test_make_run_records_its_host_while_it_serves_and_removes_it_after(tmp_path):
    """The Makefile's own recipe, run with a stand-in for Python (no server, no install)."""
    import shutil
    import subprocess

    if not shutil.which("make"):
        pytest.skip("make is not installed")
    seen = tmp_path / "seen"
    fake = tmp_path / "python"
    fake.write_text(f"#!/bin/sh\ncase \"$*\" in *runserver*) cat var/serving-host > {seen};; esac\n")
    fake.chmod(0o755)
    (tmp_path / "var").mkdir()
    make = ["make", "-s", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path), "run", "-o", "import"]
    done = subprocess.run([*make, f"PY={fake}", "HOST=127.0.0.1:8123"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert seen.read_text() == "127.0.0.1:8123\n"
    assert not (tmp_path / "var" / "serving-host").exists()
