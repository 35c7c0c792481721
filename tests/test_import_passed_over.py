"""The import's summary says how many sections with text of their own became no issue, so that
an editor knows to look (the new-user trial of 2026-12-07: "1 created, 0 warnings" for a guide
whose other failures were passed over)."""

from kb.rst import parse_bytes
from kb.sync import SyncSummary

GUIDE = """\
# Queue guide

## Common issues

### Consumer stuck
**Symptoms:** Consumer remains in Waiting state
**Causes:**
- No free worker slots

### Useful commands
```bash
queuectl status
```

### Throughput
Throughput is measured per queue.
"""


def test_it_counts_the_sections_passed_over_but_no_heading_over_others():
    document = parse_bytes("guide.md", GUIDE.encode())
    assert [i.title for i in document.issues] == ["Consumer stuck"]
    assert document.passed_over == 2  # "Useful commands", "Throughput"; not the two headings


def test_the_summary_line_says_how_many_were_passed_over():
    line = SyncSummary(path="guide.md", created=["consumer-stuck"], passed_over=2).line()
    assert line.endswith("1 created, 0 updated, 0 unchanged, 0 retired, 0 kept local edits, 0 warnings, "
                         "2 section(s) passed over (--dry-run --format json says why)")
    assert SyncSummary(path="x.md").line().endswith("0 section(s) passed over")
