"""A field heading set one level too high heads the other fields: the issue is titled by the section
above it, not "Symptoms" (issue #10; longhorn's KB article in tests/data/gathered9 and kubeone's
known issues in gathered16 were imported as issues titled "Symptoms" and "Description").

Each document here is our own, written in the shape a real one had.
"""

from kb.rst import parse_bytes

ARTICLE = """\
---
title: "Troubleshooting: `volume is read-only`"
---

## Applicable versions
All versions.

## Symptoms
Writes to the volume's mount point fail:
```
sh: can't create test: Read-only file system
```

### Root causes
The engine lost its replica while the volume was attached, and the kernel remounted it.

### Manual recovery
Scale the workload down, wait for the volume to detach, and scale it up again.

## Related information
The upstream bug report.
"""

KNOWN_ISSUES = """\
# Known Issues

## Webhooks time out on clusters with hardware offload

### Description
#### Symptoms
Calls to admission webhooks end in `context deadline exceeded`.

#### Cause
Segmentation offload on the virtual NIC breaks the overlay's TCP traffic.

### Recommendation
Turn segmentation offload off on the nodes' NICs.
"""


def test_a_symptoms_heading_over_the_other_fields_takes_the_pages_title():
    (issue,) = parse_bytes("article.md", ARTICLE.encode()).issues
    assert issue.title == "Troubleshooting: volume is read-only"
    assert "Read-only file system" in issue.symptoms and "lost its replica" in issue.root_cause


def test_a_description_heading_over_the_fields_takes_its_sections_title():
    (issue,) = parse_bytes("known.md", KNOWN_ISSUES.encode()).issues
    assert issue.title == "Webhooks time out on clusters with hardware offload"
    assert issue.category == "" and "offload" in issue.root_cause
