"""Triage's word stage (kb/matching/wordscan.py): what it drops can never be word evidence.

Pure: no database. triage's own soundness (triage with words equals full matching) is tested in
tests/test_matching_triage.py; here each cheap test is checked against the code it stands for.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from kb.matching import Engine
from kb.matching.bounds import bounds_of
from kb.matching.grouping import group_lines
from kb.matching.prefix import parse
from kb.matching.scoring import view_of
from kb.matching.triage import _is_head, _safe_head
from kb.matching.wordscan import (
    _CONTEXT,
    _OSLO_STRIPPED,
    _READ,
    _SILENT,
    _STRIPPED,
    PATTERNS_BUDGET,
    WordScanner,
    informational_head,
    python_frame,
    reduced,
    standing,
    word_patterns,
    word_scanner,
)
from tests.bench.gen_log import generate
from tests.test_false_alarms import HEALTHY, REALLOGS

CALIBRATION = Path(__file__).parent / "data" / "calibration"


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


@pytest.fixture(scope="module")
def logs(shipped, tmp_path_factory) -> list[tuple[str, list[bytes]]]:
    """Every real log at hand, and a slice of the benchmark log, as raw lines."""
    from tests.bench.kb_source import shipped_issue_specs

    bench = tmp_path_factory.mktemp("wordscan") / "bench.log"
    generate(bench, shipped, shipped_issue_specs(), lines=5000, seed=5, rate=0.01)
    paths = [bench, *sorted(REALLOGS.glob("*.log"))]
    paths += sorted(p for folder in (HEALTHY, CALIBRATION) for p in folder.iterdir() if p.name[0].islower())
    return [(p.name, p.read_bytes().split(b"\n")) for p in paths]


def test_every_line_it_reads_as_informational_parses_as_info_or_debug(logs):
    certified = 0
    for name, lines in logs:
        for line in lines:
            if informational_head(line, 0):
                certified += 1
                assert parse(line.decode("utf-8", "replace")).level in ("info", "debug"), (name, line)
    assert certified > 10_000  # oslo.log, MySQL, klog and Pebble lines of the logs above


@pytest.mark.parametrize("line", [
    # MySQL without a thread id: syslog takes `[Note]` for the host and WSREP for the program
    b"2016-12-21 17:10:33 [Note] WSREP: Member 1.0 (galera-2) synced with group",
    # a level word with a colon: syslog reads INFO as a program
    b"2016-12-11 16:59:22.220 1 INFO: nova.compute.manager [-] Took 1.20 seconds",
    # not a dotted logger: no oslo.log line
    b"2016-12-11 16:59:22.220 1 INFO nova [-] Took 1.20 seconds",
    # a service named like a level, under Pebble
    b"2025-05-14T04:32:50.791Z [error] 2025-05-14 04:32:50.791 36 INFO placement.requestlog [-] x",
    # klog W and E lines, and an I line with no syslog tag before it
    b"Dec 21 17:53:19 node-738 kube-proxy[27942]: W1221 17:53:19.517380    6315 proxier.go:1370] x",
    b"I1221 17:53:19.517380    6315 proxier.go:1370] Setting endpoints",
    b"  2016-12-11 16:59:22.220 1 INFO nova.compute.manager [-] indented",
])
def test_it_does_not_read_other_lines_as_informational(line):
    assert not informational_head(line, 0)


def test_every_line_holding_a_python_frame_is_silent_as_a_group_of_its_own_or_inside_one(logs):
    framed = 0
    for name, lines in logs:
        text = [line.decode("utf-8", "replace") for line in lines]
        for group in group_lines(text):
            held = [n for n in range(group.first, group.last + 1) if python_frame(lines[n], 0, len(lines[n]))]
            if not held:
                continue
            framed += 1
            # either the group's gist leaves the frame line out (a traceback), or it is silent
            gist_lines = [text[n].strip() for n in held if text[n].strip() in group.gist]
            assert not gist_lines or view_of(group.text, group.gist).silent, (name, group.gist[:200])
    assert framed > 100


def test_it_finds_the_heads_of_logical_lines_as_triage_does(logs):
    for name, lines in logs:
        data = b"\n".join(lines)
        start = 0
        previous = None
        for line in lines:
            if line[:1] not in (b" ", b"\t") and line.strip():
                assert _is_head(data, start, len(data)) == _safe_head(previous, line), (name, line)
            previous, start = line, start + len(line) + 1


def test_it_holds_a_line_by_what_it_says_whatever_its_neighbours_and_its_digits(shipped):
    """Each distinct line is scanned once (WordScanner.holding): a held line is held wherever it
    repeats, and read with its digits 0, a line differing in its numbers alone is held too."""
    held = b"2016-12-11 16:59:22.220 1 ERROR nova.compute.manager [-] rpc_response_timeout oslo_messaging"
    held += b" econnrefused dbconnectionerror after 60 s"
    other = b"eth0: link up"
    lines = [other, held, other, held.replace(b"60", b"75"), b"", held]
    assert word_scanner(shipped).holding(b"\n".join(lines)) == [1, 3, 5]


def test_it_holds_the_lines_pythons_re_holds_with_the_same_patterns(shipped, logs):
    """The compiled scanner against Python's re, line by line (no pattern reaches past its
    line): Hyperscan as built for kb missed lines with `^` after a long line, or caseless
    (wordscan.WordScanner), so neither is used. A sample of the logs' distinct lines (each
    after a long one), and the two lines Hyperscan missed."""
    patterns = [re.compile(pattern, re.M) for pattern, _flags in word_patterns(bounds_of(shipped))]
    distinct = list(dict.fromkeys(line for _name, lines in logs for line in lines))
    sample = distinct[::max(1, len(distinct) // 1500)]
    lines = [b"x" * 40]
    for line in sample + [b" Int      0/0    0.00 KB   0.0      0.0     0.0",
                          b"[  104.088172] ZFS: Loaded module v0.8.3-1ubuntu12.13, ZFS pool version 5000"]:
        lines += [line, b"** File Read Latency Histogram By Level [default] **"]
    expected = [n for n, line in enumerate(lines)
                if any(p.search(b"\n" + line.translate(_READ)) for p in patterns)]
    assert word_scanner(shipped).holding(b"\n".join(lines)) == expected
    assert len(expected) > 50


def _large_knowledge(issues=300, terms=60):
    """Bounds of many prose-like issues (what a team's imported runbooks give: 600 issues, 100+
    triggers each): rare terms drawn from a vocabulary of made-up words, some nested in others
    (`rpc_zq0` and `zq0`), some numbers, some contractible (`zqant`: `zqan't`), each issue with a
    distinct term."""
    import random

    rng = random.Random(9)
    vocabulary = ["zq" + "".join(rng.choice("abcdefghij") for _ in range(5)) for _ in range(3000)]
    vocabulary += ["rpc_" + word for word in vocabulary[:200]] + ["zqant", "zqent", "4071", "5093"]
    rare = [frozenset(rng.sample(vocabulary, terms)) for _ in range(issues)]
    return SimpleNamespace(rare=rare, distinct=[{next(iter(r))} for r in rare]), rng


def test_a_large_knowledge_compiles_no_pattern_repeating_an_alternation():
    """Hyperscan's compile time grows faster than the patterns: a team's 600 imported issues made
    kb compile for 272 s before matching a 16-line log (2026-12-06). Past PATTERNS_BUDGET the
    patterns spell no issue's places out (no `.*` over its triggers); its triggers are counted."""
    bounds, _rng = _large_knowledge()
    assert sum(map(len, standing(bounds))) > PATTERNS_BUDGET
    patterns = [pattern for pattern, _flags in word_patterns(bounds)]
    assert not any(b".*" in pattern or b"|" in pattern for pattern in patterns)
    assert sum(map(len, patterns)) < 100


def test_with_triggers_counted_it_holds_every_line_holding_three_rare_terms_of_an_issue():
    """Soundness of _TriggerCount: each line holding exactly three rare terms of one issue (in
    any case, nested, contracted, with other numbers) is held, and the lines held are those where
    Python finds triggers standing for three terms of one issue, or indented ones holding
    any (Python's substring search on the line as _READ reads it). The same after a snapshot's
    dumps and loads."""
    bounds, rng = _large_knowledge()
    counts = standing(bounds)
    lines, three = [], []
    for issue in rng.sample(range(len(bounds.rare)), 100):
        terms = rng.sample(sorted(bounds.rare[issue]), 3)
        spelled = [t.upper() if rng.random() < 0.2 else t.replace("nt", "n't") for t in terms]
        spelled = [t.replace("4071", "9999") for t in spelled]
        three.append(len(lines))
        lines.append(("ERROR x: " + " then ".join(spelled) + " failed").encode())
        lines.append(("WARNING only " + " and ".join(spelled[:2])).encode())
        lines.append(("   at " + spelled[0]).encode())
    lines += [b"zqzqzq nothing", b"", b"\x1b[31mred"]
    expected, digits = [], str.maketrans("123456789", "000000000")
    every = {t: t.translate(digits) for c in counts for t in c}
    for number, line in enumerate(lines):
        read = line.translate(_READ).decode()
        found = {t for t, literal in every.items() if literal in read}
        sums = [sum(c.get(t, 0) for t in found) for c in counts]
        if max(sums) >= 3 or found and read[:1] in " \t" or "\x1b" in read:
            expected.append(number)
    scanner = WordScanner.of(bounds)
    held = scanner.holding(b"\n".join(lines))
    assert set(three) <= set(held)
    assert held == expected
    assert WordScanner.loads(scanner.dumps()).holding(b"\n".join(lines)) == held
    assert len(held) < len(lines)


def _in_order(words_: list[str], within: list[str]) -> bool:
    remaining = iter(within)
    return all(word in remaining for word in words_)


def test_what_it_cuts_off_a_line_is_prefix_parse_strips(logs):
    """A line of a shape _STRIPPED knows keeps its whole message (parse's) in what is left: as
    its tail, or for a logfmt record (whose `msg` parse unquotes and puts first) word for word
    in order."""
    from kb.matching.tokens import words

    stripped = re.compile(_STRIPPED)
    cut = 0
    for name, lines in logs:
        for line in lines:
            m = stripped.match(line)
            if not m:
                continue
            cut += 1
            message = parse(line.decode("utf-8", "replace")).message
            rest = line[m.end():].decode("utf-8", "replace").rstrip()
            assert rest.endswith(message) or _in_order(words(message), words(rest)), (name, line)
    assert cut > 10_000  # syslog, klog, oslo.log, etcd, libvirt and Pebble lines of the logs above


_CUT_OSLO = [
    b"2016-12-11 16:59:22.220 1 WARNING nova.compute.manager [-] [instance: 1f-2a] Instance failed",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a] [b]x",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a] [b] [c] msg",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a]",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a] ",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a]  [b] two spaces",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [a [b] nested] x",
    b"2016-12-11 16:59:22.220 1 ERROR nova.x [" + b"\xc3\xa9" * 300 + b"] long in bytes",
    b"2016-12-11T16:59:22Z [nova-compute] 2016-12-11 16:59:22.220 1 ERROR nova.x [r] [i] under Pebble",
    b'2016-12-11 16:59:22.220 1 ERROR nova.x [r] {"message": "json [x] after", "level": "ERROR"}',
]


def test_what_it_cuts_off_a_line_heading_its_group_is_what_parse_strips(logs):
    """The context brackets after an oslo.log prefix (_CONTEXT) are parse's too: the message of a
    line, or of a gist starting with it, is in what is left, as its tail or word for word."""
    from kb.matching.tokens import words

    stripped, prefix = re.compile(_OSLO_STRIPPED + _CONTEXT), re.compile(_OSLO_STRIPPED)
    cut = 0
    for name, lines in [*logs, ("made", _CUT_OSLO)]:
        for line in lines:
            m = stripped.match(line)
            if not m or m.end() == prefix.match(line).end():  # no brackets: the test above
                continue
            cut += 1
            if name != "made" and cut % 16:  # 63,000 such real lines: a sample of them (CI time)
                continue
            rest = line[m.end():].decode("utf-8", "replace").rstrip()
            for gist in (line, line + b" continued  here"):
                message = parse(gist.decode("utf-8", "replace")).message
                tail = rest + gist[len(line):].decode()
                assert tail.endswith(message) or _in_order(words(message), words(tail)), (name, line)
    assert cut > 10_000


@pytest.mark.parametrize("line", [
    # syslog with a facility after the program, or a year: parse's syslog takes more
    b"Dec 11 16:58:03 host sshd(pam_unix)[19939]: session opened",
    b"Dec 11 2016 16:58:03 host prog[1]: x",
    # oslo.log with a time zone, or a logger followed by a colon
    b"2016-12-11 16:59:22.220+0000 1 ERROR nova.compute.manager [-] x",
    b"2016-12-11 16:59:22.220 1 ERROR nova.compute: x",
    # indented: no head
    b"  Dec 11 16:58:03 host prog[1]: x",
])
def test_it_cuts_no_prefix_off_other_lines(line):
    assert not re.compile(_STRIPPED).match(line)


def test_it_keeps_every_line_in_place(logs):
    """Cut or whole, the region keeps its lines: a line the patterns hold maps back by number."""
    for name, lines in logs:
        data = b"\n".join(lines) + b"\n"
        text = reduced(data, [(0, len(data), True)])
        assert text.count(b"\n") == data.count(b"\n"), name
        for line, cut in zip(lines, text.split(b"\n"), strict=False):
            assert line.endswith(cut) or not cut, (name, line, cut)


def test_a_line_it_empties_as_a_frame_under_a_prefix_is_silent(logs):
    """_SILENT: an oslo.log line whose message is indented gives no word evidence, alone or
    heading its logical line (what follows it in a group is left out of the test: it only
    adds to the gist's end)."""
    silent = re.compile(_SILENT)
    found = 0
    for name, lines in logs:
        for line in lines:
            if silent.match(line):
                found += 1
                text = line.decode("utf-8", "replace").strip()
                assert view_of(text, text).silent, (name, line)
    assert found > 1000  # nova and cinder tracebacks of the calibration and healthy logs


def _word_lines_one_by_one(scanner, data: bytearray, limit: int, tracebacks, *, failing=False) -> list[int]:
    """triage._Scanner._word_lines as it read each candidate line on its own before its shapes were
    read once each (2026-12-06): every line the patterns hold, ruled out by its own shape and
    being alone (triage._alone_cut, or triage._alone outside a CUT segment), else kept unless
    wordless; `failing`: also ruled out, being alone, when view_of reads it as stating no failure
    (scoring.states_failure: what the failure scan, failscan.py, stands for)."""
    from kb.matching.triage import CUT, _alone, _alone_cut, _segments, _wordless

    segments = _segments(data, limit, tracebacks)
    held = scanner.word_scanner.holding(reduced(data, segments))
    raw_lines = bytes(data[:limit]).split(b"\n")
    out, start, number = [], 0, 0
    for line_number in held:
        while number < line_number:
            start, number = start + len(raw_lines[number]) + 1, number + 1
        raw = raw_lines[line_number]
        end = start + len(raw)
        how = next(h for s, e, h in segments if s <= start < e or s == start == e)
        alone = (_alone_cut(data, end, limit, raw) if how == CUT
                 else _alone(data, start, end, limit, tracebacks, raw))
        if alone and (scanner.bounds.line_ruled_out(raw) or failing and not _states_failure(raw)):
            continue
        if not _wordless(data, end, tracebacks):
            out.append(end)
    return out


def _states_failure(raw: bytes) -> bool:
    text = raw.decode("utf-8", "replace")
    return view_of(text, text).failing


def test_it_rules_candidates_out_by_shape_as_reading_each_line_does(shipped, logs):
    """The word stage (triage._Scanner._word_lines) leaves every line left when each held line is
    read on its own and ruled out only if, alone, its shape rules it out or it states no failure
    as view_of reads it; and no line left when only its shape rules it out (the failure scan
    keeps a line that may state a failure). On every log at hand, and on lines whose shape is
    ruled out but which an indented line continues, or which end a region."""
    from kb.matching.triage import _Scanner, _Tracebacks

    scanner = _Scanner(shipped, None, None, words=True)
    dns = b"Dec 21 17:32:28 node-828 dnsmasq[213]: query[A] galera.ccp.svc.cluster.local from 10.51.71.86"
    other = b"Dec 21 17:32:29 node-1 kernel: eth0 up"
    made = [dns, b"  continued here", other, dns, b"   ", other, dns, other, dns + b" \\", other, dns]
    left = 0
    for name, lines in [*logs, ("made", made), ("made, no newline", made)]:
        data = bytearray(b"\n".join(lines) + (b"" if name == "made, no newline" else b"\n"))
        tracebacks = _Tracebacks(data, len(data))
        needed = _word_lines_one_by_one(scanner, data, len(data), tracebacks, failing=True)
        found = scanner._word_lines(data, len(data), tracebacks)
        shaped = _word_lines_one_by_one(scanner, data, len(data), tracebacks)
        assert set(needed) <= set(found) <= set(shaped), name
        assert found == sorted(found)
        left += len(needed)
    assert left > 100
