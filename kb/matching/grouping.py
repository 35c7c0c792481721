"""Physical lines -> logical lines (a traceback, a hard-wrapped line, an indented tail).

Rules, decided for each line from the line before it only (plus whether the
group is an unfinished Python traceback, and after a blank line inside one the
line before it), so a streaming reader can find the same groups from any "safe
head" (see `is_safe_head`):

* after a line ending in a backslash, the next line continues it;
* an indented line continues the line above it, unless a blank line separates them or it is a
  row of `kubectl describe`'s event table (each row an event of its own: command_output.py);
* in a group headed by ``Traceback (most recent call last):``, the first
  unindented line after the indented frames is the exception and ends the group;
  one blank line between its frames, or before its exception, does not end it (old
  oslo.messaging logs a remote traceback with a blank line after each frame).

* a traceback whose every line carries a log prefix (oslo.log's `TRACE` or
  `ERROR ... [instance: x]` lines) is one group too: after the line holding
  the header, a line whose text after the same logger marker is indented (or
  empty: old oslo separates remote frames with prefix-only lines) is a frame
  or its code, and the first one that is not is the exception; prefix-only
  lines after the exception belong to it too;
* a Go `goroutine N [...]:` dump takes its function lines and indented file
  lines with it.

A traceback is one unit: its *gist*, where words are taken from, is the
exception line (type and message), and that is the line it is reported
under (`gist_line`). Frames (`File "...", line N`, the code under them, Java
`at ...`, `... N more`, Go stack lines) are file paths and code, never
symptoms: they are left out of every gist. A goroutine dump has no gist.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .command_output import is_event_row

TRACEBACK_HEAD = "Traceback (most recent call last)"
MAX_GROUP_LINES = 200
MAX_GROUP_CHARS = 20000

_HEXISH_TAIL = re.compile(r"[0-9a-fA-F-]{1,64}$")
_HEXISH_HEAD = re.compile(r"[0-9a-fA-F-]{1,64}(?![\w])")
# Stack frames, wherever the log prefix ends: Python, Java, Go.
_PY_FRAME = re.compile(r'File "[^"\n]{0,1000}", line \d{1,9}')
_JAVA_FRAME = re.compile(r"^\s*(?:at [\w$.<>/-]{1,400}\([^()]{0,400}\)|\.\.\. \d{1,9} more)\s*$")
_GO_HEAD = re.compile(r"^goroutine \d{1,12} \[[^\]]{0,200}\]:\s*$")
_GO_FRAME = re.compile(r"^(?:[\w./*()-]{1,400}\([^()]{0,400}\)|created by [\w./*()-]{1,400}.*)$")


@dataclass(frozen=True)
class Logical:
    first: int  # index of the head line in the input sequence
    last: int
    text: str
    gist: str  # what the words come from: the exception of a traceback, no frames
    gist_line: int = -1  # index of the line the gist comes from (the exception line)

    @property
    def number(self) -> int:
        """1-based number of the line that carries the evidence (the exception line)."""
        return (self.gist_line if self.gist_line >= 0 else self.first) + 1


def is_frame(line: str) -> bool:
    """A stack frame line of Python, Java or Go: a place in code, never a symptom."""
    return bool(_PY_FRAME.search(line) or _JAVA_FRAME.match(line))


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
    """True when `line` starts a group whatever came before `previous` (after a blank line it
    may be the exception of a traceback whose frames the blank line follows)."""
    if not line.strip() or line[:1] in (" ", "\t"):
        return False
    if previous is None:
        return True
    return bool(previous.strip()) and not previous.rstrip().endswith("\\") and not _indented(previous)


class _Builder:
    def __init__(self):
        self.groups: list[Logical] = []
        self.first = -1
        self.text = ""
        self.count = 0
        self.traceback = False
        self.marker = ""  # text before the header of a prefixed traceback's logger
        self.goroutine = False
        self.closed = False
        self.exception = ""
        self.exception_line = -1
        self.gist: list[str] = []

    def flush(self, last: int):
        if self.first >= 0:
            if self.traceback or self.goroutine:
                gist, line = self.exception, self.exception_line
            else:
                gist, line = " ".join(self.gist), self.first
            self.groups.append(Logical(self.first, last, self.text, gist, line))
        self.first = -1

    def start(self, index: int, line: str):
        self.first, self.text, self.count = index, line.strip(), 1
        at = line.find(TRACEBACK_HEAD)
        self.traceback = at >= 0
        head = line[:at].split() if self.traceback else []  # (not the whole line split)
        # a prefixed header: later lines of the traceback repeat its last prefix token
        self.marker = head[-1] if head else ""
        self.goroutine = bool(_GO_HEAD.match(line))
        self.closed, self.exception, self.exception_line = False, "", -1
        self.gist = [] if self.traceback or self.goroutine else [self.text]

    def add(self, line: str, *, frame: bool, index: int):
        self.text += " " + line.strip()
        self.count += 1
        if not frame and not self.traceback and not self.goroutine:
            self.gist.append(line.strip())

    def close(self, line: str, index: int):
        self.add(line, frame=True, index=index)
        self.closed, self.exception, self.exception_line = True, line.strip(), index

    def prefixed_frame(self, line: str) -> bool | None:
        """In a prefixed traceback: True for a frame or its code, False for the exception,
        None when the line is not part of the traceback (another logger, another record)."""
        at = line.find(self.marker)
        if at < 0:
            return None
        rest = line[at + len(self.marker) :]
        # old oslo (nova's remote tracebacks) separates frames with prefix-only lines
        if not rest.strip():
            return True
        return rest.startswith("  ") or _PY_FRAME.match(rest.strip()) is not None

    def prefix_only(self, line: str) -> bool:
        """A prefixed traceback's line holding its prefix alone (old oslo ends one with them)."""
        at = line.find(self.marker)
        return at >= 0 and not line[at + len(self.marker) :].strip()

    def spans_blank(self) -> bool:
        """Whether a blank line may fall inside the open group: an unfinished traceback
        without a prefix (old oslo.messaging's remote tracebacks put one after each frame)."""
        return self.first >= 0 and self.traceback and not self.closed and not self.marker

    def room(self) -> bool:
        return self.count < MAX_GROUP_LINES and len(self.text) < MAX_GROUP_CHARS


def _continues(builder: _Builder, previous: str, line: str, index: int) -> bool:
    """Whether `line` belongs to the open group (and add it there)."""
    if previous.rstrip().endswith("\\"):
        builder.text = _glue(builder.text, line)
        builder.count += 1
        if builder.gist and not builder.traceback:
            builder.gist[-1] = _glue(builder.gist[-1], line)
        return True
    if _indented(line) and not is_event_row(line):
        builder.add(line, frame=builder.traceback or builder.goroutine or is_frame(line), index=index)
        return True
    if builder.goroutine:
        if _GO_FRAME.match(line.strip()):
            builder.add(line, frame=True, index=index)
            return True
        return False
    if builder.closed and builder.marker and builder.prefix_only(line):
        builder.add(line, frame=True, index=index)
        return True
    if not builder.traceback or builder.closed:
        return False
    if builder.marker:
        frame = builder.prefixed_frame(line)
        if frame is None:
            return False
        if frame:
            builder.add(line, frame=True, index=index)
        else:
            builder.close(line, index)
        return True
    if _indented(previous):
        builder.close(line, index)
        return True
    return False


def group_lines(lines: Sequence[str]) -> list[Logical]:
    builder = _Builder()
    previous: str | None = None
    blank = -1  # a blank line inside an unfinished traceback (`_Builder.spans_blank`), held
    for index, raw in enumerate(lines):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if blank < 0 and builder.spans_blank():
                blank = index
                continue
            builder.flush((blank if blank >= 0 else index) - 1)
            previous, blank = None, -1
            continue
        if blank >= 0:
            # after the blank line: a frame, or after a frame the exception; else a new group
            held, blank = blank, -1
            if builder.room() and (_indented(line) or _indented(previous)):
                if _indented(line):
                    builder.add(line, frame=True, index=index)
                else:
                    builder.close(line, index)
                previous = line
                continue
            builder.flush(held - 1)
        elif builder.first >= 0 and builder.room() and previous is not None:
            if _continues(builder, previous, line, index):
                previous = line
                continue
        builder.flush(index - 1)
        builder.start(index, line)
        previous = line
    builder.flush((blank if blank >= 0 else len(lines)) - 1)
    return builder.groups


# A line ends at \r\n, \n or a lone \r (old Mac files, some terminal captures), in any mix;
# \r\r\n is one line end too (a CRLF file written again in text mode on Windows, which makes
# each \n a \r\n), not a lone \r and a \r\n. Not at str.splitlines' other breaks (\f, \v,
# \x1c-\x1e, \x85, \u2028), which a log line may carry inside it.
_LINE_END = re.compile(r"\r\r?\n|\r|\n")


def physical_lines(text: str) -> list[str]:
    """The lines of a text as every surface reads them (paste, upload, API body, chat):
    split at each line end, the break left out (as str.split: a final line end leaves an empty
    last item, which the caller drops or keeps)."""
    return _LINE_END.split(text)


def dedent(lines: Sequence[str]) -> list[str]:
    """Remove the indentation every non-blank line shares (pastes from mail and chat)."""
    widths = [len(x) - len(x.lstrip(" \t")) for x in lines if x.strip()]
    cut = min(widths, default=0)
    return [x[cut:] if x.strip() else x for x in lines] if cut else list(lines)
