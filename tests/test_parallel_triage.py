"""Triage on several cores gives exactly what one stream gives."""

import pytest

from kb.matching import Engine, triage_stream
from kb.matching.parallel import triage_file
from kb.matching.types import IssueSpec, SignatureSpec

DNS = "Maximum number of concurrent DNS queries reached (max: <NUM>)"
SPECS = [
    IssueSpec(slug="dns", title="DNS overload", components=("dnsmasq",), signatures=(SignatureSpec(1, DNS),)),
    IssueSpec(slug="crash", title="Soft reboot crash", components=("nova",),
              signatures=(SignatureSpec(2, "UnexpectedTaskStateError: Conflict updating instance <UUID>"),)),
]


def write_log(path, lines: int):
    with open(path, "w") as out:
        for n in range(1, lines + 1):
            if n % 97 == 0:
                out.write(f"I1211 16:59:31.000000 {n} nanny.go:108] dnsmasq[9]: "
                          f"Maximum number of concurrent DNS queries reached (max: {n})\n")
            elif n % 211 == 0:
                out.write("2016-12-11 16:59:22.220 1165 ERROR nova.compute.manager Traceback (most recent "
                          "call last):\n  File \"x.py\", line 1, in f\n")
                out.write("UnexpectedTaskStateError: Conflict updating instance "
                          "cacf99de-117d-4ab7-bd12-32cc2265e906. Expected: {}\n")
            else:
                out.write(f"2016-12-11 16:59:22.{n % 1000:03d} 1165 INFO nova.compute.manager [-] tick {n}\n")


@pytest.mark.parametrize("range_bytes", [1 << 20, 1 << 16])
@pytest.mark.parametrize("workers", [2, 3, 5])
def test_it_gives_the_same_summary_and_hits_on_several_cores(tmp_path, workers, range_bytes):
    """The workers take the ranges as they come (a few, or dozens each), in any order. The lines
    read around candidates may differ by a few: a window around a prefixed traceback reaches one
    line past its group's last, but not past a range's end (a range may start right there: at
    64 KiB ranges, 200 lines after a header of this log), which changes no answer."""
    log = tmp_path / "mixed.log"
    write_log(log, 20_000)
    engine = Engine.build(SPECS)
    one, many = [], []
    with open(log, "rb") as stream:
        expected = triage_stream(engine, stream, on_hit=lambda *hit: one.append(hit)).as_dict()
    got = triage_file(engine, str(log), workers=workers, on_hit=lambda *hit: many.append(hit),
                      min_bytes=1, range_bytes=range_bytes).as_dict()
    assert abs(got.pop("candidate_lines") - expected.pop("candidate_lines")) <= 2
    assert got == expected
    assert sorted(many) == sorted(one)
    assert {t["slug"]: t["count"] for t in got["issues"]} == {"dns": 206, "crash": 94}


def test_the_ranges_shrink_to_range_bytes_and_cover_the_file(tmp_path):
    from kb.matching import parallel

    log = tmp_path / "mixed.log"
    write_log(log, 20_000)
    size = log.stat().st_size
    cuts = parallel._cuts(str(log), size, 2, 1 << 16)
    sizes = [end - start for start, end in zip(cuts, cuts[1:], strict=False)]
    assert cuts[0] == 0 and cuts[-1] == size
    # a quarter of what is left each (to the next safe head: a line's length more), then 64 KiB
    assert all(later <= earlier + 200 for earlier, later in zip(sizes, sizes[1:], strict=False))
    assert size // 4 <= sizes[0] <= size // 4 + 200 and 10 < len(sizes) < 40
    assert max(sizes[-3:]) <= (1 << 16) + 200


def test_it_stays_in_process_for_a_small_file(tmp_path):
    log = tmp_path / "small.log"
    write_log(log, 100)
    summary = triage_file(Engine.build(SPECS), str(log), workers=4)
    assert summary.lines_total == 100


def test_it_forks_no_more_workers_than_cores_it_may_run_on(tmp_path, monkeypatch):
    import os

    from kb.matching import parallel

    log = tmp_path / "mixed.log"
    write_log(log, 20_000)
    forked = []
    monkeypatch.setattr(parallel, "_fork", lambda *args: forked.append(args) or pytest.fail("forked"))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)  # `taskset -c 0`
    engine = Engine.build(SPECS)
    summary = parallel.triage_file(engine, str(log), min_bytes=1)
    with open(log, "rb") as stream:
        assert summary.as_dict() == triage_stream(engine, stream).as_dict()
    assert not forked


def test_a_cut_never_falls_inside_a_prefixed_traceback(tmp_path):
    """Each line of oslo's prefixed traceback is a safe head, yet its frames are no lines of their
    own (triage._Tracebacks): a range that began at a frame read it alone. The file's midpoint
    is put inside the traceback of a real nova-compute paste (tests/eval/pastes.jsonl, paste 9)."""
    import json
    from pathlib import Path

    from tests.bench.kb_source import shipped_issue_specs

    records = (Path(__file__).parent / "eval" / "pastes.jsonl").read_text().splitlines()
    paste = json.loads(records[9])["text"].rstrip("\n") + "\n"
    header = paste.index("Traceback (most recent call last)")
    frames = paste.index("\n", paste.index('File "', header)) + 1  # a frame line after the header
    filler = "2016-06-01 10:13:51.068 7181 INFO nova.service [-] tick {:06d}\n"
    before = "".join(filler.format(n) for n in range(400))
    after_bytes = len(before) + 2 * frames - len(paste)
    after = "".join(filler.format(n) for n in range(after_bytes // len(filler.format(0)) + 1))
    log = tmp_path / "nova-compute.log"
    log.write_text(before + paste + after)
    engine = Engine.build(shipped_issue_specs())
    one, many = [], []
    with open(log, "rb") as stream:
        expected = triage_stream(engine, stream, on_hit=lambda *hit: one.append(hit))
    got = triage_file(engine, str(log), workers=2, on_hit=lambda *hit: many.append(hit), min_bytes=1)
    assert got.as_dict() == expected.as_dict()
    assert sorted(many) == sorted(one)


def test_with_words_it_gives_what_one_stream_gives(tmp_path):
    """triage_file(words=True, the default): each worker reads word evidence as the one stream
    does (lines saying signatures otherwise hold lines only word evidence makes confident; the
    eval lines held some until words needed a line of one of the issue's components)."""
    import json
    import random
    from pathlib import Path

    from tests.bench.kb_source import shipped_issue_specs
    from tests.test_matching_triage import _written_otherwise

    lines = Path(__file__).parent / "eval" / "lines.jsonl"
    cases = [json.loads(line)["text"] for line in lines.read_text().splitlines()]
    engine = Engine.build(shipped_issue_specs())
    cases += _written_otherwise(engine, shipped_issue_specs(), random.Random(3), 200)
    log = tmp_path / "eval.log"
    log.write_text("\n".join(cases * 3) + "\n")
    one, many, signatures = [], [], []
    with open(log, "rb") as stream:
        expected = triage_stream(engine, stream, on_hit=lambda *hit: one.append(hit), words=True)
    with open(log, "rb") as stream:
        triage_stream(engine, stream, on_hit=lambda *hit: signatures.append(hit), words=False)
    got = triage_file(engine, str(log), workers=2, on_hit=lambda *hit: many.append(hit), min_bytes=1,
                      words=True)
    assert got.as_dict() == expected.as_dict()
    assert sorted(many) == sorted(one) and len(one) > len(signatures)


@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\r\r\n"])
def test_every_line_end_gives_what_lf_gives(tmp_path, newline):
    """Issue 9: lines ending in a lone CR were one line; ranges are cut at \\n, so such a file
    is read by one stream, which reads a lone CR as a line end."""
    log = tmp_path / "mixed.log"
    write_log(log, 5_000)
    engine = Engine.build(SPECS)
    lf = triage_file(engine, str(log), workers=1)
    with open(log, "rb") as stream:
        expected = triage_stream(engine, stream, chunk_size=4096).as_dict()
    other = tmp_path / "other.log"
    other.write_bytes(log.read_bytes().replace(b"\n", newline))
    hits = []
    got = triage_file(engine, str(other), workers=2, on_hit=lambda *hit: hits.append(hit), min_bytes=1)
    assert {**got.as_dict(), "bytes": 0} == {**expected, "bytes": 0}
    assert got.lines_total == lf.lines_total == 5_000 + 2 * (5_000 // 211)  # a traceback: 3 lines
    assert len(hits) == sum(t.count for t in lf.issues)
