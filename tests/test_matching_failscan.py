"""Triage's failure scan (kb/matching/failscan.py): every line that states a failure is held.

Pure: no database. Soundness is what matters: a line view_of reads as failing (scoring.
states_failure) must be held, or triage would miss a line only word evidence makes confident.
Checked on every real log at hand, on crafted lines (one per way a line may state a failure),
and on seeded random lines made of the vocabulary the scorer reads.
"""

import random
import re
from pathlib import Path

import pytest

from kb.matching.failscan import FAILING, UPPER_TO_ASCII, FailureScanner, failure_patterns, stating_lines
from kb.matching.prefix import _LEVELS
from kb.matching.scoring import view_of
from kb.matching.signatures import _FAILURE_STEMS, _FAILURE_WORDS
from tests.test_false_alarms import REALLOGS

DATA = Path(__file__).parent / "data"
EVAL = Path(__file__).parent / "eval"


@pytest.fixture(scope="module")
def scanner():
    return FailureScanner()


def _held(scanner, lines: list[bytes]) -> list[bool]:
    """Whether the scanner holds each line (as a FAILING line) of the lines joined."""
    data = b"\n".join(lines) + b"\n"
    failing = scanner.lines(data, len(data)).failing
    held, at = [], 0
    for line in lines:
        held.append(at in failing)
        at += len(line) + 1
    return held


def _failing(line: bytes) -> bool:
    text = line.decode("utf-8", "replace")
    return view_of(text, text).failing


@pytest.fixture(scope="module")
def real_lines() -> list[tuple[str, list[bytes]]]:
    """Every real log at hand, healthy and calibration logs, and the eval sets' lines."""
    import json

    paths = sorted(REALLOGS.glob("*.log"))
    paths += sorted(p for name in ("healthy", "healthy2", "healthy3", "calibration") if (DATA / name).is_dir()
                    for p in (DATA / name).iterdir() if p.name[0].islower())
    out = [(p.name, p.read_bytes().split(b"\n")) for p in paths]
    for name in ("lines.jsonl", "noise.jsonl", "pastes.jsonl"):
        records = [json.loads(line) for line in (EVAL / name).read_text().splitlines() if line]
        out.append((name, [line.encode() for r in records for line in r["text"].split("\n")]))
    return out


def test_it_holds_every_line_of_real_logs_that_states_a_failure(scanner, real_lines):
    failing = held_only = 0
    for name, lines in real_lines:
        for line, held in zip(lines, _held(scanner, lines), strict=True):
            if _failing(line):
                failing += 1
                assert held, (name, line)
            else:
                held_only += held
    assert failing > 5_000  # not vacuous: ERROR/WARNING lines and failure words abound
    # and it is a filter: most lines that state no failure are left (2026-12-06: ~90 %)
    assert held_only < failing


@pytest.mark.parametrize("line", [
    # words and parts (tokens.words): camelCase, snake_case, capitals, a part after capitals
    "isNotFound while reading", "no_such_host here", "NOxReady", "XYno more", "HostIsDead",
    "can't open", "couldn\u2019t open", "won't start", "request timedOut", "A12no reply",
    # a word cut at 80 characters, its rest a word of its own
    "a" * 80 + "error here", "B" * 78 + "Nope",
    # levels where prefix.parse reads them
    "2016-12-11 16:59:22.220 1165 WARNING nova.compute.manager [-] ok",
    "E1211 16:59:31.552018    1234 reflector.go:123] all good",
    "2016/12/09 11:42:17 [e] 123#0: *5 upstream ok",
    'time="2016-12-09T11:42:17Z" level=e msg="all good"',
    'time="2016-12-09T11:42:17Z" level=w msg="all good"',
    '{"level": "W", "msg": "all good"}',
    'k3s[1234]: {"level": "sec", "msg": "all good"}',
    '{"PRIORITY": "3", "MESSAGE": "all good"}',
    "<11>1 2016-12-11T16:58:12.402Z node-3 nova-compute 1234 - - all good",
    "2022-02-10T09:32:08.062+0000 7f6f9dcd9700 -1 osd.0 25 tick",
    "2016-12-11 16:59:22.220000 W | etcdserver: all good",
    "2016-12-11 16:59:22 0 [Warning] WSREP: all good",
    "2016-12-11 16:59:22.220 [warn] <0.1.0> all good",
    "2016|00042|ovsdb_idl|ERR|all good",
    # a level str.upper() reads from a letter past ASCII (\u0131 is I)
    '{"level": "warn\u0131ng", "msg": "all good"}',
    # numbers that say a failure (http_lines, migration_lines)
    '10.0.0.1 - - [29/Dec/2016 10:11:52] "GET /v1/stacks HTTP/1.1" 200 1180311 94.022130',
    "| GET http://heat.example:8004/v1/t/stacks/s1 | 68.412 |",
    "REQ: curl -g -i -X GET http://compute.example:8443/v2.1/",
    "Data remaining 7472570368 bytes, low watermark 6981231104 bytes 312 seconds ago",
    # haproxy's timers: a server that took 72.9 s to answer, one that never answered in 30 s
    "10.0.0.1:53614 [06/Dec/2016:10:00:00.123] heat-api heat-api/ctl1 0/0/0/72901/72901 504 194 - - sH--",
    "10.0.0.1:53614 [06/Dec/2016:10:00:00.123] heat-api heat-api/ctl1 5/0/1/-1/30006 504 194 - - sH--",
    # what masking or decoding changes: a colour code inside a word, an escaped JSON message
    "all fa\x1b[0mil here", '{"log": "all \\u0066ailed here"}',
])
def test_it_holds_each_way_a_line_states_a_failure(scanner, line):
    raw = line.encode()
    assert _failing(raw), line  # the line is one the scorer reads as failing...
    assert _held(scanner, [raw]) == [True]  # ...and the scan holds it


@pytest.mark.parametrize("line", [
    "2016-12-11 16:59:22.220 1165 INFO nova.compute.manager [-] Took 1.20 seconds to spawn",
    "Dec 11 16:59:31 node-1 dnsmasq[9]: query[A] galera.ccp.svc.cluster.local from 10.0.0.2",
    '10.0.0.1 - - [29/Dec/2016 10:11:52] "GET /v1/stacks HTTP/1.1" 200 1180311 4.022130',
    "10.0.0.1:53614 [06/Dec/2016:10:00:00.123] heat-api heat-api/ctl1 0/0/0/729/729 200 194 - - ----",
    "Nobody knows, nothing noted; interrupted stderr and a server",
])
def test_it_leaves_lines_that_state_no_failure(scanner, line):
    raw = line.encode()
    assert not _failing(raw)
    assert _held(scanner, [raw]) == [False]


def _random_line(rng: random.Random) -> str:
    """Words the scorer reads as failures or levels, and others, in any case, glued or spaced."""
    failure = [*_FAILURE_WORDS, *(s + rng.choice(["", "ed", "ing", "s", "ure"]) for s in _FAILURE_STEMS)]
    levels = [w for w in _LEVELS if rng.random() < 0.5]
    plain = ["node", "nova", "info", "pool", "connect", "known", "Note", "stack", "x", "Id", "ok", "12"]
    parts = []
    for _ in range(rng.randrange(1, 8)):
        word = rng.choice(failure if rng.random() < 0.3 else levels if rng.random() < 0.2 else plain)
        word = rng.choice([str.lower, str.upper, str.capitalize, str.swapcase, lambda w: w])(word)
        parts.append(word)
        parts.append(rng.choice([" ", "", "_", ".", "-", ": ", "[", "] ", "=", "'", "\u2019", "0", "\u0131"]))
    prefix = rng.choice(["", "2016-12-11 16:59:22.220 1165 ", "Dec 11 16:59:31 node-1 nova[12]: ",
                         "time=x level=", "E1211 16:59:31.552018 1 x.go:1] ", '{"level": "'])
    return prefix + "".join(parts)


@pytest.mark.parametrize("seed", range(4))
def test_it_holds_every_random_line_that_states_a_failure(scanner, seed):
    rng = random.Random(seed)
    lines = [_random_line(rng).encode() for _ in range(3000)]
    failing = 0
    for line, held in zip(lines, _held(scanner, lines), strict=True):
        if _failing(line):
            failing += 1
            assert held, line
    assert failing > 500


def test_the_letters_upper_case_makes_ascii_are_all_listed():
    found = {chr(c) for c in range(0x80, 0x110000) if (u := chr(c).upper()).isascii() and u.isalpha()}
    assert found == set(UPPER_TO_ASCII)


def test_hyperscan_holds_the_lines_python_regexes_hold(scanner, real_lines):
    """The compiled scan agrees with Python's re on the same patterns (Hyperscan 5.4 has missed
    lines that a pattern holds before: wordscan.WordScanner)."""
    pattern = next(p for p, says in failure_patterns() if says == FAILING)
    python = re.compile(pattern)
    for name, lines in real_lines:
        data = b"\n".join(lines) + b"\n"
        expected = {data.rfind(b"\n", 0, m.end() - 1) + 1 for m in python.finditer(data)}
        assert expected <= scanner.lines(data, len(data)).failing, name


def test_the_lines_it_finds_continued_are_those_triage_searched_for(scanner, real_lines):
    """triage._segments takes the lines after a continued one from the scan (failscan.CONTINUING):
    the same segments as its own search of the region."""
    from kb.matching.triage import _segments, _Tracebacks

    for name, lines in real_lines:
        data = bytearray(b"\n".join(lines) + b"\n")
        tracebacks = _Tracebacks(data, len(data))
        found = scanner.lines(data, len(data))
        assert _segments(data, len(data), tracebacks, found.following) == _segments(
            data, len(data), tracebacks), name


def test_a_region_starting_with_an_indented_line_leaves_it_to_the_word_stage(scanner):
    """A file may start with an indented line, which heads no logical line of its own: triage reads
    it whatever it states (tests/test_matching_wordscan.py found one dropped, a pasted `ping`)."""
    data = b"      # ping -c 4 openstack.org\n\nnext line\n"
    assert 0 in scanner.lines(data, len(data)).continued


def test_it_finds_the_lines_whose_numbers_may_say_words_on_their_own(scanner):
    # plain and https, which an http:// URL to a TLS port says, count as rare terms its text need
    # not hold: triage._word_lines keeps such a line whatever the word patterns hold
    data = b"INFO x: a quiet line\nUnable to reach http://ctl:8443/v2.1\nGET http://ctl:5000/ ok\n"
    found = scanner.lines(data, len(data))
    assert found.saying == {data.index(b"Unable")}


def test_it_says_which_of_a_paste_s_lines_may_state_a_failure_by_their_index():
    # full matching's question (failscan.stating_lines): lines of any width in UTF-8, a lone surrogate
    lines = ["caf\u00e9 ok", "caf\u00e9 failed", "\ud800 ok", "", "WARNING x", "all good", "timed out"]
    assert stating_lines(lines) == {1, 4, 6}
    assert stating_lines([]) == set()


def test_a_long_run_of_word_characters_is_one_match_not_one_per_byte():
    """Seen: a 7 MB line of one letter (a web upload, so triage) ran for minutes and kept 800 MB
    of matches; the run of 80 word characters matched at each of its bytes."""
    scanner, calls = FailureScanner(), []
    scan = scanner._db.scan

    def counting(data, on_match):
        def counted(*match):
            calls.append(match)
            return on_match(*match)
        return scan(data, counted)

    scanner._db.scan = counting
    long, short = b"a" * 200_000 + b"\nnext\n", b"a" * 80 + b"\nnext\n"
    assert scanner.lines(long, len(long)) == scanner.lines(short, len(short))
    assert len(calls) == 2


def test_a_region_without_a_long_run_is_scanned_without_its_pattern_alike(scanner, real_lines):
    """Only a region holding a run of 80 word characters is scanned with the pattern that finds its
    end (failscan.LONG_RUN, costly); any other gets the same lines from the patterns without it."""
    everything = FailureScanner.loads(scanner.dumps())
    everything._fast = everything._db  # as if every region held a run
    fast = 0
    for name, lines in real_lines:
        data = b"\n".join(lines) + b"\n"
        fast += not scanner._probe.holding([data])[0]
        assert scanner.lines(data, len(data)) == everything.lines(data, len(data)), name
    run = b"x " + b"ab" * 60 + b"error\nok\n"  # a failure word read past the 80th character of a word
    assert scanner.lines(run, len(run)).failing == {0}
    assert fast


def test_it_finds_where_each_traceback_header_starts_as_triage_searched_for_them():
    """triage._Tracebacks reads the headers the failure scan found (Lines.headers) instead of
    searching each region for them again: the same offsets, with or without the colon, next to
    one another, at a region's start and at its end without a newline."""
    from kb.matching import triage

    head = b"Traceback (most recent call last)"
    data = bytearray(head + b":\n  File \"x.py\", line 1\nValueError: x\n2016-12-11 16:59:22.220 1165 ERROR "
                     b"nova.compute.manager [-] " + head + b":\nTraceback (most recent call last" + head
                     + head + b"\nplain\n" + head)
    scanner = FailureScanner()
    for limit in (len(data), len(data) - 3, data.rindex(b"\n") + 1, 40, 0):
        assert scanner.lines(data, limit).headers == list(triage._headers(data, limit)), limit
    assert len(scanner.lines(data, len(data)).headers) == 5


def test_the_lines_read_for_a_brace_are_those_its_two_patterns_found(scanner, real_lines):
    """A line holding a `{` is read in Python (failscan._braces), where two patterns found JSON
    lines before (`(?:^|\\n)[ \\t\\r\\x0b\\x0c]*\\{`, CONTINUED) and escaped JSON records
    (`\\{[^\\n]*\\\\`, FAILING) at a cost to Hyperscan: the same lines, in real logs and crafted
    ones (a `{` after blanks, after text, a backslash before or after it, several of each, a
    region's last line without its newline, a line of 3,000 `{`)."""
    from kb.matching.failscan import Lines, _braces

    json_line, escaped = re.compile(rb"(?:^|\n)[ \t\r\x0b\x0c]*\{"), re.compile(rb"\{[^\n]*\\")
    crafted = (b'{"log": "a"}\n  {"b": "x\\"y"}\nx { y \\ z\nx \\ { y\n\t\x0b{\n{\\\n\\{\nab{{{\\\\\n'
               b"plain\n \r{ \\\n{{\n") * 3 + b"x { end \\"
    for name, lines in [*real_lines, ("crafted", crafted.split(b"\n")), ("braces", [b"{" * 3000, b"\\"])]:
        data = b"\n".join(lines) + b"\n"
        found = Lines(set(), set(), set())
        _braces(data, len(data), found)
        def held(pattern, data=data):
            return {data.rfind(b"\n", 0, m.end() - 1) + 1 for m in pattern.finditer(data)}

        assert found.continued == held(json_line), name
        assert found.failing == held(escaped), name
    data = crafted  # through the scan, its last line without a newline
    for limit in (len(data), data.rfind(b"\n") + 1):
        read = data[:limit] + (b"" if data[limit - 1:limit] == b"\n" else b"\n")
        found = Lines(set(), set(), set())
        _braces(read, len(read), found)
        held = scanner.lines(data, limit)
        assert found.continued <= held.continued and found.failing <= held.failing


def _every_sign_patterns() -> list[tuple[bytes, int]]:
    """failure_patterns with each failure sign spelled out as it was before failscan left out the
    signs another holds (`_level_patterns`, `_stems`): every level word in capitals and in any
    case, every key in brackets, JSON and logfmt, every stem, the numbers' signs in the FAILING
    pattern as well as their own."""
    from kb.matching import failscan
    from kb.matching.bounds import triggers

    levels = failscan._FAILING_LEVELS
    key = failscan._caseless(levels)
    shapes = failscan._level_patterns()[-7:-1]  # a letter past ASCII, klog's ...: as they are
    assert shapes[0].startswith(rb"(?:\xc3") and shapes[-1].startswith(rb'\"PRIORITY'), shapes
    signs = [
        *(re.escape(w).encode() for w in levels if len(w) >= 3),
        *(failscan._caseless([w]) for w in levels if len(w) >= 4),
        rb"\[" + key + rb"\]",
        rb"\"(?:level|severity|lvl|levelname)\"\s*:\s*\"" + key + rb"\"",
        rb"(?:level|lvl)=\"?" + key + rb"(?:\n|[\" \r])",
        *shapes,
        *(failscan._word(t) for w in _FAILURE_WORDS for t in triggers(w)),
        *(failscan._stem(s) for s in _FAILURE_STEMS),
        *failscan._number_patterns(),
    ]
    patterns = failure_patterns()
    assert patterns[0][1] == FAILING
    return [(b"(?:" + b"|".join(signs) + b")", FAILING), *patterns[1:]]


def test_the_signs_left_out_are_held_by_others_the_same_lines(scanner, real_lines):
    """A sign another sign holds (`ERROR`, `warning`, `critical`, a number's sign also a SAYS
    pattern) only added matches, each a call into Python: left out, the scan finds the same lines
    of every real log, and of crafted ones holding each level word and stem in each case, at a
    region's start, after a small letter, a capital, a bracket, a quote, a `=`."""
    every = FailureScanner(_every_sign_patterns())
    words = [w for w in (*(w.lower() for w in _LEVELS), *_FAILURE_STEMS) if w]
    crafted = []
    for word in words:
        for spelled in (word, word.upper(), word.capitalize(), word[0] + word[1:].upper()):
            crafted += [spelled, f"a{spelled} y", f"z{spelled}", f"X{spelled}", f"[{spelled}] y",
                        f'"level": "{spelled}"', f"level={spelled} x", f'lvl="{spelled}"', f"a_{spelled}_b",
                        f"{spelled}ing"]
    for name, lines in [*real_lines, ("crafted", [line.encode() for line in crafted])]:
        data = b"\n".join(lines) + b"\n"
        assert vars(scanner.lines(data, len(data))) == vars(every.lines(data, len(data))), name
    for line in crafted:  # each at a region's start
        data = line.encode() + b"\n"
        assert scanner.lines(data, len(data)) == every.lines(data, len(data)), line
