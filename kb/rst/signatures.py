"""Turning the literal blocks of a Symptoms field into signature lines.

Reports paste log text into literal blocks, often hard-wrapped: a record
split over several lines, or lines ending in a shell-style backslash. Those
pieces are joined back into one record. Lines that are not log records
(table rows, shell prompts, bare words) would make signatures that fire on
anything, so they are dropped.
"""

import re

MAX_SIGNATURES_PER_BLOCK = 10
MAX_LENGTH = 500
_RECORD_START = re.compile(
    r"^(\d{4}-\d{2}-\d{2}[ T]|[A-Z][a-z]{2} +\d+ \d\d:|[IWEF]\d{4} |\[\s*\d+\.\d+\]|"
    r"[A-Za-z_.]+(Error|Exception|Failed)\b|[A-Z][A-Z_]+:)"
)
_NOT_LOG = re.compile(r"^([|+]|\$ |# |[\w.-]+@[\w.-]+:.*[#$] |[-=~]{3,}$|\.\.\. )")
_MIN_WORDS = 3
# An oslo.log prefix wrapped away from its message: date, time, pid, level, logger.
_PREFIX_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2} [\d:.]+ \d+ [A-Z]+ [\w.]+$")


def signature_lines(block_text: str) -> list[str]:
    records: list[str] = []
    for raw in block_text.splitlines():
        line = raw.strip()
        if not line:
            continue
        continues = records and (
            records[-1].endswith("\\")
            or _PREFIX_ONLY.match(records[-1])
            or not _RECORD_START.match(line)
        )
        if continues and not _NOT_LOG.match(line):
            records[-1] = _join(records[-1], line)
        else:
            records.append(line)
    kept = [r for r in records if _looks_like_log(r)]
    return [r[:MAX_LENGTH] for r in kept[:MAX_SIGNATURES_PER_BLOCK]]


def _join(head: str, tail: str) -> str:
    head = head[:-1].rstrip() if head.endswith("\\") else head
    return f"{head} {tail}"


def _looks_like_log(line: str) -> bool:
    # A traceback's frames name code, not the failure; its exception line,
    # a record of its own, is what identifies the issue.
    if _NOT_LOG.match(line) or line.startswith("Traceback (most recent call last)"):
        return False
    words = re.findall(r"[A-Za-z]{2,}", line)
    return len(words) >= _MIN_WORDS
