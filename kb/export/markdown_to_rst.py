"""Markdown as kb stores it, back to RST that the importer turns into the same Markdown.

kb/rst/markdown.py renders docutils nodes as a small Markdown subset:
one-line paragraphs with escapes, code spans, bold, italic, links, fenced
code blocks, bullet and numbered lists, block quotes and admonitions
("> **Note:** ..."), definition terms and rubrics (a bold paragraph), field
lists ("**name:** value"), pipe tables, line blocks ("a  \\nb") and
transitions. This module reads exactly that subset and writes RST for it, so
that importing the RST gives the Markdown back byte for byte. Markdown outside
the subset (an editor's own) still becomes valid RST, only not the same
bytes; kb.export.roundtrip reports those cases.
"""

import re
from dataclasses import dataclass, field

from docutils.utils import punctuation_chars, urischemes

WIDTH = 79
ADMONITIONS = frozenset(
    "Attention Caution Danger Error Hint Important Note Tip Warning".split()
)

# --- Markdown blocks -------------------------------------------------------


@dataclass
class Paragraph:
    text: str  # inline Markdown, one line


@dataclass
class LineBlock:
    lines: list[str]


@dataclass
class Code:
    language: str
    body: str


@dataclass
class ItemList:
    ordered: bool
    items: list[list] = field(default_factory=list)
    start: int = 1


@dataclass
class Quote:
    blocks: list
    admonition: str = ""  # "note", "warning" ... or "" for a plain block quote


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class Transition:
    pass


@dataclass
class Field:
    name: str  # plain text
    blocks: list


_FENCE = re.compile(r"^(```|~~~~)(.*)$")
# An empty item is "- ": a bare "-" or "1." is a paragraph (but ends a tight list).
_ITEM = re.compile(r"^(?:(-)|(\d+)\.) ")
# kb escapes these at the start of a paragraph; unescaped, the text was a line of a line block.
_UNESCAPED_START = re.compile(r"^([#+]|\d+\))\s")
_LEAD = re.compile(r"^\*\*((?:[^*\\]|\\.)+?):\*\*(?: |$)")
_ADMONITION_LEAD = re.compile(r"^\*\*([A-Z][a-z]+):\*\*(?: |$)")
_TABLE_RULE = re.compile(r"^\|(?: --- \|)+$")
# kb escapes these only at the start of a paragraph: after "**name:** " they start a field's body.
_ESCAPED_START = re.compile(r"^\\([#+\-]|\d+[.)])\s")


def parse(markdown: str) -> list:
    """The blocks of `markdown`, as kb/rst/markdown.py would have produced them."""
    return _blocks(markdown.split("\n"))


def _blocks(lines: list[str]) -> list:
    blocks, i = [], 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        found, i = _block(lines, i)
        blocks += found
    return blocks


def _block(lines, i) -> tuple[list, int]:
    line = lines[i]
    if _is_line_block(lines, i):
        return _paragraph(lines, i)
    fence = _FENCE.match(line)
    if fence:
        return _code(lines, i, fence.group(1), fence.group(2))
    if line.startswith(">"):
        return _quote(lines, i)
    if _ITEM.match(line):
        return _lists(lines, i)
    if line.startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
        return _table(lines, i)
    if line == "---":
        return [Transition()], i + 1
    lead = _LEAD.match(line)
    if lead and lead.group(1) == lead.group(1).strip():  # RST field names are trimmed
        rest = line[lead.end():]
        if not rest and line.endswith(" "):
            return [Field(unescape(lead.group(1)), [])], i + 1
        if rest and _starts_field_body(rest, lines[i + 1: i + 2]):
            # "**name:** - a\n- b": a field list whose body begins with a block.
            found, used = _block([rest, *lines[i + 1:]], 0)
            return [Field(unescape(lead.group(1)), found[:1]), *found[1:]], i + used
    return _paragraph(lines, i)


def _is_line_block(lines, i) -> bool:
    """kb joins the lines of a line block with "  \\n"; its lines are not escaped like paragraphs."""
    chunk = lines[i:_paragraph_end(lines, i)]
    return len(chunk) > 1 and not chunk[0].startswith(">") \
        and all(line.endswith("  ") for line in chunk[:-1]) \
        and not any(line.startswith(" ") and line.strip() for line in chunk)


def _starts_field_body(rest: str, following: list[str]) -> bool:
    """After "**name:** ", text that a paragraph could not start with: a field's body."""
    lead = _LEAD.match(rest)
    if lead and rest[lead.end():]:
        return _starts_field_body(rest[lead.end():], following)  # a field list in a field list
    return _starts_block(rest, following) or bool(_ESCAPED_START.match(rest)) or _is_rubric(rest)


def _starts_block(text: str, following: list[str]) -> bool:
    return bool(
        _FENCE.match(text) or text.startswith(">") or _ITEM.match(text) or text == "---"
        or (text.startswith("|") and following and _TABLE_RULE.match(following[0]))
    )


def _code(lines, i, fence, language):
    candidates = [k for k in range(i + 1, len(lines)) if lines[k] == fence]
    # A fence line inside the body is possible with "~~~~"; the closing one ends a block.
    closing = [k for k in candidates if k + 1 == len(lines) or lines[k + 1] == ""]
    end = (closing or candidates or [len(lines)])[0]
    return [Code(language.strip(), "\n".join(lines[i + 1: end]))], end + 1


def _quote(lines, i):
    inner = []
    while i < len(lines) and lines[i].startswith(">"):
        inner.append(lines[i][2:] if lines[i].startswith("> ") else lines[i][1:])
        i += 1
    admonition = ""
    lead = _ADMONITION_LEAD.match(inner[0])
    if lead and lead.group(1) in ADMONITIONS:
        admonition = lead.group(1).lower()
        inner[0] = inner[0][lead.end():]
    return [Quote(_blocks(inner), admonition)], i


def _lists(lines, i):
    """One or more lists: kb joins the items of one list with "\\n" when all are
    one line and with "\\n\\n" otherwise, so "- a\\n\\n- b" is two lists."""
    first = _ITEM.match(lines[i])
    ordered = first.group(2) is not None
    start = number = int(first.group(2)) if ordered else 1
    items, multi, separators = [], [], []
    while True:
        marker = f"{number}. " if ordered else "- "
        body, i = _item_lines(lines, i, marker)
        items.append(_blocks(body) if body != [""] else [])
        multi.append(len(body) > 1)
        following = f"{number + 1}. " if ordered else "- "
        blank_end = i
        while blank_end < len(lines) and lines[blank_end] == "":
            blank_end += 1
        if blank_end == len(lines) or not _has_marker(lines[blank_end], following):
            break
        separators.append("\n" if blank_end == i else "\n\n")
        i, number = blank_end, number + 1
    groups = _partition(multi, separators)
    return [ItemList(ordered, [items[k] for k in group], start if n == 0 else 1)
            for n, group in enumerate(groups)], i


def _has_marker(line: str, marker: str) -> bool:
    return line.startswith(marker) or line == marker.rstrip()


def _item_lines(lines, i, marker) -> tuple[list[str], int]:
    indent = " " * len(marker)
    body = [lines[i][len(marker):]]
    i += 1
    while i < len(lines):
        if lines[i].startswith(indent):
            body.append(lines[i][len(indent):])
            i += 1
            continue
        blank_end = i
        while blank_end < len(lines) and lines[blank_end] == "":
            blank_end += 1
        if blank_end == i or blank_end == len(lines) or not lines[blank_end].startswith(indent):
            break
        body += lines[i:blank_end]
        i = blank_end
    return body, i


def _partition(multi: list[bool], separators: list[str]) -> list[list[int]]:
    runs = [[0]]
    for k, separator in enumerate(separators, start=1):
        if separator == "\n":
            runs[-1].append(k)
        else:
            runs.append([k])
    groups, pending = [], []
    for run in runs:
        if len(run) == 1:
            pending.append(run[0])
            continue
        groups += _loose(pending, multi)
        pending = []
        groups.append(run)
    return groups + _loose(pending, multi)


def _loose(indices: list[int], multi: list[bool]) -> list[list[int]]:
    """Items joined by blank lines are one list only if one of them spans lines."""
    if any(multi[k] for k in indices):
        return [indices]
    return [[k] for k in indices]


def _table(lines, i):
    rows = [_cells(lines[i])]
    i += 2
    while i < len(lines) and lines[i].startswith("|"):
        rows.append(_cells(lines[i]))
        i += 1
    return [Table(rows)], i


def _cells(row: str) -> list[str]:
    cells, current, k = [], [], 0
    while k < len(row):
        if row[k] == "\\" and k + 1 < len(row):
            current.append("|" if row[k + 1] == "|" else row[k: k + 2])
            k += 2
            continue
        if row[k] == "|":
            cells.append("".join(current))
            current = []
        else:
            current.append(row[k])
        k += 1
    cells.append("".join(current))
    return [_strip_one(cell) for cell in cells[1:-1]]


def _strip_one(cell: str) -> str:
    cell = cell[1:] if cell.startswith(" ") else cell
    return cell[:-1] if cell.endswith(" ") else cell


def _paragraph_end(lines, i) -> int:
    """Where the paragraph starting at lines[i] ends: at the next blank line, or after the last line."""
    end = i
    while end < len(lines) and lines[end] != "":
        end += 1
    return end


def _paragraph(lines, i):
    end = _paragraph_end(lines, i)
    chunk = lines[i:end]
    if len(chunk) > 1 and all(line.endswith("  ") for line in chunk[:-1]):
        return [LineBlock([line[:-2] for line in chunk[:-1]] + [chunk[-1]])], end
    return [Paragraph(" ".join(line.strip() for line in chunk))], end


def literal_texts(markdown: str) -> list[str]:
    """The text of every code block, in order: what becomes an RST literal block."""
    return [block.body for block in _walk(parse(markdown)) if isinstance(block, Code)]


def fits_before_fields(markdown: str) -> bool:
    """Whether the RST of `markdown` can sit between an issue's title and its fields.

    The importer reads field lists there as `:components:`-style overrides and
    leaves them (and definition lists) out of the symptoms.
    """
    return not any(isinstance(block, Field) for block in parse(markdown))


def _walk(blocks):
    for block in blocks:
        yield block
        if isinstance(block, ItemList):
            for item in block.items:
                yield from _walk(item)
        elif isinstance(block, Quote | Field):
            yield from _walk(block.blocks)


# --- Markdown inlines --------------------------------------------------------


@dataclass
class Text:
    text: str


@dataclass
class CodeSpan:
    text: str


@dataclass
class Strong:
    children: list


@dataclass
class Emphasis:
    children: list


@dataclass
class Link:
    children: list
    url: str


def parse_inline(text: str) -> list:
    nodes, _ = _inlines(text, 0, None)
    return nodes


def unescape(text: str) -> str:
    """Plain text of inline Markdown that has no markup, only escapes."""
    return re.sub(r"\\(.)", r"\1", text)


def _inlines(s: str, pos: int, closer: str | None):
    out, buffer = [], []

    def flush():
        if buffer:
            out.append(Text("".join(buffer)))
            buffer.clear()

    while pos < len(s):
        char = s[pos]
        if char == "\\" and pos + 1 < len(s):
            buffer.append(s[pos + 1])
            pos += 2
            continue
        if closer and s.startswith(closer, pos) and not (
            closer == "*" and s.startswith("**", pos) and not s.startswith("***", pos)
        ):
            flush()
            return out, pos + len(closer)
        if char == "`":
            span = _code_span(s, pos)
            if span:
                flush()
                out.append(CodeSpan(span[0]))
                pos = span[1]
                continue
        elif char == "*":
            marker = "**" if s.startswith("**", pos) else "*"
            children, end = _inlines(s, pos + len(marker), marker)
            if end is not None and children:
                flush()
                out.append(Strong(children) if marker == "**" else Emphasis(children))
                pos = end
                continue
            buffer.append(marker)
            pos += len(marker)
            continue
        elif char == "[":
            link = _link(s, pos)
            if link:
                flush()
                out.append(link[0])
                pos = link[1]
                continue
        buffer.append(char)
        pos += 1
    if closer:
        return None, None
    flush()
    return out, pos


def _code_span(s: str, pos: int):
    fence = re.match("`+", s[pos:]).group()
    closing = re.compile(f"(?<!`){fence}(?!`)").search(s, pos + len(fence))
    if not closing:
        return None
    text = s[pos + len(fence): closing.start()]
    if len(text) > 2 and text[0] == text[-1] == " " and (text[1] == "`" or text[-2] == "`"):
        text = text[1:-1]
    return (text, closing.end()) if text else None


def _link(s: str, pos: int):
    children, end = _inlines(s, pos + 1, "]")
    if end is None or not s.startswith("(", end):
        return None
    if s.startswith("(<", end):
        close = s.find(">)", end)
        return (Link(children, s[end + 2: close]), close + 2) if close > 0 else None
    depth, k = 0, end + 1
    while k < len(s):
        if s[k] == "(":
            depth += 1
        elif s[k] == ")":
            if depth == 0:
                return Link(children, s[end + 1: k]), k + 1
            depth -= 1
        k += 1
    return None


# --- RST inlines -------------------------------------------------------------

BREAK = "\x01"  # a space where a long line may be wrapped
_START_OK = re.compile(f"[\\s{BREAK}{punctuation_chars.openers}{punctuation_chars.delimiters}]")
_END_OK = re.compile(
    f"[\\s{BREAK}\\\\{punctuation_chars.closing_delimiters}{punctuation_chars.delimiters}"
    f"{punctuation_chars.closers}]"
)
_SCHEME_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9.+-]*)$")


def escape_text(text: str, breakable=True) -> str:
    """Plain text as RST text: no inline markup, references or links appear."""
    out = []
    for k, char in enumerate(text):
        before = text[k - 1] if k else ""
        after = text[k + 1] if k + 1 < len(text) else ""
        if char in "\\*`|":
            out.append("\\" + char)
        elif char == "_" and not (before.isalnum() and after.isalnum()):
            out.append("\\_")  # "name_" and "__" are references in RST
        elif char == ":" and after and not after.isspace() and _is_scheme(text[:k]):
            out.append("\\:")  # "https://..." in text would become a link
        elif char == "@" and before and after and not (before.isspace() or after.isspace()):
            out.append("\\@")  # so would "user@host"
        elif char == " " and breakable and _breakable_space(before, after):
            out.append(BREAK)
        else:
            out.append(char)
    return "".join(out)


def _is_scheme(text_before: str) -> bool:
    match = _SCHEME_BEFORE.search(text_before)
    return bool(match) and match.group(1).lower() in urischemes.schemes


def _breakable_space(before: str, after: str) -> bool:
    # Wrapping at a space next to other whitespace or after a backslash would change the text.
    return bool(before) and bool(after) and not before.isspace() and not after.isspace() \
        and before != "\\"


def _escape_phrase(text: str) -> str:
    return re.sub(r"([\\`<])", r"\\\1", text)


def link(label: str, url: str) -> str:
    """An anonymous RST link; anonymous so that equal labels never clash."""
    url = url[:-1] + "\\_" if url.endswith("_") else url
    return f"`{_escape_phrase(label)} <{url}>`__"


def title_reference(title: str, target: str = "") -> str:
    """`Title`_, or `Title <target_>`__ when another section has the same title.

    Anonymous, so that the reference defines no second name for the title.
    """
    text = _escape_phrase(title)
    return f"`{text} <{target}_>`__" if target else f"`{text}`_"


def inline_to_rst(nodes: list) -> str:
    """RST for inline Markdown nodes, with BREAK where a line may be wrapped."""
    out, previous_kind = "", ""
    for kind, text, first in (_piece(node) for node in nodes):
        if kind == "markup" and out:
            # Markup must start after a space or opening punctuation, and not "quoted" as in (*).
            before = out[-1]
            if previous_kind == "markup" or not _START_OK.match(before) or (
                first and punctuation_chars.match_chars(before, first)
            ):
                out += "\\ "
        elif previous_kind == "markup" and text and not _END_OK.match(text[0]):
            out += "\\ "  # an escaped space separates markup from a following letter
        out += text
        previous_kind = kind
    return out


def _piece(node) -> tuple[str, str, str]:
    """(kind, RST, first character of the content) for one inline node."""
    if isinstance(node, Text):
        return "text", escape_text(node.text), ""
    if isinstance(node, CodeSpan):
        return "markup", _literal(node.text), node.text[:1]
    if isinstance(node, Strong | Emphasis):
        marker = "**" if isinstance(node, Strong) else "*"
        plain = _plain(node.children)
        if plain is None:  # RST cannot nest markup; keep the words at least
            return "text", inline_to_rst(node.children), ""
        return "markup", f"{marker}{escape_text(plain)}{marker}", plain[:1]
    label = _plain(node.children)
    if label is None:
        label = _flat(node.children)
    return "markup", link(label or node.url, node.url), (label or node.url)[:1]


def _literal(text: str) -> str:
    spaced = "".join(
        BREAK if char == " " and _breakable_space(text[k - 1: k], text[k + 1: k + 2]) else char
        for k, char in enumerate(text)
    )
    if "``" in text:
        # ``a`` b`` would end early; the role takes escapes instead.
        return ":literal:`" + spaced.replace("\\", "\\\\").replace("`", "\\`") + "`"
    return f"``{spaced}``"


def _plain(children: list) -> str | None:
    if all(isinstance(child, Text) for child in children):
        return "".join(child.text for child in children)
    return None


def _flat(children: list) -> str:
    parts = []
    for child in children:
        if isinstance(child, Text | CodeSpan):
            parts.append(child.text)
        else:
            parts.append(_flat(child.children))
    return "".join(parts)


# --- RST blocks ----------------------------------------------------------------

_BLOCK_START = re.compile(
    "(?:[-+•‣⁃:/>—–―]"  # bullets, options, fields, doctest, attribution
    rf"|\.\.(?:[\s{BREAK}]|$)"  # comments and directives
    rf"|\(?(?:\d+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|#)[.)](?:[\s{BREAK}]|$)"  # enumerators
    rf"|([!-/:-@\[-`{{-~])\1*(?:[\s{BREAK}]|$))"  # adornment-like lines
)
_PUNCTUATION_RUN = re.compile(r"([!-/:-@\[-`{-~])\1*")


def escape_block_start(rst: str) -> str:
    """`rst` with its first character escaped if it would start a list, comment, field..."""
    # A leading backslash already starts an escape; another one would escape it.
    return "\\" + rst if _BLOCK_START.match(rst) and not rst.startswith("\\") else rst


def markdown_to_rst(markdown: str) -> str:
    """RST that kb's importer turns back into `markdown`."""
    return "\n".join(_render(parse(markdown)))


def _render(blocks: list, nested=False) -> list[str]:
    out: list[str] = []
    previous = None
    for block in blocks:
        if nested and isinstance(block, Transition):
            block = Paragraph("\\---")  # RST has transitions only between sections' blocks
        lines = _render_block(block)
        if not lines:
            continue
        if out:
            out.append("")
            if _same_kind_of_list(previous, block):
                out += ["..", ""]  # an empty comment ends the first list
        out += lines
        previous = block
    return out


def _same_kind_of_list(previous, block) -> bool:
    return isinstance(previous, ItemList) and isinstance(block, ItemList) \
        and previous.ordered == block.ordered


def _render_block(block) -> list[str]:
    if isinstance(block, Paragraph):
        if _UNESCAPED_START.match(block.text):
            return _line_rst(block.text)
        return _paragraph_rst(block.text)
    if isinstance(block, Code):
        return _code_rst(block)
    if isinstance(block, ItemList):
        return _list_rst(block)
    if isinstance(block, Quote):
        body = _render(block.blocks, nested=True)
        if block.admonition and body:
            return [f".. {block.admonition}::", "", *_indent(body, 3)]
        # The empty comment keeps the indented text from joining what precedes it.
        return ["..", "", *_indent(body, 4)]
    if isinstance(block, Table):
        return _table_rst(block)
    if isinstance(block, LineBlock):
        return [line for text in block.lines for line in _line_rst(text)]
    if isinstance(block, Field):
        name = escape_text(block.name, breakable=False).replace(":", "\\:")
        body = _render(block.blocks, nested=True)
        if body and isinstance(block.blocks[0], Paragraph) and not body[0].startswith(".. "):
            return [f":{name}: {body[0]}", *_indent(body[1:], 3)]
        # Other blocks keep their own indentation only below the field name.
        return [f":{name}:", *_indent(body, 3)]
    return ["-" * 10]  # Transition


def _is_rubric(text: str) -> bool:
    """"**Term with `code`**": a definition term or a rubric, as RST cannot nest markup."""
    nodes = parse_inline(text)
    return len(nodes) == 1 and isinstance(nodes[0], Strong) and _plain(nodes[0].children) is None


def _paragraph_rst(text: str) -> list[str]:
    if _is_rubric(text):
        return [".. rubric:: " + inline_to_rst(parse_inline(text)[0].children).replace(BREAK, " ")]
    rst = escape_block_start(inline_to_rst(parse_inline(text)))
    if rst.endswith("::"):
        rst = rst[:-1] + "\\:"  # a paragraph ending in "::" announces a literal block
    return _wrap(rst)


def _line_rst(text: str) -> list[str]:
    if not text:
        return ["|"]
    lines = _wrap(inline_to_rst(parse_inline(text)))
    return ["| " + lines[0], *("  " + line for line in lines[1:])]


def _wrap(rst: str, width: int = WIDTH) -> list[str]:
    words = rst.split(BREAK)
    lines, current = [], words[0]
    for word in words[1:]:
        if len(current) + 1 + len(word) > width and not _PUNCTUATION_RUN.fullmatch(word):
            lines.append(current)
            current = word
        else:
            current += " " + word
    lines.append(current)
    return lines


def _code_rst(block: Code) -> list[str]:
    if block.language or not block.body:
        head = f".. code-block:: {block.language}".rstrip()
    else:
        head = "::"
    if not block.body:
        return [head]
    return [head, "", *_indent(block.body.split("\n"), 4)]


def _list_rst(block: ItemList) -> list[str]:
    out = []
    rendered = [_render(item, nested=True) for item in block.items]
    loose = any(len(body) > 1 for body in rendered)
    for number, body in enumerate(rendered, start=block.start):
        marker = f"{number}. " if block.ordered else "- "
        if out and loose:
            out.append("")
        out += _marked(marker, body)
    return out


def _table_rst(block: Table) -> list[str]:
    width = max(len(row) for row in block.rows)
    out = [".. list-table::"]
    if len(block.rows) > 1:
        out.append("   :header-rows: 1")
    out.append("")
    for row in block.rows:
        for k, cell in enumerate(row + [""] * (width - len(row))):
            lead = "   * - " if k == 0 else "     - "
            out += _marked(lead, _paragraph_rst(cell) if cell else [])
    return out


def _marked(marker: str, body: list[str]) -> list[str]:
    """`body` after `marker` (a list item's "- ", a table cell's "   * - "), its other lines
    indented to line up with its first; with no body, the marker alone."""
    if not body:
        return [marker.rstrip()]
    return [marker + body[0], *_indent(body[1:], len(marker))]


def _indent(lines: list[str], width: int) -> list[str]:
    pad = " " * width
    return [pad + line if line else "" for line in lines]
