"""The cheap bounds (kb/matching/bounds.py) never skip a line whose evidence matters (pure: no database)."""

import pytest

from kb.matching import CANDIDATE, CONFIDENT, Engine, IssueSpec, SignatureSpec, bounds, scoring
from kb.matching.grouping import group_lines
from tests.bench.gen_log import generate
from tests.test_matching_triage import _real_material


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


@pytest.fixture(scope="module")
def material(shipped, tmp_path_factory):
    """Real logs and the eval sets, and a slice of the benchmark log (known lines, near misses)."""
    from tests.bench.kb_source import shipped_issue_specs

    log = tmp_path_factory.mktemp("bounds") / "bench.log"
    generate(log, shipped, shipped_issue_specs(), lines=4000, seed=3, rate=0.01)
    return [*_real_material(), ("bench.log", log.read_text().splitlines())]


def _matters(evidence) -> bool:
    """What match_lines keeps of a line in a log of more than SHORT_PASTE lines."""
    return any(e.score >= CONFIDENT or (e.score >= CANDIDATE and e.is_lead(False)) for e in evidence)


def test_a_line_it_skips_has_no_confident_evidence_and_no_lead(shipped, material):
    may_matter = bounds.bounds_of(shipped).may_matter
    skipped = wrong = 0
    for name, lines in material:
        for group in group_lines(lines):
            if may_matter(group.text, group.gist):
                continue
            skipped += 1
            view = scoring.view_of(group.text, group.gist)
            # nor a signature hit, even a weak one (Bounds._may_hit asks for a template whole)
            hits, _contradicted = scoring.template_evidence(shipped._kb, view)
            if _matters(scoring.line_evidence(shipped._kb, view)) or hits:
                wrong += 1
                print(name, group.number, group.text)
    assert wrong == 0
    assert skipped > 10000  # most lines of real logs are skipped


def test_a_line_read_for_signatures_only_has_word_evidence_that_does_not_matter(shipped, material):
    # bounds.SIGNATURES: the engine reads such a line without its words (Engine._signature_evidence)
    reading = bounds.bounds_of(shipped).reading
    read = wrong = 0
    for name, lines in material:
        for group in group_lines(lines):
            if reading(group.text, group.gist) != bounds.SIGNATURES:
                continue
            read += 1
            view = scoring.view_of(group.text, group.gist)
            if _matters(scoring.word_evidence(shipped._kb, view)):
                wrong += 1
                print(name, group.number, group.text)
    assert wrong == 0
    assert read > 100


def _report(engine, lines, *, skim: bool, monkeypatch):
    with monkeypatch.context() as patch:
        if not skim:
            patch.setattr(bounds.Bounds, "reading", lambda self, text, gist, **_known: bounds.ALL)
        return engine.match_lines(lines).as_dict()


def test_full_matching_reports_the_same_with_and_without_skimming(shipped, material, monkeypatch):
    confident = 0
    for name, lines in material:
        skimmed = _report(shipped, lines, skim=True, monkeypatch=monkeypatch)
        assert skimmed == _report(shipped, lines, skim=False, monkeypatch=monkeypatch), name
        confident += sum(m["confident"] for m in skimmed["matches"])
    assert confident > 50


def test_it_finds_the_lines_that_may_hold_a_template_in_one_pass(shipped, material, monkeypatch):
    """Bounds.holding_lines (Hyperscan over the whole paste, then each line holding an anchor)
    gives the lines _may_hit holds, also without Hyperscan, and for the lines masking reads
    otherwise: colour codes, JSON records, logfmt's escaped quotes."""
    found = bounds.bounds_of(shipped)
    crafted = ["\x1b[31mERROR\x1b[0m Connection to libvirt lost: 1", '{"log": "Connection to libvirt lost"}',
               'level=info msg="Unit \\"a\\" failed"', "caf\u00e9 failed to bind to port 80 on host",
               "\ud800"]
    held = 0
    for _name, lines in [*material, ("crafted", crafted)]:
        expected = {index for index, line in enumerate(lines) if found._may_hit(line)}
        held += len(expected)
        assert found.holding_lines(lines) == expected, _name
        with monkeypatch.context() as patch:
            patch.setattr(found, "_anchor_db", None)  # the compiled one is kept on the instance
            assert found.holding_lines(lines) == expected, _name
    assert held > 100


def test_a_logfmt_line_escaping_a_quote_holds_its_signature_in_a_whole_log():
    # logfmt's msg is read unescaped (prefix._peel_logfmt): the raw text holds \"dbus.service\",
    # the signature "dbus.service"; at INFO only the signature can answer the line
    engine = Engine.build([IssueSpec("dbus", "dbus", signatures=(
        SignatureSpec(1, 'Unit "dbus.service" failed to restart, giving up'),))])
    line = 'time="2016-12-09T11:42:17Z" level=info msg="Unit \\"dbus.service\\" failed to restart, giving up"'
    filler = [f"2016-12-11 16:59:22.220 1 INFO nova.compute.manager [-] line {i}" for i in range(60)]
    for lines in ([line], [*filler, line]):
        assert [m.issue.spec.slug for m in engine.match_lines(lines).matches if m.confident] == ["dbus"]


def test_a_short_paste_is_never_skimmed(shipped, monkeypatch):
    # an INFO line with one shared word is a lead in a paste of a few lines (scoring._lead_need)
    monkeypatch.setattr(bounds.Bounds, "reading", lambda self, text, gist, **_known: pytest.fail("skimmed"))
    shipped.match_lines(["2016-12-11 16:59:22.220 1 INFO nova.compute.manager [-] x"] * 10)


def test_the_key_pieces_are_the_line_s_own_text():
    assert bounds._pieces_of("connecting to '") == ("connecting", "to")
    # a lower-case <ip> written in a signature meets the folded placeholder of any address
    assert bounds._pieces_of("reply from <ip> after") == ("after", "reply", "from")



_ZERO = str.maketrans("123456789", "000000000")


def test_digits_are_read_by_their_class_only(material):
    """shape_may_be_confident's premise: parse's message and masking commute with writing every
    digit 0 (JSON records aside: their numbers may not start with 0)."""
    from kb.matching.normalize import mask_values
    from kb.matching.prefix import parse

    checked = 0
    for name, lines in material:
        for line in lines:
            if line.lstrip().startswith("{") or not any(c.isdigit() for c in line):
                continue
            checked += 1
            message = parse(line).message
            zeroed = message.translate(_ZERO)
            assert parse(line.translate(_ZERO)).message == zeroed, (name, line)
            assert mask_values(zeroed) == mask_values(message).translate(_ZERO), (name, line)
    assert checked > 10_000


def test_a_shape_it_rules_out_is_ruled_out_for_every_line_of_it(shipped, material):
    """A line of one physical line whose shape (digits rewritten) can give no confident word
    evidence shares too little with every issue, or its word evidence, as words_may_be_confident
    reads it, stays below confident."""
    from kb.matching.normalize import mask_values
    from kb.matching.prefix import parse

    found = bounds.bounds_of(shipped)
    ruled_out = 0
    for _name, lines in material:
        for group in group_lines(lines):
            if group.first != group.last or group.text.startswith("{"):
                continue
            message = parse(group.text).message
            terms = scoring.message_words(mask_values(message))[0] | scoring.numbers_say(message)
            if found.line_ruled_out(group.text.encode()):
                ruled_out += 1
                confident = found.words_may_be_confident(group.text, group.text)
                assert not found._sharing(terms) or not confident, group.text
    assert ruled_out > 1000


@pytest.mark.parametrize("seed", range(3))
def test_a_lines_runs_of_digits_are_read_in_c_as_the_regex_finds_them(seed):
    """line_ruled_out reads a line's runs of digits by a translation and a split: the runs
    bounds._BYTE_RUN finds, in order, whatever bytes surround them (whitespace, non-ASCII)."""
    import random

    rng, alphabet = random.Random(seed), b"0123456789 ab.-:\t\x0b\x0c\r\n\xff\xd9\xa1"
    for _ in range(5000):
        line = bytes(rng.choice(alphabet) for _ in range(rng.randrange(60)))
        assert line.translate(bounds._DIGITS_ALONE).split() == bounds._BYTE_RUN.findall(line), line


_OSLO_LINES = [
    "2016-12-11 16:59:22.220 7232 WARNING nova.compute.manager [-] [instance: d1465c1e-922e-b8ff] "
    "Instance failed to spawn: libvirtError: internal error",
    "2016-12-11 16:59:22,220 1 ERROR nova.compute.manager [req-1 a b - - -] x",
    "2016-12-11 16:59:22.220123456 12345678 ERROR nova.virt.libvirt.driver [-] boom",  # a Ceph-like pid
    "2016-12-11 16:59:22.220 1 ERROR nova.compute: x",  # no oslo.log logger: parsed otherwise
    "2016-12-11 16:59:22.220 1 ERROR nova [-] x",
    "2016-12-11 16:59:22.220 1 FOO nova.compute.manager [-] x",  # no level word
    "2016-12-11 16:59:22.220 1 ERROR nova.x [a] [b]x",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [a] [b] [c] msg",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [a]",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [a] [b]   ",
    "2016-12-11 16:59:22.220 1 ERROR nova.x   [a] indented",
    '2016-12-11 16:59:22.220 1 ERROR nova.x [-] {"message": "boom", "level": "ERROR"}',
    "2016-12-11 16:59:22.220 1 ERROR nova.x [-] ERROR: something",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [-] E1211 16:59:31.552018 1 x.go:12] from klog",
    '2016-12-11 16:59:22.220 1 ERROR nova.x [-] level=error msg="boom \\"q\\"" err=x',
    "2016-12-11 16:59:22.220 1 ERROR nova.x [-] Dec 11 16:58:03 host prog[1]: nested syslog",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [-] 2016-12-11 16:59:22.220 1 INFO nova.y [-] twice",
    "2016-12-11 16:59:22.220 1 ERROR nova.x [-] \u00e9t\u00e9 \u2019quoted\u2019",
    "2016-12-11 16:59:22.220 1 ERROR:  nova.x [-] x",
    "  2016-12-11 16:59:22.220 1 ERROR nova.x [-] indented line",
    "nova.log:2016-12-11 16:59:22.220 1 ERROR nova.x [-] grep's file name",
]


@pytest.mark.parametrize("line", _OSLO_LINES)
def test_it_reads_a_crafted_lines_message_as_parse_does(line):
    from kb.matching.prefix import message_of, parse

    assert message_of(line) == parse(line).message
    assert message_of(line) == parse(line).message  # its rest known


@pytest.mark.parametrize("seed", range(2))
def test_it_reads_an_oslo_lines_message_as_parse_does_whatever_follows_its_head(seed):
    """message_of reads what follows an oslo.log head as parse does, however it goes on (random
    text of the bytes parse's patterns turn on)."""
    import random

    from kb.matching.prefix import message_of, parse

    rng = random.Random(seed)
    pieces = [" ", "[", "]", "-", ":", "|", "{", "}", '"', "=", "<", ">", "\\", "\u00e9", "1", "12345678",
              "ERROR", "INFO", "msg", "level", "nova.api", "x", "\t", ".log", "2016-12-11 16:59:22.220"]
    for _ in range(3000):
        head = rng.choice(["2016-12-11 16:59:22.220 1 ERROR", "2016-12-11 16:59:22,5 123456789 WARNING",
                           "2016-12-11 16:59:22.220 1 INFO nova.api", "2016-12-11 16:59:22.220 1 X"])
        line = head + " " + "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert message_of(line) == parse(line).message, line


def test_it_reads_every_real_lines_message_as_parse_does(material):
    from kb.matching.prefix import _OSLO_HEAD, message_of, parse

    oslo = 0
    for name, lines in material:
        for line in lines:
            assert message_of(line) == parse(line).message, (name, line)
            oslo += bool(_OSLO_HEAD.match(line.strip()))
    assert oslo > 1000
