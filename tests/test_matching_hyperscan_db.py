"""The compiled Hyperscan databases triage scans with (kb/matching/hyperscan_db.py)."""

import threading

import pytest

from kb.matching.hyperscan_db import PatternDatabase

PATTERNS = [rb"timed\s+out", rb"(?i)connection refused", rb"\n[ \t][^\n]*\n"]
TEXT = b"".join(
    b"line %d: request timed  out\n  indented %d\nConnection REFUSED by peer\nplain line\n" % (n, n)
    for n in range(2000)
)


def _matches(database: PatternDatabase, text: bytes) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    database.scan(text, lambda id_, _start, end, *_: found.append((end, id_)))
    return found


def test_it_finds_the_same_matches_scan_after_scan_and_in_threads_at_once():
    """Each thread keeps one scratch space for its scans (allocated once, not per scan); threads
    scanning at once, and one thread again and again, find what a fresh database finds."""
    database = PatternDatabase(PATTERNS)
    expected = _matches(PatternDatabase(PATTERNS), TEXT)
    assert len(expected) == 3 * 2000  # each of the three patterns once per record
    assert [_matches(database, TEXT) for _ in range(3)] == [expected] * 3
    results: list[list[tuple[int, int]]] = []
    barrier = threading.Barrier(8)

    def work():
        barrier.wait()
        for _ in range(5):
            results.append(_matches(database, TEXT))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [expected] * 40
    assert database.holding([b"x timed out", b"nothing", b"\n indented\n"]) == [True, False, True]


def test_a_database_loaded_from_its_bytes_scans_as_the_compiled_one():
    database = PatternDatabase(PATTERNS)
    loaded = PatternDatabase.loads(database.dumps())
    assert _matches(loaded, TEXT) == _matches(database, TEXT)
    assert PatternDatabase.loads(b"").holding([b"timed out"]) == [False]


def test_the_same_patterns_are_compiled_once_and_scanned_apart():
    from kb.matching import hyperscan_db

    first = PatternDatabase([rb"disk \d+ failed", b"quota"], ids=[4, 9])
    second = PatternDatabase([rb"disk \d+ failed", b"quota"], ids=[4, 9])
    other = PatternDatabase([rb"disk \d+ failed", b"quota"], ids=[4, 10])
    assert first._db is second._db and other._db is not first._db
    # each with its own scratch space: both scan, and find the same
    lines = [b"disk 3 failed", b"ok"]
    assert first.matches_by_line(lines) == second.matches_by_line(lines) == [(0, 4)]
    kept = len(hyperscan_db._COMPILED)
    import hyperscan

    with pytest.raises(hyperscan.error):
        PatternDatabase([b"(unclosed"])
    assert len(hyperscan_db._COMPILED) <= kept  # a pattern that does not compile is not kept
