"""Triage's region scanner (kb/matching/regionscan.py): the template scanner's hits and the failure
scan's lines, found in one Hyperscan database, are those of the two scans apart (pure: no
database)."""

from pathlib import Path

import pytest

from kb.matching import Engine, triage, triage_stream
from kb.matching.failscan import FailureScanner
from kb.matching.prefilter import template_scanner
from kb.matching.regionscan import RegionScanner, region_scanner
from tests.bench.gen_log import generate
from tests.test_false_alarms import REALLOGS

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


def _regions(shipped, tmp_path) -> list[tuple[str, bytes]]:
    """Real logs, healthy and calibration ones, and a generated log with known lines and near misses."""
    paths = sorted(REALLOGS.glob("*.log"))
    paths += sorted(p for name in ("healthy", "healthy9", "calibration") if (DATA / name).is_dir()
                    for p in (DATA / name).iterdir() if p.name[0].islower())
    from tests.bench.kb_source import shipped_issue_specs

    log = tmp_path / "mixed.log"
    generate(log, shipped, shipped_issue_specs(), lines=20000, seed=17, rate=0.01)
    return [(p.name, p.read_bytes()) for p in [*paths, log]]


def test_it_finds_what_the_template_and_failure_scans_find_apart(shipped, tmp_path):
    templates, failures, regions = template_scanner(shipped), FailureScanner(), region_scanner(shipped)
    hits = 0
    for name, data in _regions(shipped, tmp_path):
        found, lines = regions.scan(data, len(data))
        assert found == templates.hits(data), name
        assert lines == failures.lines(data, len(data)), name
        hits += len(found)
    assert hits > 100


@pytest.mark.parametrize("data", [
    b"x " + b"ab" * 60 + b"error\nok\n",  # a run of word characters: its pattern is scanned too
    b"2016-12-11 ERROR x Traceback (most recent call last):\n  File \"a.py\"\nSTAT evictions 12",  # no \n
    b"",
])
def test_it_scans_long_runs_and_a_region_without_a_last_newline_alike(shipped, data):
    failures = FailureScanner()
    for limit in {len(data), max(0, len(data) - 3), data.find(b"\n") + 1}:
        found, lines = region_scanner(shipped).scan(data, limit)
        assert found == template_scanner(shipped).hits(memoryview(data)[:limit])
        assert lines == failures.lines(data, limit)


def test_a_loaded_region_scanner_finds_the_same(shipped, tmp_path):
    scanner = region_scanner(shipped)
    loaded = RegionScanner.loads(scanner.dumps())
    for name, data in _regions(shipped, tmp_path)[-3:]:
        assert loaded.scan(data, len(data)) == scanner.scan(data, len(data)), name


def test_triage_with_words_is_the_same_with_the_scans_apart(shipped, tmp_path, monkeypatch):
    """The path triage took before: the template scanner and the failure scanner, each over the
    region (no region scanner for the engine)."""
    log = tmp_path / "mixed.log"
    from tests.bench.kb_source import shipped_issue_specs

    generate(log, shipped, shipped_issue_specs(), lines=20000, seed=19, rate=0.01)

    def triaged():
        hits = []
        with open(log, "rb") as stream:
            summary = triage_stream(shipped, stream, on_hit=lambda *hit: hits.append(hit))
        return hits, summary.as_dict()

    together = triaged()
    monkeypatch.setattr(triage, "region_scanner", lambda engine: None)
    assert together == triaged()
    assert len(together[0]) > 10
