"""Triage's cheap checks of a window agree with the engine (pure: no database): the check of its
raw bytes (kb/matching/rawcheck.py) never rules out a window in which a signature matches, and
does rule out ordinary lines sharing its words; Engine.holds_signature says what signature_hits
says."""

import io
import json
import random
import re

import pytest

from kb.matching import CONFIDENT, Engine, scoring, triage_stream
from kb.matching.generic import PROGRAMS
from kb.matching.grouping import group_lines
from kb.matching.rawcheck import UNKNOWN, pieces, raw_checks
from tests.bench.gen_log import generate
from tests.test_matching_triage import _real_material, _written_otherwise

PREFIX = "2016-12-21 16:59:45.208 29664 INFO oslo_service.periodic_task [-] "


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


def _respaced(rng, line: str) -> str:
    """The line with some of its blanks written otherwise: tabs, runs, a carriage return."""
    return "".join(rng.choice(["\t", "  ", " \t ", " \r"]) if c == " " and rng.random() < 0.3 else c
                   for c in line)


def _material(shipped, tmp_path):
    from tests.bench.kb_source import shipped_issue_specs

    log = tmp_path / "bench.log"
    generate(log, shipped, shipped_issue_specs(), lines=3000, seed=17, rate=0.05)
    rng = random.Random(5)
    written = _written_otherwise(shipped, shipped_issue_specs(), rng, 300)
    material = [*_real_material(), ("bench.log", log.read_text().splitlines()), ("otherwise", written)]
    return material + [(f"{name} respaced", [_respaced(rng, line) for line in lines])
                       for name, lines in material]


def test_it_never_rules_out_a_window_where_a_signature_matches(shipped, tmp_path):
    checks = raw_checks(shipped)
    tid = {template: n for n, template in enumerate(shipped._kb.templates)}
    seen = 0
    for name, lines in _material(shipped, tmp_path):
        for group in group_lines(lines):
            raw = "\n".join(lines[group.first : group.last + 1]).encode()
            hits = shipped.signature_hits(group)
            # a shared library's message on a line whose prefix names nobody passes the gate
            # without a confident hit: the line before it may say who logged it (Engine._in_context)
            assert shipped.holds_signature(group) == bool(hits) or not hits and _unnamed_library_message(
                shipped, group), (name, group.text)
            for hit in hits:
                seen += 1
                assert checks.may_match(raw, 0, len(raw), {tid[hit.template]}), (name, group.text)
    assert seen > 600  # not vacuous: the eval sets, the bench slice, lines said otherwise (866, 2026-12-06)


def _unnamed_library_message(shipped, group) -> bool:
    """A library's message on a line whose prefix names nobody, or a program's own message
    (generic.PROGRAMS: dnsmasq's under dnsmasq's name, whose relay the decision reads): the gate
    defers to the engine. A program's message another prefix names is decided by that prefix."""
    parsed = scoring.read_line(group.text)[0]
    view = scoring.view_of(group.text, group.gist, with_words=False)
    hits, _contradicted = scoring.template_evidence(shipped._kb, view)
    unnamed = not (parsed.program or parsed.logger)
    return any(e.template.generic and (unnamed or e.template.generic in PROGRAMS and bool(parsed.program)
                                       and view.component == e.template.generic) for e in hits)


def _signature_line(shipped, slug_part: str) -> tuple[int, str]:
    """(template id, a line holding that signature, its values filled in)."""
    from kb.matching.prefix import parse
    from tests.bench.gen_log import _fill, _Values

    for n, template in enumerate(shipped._kb.templates):
        if slug_part in template.signature:
            return n, PREFIX + _fill(_Values(random.Random(1)), parse(template.signature).message)
    raise LookupError(slug_part)


@pytest.mark.parametrize(("signature", "near_miss"), [
    # a signature's words without its punctuation pieces or its number (tests/bench/gen_log.py)
    ("/api/v1/namespaces/", "/api/v1/namespaces/ http://node-8.ccp.svc.cluster.local:16463/v3 returned 200"),
    ("Computing predicates", "audit: ] Computing predicates entry 10784fbfd617fb1e expired from cache"),
    ("Possible SYN flooding", "kernel: TCP: request_sock_TCP: Possible SYN flooding on port 8080. "
                              "Sending cookies.  Check SNMP counters."),
    ("Pod <*>/<*> expired", "skipping Pod synchronization - entry 4e3546f3d992796c expired from cache"),
    # the quoted value's ending it spells (Template.quoted_ends), missing or another file's
    ("Cannot access storage file",
     "Cannot access storage file http://node-42.ccp.svc.cluster.local:42317/v3 returned 200"),
    ("Cannot access storage file",
     "Cannot access storage file '/var/lib/nova/instances/1f0e/disk.info' (as uid:107)"),
])
def test_it_rules_out_a_line_holding_only_some_of_a_signature(shipped, signature, near_miss):
    tid, known = _signature_line(shipped, signature)
    checks = raw_checks(shipped)
    miss = (PREFIX + near_miss).encode()
    assert not checks.may_match(miss, 0, len(miss), {tid})
    assert checks.may_match(known.encode(), 0, len(known.encode()), {tid})
    # in triage, the near miss is never decoded; the known line is found as full matching finds it
    data = ("\n".join([PREFIX + near_miss] * 50 + [known]) + "\n").encode()
    hits = set()
    summary = triage_stream(shipped, io.BytesIO(data), on_hit=lambda n, slug, _sig: hits.add((n, slug)))
    full = set()
    shipped.match_lines([known], min_score=CONFIDENT, on_hit=lambda n, slug, _sig: full.add((n + 50, slug)))
    assert hits == full and full
    assert summary.candidate_lines == 1


def test_it_leaves_a_window_to_the_engine_when_the_bytes_may_be_normalised_otherwise(shipped):
    """An escape, a control character, a backslash (JSON, a wrapped line) or a non-ASCII byte
    (Unicode whitespace): the raw bytes may not hold what the normalised line holds."""
    tid, _known = _signature_line(shipped, "Possible SYN flooding")
    checks = raw_checks(shipped)
    for unsure in (b"\x1b[0m", b"\x01", b"\\", "\u00a0".encode()):
        line = b"Possible SYN flooding on port 1121" + unsure + b"1"
        assert checks.may_match(line, 0, len(line), {tid})
        assert not checks.may_match(line, 0, len(line) - len(unsure) - 1, {tid})
    assert checks.may_match(b"anything", 0, 8, {UNKNOWN})  # a literal prefilter's hit names none


def test_a_json_record_escaping_a_signature_s_number_is_still_found(shipped):
    record = {"log": "Possible SYN flooding on port \\u00311211. Sending cookies.", "stream": "stderr"}
    line = json.dumps(record).replace("\\\\u", "\\u")  # "11211" written as JSON may escape any character
    full = set()
    shipped.match_lines([line], min_score=CONFIDENT, on_hit=lambda n, slug, _sig: full.add((n, slug)))
    hits = set()
    triage_stream(shipped, io.BytesIO((line + "\n").encode()),
                  on_hit=lambda n, slug, _sig: hits.add((n, slug)))
    assert hits == full and full


def test_a_signature_keeping_the_prefix_meets_its_line_in_a_docker_json_record(shipped):
    # libvirtd's log format (time: thread: level : function:line : message) and
    # virNetSocketNewConnectTCP's "unable to connect to server at '%s:%s'" (libvirt
    # src/rpc/virnetsocket.c); as libvirtd in a container writes it through docker's json-file
    # driver. Values made up. The shipped signature keeps the function's name, from the prefix.
    bare = ("2016-12-02 11:22:33.604+0000: 2154: error : virNetSocketNewConnectTCP:548 : unable to "
            "connect to server at '10.20.0.12:16509': No route to host")
    wrapped = json.dumps({"log": bare + "\n", "stream": "stderr", "time": "2016-12-02T11:22:33.60452Z"})
    expected = {(1, "live-migration-failed-with-live_migration_uri-configuration",
                 "virNetSocketNewConnectTCP:<NUM> : unable to connect to server at <*>")}
    for line in (bare, wrapped):
        full, hits = set(), set()
        shipped.match_lines([line], min_score=CONFIDENT, on_hit=lambda n, slug, sig, seen=full: seen.add(
            (n, slug, sig)))
        triage_stream(shipped, io.BytesIO((line + "\n").encode()),
                      on_hit=lambda n, slug, sig, seen=hits: seen.add((n, slug, sig)))
        assert full == expected
        assert hits == full


def _regexes(template):
    """The regexes rawcheck._Needs compiled before it found bytes instead: each piece's words with
    `\\s*` between them and each quoted value, caseless; each number not followed by a digit."""
    def piece(text):
        return re.compile(rb"\s*".join(re.escape(word.encode()) for word in text.split()), re.IGNORECASE)

    return ([piece(p) for p in pieces(template.segments)],
            [re.compile(re.escape(n.encode()) + rb"(?!\d)") for n in sorted(template.numbers)],
            [level.encode() for level in template.levels],
            [re.compile(re.escape(value.encode()), re.IGNORECASE)
             for value in sorted(template.quoted | template.quoted_ends)
             if not any(char.isspace() for char in value)])


def _met_as_before(template, data: bytes, start: int, end: int) -> bool:
    """rawcheck._Needs.met as it read before it asked the numbers and level words first, with the
    regexes it compiled then (`_regexes`): the pieces in order, then every number, every level
    word (and every quoted value)."""
    pieces_, numbers, levels, quoted = _regexes(template)
    at = start
    for piece in pieces_:
        found = piece.search(data, at, end)
        if found is None:
            return False
        at = found.end()
    return (all(number.search(data, start, end) for number in numbers)
            and all(data.find(level, start, end) >= 0 for level in levels)
            and all(value.search(data, start, end) for value in quoted))


def test_a_template_s_needs_are_met_where_they_were_asked_in_their_first_order(shipped, tmp_path):
    """_Needs.met asks the numbers and level words before the pieces (the bench log's near misses
    lack a number), and finds bytes where it compiled regexes: the same answer on every line and
    window of a generated log and of lines saying signatures otherwise (their blanks respaced too),
    for every strong template, met or not."""
    checks = raw_checks(shipped)
    strong = [tid for tid, template in enumerate(shipped._kb.templates) if not template.weak]
    met = unmet = 0
    material = [(name, lines) for name, lines in _material(shipped, tmp_path)
                if name.startswith(("bench.log", "otherwise"))]
    for name, lines in material:
        for group in group_lines(lines):
            raw = "\n".join(lines[group.first : group.last + 1]).encode()
            for tid in strong:
                needs = checks._of(tid)
                answer = needs.met(raw, 0, len(raw))
                assert answer == _met_as_before(shipped._kb.templates[tid], raw, 0, len(raw)), (
                    name, tid, group.text)
                met, unmet = met + answer, unmet + (not answer)
    assert met > 300 and unmet


def test_a_template_s_needs_read_bytes_as_the_regexes_they_stand_for(shipped):
    """_Needs.met against the regexes it stands for (`_met_as_before`) on random bytes around each
    need of a few templates: blanks of every kind between a piece's words or none, letters in
    either case, a digit after a number, bytes past ASCII, bounds cutting a need."""
    from kb.matching.rawcheck import _Needs
    from kb.matching.signatures import compile_signature

    rng = random.Random(23)
    crafted = [t for text in ("Connection to <*> port 22: Broken pipe", "GET /api/v1/nodes<*>: (<*>) 429",
                              "Cannot access storage file '<*>/disk.config'", "a b  c:d 1.5 Ab 'x:y'")
               for t in compile_signature(0, text, "log")]
    templates = crafted + [t for t in shipped._kb.templates if not t.weak]
    alphabet = [b"a", b"A", b"b", b"B", b"c", b"C", b"d", b":", b" ", b"\t", b"\r", b"\x0b", b"\x0c",
                b"\n", b"\x1c", b"0", b"1", b"5", b".", b"\xc3", b"\xa9", b"'"]

    def noise() -> bytes:
        return b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 4)))

    apart = [b"", b" ", b"\t", b"  ", b"\n ", b"\x0b", b"\x1c", b"x"]

    def cased(word: bytes) -> bytes:
        return bytes(c ^ 32 if 97 <= c <= 122 and rng.random() < 0.5 else c for c in word)

    for template in templates:
        needs = _Needs(template)
        for _ in range(300 if template in crafted else 30):
            # each need in order, most of the time: a piece's words apart by blanks of any kind or
            # none (or by a byte that is none), a number maybe followed by a digit
            parts = [noise()]
            for words in needs.pieces:
                if rng.random() < 0.95:
                    for k, word in enumerate(words):
                        if k:
                            parts.append(rng.choice(apart))
                        parts.append(cased(word))
                parts.append(noise())
            tail = [n + rng.choice([b"", b" ", b"7"]) for n in needs.numbers] + needs.levels + [
                cased(value) for value in needs.quoted]
            parts += [need for need in tail if rng.random() < 0.95] + [noise()]
            if rng.random() < 0.2:
                rng.shuffle(parts)
            data = b"".join(parts)
            start = rng.randint(0, len(data) // 4)
            end = rng.randint(len(data) - len(data) // 4, len(data))
            assert needs.met(data, start, end) == _met_as_before(template, data, start, end), (
                template.signature, data, start, end)


def test_a_quoted_value_a_signature_spells_is_needed_in_any_case_of_its_ascii_letters(shipped):
    """`Cannot access storage file '<*>/disk.config'`: a line must quote a value ending so
    (Template.quoted_ends, folded); the raw check needs that ending in the window's bytes, in any
    case of its ASCII letters as full matching compares it."""
    tid, known = _signature_line(shipped, "Cannot access storage file")
    checks = raw_checks(shipped)
    for line in (known, known.replace("disk.config", "DISK.Config")):
        raw = line.encode()
        assert checks.may_match(raw, 0, len(raw), {tid}), line
        report = shipped.match_lines([line], min_score=CONFIDENT)
        assert report.lines_matched == 1, line  # full matching finds it too: the check must not rule it out
    assert checks._of(tid).quoted
