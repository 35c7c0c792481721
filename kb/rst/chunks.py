"""Parsing a big RST document in pieces, so that time grows linearly with its size.

docutils slows down more than linearly on long documents (a 5 MiB report
took 19.7 s, a quarter of it 2.6 s): every section it opens copies the rest
of the input. A document over CHUNK_THRESHOLD bytes is therefore cut before
titles of one adornment style into pieces of about CHUNK_BYTES, each piece is
parsed alone, and the pieces' sections are put back under the section they
belong to, with their line numbers and ids made those of the whole file.
Link targets defined anywhere (`.. _name: url`) are given to every piece, so
named references still resolve. Smaller documents are parsed whole.
"""

import re

from docutils import nodes

CHUNK_THRESHOLD = 512 * 1024
CHUNK_BYTES = 128 * 1024
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_TARGET = re.compile(r"^\.\. _[^:\n]+:[ \t]+\S.*$", re.M)


def titles(lines: list[str]) -> list[tuple[int, tuple[str, bool]]]:
    """(first line of the title, (adornment character, overlined)) for each section title."""
    found = []
    for i in range(1, len(lines) - 1):
        text, under = lines[i], lines[i + 1]
        if not text.strip() or text[:1].isspace() or not _ADORNMENT.match(under):
            continue
        if len(under.rstrip()) < len(text.rstrip()) or _ADORNMENT.match(text):
            continue
        over = _ADORNMENT.match(lines[i - 1]) and lines[i - 1].strip() == under.strip()
        if not over and lines[i - 1].strip():
            continue  # a paragraph's last line followed by a transition is no title
        found.append((i - 1 if over else i, (under.strip()[0], bool(over))))
    return found


def split(text: str) -> tuple[list[tuple[int, str]], int]:
    """[(line offset, piece)] and the level (1 = top) of the style cut before; one piece if small."""
    if len(text.encode()) <= CHUNK_THRESHOLD:
        return [(0, text)], 0
    lines = text.splitlines()
    found = titles(lines)
    styles: list[tuple[str, bool]] = []
    for _, style in found:
        if style not in styles:
            styles.append(style)
    # Cut before the highest style that occurs often enough to give several pieces.
    candidates = [(level, [line for line, s in found if s == style])
                  for level, style in enumerate(styles[:3], start=1)]
    chosen = next(((level, starts) for level, starts in candidates if len(starts) >= 4), None)
    if chosen is None:
        return [(0, text)], 0
    level, starts = chosen
    cuts, size, previous = [0], 0, 0
    for start in starts[1:]:
        size += sum(len(line) + 1 for line in lines[previous:start])
        previous = start
        if size >= CHUNK_BYTES:
            cuts.append(start)
            size = 0
    targets = _TARGET.findall(text)
    pieces = []
    for number, start in enumerate(cuts):
        end = cuts[number + 1] if number + 1 < len(cuts) else len(lines)
        piece = "\n".join(lines[start:end]) + "\n"
        missing = [t for t in targets if t not in piece]
        if missing:
            piece += "\n" + "\n".join(missing) + "\n"
        pieces.append((start, piece))
    return pieces, level


def merge(document: nodes.document, piece: nodes.document, offset: int, level: int):
    """Move `piece`'s content into `document`, under the section its titles belong to."""
    renamed: dict[str, str] = {}
    # Next free number per id, kept on the document: "symptoms" occurs in every
    # piece, and counting up from 2 each time would make the merge quadratic.
    counters = document.__dict__.setdefault("_kb_id_counters", {})
    for node in piece.findall(nodes.Element):
        if node.line:
            node.line += offset
        if isinstance(node, nodes.system_message) and node.get("line"):
            node["line"] += offset
        ids = []
        for old in node["ids"]:
            new, number = old, counters.get(old, 2)
            while new in document.ids:
                new, number = f"{old}-{number}", number + 1
            counters[old] = number
            renamed[old] = new
            document.ids[new] = node
            ids.append(new)
        node["ids"] = ids
    for node in piece.findall(nodes.Element):
        if node.get("refid") in renamed:
            node["refid"] = renamed[node["refid"]]
    parent = _parent_at(document, level)
    for child in list(piece.children):
        piece.remove(child)
        parent.append(child)
    # The emptied piece still holds its nodes by id and name; drop those so
    # the merged tree is the only owner of its nodes (doctree.release).
    for value in vars(piece).values():
        if isinstance(value, dict | list):
            value.clear()


def _parent_at(document, level: int) -> nodes.Element:
    """The last open section one level above `level` (the document for level 1)."""
    parent = document
    for _ in range(level - 1):
        sections = [c for c in parent.children if isinstance(c, nodes.section)]
        if not sections:
            break
        parent = sections[-1]
    return parent
