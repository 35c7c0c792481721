"""Signs of a stalled live migration that nova's progress lines hold in their numbers.

nova-compute's libvirt driver watches a live migration every half second
(`_live_migration_monitor`, nova/virt/libvirt/driver.py, openstack/nova 14.0.0,
commit 59653c6f4623a231c777985b9c5202376ea68aa5). It keeps the least data
remaining seen so far (the low watermark) and when it was seen; whenever the
data remaining has grown back above that watermark it logs, at INFO (DEBUG
between reports):

    Data remaining 7472570368 bytes, low watermark 6981231104 bytes 312 seconds ago

The last number is how long the migration has made no forward progress.
`should_abort` (nova/virt/libvirt/migration.py) calls a migration that went
`live_migration_progress_timeout` seconds without progress (150 by default,
nova/conf/libvirt.py) stuck: it logs `Live migration stuck for %d sec` and
aborts the job. So a progress line whose last progress is more than
PROGRESS_TIMEOUT seconds ago says what that warning says (the timeout may
have been turned off, which is why the line is still printed): it reads as
"stuck", the word nova uses, though it is an INFO line.

nova logs the line from 12.0.0 (Liberty, commit da33ab4f7b) until 19.0.0 (Stein), which
removed the progress timeout and this line with it (commit 4c3698c0b6).
"""

import re

# nova's default live_migration_progress_timeout (nova/conf/libvirt.py, 14.0.0)
PROGRESS_TIMEOUT = 150
STUCK_WORDS = frozenset({"stuck"})
_DATA_REMAINING = re.compile(
    r"\bData remaining \d{1,20} bytes, low watermark \d{1,20} bytes (\d{1,10}) seconds ago\b"
)


def seconds_without_progress(message: str) -> int | None:
    """How long ago a nova migration progress line says data remaining last fell, if it is one."""
    m = _DATA_REMAINING.search(message) if "low watermark" in message else None
    return int(m.group(1)) if m else None


def failure_words(message: str) -> frozenset[str]:
    """"stuck" for a migration that made no progress for longer than nova's progress timeout."""
    seconds = seconds_without_progress(message)
    return STUCK_WORDS if seconds is not None and seconds > PROGRESS_TIMEOUT else frozenset()


def failure_shapes(shape: str) -> frozenset[str]:
    """The words `failure_words` may find in a message of this shape (every digit written 0),
    whatever its digits: "stuck" when the seconds have as many digits as PROGRESS_TIMEOUT or
    more (more than it may be there). Reads digits by class only."""
    m = _DATA_REMAINING.search(shape) if "low watermark" in shape else None
    return STUCK_WORDS if m and len(m.group(1)) >= len(str(PROGRESS_TIMEOUT)) else frozenset()
