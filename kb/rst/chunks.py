"""Where a big RST document is cut into pieces, so that parsing time grows linearly with its size.

docutils gives every list, definition list and block of explicit markup it
meets the rest of its input, copied (`input_lines[offset:]` in
`Body.bullet`, `Body.enumerator`, `Body.explicit_list`...): a 5 MiB document
of a few thousand lists took twice as long whole as in pieces, and more so
the bigger it is. A piece starts at a section title; kb.rst.doctree parses
the pieces one after the other into the same document, each with a new
top-level state machine that starts in the section the title belongs
under and is given the title styles seen so far; docutils' transforms then
run once over the whole document.

Why that is the whole parse: docutils reads every section title with its
top-level state machine (sections are not nested parses since docutils
0.22), and at a title that machine is in its Body state with nothing
pending, provided the line before the title is blank and the paragraph
before it does not announce a literal block (`::`); the cuts here keep to
such titles. The title's level then depends only on the title styles seen
and on the open sections, which the new machine is given. What the parse
keeps document-wide lives in the document (ids, names, targets,
substitution definitions, footnotes, anonymous references), shared too;
references are resolved by the transforms, over everything. Which lines
are titles, and at which level, is docutils' call, not this scan's:
kb.rst.doctree checks that each piece did begin with a section where
expected, and otherwise parses the document whole.
"""

import re

CHUNK_THRESHOLD = 512 * 1024  # characters; smaller documents are parsed whole
CHUNK_BYTES = 128 * 1024
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_ADORNMENT_CHARS = frozenset(chr(c) for c in range(128) if re.fullmatch(r"[!-/:-@\[-`{-~]", chr(c)))


def titles(lines: list[str]) -> list[tuple[int, tuple[str, bool]]]:
    """(first line of the title, (adornment character, overlined)) for each section title."""
    found = []
    # Only the lines above an adornment can be titles: found by their first character first
    # (a Python loop over the 140,000 lines of a 5 MiB document is most of this scan's time).
    adorned = [n for n, line in enumerate(lines) if line[:1] in _ADORNMENT_CHARS and _ADORNMENT.match(line)]
    for i in (n - 1 for n in adorned if n):
        text, under = lines[i], lines[i + 1]
        if not text.strip() or text[:1].isspace():
            continue
        if len(under.rstrip()) < len(text.rstrip()) or _ADORNMENT.match(text):
            continue
        above = lines[i - 1] if i else ""
        over = _ADORNMENT.match(above) and above.strip() == under.strip()
        if not over and above.strip():
            continue  # a paragraph's last line followed by a transition is no title
        found.append((i - 1 if over else i, (under.strip()[0], bool(over))))
    return found


def cuts(lines: list[str]) -> list[tuple[int, int]]:
    """(line, level) of each title where a piece after the first begins.

    Lines count as docutils splits the text; levels are the order in which
    title styles first appear, as docutils numbers them.
    """
    styles: list[tuple[str, bool]] = []
    starts, size, previous = [], 0, 0
    for start, style in titles(lines):
        if style not in styles:
            styles.append(style)
        if start < 2 or not _clean_break(lines, start):
            continue
        size += sum(map(len, lines[previous:start])) + start - previous  # each line and its newline
        previous = start
        if size >= CHUNK_BYTES:
            starts.append((start, styles.index(style) + 1))
            size = 0
    return starts


def _clean_break(lines: list[str], start: int) -> bool:
    """A blank line before the title, and no `::` before that asking for a literal block."""
    if lines[start - 1].strip():
        return False
    before = start - 1
    while before >= 0 and not lines[before].strip():
        before -= 1
    return before < 0 or not lines[before].rstrip().endswith("::")
