"""A live migration without progress, read off nova's progress line's numbers (pure: no database).

The line's format is nova's (nova/virt/libvirt/driver.py `_live_migration_monitor`, openstack/nova
14.0.0: 'Data remaining %(remaining)d bytes, low watermark %(watermark)d bytes %(last)d seconds ago');
the values below are made up for these tests.
"""

import pytest

from kb.matching import Engine
from kb.matching.migration_lines import failure_shapes, failure_words, seconds_without_progress

PROGRESS = (
    "2016-11-23 03:12:44.508 31845 INFO nova.virt.libvirt.driver [req-2c7e1b9a-4d3f-4a86-b0e5-9f1d3c7a5e28"
    " 6a1d9c3e7b2f4e80a5c1d7f3b9e2a4c6 0d8f2b6e4a1c4e97b3d5f9a1c7e3b5d2 - - -] [instance:"
    " 7f3a9c1e-5b2d-4e68-a0c4-8d6f2b1e9a37] Data remaining 5368709120 bytes, low watermark 4831838208"
    " bytes {seconds} seconds ago"
)


@pytest.mark.parametrize(
    ("message", "seconds"),
    [
        ("Data remaining 5368709120 bytes, low watermark 4831838208 bytes 312 seconds ago", 312),
        ("Data remaining 0 bytes, low watermark 0 bytes 0 seconds ago", 0),
        ("Migration running for 1800 secs, memory 87% remaining; (bytes processed=1, remaining=2, total=3)",
         None),
        ("Live migration stuck for 150 sec", None),
    ],
)
def test_it_reads_how_long_a_migration_made_no_progress(message, seconds):
    assert seconds_without_progress(message) == seconds


def test_only_more_than_novas_progress_timeout_reads_as_stuck():
    line = "Data remaining 5368709120 bytes, low watermark 4831838208 bytes {} seconds ago"
    assert [failure_words(line.format(s)) for s in (30, 150, 151, 1402)] == [
        frozenset(), frozenset(), {"stuck"}, {"stuck"}]


def test_a_shape_may_read_as_stuck_wherever_one_of_its_lines_does():
    """Triage's bounds (bounds.py) read a line's shape, every digit written 0: what the shape
    may say holds what any line of it says, and a shape whose seconds are too short says none."""
    line = "Data remaining 5368709120 bytes, low watermark 4831838208 bytes {} seconds ago"
    for seconds in (0, 30, 99, 150, 151, 999, 1402):
        shape = line.format(seconds).translate(str.maketrans("123456789", "000000000"))
        assert failure_words(line.format(seconds)) <= failure_shapes(shape), seconds
    assert failure_shapes(line.format(99).translate(str.maketrans("9", "0"))) == frozenset()


@pytest.fixture(scope="module")
def shipped():
    from tests.bench.kb_source import shipped_issue_specs

    return Engine.build(shipped_issue_specs())


def test_a_migration_without_progress_points_at_the_never_converging_migration_issue(shipped):
    slugs = [m.issue.spec.slug for m in shipped.match_text(PROGRESS.format(seconds=312)).matches]
    assert slugs[:1] == ["live-migration-of-busy-instances-never-converges"]


def test_it_stays_a_lead_and_an_info_line_of_a_moving_migration_is_none(shipped):
    report = shipped.match_text(PROGRESS.format(seconds=312))
    assert not any(m.confident for m in report.matches)
    assert shipped.match_text(PROGRESS.format(seconds=12)).matches == ()
