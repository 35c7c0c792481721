"""Physical lines -> logical lines (a traceback, a hard-wrapped line, an indented tail).

Rules, decided for each line from the line before it only (plus whether the
group is an unfinished Python traceback), so a streaming reader can find the
same groups from any "safe head" (see `is_safe_head`):

* after a line ending in a backslash, the next line continues it;
* an indented line continues the line above it, unless a blank line separates them;
* in a group headed by ``Traceback (most recent call last):``, the first
  unindented line after the indented frames is the exception and ends the group.

A group is reported under its head's line number. Words are taken from the
group's *gist*: the exception line of a traceback (frames are file paths and
code, not symptoms), the whole text otherwise.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

TRACEBACK_HEAD = "Traceback (most recent call last)"
MAX_GROUP_LINES = 200
MAX_GROUP_CHARS = 20000

_HEXISH_TAIL = re.compile(r"[0-9a-fA-F-]{1,64}$")
_HEXISH_HEAD = re.compile(r"[0-9a-fA-F-]{1,64}(?![\w])")


@dataclass(frozen=True)
class Logical:
    first: int  # index of the head line in the input sequence
    last: int
    text: str
    gist: str


def _indented(line: str) -> bool:
    return line[:1] in (" ", "\t") and bool(line.strip())


def _glue(previous: str, line: str) -> str:
    """Join a backslash-wrapped line; a wrap inside a UUID or hex id gets no space."""
    body = previous.rstrip()[:-1]
    nxt = line.strip()
    if not body or body[-1].isspace():
        return body + nxt
    if _HEXISH_TAIL.search(body[-65:]) and _HEXISH_HEAD.match(nxt):
        return body + nxt
    return body + " " + nxt


def is_safe_head(previous: str | None, line: str) -> bool:
    """True when `line` starts a group whatever came before `previous`."""
    if not line.strip() or line[:1] in (" ", "\t"):
        return False
    if previous is None:
        return True
    return not previous.rstrip().endswith("\\") and not _indented(previous)


class _Builder:
    def __init__(self):
        self.groups: list[Logical] = []
        self.first = -1
        self.text = ""
        self.count = 0
        self.traceback = False
        self.closed = False
        self.exception = ""

    def flush(self, last: int):
        if self.first >= 0:
            gist = self.exception if self.exception else self.text
            self.groups.append(Logical(self.first, last, self.text, gist))
        self.first = -1

    def start(self, index: int, line: str):
        self.first, self.text, self.count = index, line.strip(), 1
        self.traceback = TRACEBACK_HEAD in line
        self.closed, self.exception = False, ""

    def room(self) -> bool:
        return self.count < MAX_GROUP_LINES and len(self.text) < MAX_GROUP_CHARS


def group_lines(lines: Sequence[str]) -> list[Logical]:
    builder = _Builder()
    previous: str | None = None
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if not line.strip():
            builder.flush(index - 1)
            previous = None
            continue
        if builder.first >= 0 and builder.room() and previous is not None:
            if previous.rstrip().endswith("\\"):
                builder.text = _glue(builder.text, line)
                builder.count += 1
                previous = line
                continue
            if _indented(line):
                builder.text += " " + line.strip()
                builder.count += 1
                previous = line
                continue
            if builder.traceback and not builder.closed and _indented(previous):
                builder.text += " " + line.strip()
                builder.count += 1
                builder.closed, builder.exception = True, line.strip()
                previous = line
                continue
        builder.flush(index - 1)
        builder.start(index, line)
        previous = line
    builder.flush(len(lines) - 1)
    return builder.groups


def dedent(lines: Sequence[str]) -> list[str]:
    """Remove the indentation every non-blank line shares (pastes from mail and chat)."""
    widths = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
    cut = min(widths, default=0)
    return [x[cut:] if x.strip() else x for x in lines] if cut else list(lines)
