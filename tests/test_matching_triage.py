"""Streaming triage of big files agrees with match_lines (pure: no database)."""

import io
import random

import pytest

from kb.matching import CONFIDENT, Engine, IssueSpec, SignatureSpec, triage, triage_stream
from kb.matching.prefilter import build_prefilter
from kb.matching.rawcheck import plain
from tests.bench.gen_log import generate
from tests.bench.sample_kb import load_issue_specs

TRACEBACK = [
    "2016-12-11 16:59:22.220 1165 ERROR heat.engine.service [-] Unexpected error",
    "Traceback (most recent call last):",
    '  File "/usr/lib/python2.7/dist-packages/heat/engine/service.py", line 123, in validate',
    "    return self.rpc_client.call(ctxt, msg)",
    "MessagingTimeout: Timed out waiting for a reply to message ID 5f1e2ad4b6e94b9a",
]
DNSMASQ = (
    "I1211 16:59:31.000000 1 nanny.go:108] "
        "dnsmasq[9]: Maximum number of concurrent DNS queries reached (max: 150)"
)
WRAPPED = [
    "2013-03-12 01:35:43 1248 TRACE cinder.openstack.common.rpc.amqp \\",
    "ISCSITargetCreateFailed: Failed to create iscsi target for volume "
    "volume-137641b2-af72-4a2f-b243-\\",
    "65fdccd38780.",
]


@pytest.fixture(scope="module")
def specs():
    return load_issue_specs()


@pytest.fixture(scope="module")
def engine(specs):
    return Engine.build(specs)


def _signature_lines(report) -> dict[str, list[int]]:
    found = {}
    for match in report.matches:
        # a match lists its lines best first; triage counts them in log order
        numbers = sorted(h.number for h in match.lines if h.signature)
        if numbers:
            found[match.issue.spec.slug] = numbers
    return found


def _triaged(engine, data: bytes, **kwargs) -> tuple[object, dict[str, list[int]]]:
    hits: dict[str, list[int]] = {}
    summary = triage_stream(
        engine,
        io.BytesIO(data),
        on_hit=lambda n, slug, _sig: hits.setdefault(slug, []).append(n),
        **kwargs,
    )
    return summary, hits


def _lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8", "replace").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def test_it_triages_a_generated_file_like_match_lines(engine, specs, tmp_path):
    log = tmp_path / "mixed.log"
    truth = generate(log, engine, specs, lines=6000, seed=5, rate=0.03)
    data = log.read_bytes()
    summary, hits = _triaged(engine, data, chunk_size=8192)
    expected = _signature_lines(engine.match_lines(_lines(data), min_score=CONFIDENT))
    assert hits == expected
    assert sorted(n for numbers in hits.values() for n in numbers) == sorted(truth)
    assert summary.lines_total == 6000 and summary.bytes == len(data)
    tallies = {t.slug: (t.count, t.first_line, t.last_line) for t in summary.issues}
    assert tallies == {slug: (len(n), n[0], n[-1]) for slug, n in expected.items()}


@pytest.mark.parametrize("chunk_size", [64, 97, 256, 4096])
def test_it_sees_tracebacks_and_wrapped_lines_across_chunk_boundaries(engine, chunk_size):
    lines = ["2016-12-11 16:59:23.220 1 INFO nova.compute.manager [-] ok"] * 3 + TRACEBACK + WRAPPED
    lines += ["  indented tail of nothing", DNSMASQ, "", "    ", DNSMASQ]
    data = ("\n".join(lines * 3) + "\n").encode()
    summary, hits = _triaged(engine, data, chunk_size=chunk_size)
    assert hits == _signature_lines(engine.match_lines(_lines(data), min_score=CONFIDENT))
    # a traceback is reported under its exception line, the line that says what failed
    assert hits["heat-rpc-timeout-validation"] == [8, 24, 40]
    assert summary.lines_total == len(lines) * 3


def test_it_counts_a_last_line_without_newline(engine):
    summary, hits = _triaged(engine, (DNSMASQ + "\nnoise\n" + DNSMASQ).encode(), chunk_size=50)
    assert summary.lines_total == 3 and hits == {"kubedns-max-concurrent-queries": [1, 3]}


def test_it_triages_an_empty_stream(engine):
    summary, hits = _triaged(engine, b"")
    assert (summary.lines_total, summary.bytes, summary.issues, hits) == (0, 0, [], {})


def test_it_keeps_memory_bounded_on_a_blob_without_safe_heads(engine):
    data = ("head\n" + "  indented\n" * 5000 + DNSMASQ + "\n").encode()
    summary, _hits = _triaged(engine, data, chunk_size=4096)
    assert summary.lines_total == 5002


def test_it_survives_invalid_utf8_and_nuls(engine):
    data = b"\xff\xfe\x00garbage\n" + DNSMASQ.encode() + b"\n\xc3\n"
    summary, hits = _triaged(engine, data)
    assert summary.lines_total == 3 and hits == {"kubedns-max-concurrent-queries": [2]}


def test_it_reports_progress_and_a_summary(engine):
    seen = []
    data = ("\n".join([DNSMASQ, "noise"] * 40) + "\n").encode()
    summary = triage_stream(
        engine, io.BytesIO(data), lambda done, lines: seen.append((done, lines)), chunk_size=512
    )
    assert seen[-1] == (len(data), 80) and len(seen) > 2
    tally = summary.as_dict()["issues"][0]
    assert (tally["slug"], tally["count"], tally["first_line"], tally["last_line"]) == (
        "kubedns-max-concurrent-queries",
        40,
        1,
        79,
    )
    assert len(tally["samples"]) == 3 and summary.as_dict()["lines_total"] == 80


def test_it_gets_the_same_positions_from_both_prefilters(engine):
    data = ("\n".join([DNSMASQ, "noise", *TRACEBACK]) + "\n").encode() * 5
    ahocorasick = build_prefilter(engine.literals(), "pyahocorasick").positions(data)
    assert ahocorasick
    try:
        hyperscan = build_prefilter(engine.literals(), "hyperscan").positions(data)
    except ImportError:
        pytest.skip("hyperscan is not installed")
    assert sorted(hyperscan) == sorted(ahocorasick)


def test_it_gives_grep_one_literal_per_line(engine):
    assert engine.literals() and all("\n" not in lit and lit.strip() for lit in engine.literals())


def test_a_line_sharing_only_a_literal_with_a_signature_is_never_decoded(engine):
    # a signature with more than its literal ("... <*>:9696/v2.0/<*> timed out"), said only in part
    template = next(t for t in engine._kb.templates
                    if not t.weak and sum(any(c.isalpha() for c in s) for s in t.segments) > 1)
    near = f"2016-12-11 16:59:22.220 1 INFO keystoneclient [-] {template.literal} xyz returned 200"
    data = ("\n".join([near] * 200 + [DNSMASQ]) + "\n").encode()
    summary, hits = _triaged(engine, data)
    assert hits == {"kubedns-max-concurrent-queries": [201]}
    assert summary.candidate_lines == 1


def test_the_template_prefilter_agrees_with_python_regexes(engine, specs, tmp_path):
    """Hyperscan and `re` find the same lines (Hyperscan once missed `x.*:[ \\t]+\\[E`)."""
    import re

    from kb.matching.prefilter import TemplateScanner, template_pattern

    patterns = [p for p in (template_pattern(t.segments) for t in engine._kb.templates) if p]
    scanner = TemplateScanner(patterns)
    compiled = [re.compile(p) for p in patterns]
    log = tmp_path / "mixed.log"
    generate(log, engine, specs, lines=20000, seed=11, rate=0.01)
    literals = [lit.encode() for lit in engine.literals()]
    lines = [line for line in log.read_bytes().split(b"\n") if any(lit in line for lit in literals)]
    lines.append(b"2016-12-21 17:27:07.358 8445 ERROR nova.compute.manager [-] Failed to cleanup "
                 b"directory 10_227_203_163: [Errno node-107")
    lines += [line.swapcase() for line in lines[:100]]  # templates compare case-blind
    assert len(lines) > 400
    disagree = [line for line in lines if {i for _end, i in scanner.hits(line + b"\n")}
                != {i for i, c in enumerate(compiled) if c.search(line)}]
    assert disagree == []
    # as kept in an engine snapshot (kb/snapshots.py), and with nothing to find
    loaded = TemplateScanner.loads(scanner.dumps())
    assert [loaded.hits(line + b"\n") for line in lines] == [scanner.hits(line + b"\n") for line in lines]
    assert TemplateScanner([]).hits(lines[0]) == TemplateScanner.loads(b"").hits(lines[0]) == []


# `/api/v1/nodes<*>: (<*>) 429`: the template scanner keeps only `/api/v1/nodes`, which access lines hold
API_THROTTLED = "I0810 12:08:20.563925 1 wrap.go:42] GET /api/v1/nodes/node-1: (1.1ms) 429 [kcm 10.0.0.2]"
API_WATCH = ('10.0.0.{0} - - [21/Dec/2016:16:59:22 +0000] "GET /api/v1/nodes?resourceVersion=79{0}&watch=true'
             ' HTTP/1.1" 200 2848 "-" "kubelet/v1.5.1"')


@pytest.mark.parametrize("words", [False, True])
def test_a_signature_split_over_the_lines_of_one_logical_line_is_found_beside_lines_holding_a_piece(
        shipped, words):
    """A line holding the pieces of a signature the template scanner keeps, but not the rest, is
    left unread only as a logical line of its own (triage._plain_alone): after a backslash or
    before an indented line, the rest may follow."""
    at = API_THROTTLED.index(": (")
    head, rest = API_THROTTLED[:at], API_THROTTLED[at:]
    wrapped = [[head + " \\", rest], [head, "    " + rest]]
    ok = "I0810 12:08:20.563925 1 wrap.go:42] GET /healthz: (0.1ms) 200 [kubelet 10.0.0.3]"
    lines = [*(API_WATCH.format(i) for i in range(30)), API_THROTTLED, *wrapped[0], ok, *wrapped[1], ok]
    full, triaged = _confident_lines(shipped, lines, words=words)
    assert {number for number, _slug, _sig in full} == {31, 32, 35}
    assert triaged == full


def _plain_alone_as_read(data: bytearray, start: int, limit: int, tracebacks) -> bool:
    """triage._plain_alone as it read the bytes before _PLAIN_LINE (one test at a time)."""
    end = data.find(b"\n", start, limit)
    end = limit if end < 0 else end
    if not (33 <= data[start] <= 126 and plain(data, start, end)):
        return False
    if end + 1 < limit and not 33 <= data[end + 1] <= 126:
        return False
    if start:
        previous = data.rfind(b"\n", 0, start - 1) + 1
        if not 33 <= data[previous] <= 126 or bytes(data[previous : start - 1]).rstrip().endswith(b"\\"):
            return False
    return not (tracebacks.starts and tracebacks.may_hold(start))


def test_a_plain_line_alone_is_read_by_one_regex_as_it_was_test_by_test():
    """triage._plain_alone on every line of random regions of the bytes that decide it (blanks,
    backslashes, control and non-ASCII bytes, braces, newlines), against its earlier reading."""
    rng = random.Random(11)
    alphabet = [b"a", b"Z", b"0", b" ", b"\t", b"\\", b"\r", b"\x0b", b"\x0c", b"\x1b", b"\x7f", b"\xc3",
                b"{", b"~", b"!", b"\n", b"\n", b"\n"]
    for _ in range(3000):
        data = bytearray(b"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))))
        limit = rng.randint(1, len(data))
        tracebacks = triage._Tracebacks(data, limit)
        starts = [0] + [i + 1 for i in range(limit - 1) if data[i] == 10]
        for start in starts:
            assert (triage._plain_alone(data, start, limit, tracebacks)
                    == _plain_alone_as_read(data, start, limit, tracebacks)), (bytes(data), start, limit)


# kubelet wrote the CrashLoopBackOff reason as "Back-off %s restarting failed container=%s pod=%s"
# up to 1.21, which runbooks quote, and writes it in lower case (Go error style) since
# (pkg/kubelet/kuberuntime/kuberuntime_manager.go), as `kubectl get pod -o yaml` shows it.
KUBELET_BACKOFF = (
    "        message: back-off 5m0s restarting failed container=nova-compute "
    "pod=nova-compute-0_openstack(0f6c1f38-5d0a-4d41-9a0e-3b1c8e0d2a11)"
)
RUNBOOK_BACKOFF = (
    "Back-off 5m0s restarting failed container=nova-compute "
    "pod=nova-compute-0_openstack(5c3e6a8e-2b59-11ec-8d3d-0242ac130003)"
)


def test_a_signature_matches_its_line_in_other_case_in_full_matching_and_triage():
    engine = Engine.build([IssueSpec(
        slug="crashloop", title="Pods restart in a loop",
        signatures=(SignatureSpec(id=1, text=RUNBOOK_BACKOFF, source="symptom"),),
    )])
    report = engine.match_text(KUBELET_BACKOFF)
    assert [m.issue.spec.slug for m in report.matches] == ["crashloop"]
    assert report.matches[0].lines[0].signature == RUNBOOK_BACKOFF
    _summary, hits = _triaged(engine, (KUBELET_BACKOFF + "\n").encode())
    assert hits == {"crashloop": [1]}
    assert build_prefilter(engine.literals(), "pyahocorasick").positions(KUBELET_BACKOFF.encode())


# The swift ops runbook (../shared/corpus/swift__doc_source_ops_runbook_diagnose.rst) quotes
# `.... ERROR syncing .... Timeout` from background.log; kubelet logs "Error syncing pod ...
# timeout" (pod_workers.go, eval line 31). Case-blind segments made the two meet.
SWIFT_SYNC = ".... ERROR syncing .... Timeout"
KUBELET_SYNC = ('E1211 18:21:17.310255    2154 pod_workers.go:184] Error syncing pod '
                '8e2d0f51-bf9e-11e6-9a3c-0cc47a6b2e10, skipping: failed to "KillContainer" for '
                '"nova-compute" with KillContainerError: "operation timeout: context deadline exceeded"')


def test_a_level_word_in_capitals_in_a_signature_matches_only_in_capitals():
    engine = Engine.build([IssueSpec(
        slug="swift-sync", title="Object replication times out",
        signatures=(SignatureSpec(id=1, text=SWIFT_SYNC, source="symptom"),),
    )])
    swift = "Jan 10 10:00:00 host object-replicator: ERROR syncing /srv/node/sdb1/objects/123: Timeout (10s)"
    assert [m.issue.spec.slug for m in engine.match_text(swift).matches] == ["swift-sync"]
    assert [m.issue.spec.slug for m in engine.match_text(swift.replace("syncing", "Syncing")).matches] == [
        "swift-sync"]
    assert not engine.match_text(KUBELET_SYNC).matches
    _summary, hits = _triaged(engine, (KUBELET_SYNC + "\n" + swift + "\n").encode())
    assert hits == {"swift-sync": [2]}


def _real_material():
    """(name, lines) of real logs small enough to match in full: the eval sets, reallogs."""
    import json
    from pathlib import Path

    from tests.test_false_alarms import REALLOGS

    eval_dir = Path(__file__).parent / "eval"
    out = []
    for name in ("pastes.jsonl", "lines.jsonl", "fresh/lines.jsonl", "noise.jsonl"):
        records = [json.loads(line) for line in (eval_dir / name).read_text().splitlines() if line]
        if name == "pastes.jsonl":
            out += [(f"{name}#{i}", r["text"].split("\n")) for i, r in enumerate(records)]
        else:
            out.append((name, [r["text"] for r in records]))
    out += [(p.name, p.read_text(errors="replace").splitlines()) for p in sorted(REALLOGS.glob("*.log"))]
    return out


def _confident_lines(engine, lines, *, words=False):
    """{(line, slug, by signature)} full matching and triage each report as confident (`words`
    None: triage as it runs by default)."""
    full, triaged = set(), set()
    engine.match_lines(lines, min_score=CONFIDENT, on_hit=lambda n, s, sig: full.add((n, s, bool(sig))))
    data = ("\n".join(lines) + "\n").encode()
    options = {} if words is None else {"words": words}
    triage_stream(engine, io.BytesIO(data), on_hit=lambda n, s, sig: triaged.add((n, s, bool(sig))),
                  **options)
    return full, triaged


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


def test_triage_finds_every_signature_line_full_matching_finds_in_real_logs(shipped):
    found = 0
    for name, lines in _real_material():
        full, triaged = _confident_lines(shipped, lines)
        assert triaged <= full, name  # nothing full matching would not say
        assert {h for h in full if h[2]} <= triaged, name
        found += len(triaged)
    assert found > 200  # the eval sets are full of known lines


def _confident_report(engine, lines, **options) -> tuple:
    """What match_lines reports at CONFIDENT: each match (issue, score, lines) and every hit heard."""
    heard: list[tuple] = []
    report = engine.match_lines(lines, min_score=CONFIDENT, on_hit=lambda *hit: heard.append(hit), **options)
    matches = [(m.issue.spec.slug, m.score, m.lines, m.line_count) for m in report.matches]
    return matches, heard, report.lines_matched, report.unmatched, report.unmatched_count


def test_word_evidence_read_only_where_it_may_be_confident_changes_no_confident_report(shipped):
    """match_lines' `confident_words` (triage's windows) leaves out the word evidence bounds.py finds
    cannot be confident: at CONFIDENT the same report, on the real logs and eval sets read in
    windows of a few lines as triage reads them, and whole where they are short."""
    windows = 0
    for name, lines in _real_material():
        for size in (1, 5):
            for at in range(0, len(lines), size):
                window = lines[at : at + size]
                assert (_confident_report(shipped, window, confident_words=True)
                        == _confident_report(shipped, window)), (name, at, window)
                windows += 1
    assert windows > 1000


def _healthy_logs() -> list[tuple[str, list[str]]]:
    """(name, lines) of the healthy and calibration logs (tests/data/healthy*, calibration)."""
    from pathlib import Path

    data = Path(__file__).parent / "data"
    folders = [*sorted(data.glob("healthy*")), data / "calibration"]
    return [(p.name, p.read_text(errors="replace").splitlines()) for folder in folders if folder.is_dir()
            for p in sorted(folder.iterdir()) if p.name[0].islower()]


def test_triage_finds_every_line_full_matching_finds(shipped, tmp_path):
    """Issue 11: the same confident lines, issues and counts, on files small enough for both,
    word evidence included, as triage runs by default."""
    from tests.bench.kb_source import shipped_issue_specs

    log = tmp_path / "bench.log"
    generate(log, shipped, shipped_issue_specs(), lines=3000, seed=13, rate=0.01)
    # the eval sets' lines that only word evidence makes confident were 3 on 2026-12-05 and 1
    # since words need a line of one of the issue's components (2026-12-07 22:05 UTC): lines
    # saying signatures otherwise keep the word path exercised
    otherwise = _written_otherwise(shipped, shipped_issue_specs(), random.Random(5), 200)
    material = [*_real_material(), ("bench.log", log.read_text().splitlines()), *_healthy_logs(),
                ("otherwise", otherwise)]
    words_only = 0
    for name, lines in material:
        full, triaged = _confident_lines(shipped, lines, words=None)
        assert triaged == full, (name, sorted(full ^ triaged))
        words_only += sum(1 for hit in full if not hit[2])
    assert words_only >= 3


@pytest.mark.parametrize("seed", range(3))
def test_triage_finds_what_full_matching_finds_in_real_lines_mixed(shipped, seed):
    """Issue 11, as a property on real lines: a seeded mix of the real logs' lines, the eval sets'
    and lines saying signatures otherwise, cut into chunks of a seeded size, triaged by default
    (word evidence included), reports exactly the confident lines full matching reports."""
    import random

    from tests.bench.kb_source import shipped_issue_specs

    rng = random.Random(2000 + seed)
    pool = [line for _name, lines in [*_real_material(), *_healthy_logs()] for line in lines]
    lines = rng.sample(pool, 2500) + _written_otherwise(shipped, shipped_issue_specs(), rng, 300)
    rng.shuffle(lines)
    full, triaged = set(), set()
    shipped.match_lines(lines, min_score=CONFIDENT, on_hit=lambda n, s, sig: full.add((n, s, bool(sig))))
    data = ("\n".join(lines) + "\n").encode()
    triage_stream(shipped, io.BytesIO(data), chunk_size=rng.choice([4096, 65536]),
                  on_hit=lambda n, s, sig: triaged.add((n, s, bool(sig))))
    assert triaged == full, [(hit, lines[hit[0] - 1]) for hit in sorted(full ^ triaged)]
    # lines confident by words alone are among them (8 to 9 on seeds 0-2, 2026-12-07 22:50 UTC)
    assert sum(1 for hit in full if not hit[2]) >= 5


@pytest.mark.parametrize("chunk_size", [300, 1000, 4096])
def test_it_keeps_a_prefixed_traceback_whole_whatever_the_chunks(shipped, chunk_size):
    """Each line of oslo's prefixed traceback is a safe head, yet a frame of it is no line of its
    own: a frame's words (`columns_to_join=_expected_cols(...)`, an ERROR line) read alone are
    confident evidence that full matching never sees (eval paste 9)."""
    import json
    from pathlib import Path

    records = (Path(__file__).parent / "eval" / "pastes.jsonl").read_text().splitlines()
    lines = json.loads(records[9])["text"].split("\n")
    full = set()
    shipped.match_lines(lines, min_score=CONFIDENT, on_hit=lambda n, s, sig: full.add((n, s)))
    triaged = set()
    triage_stream(shipped, io.BytesIO(("\n".join(lines) + "\n").encode()), chunk_size=chunk_size,
                  on_hit=lambda n, s, sig: triaged.add((n, s)), words=True)
    assert triaged == full and full


def test_a_sample_is_its_whole_logical_line_even_beyond_the_lines_a_report_lists(engine):
    """A window may hold more confident lines of an issue than a report lists (MAX_LINES_PER_MATCH,
    best first): a sample among the others was its physical line, not its logical line."""
    prefix = "2016-12-11 16:{:02d}:{:02d} 1165 ERROR nova.compute.manager [instance: 7e0f] "
    # (a nova issue's signature: dnsmasq's own message under nova's prefix is no nova line)
    dns = "Live Migration failure: unable to connect to server at 'node-2': No route to host"

    def at(second: int, text: str) -> str:
        return prefix.format(second // 60, second % 60) + text

    def traceback(second: int) -> list[str]:
        return [at(second, "Traceback (most recent call last):"),
                at(second, '  File "/usr/lib/python2.7/dist-packages/nova/compute/api.py", line 12, in f'),
                at(second, "    dns.resolve(name)"),
                at(second, f"DNSError: {dns} while resolving the metadata host")]

    # oslo's prefixed tracebacks keep every line after them within reach in one window (_Tracebacks):
    # the first traceback, then 300 shorter lines that rank before it
    lines = traceback(0) + [at(s, dns) for s in range(1, 151)] + traceback(151)
    lines += [at(s, dns) for s in range(155, 305)]
    summary = triage_stream(engine, io.BytesIO(("\n".join(lines) + "\n").encode()))
    [tally] = summary.issues
    assert tally.count == 302 and tally.samples[0][0] == 4
    alone = triage_stream(engine, io.BytesIO(("\n".join(traceback(0)) + "\n").encode()))
    assert tally.samples[0] == alone.issues[0].samples[0]  # as the report shows it: from its header
    assert tally.samples[0][1].startswith(lines[0])


# ---- Word evidence on lines nobody wrote: signatures said otherwise -------------------------

_NOISE = ("2016-12-11 16:59:22.220 1 INFO nova.compute.manager [-] Took 1.20 seconds to build instance.",
          "Dec 11 16:59:31 node-3 sshd[7]: Accepted publickey for root from 10.0.0.1 port 22 ssh2")
_FILLERS = ("please", "retrying", "again", "node", "x7", "now", "kubernetes", "the", "error", "while")


def _prefix(rng, components) -> str:
    """A log prefix of a known shape and level, from one of the issue's components or another program."""
    own = rng.choice(sorted(components) or ["nova"])
    logger = f"{rng.choice([own, 'keystone', 'oslo'])}.{rng.choice(['engine', 'agent', 'service'])}.x"
    level = rng.choice(["ERROR", "WARNING", "INFO", "TRACE", "CRITICAL"])
    shapes = (
        lambda: f"2016-12-11 16:59:22.{rng.randrange(1000):03d} {rng.randrange(30000)} {level} {logger} [-] ",
        lambda: f"Dec 11 16:59:31 node-{rng.randrange(99)} {rng.choice([own, 'sshd', 'kubelet'])}"
                f"[{rng.randrange(9999)}]: ",
        lambda: f"{rng.choice('EWI')}1211 16:59:31.552018   {rng.randrange(9999)} "
                f"{rng.choice([own, 'server'])}.go:{rng.randrange(999)}] ",
        lambda: "",
        lambda: f"{level}: ",
    )
    return rng.choice(shapes)()


def _said_otherwise(rng, words: list[str], vocabulary: list[str]) -> list[str]:
    """A signature's words as another writer might put them: some dropped, moved, re-cased, glued
    (camelCase, snake_case), punctuated, or among other words (the issue's own, or none's)."""
    words = list(words)
    for _ in range(rng.randrange(1, 5)):
        if not words:
            break
        i, op = rng.randrange(len(words)), rng.randrange(8)
        if op == 0 and len(words) > 2:
            del words[i]
        elif op == 1:
            words[i] = rng.choice([str.upper, str.lower, str.capitalize, str.swapcase])(words[i])
        elif op == 2 and i + 1 < len(words):
            words[i : i + 2] = [words[i] + words[i + 1][:1].upper() + words[i + 1][1:]]
        elif op == 3 and i + 1 < len(words):
            words[i : i + 2] = [words[i] + "_" + words[i + 1]]
        elif op == 4:
            words.insert(i, rng.choice(_FILLERS))
        elif op == 5:
            words.insert(i, rng.choice(vocabulary))
        elif op == 6:
            words.insert(rng.randrange(len(words) + 1), words.pop(i))
        elif op == 7:
            words[i] += rng.choice([",", ":", ".", "'s", ")", "("])
    return words


def _written_otherwise(engine, specs, rng, count: int) -> list[str]:
    """`count` lines each saying a signature of the shipped knowledge otherwise, between ordinary lines."""
    from kb.matching.prefix import parse
    from tests.bench.gen_log import _fill, _Values

    values, by_slug, lines = _Values(rng), {s.slug: s for s in specs}, []
    signatures = engine.signatures()
    for _ in range(count):
        slug, signature = rng.choice(signatures)
        spec = by_slug[slug]
        vocabulary = [w for w in f"{spec.title} {spec.symptoms}".split() if w.isalpha()] or ["x"]
        message = _fill(values, parse(signature).message).split()
        lines.append(_prefix(rng, spec.components) + " ".join(_said_otherwise(rng, message, vocabulary)))
        lines.append(rng.choice(_NOISE))
    return lines


def test_lines_saying_signatures_otherwise_make_word_evidence_confident(shipped):
    """The property below is not vacuous: such lines are often confident by words alone (how
    often depends on which signatures the seeded draw picks: of 200 lines, 36 to 44 on seeds 0-3
    with the signatures of 2026-12-07 00:00 UTC, 34 to 46 with those of 02:00 UTC; the bound
    was 40, which seed 0 met exactly before a signature was added and the draw moved). Since
    2026-12-07 22:05 UTC words are confident only on a line that says it comes from one of the
    issue's components, which most of these prefixes do not: of 200 lines 5 to 13, of 600 21 to 30
    on seeds 0-3; since the Ceph monitor's PG refusals are signs (2026-12-08 01:30 UTC) the draw
    moved, of 600 17 to 27 on seeds 0-3 (seed 0: 17), and the bound is 15."""
    import random

    from tests.bench.kb_source import shipped_issue_specs

    lines = _written_otherwise(shipped, shipped_issue_specs(), random.Random(0), 600)
    full, triaged = _confident_lines(shipped, lines, words=None)
    assert triaged == full, sorted(full ^ triaged)
    assert sum(1 for _number, _slug, signature in full if not signature) >= 15


@pytest.mark.parametrize("seed", range(3))
def test_triage_with_words_finds_what_full_matching_finds_on_lines_nobody_wrote(shipped, seed):
    """Issue 11, as a property: whatever the wording, case, glue, prefix and level, triage with
    words reports exactly the confident lines full matching reports (seeded, so reproducible;
    on 2026-12-06 seeds 2-7 at 1,500 lines each, ~450 lines confident by words alone in each,
    were run once by hand: all equal)."""
    import random

    from tests.bench.kb_source import shipped_issue_specs

    lines = _written_otherwise(shipped, shipped_issue_specs(), random.Random(1000 + seed), 150)
    full, triaged = _confident_lines(shipped, lines, words=None)
    assert triaged == full, [(hit, lines[hit[0] - 1]) for hit in sorted(full ^ triaged)]


def test_triage_with_words_reads_json_records_behind_a_prefix_as_full_matching_does(shipped):
    """Issue 9: prefix.parse reads a JSON record behind a syslog or CRI prefix (its level and
    message); triage's mirrors (wordscan, bounds) must still find every line full matching finds."""
    import json
    import random

    from kb.matching.prefix import parse
    from tests.bench.gen_log import _fill, _Values

    rng = random.Random(9)
    values, lines = _Values(rng), []
    # a signature holding a character JSON escapes is triage's known blind spot (triage.py's
    # docstring): the raw bytes hold `\"`, the record's message `"`
    signatures = [s for s in shipped.signatures() if '"' not in s[1] and "\\" not in s[1]]
    for slug_signature in rng.sample(signatures, min(120, len(signatures))):
        message = _fill(values, parse(slug_signature[1]).message)
        record = json.dumps({"level": rng.choice(["error", "warn", "info", "debug"]), "msg": message,
                             "ts": "2024-01-01T00:00:00Z"})
        prefix = rng.choice(["Dec 06 10:00:01 node-1 k3s[1234]: ",
                             "2024-01-01T00:00:00.000000000Z stderr F "])
        lines += [prefix + record, rng.choice(_NOISE)]
    full, triaged = _confident_lines(shipped, lines, words=None)
    assert triaged == full, [(hit, lines[hit[0] - 1]) for hit in sorted(full ^ triaged)]
    assert len(full) >= 20


@pytest.mark.parametrize("chunk_size", [64, 256, 4096])
def test_it_numbers_a_signature_in_an_indented_row_as_full_matching_does(chunk_size):
    """Issue 9: full matching shows a hit by the physical row holding the signature (a
    `kubectl describe` Events row, not its `Events:` header); triage counts the same line, and
    the table once as a record."""
    from tests.test_matching_engine import CALICO_NOT_READY, DESCRIBE, _issue

    engine = Engine.build([_issue("calico-bgp", CALICO_NOT_READY, components=("calico",))])
    lines = [*DESCRIBE, "", *DESCRIBE]
    data = ("\n".join(lines) + "\n").encode()
    summary, hits = _triaged(engine, data, chunk_size=chunk_size)
    assert hits == _signature_lines(engine.match_lines(lines, min_score=CONFIDENT)) == {"calico-bgp": [6, 14]}
    assert summary.records_matched == 2
    assert summary.issues[0].samples[0] == (6, DESCRIBE[5].strip())  # as full matching shows it
    from kb.analysis import tally_report

    [match] = tally_report(engine, summary).matches  # the report of a triaged log shows it so too
    assert (match.lines[0].number, match.lines[0].text) == (6, DESCRIBE[5].strip())


@pytest.mark.parametrize("chunk_size", [64, 97, 256, 4096])
@pytest.mark.parametrize("newline", [b"\r", b"\r\n", b"\r\r\n", b"mixed"])
def test_it_reads_every_line_end_as_lf_whatever_the_chunks(engine, chunk_size, newline):
    """Issue 9: lines ending in a lone CR were one line; a \\r\\n split between two reads is one
    line end, not two; so is \\r\\r\\n (grouping.physical_lines)."""
    lines = [DNSMASQ, "2016-12-11 16:59:23.220 1 INFO nova.compute.manager [-] ok", *TRACEBACK, DNSMASQ] * 4
    lf = ("\n".join(lines) + "\n").encode()
    if newline == b"mixed":
        ends = [b"\r", b"\n", b"\r\n", b"\r\r\n"]
        data = b"".join(line.encode() + ends[i % 4] for i, line in enumerate(lines))
    else:
        data = lf.replace(b"\n", newline)
    expected, hits = _triaged(engine, lf, chunk_size=chunk_size)
    summary, got = _triaged(engine, data, chunk_size=chunk_size)
    assert got == hits and summary.lines_total == expected.lines_total == len(lines)
    assert summary.records_matched == expected.records_matched


def test_triage_with_words_counts_the_concept_a_number_raises_in_a_lines_shape(shipped):
    """A 403 alone raises the ~auth concept (authentication, same meaning); the line's rough shape
    reads it as 000 and its bound missed that concept, so a line confident by words in full
    matching (a glued `codeWhile` took the prose bound below too) was ruled out by its shape.
    Seen in the property test below once the shipped signatures changed its sample. At error
    level: without one (and no failure word) word evidence is never confident (scoring.states_failure)."""
    line = "Dec 11 16:59:31 node-50 keystone[8539]: ERROR now) Bad response codeWhile validating token: 403"
    full, triaged = _confident_lines(shipped, [line], words=None)
    assert full == {(1, "glanceheat-authentication-misconfiguration", False)}
    assert triaged == full


@pytest.mark.parametrize("words", [False, True])
def test_triage_reads_a_counter_in_exponent_notation_as_full_matching_does(shipped, words):
    """`<POS>` reads `4.1873302e+07`, `1e0` and `0.5` as above 0 and `0e+00`, `0.0e+00` as 0,
    in triage (raw windows, holds_signature) as in full matching: the same lines are confident.
    (`name 0.5` alone reads as a program's version banner, scoring._BUILD: not asked here.)"""
    above = ["4.1873302e+07", "1e0", "0.5", "3.5", "1.2E+06", "7"]
    zero = ["0", "0.0", "0e+00", "0.0e+00", "-4e+05"]
    lines, expected = [], set()
    for value in above + zero:
        forms = [f'memcached_items_evicted_total{{instance="10.0.0.5:9150"}} {value}',
                 f"STAT evictions {value}"]
        if "." not in value or "e" in value.lower():
            forms.append(f"memcached_items_evicted_total {value}")
        for form in forms:
            lines.append(form)
            if value in above:
                expected.add(len(lines))
        lines.append(_NOISE[len(lines) % 2])
    full, triaged = _confident_lines(shipped, lines, words=words)
    assert triaged == full
    assert {number for number, slug, signature in full
            if signature and slug == "overloaded-memcache-service"} == expected


def test_the_bench_log_writes_every_signature_as_a_line_full_matching_knows(shipped):
    """make bench counts kb's misses against the lines gen_log writes for each signature; a
    placeholder the generator does not fill as the matcher reads it (`<SLOW>` on 2026-12-06
    morning, `<POS>` that afternoon: `STAT evictions node-168`) made kb 'miss' lines that say no
    issue at all."""
    import random

    from tests.bench.gen_log import _known, _Values
    from tests.bench.kb_source import shipped_issue_specs

    class Both(random.Random):
        """Draws cycle 0.05, 0.05, 0.5 about the generator's 0.1, so that within three blocks of a
        signature each form comes, its traceback block and its line, whether a block's prefix
        draws once or not (a traceback block with dnsmasq's message at its end made kb 'miss' lines
        of the bench log, 2026-12-07: nothing in it says whose dnsmasq it is; gen_log writes none)."""

        drawn = 0

        def random(self):
            self.drawn += 1
            return 0.5 if self.drawn % 3 == 0 else 0.05

    specs = shipped_issue_specs()
    components = {s.slug: s.components for s in specs}
    values = _Values(Both(3))
    for slug, signature in shipped.signatures():
        for _ in range(3):
            block = _known(values, slug, signature, components)
            report = shipped.match_lines(block)
            assert slug in [m.issue.spec.slug for m in report.known], (signature, block[-1])


@pytest.mark.parametrize("chunk_size", [64, 97, 256, 4096])
def test_it_keeps_a_traceback_with_blank_lines_between_its_frames_whole(engine, chunk_size):
    """Issue 9: a traceback with a blank line after each frame (old oslo.messaging's remote ones,
    grouping.py) is one unit; its exception after a blank line is no safe head, so triage shows
    the unit as full matching reads it, not the exception alone."""
    from kb.matching.grouping import group_lines
    from kb.matching.report import clip

    spaced = [TRACEBACK[0], TRACEBACK[1], "", TRACEBACK[2], TRACEBACK[3], "", TRACEBACK[4]]
    lines = [DNSMASQ, *spaced, DNSMASQ] * 3
    units = {g.number: clip(g.text) for g in group_lines(lines)}
    numbers = _signature_lines(engine.match_lines(lines))["heat-rpc-timeout-validation"]
    expected = sorted((n, units[n]) for n in numbers)
    summary, _hits = _triaged(engine, ("\n".join(lines) + "\n").encode(), chunk_size=chunk_size)
    [tally] = [t for t in summary.issues if t.slug == "heat-rpc-timeout-validation"]
    assert tally.samples == expected and all(text.startswith("Traceback") for _n, text in expected)


# A file that ends without a newline, concatenated with the next (`cat a.log b.log`): the next
# file's first record joins the end of its last line (the last line of loghub's OpenStack_2k.log,
# then a nova record whose message is a signature of fixtures/live_migration.rst).
JOINED = (
    "nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:14:47.687 25746 INFO nova.osapi_compute.wsgi.server "
    "[req-dd237280-5bc8-41cb-a035-26c8e64d49fc 113d3a99c3da401fbd62cc2caa5b96d2 "
    '54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET '
    '/v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1916 time: 0.2717581'
    "2017-05-16 00:00:09.000 25746 WARNING nova.virt.libvirt.migration [req-1 - - - - -] "
    "[instance: 4f2a9c11-8d3e-4c70-b2a5-91e6d0f7c3b8] Live migration not completed after 1800 sec"
)


@pytest.mark.parametrize("record", [[JOINED], TRACEBACK], ids=["joined", "traceback"])
def test_triage_reports_a_long_record_as_full_matching_does(shipped, record):
    """Issue 11: a record's issue is in the report of a triaged log as in full matching's. Triage
    found both, but kept each issue's samples as their text clipped to 300 characters and scored
    each issue on them again (analysis.tally_report): the joined record (real: nova logged it, a
    lost newline joined it) lost its signature, past character 300 of the line, and a traceback
    with a frame, read as one line, was no traceback; either issue was gone from the report."""
    from kb.analysis import tally_report

    lines = [DNSMASQ, *record, DNSMASQ]
    summary = triage_stream(shipped, io.BytesIO(("\n".join(lines)).encode()))
    full, triaged = shipped.match_lines(lines), tally_report(shipped, summary)

    def answer(report):
        return sorted((m.issue.spec.slug, m.score, m.line_count, [(hit.number, hit.text) for hit in m.lines])
                      for m in report.known)

    assert answer(triaged) == answer(full) and len(answer(full)) == 2
    assert triaged.lines_matched == full.lines_matched == 3
