"""A Markdown runbook as the same docutils tree an RST document gives.

markdown-it-py (CommonMark, with tables) reads the text; its tokens are
turned into docutils nodes: ATX and setext headings nest into sections by
level, fenced and indented code become literal blocks, GFM tables become
tables with a header row, links become references. The importer then reads
the tree with exactly the rules it uses for RST, so a Markdown runbook and
its RST twin give the same issues. Raw HTML is dropped, as `raw` is in RST.
"""

import re

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser
from markdown_it import MarkdownIt

from .errors import RstImportError

_MD = MarkdownIt("commonmark").enable("table")


def parse(path: str, text: str) -> nodes.document:
    settings = frontend.get_default_settings(Parser)
    settings.report_level = 5
    document = utils.new_document(path, settings)
    text, admonitions = _admonitions_as_quotes(_front_matter_as_title(text))
    tokens = _MD.parse(text)
    stack: list[tuple[int, nodes.Element]] = [(0, document)]
    _Builder(document, stack, admonitions).run(tokens)
    if not any(True for _ in document.findall(nodes.section)):
        raise RstImportError(path, "no Markdown headings found; is this a troubleshooting document?")
    return document


# YAML between `---` lines, or Hugo's TOML between `+++` lines (`title = "..."`)
_FRONT_MATTER = re.compile(r"\A(?:---[ \t]*\n(.*?\n)(---|\.\.\.)|\+\+\+[ \t]*\n(.*?\n)\+\+\+)[ \t]*\n", re.S)
_FRONT_TITLE = re.compile(r"^title[ \t]*[:=][ \t]*[\"']?(.+?)[\"']?[ \t]*$", re.M)


def _front_matter_as_title(text: str) -> str:
    """Hugo / MkDocs front matter: its `title:` is the page's top heading; the rest is not text.

    The block is replaced by as many lines, so line numbers stay those of the file.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    lines = match.group(0).count("\n")
    title = _FRONT_TITLE.search(match.group(1) or match.group(3))
    head = f"# {title.group(1)}\n" if title else "\n"
    return head + "\n" * (lines - 1) + text[match.end():]


# Admonitions as the Markdown dialects write them; CommonMark knows none of them, and reads an
# MkDocs body (indented four spaces) as a code block or the continuation of a paragraph "!!!
# warning ...", a GitHub alert as a quotation. They are notes in prose, as `.. warning::` is in
# RST: each is rewritten, line for line, as a quotation that the builder makes an admonition.
_MKDOCS_OPEN = re.compile(
    r'^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
# Docusaurus: `:::note Title` and `:::info[Title]`
_FENCE_OPEN = re.compile(r"^[ ]{0,3}(?P<fence>:{3,})[ \t]*(?P<kind>[\w-]+)"
                         r"(?:\[(?P<bracketed>[^\]]*)\][ \t]*|(?P<title>[ \t].*))?$")
_HUGO_KINDS = "note|warning|caution|tip|info|alert|callout"
_HUGO_OPEN = re.compile(
    r"^[ ]{0,3}\{\{[<%][ \t]*(?P<kind>" + _HUGO_KINDS + r")\b(?P<title>[^>%]*)[>%]\}\}[ \t]*$", re.I)
_HUGO_CLOSE = re.compile(r"^[ ]{0,3}\{\{[<%][ \t]*/(" + _HUGO_KINDS + r")[ \t]*[>%]\}\}[ \t]*$", re.I)
# Hugo's code shortcodes ({{< highlight bash >}}, kind's {{< codeFromInline lang="bash" >}}) are fences.
_HUGO_CODE = re.compile(
    r"^(?P<indent>[ ]{0,3})\{\{[<%][ \t]*(highlight|codeFromInline)\b(?P<args>[^>%]*)[>%]\}\}[ \t]*$")
_HUGO_CODE_CLOSE = re.compile(r"^[ ]{0,3}\{\{[<%][ \t]*/(highlight|codeFromInline)[ \t]*[>%]\}\}[ \t]*$")
_GITHUB_ALERT = re.compile(r"^(?P<lead>[ ]{0,3}>[ \t]*)\[!(?P<kind>[A-Za-z]+)\][ \t]*$")
_CODE_FENCE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})")


def _admonitions_as_quotes(text: str) -> tuple[str, dict[int, str]]:
    """The text with every admonition a quotation, and {line of the quotation: its kind}."""
    lines = text.split("\n")
    out: list[str] = []
    kinds: dict[int, str] = {}
    fence = None  # the fence of the code block we are in
    position = 0
    while position < len(lines):
        line = lines[position]
        number = len(out) + 1
        if fence == "{{":  # in a Hugo code shortcode, which its closing shortcode ends
            closing = _HUGO_CODE_CLOSE.match(line)
            fence = None if closing else fence
            out.append("```" if closing else line)
            position += 1
            continue
        if fence is not None:
            stripped = line.strip()
            fence = None if stripped.startswith(fence) and not stripped[len(fence):].strip() else fence
            out.append(line)
            position += 1
            continue
        code = _CODE_FENCE.match(line)
        if code:
            fence = code.group(1)
            out.append(line)
        elif match := _MKDOCS_OPEN.match(line):
            indent = match.group("indent")
            body = []
            ahead = position + 1
            inside = indent + "    "
            while ahead < len(lines) and (not lines[ahead].strip() or lines[ahead].startswith(inside)):
                body.append(lines[ahead])
                ahead += 1
            while body and not body[-1].strip():
                body.pop()  # the blank lines after it are no part of it
            kinds[number] = match.group("kind").lower()
            title = match.group("title")
            out.append(f"{indent}> **{title}**" if title else f"{indent}>")
            out += [f"{indent}> {b[len(indent) + 4:]}" if b.strip() else f"{indent}>" for b in body]
            position += 1 + len(body)
            continue
        elif match := _FENCE_OPEN.match(line):
            end = _closing(lines, position + 1, re.compile(r"^[ ]{0,3}" + match.group("fence") + r"[ \t]*$"))
            if end is None:
                out.append(line)
            else:
                kinds[number] = match.group("kind").lower()
                title = (match.group("title") or match.group("bracketed") or "").strip()
                out += _quoted(f"> **{title}**" if title else ">", _dedented(lines[position + 1:end]))
                position = end + 1
                continue
        elif match := _HUGO_OPEN.match(line):
            end = _closing(lines, position + 1, _HUGO_CLOSE)
            if end is None:
                out.append(line)
            else:
                kinds[number] = match.group("kind").lower()
                out += _quoted(">", lines[position + 1:end])
                position = end + 1
                continue
        elif match := _HUGO_CODE.match(line):
            language = re.search(r'(?:lang="?)?([\w+-]+)"?', match.group("args").strip())
            out.append(match.group("indent") + "```" + (language.group(1) if language else ""))
            fence = "{{"
        elif match := _GITHUB_ALERT.match(line):
            kinds[number] = match.group("kind").lower()
            out.append(match.group("lead").rstrip())
        else:
            out.append(line)
        position += 1
    return "\n".join(out), kinds


def _closing(lines: list[str], start: int, close: re.Pattern) -> int | None:
    """The index of the first line from `start` that `close` matches; None if none does (the
    opening line is then text: an admonition left open is no admonition)."""
    return next((i for i in range(start, len(lines)) if close.match(lines[i])), None)


def _dedented(body: list[str]) -> list[str]:
    """A `:::note` body without the indentation all its lines share. Docusaurus reads it as MDX,
    which has no indented code blocks: a note indented four spaces is prose ("This annotation
    should be removed as soon as ..."), not a quoted record to take as a signature."""
    indents = [len(b) - len(b.lstrip(" ")) for b in body if b.strip()]
    cut = min(indents, default=0)
    return [b[cut:] for b in body]


def _quoted(head: str, body: list[str]) -> list[str]:
    """An admonition's lines as a quotation under its head, a blank line ending it."""
    return [head, *(f"> {b}" if b.strip() else ">" for b in body), ""]


# docutils' own admonition nodes, as RST's directives make them; any other kind is a note.
_ADMONITION_NODES = {
    "note": nodes.note, "info": nodes.note, "warning": nodes.warning, "caution": nodes.caution,
    "attention": nodes.attention, "danger": nodes.danger, "error": nodes.error, "hint": nodes.hint,
    "important": nodes.important, "tip": nodes.tip,
}


class _Builder:
    def __init__(self, document, stack, admonitions=None):
        self.admonitions = admonitions or {}  # line of a quotation -> the kind of admonition it is
        self.document = document
        self.stack = stack  # (heading level, section) from the document down
        self.containers: list[nodes.Element] = []  # open lists, items, quotes, tables
        self.details_open: list[nodes.Element] = []  # sections opened by <details>, innermost last

    @property
    def parent(self) -> nodes.Element:
        return self.containers[-1] if self.containers else self.stack[-1][1]

    def run(self, tokens):
        position = 0
        while position < len(tokens):
            position = self.token(tokens, position)

    def token(self, tokens, i) -> int:
        token = tokens[i]
        line = token.map[0] + 1 if token.map else None
        kind = token.type
        if kind == "heading_open" and self.containers:
            # "- ### per issue with bold labels": a heading inside a list item or a quote opens no
            # section (the list goes on after it); it is the item's line, in bold.
            paragraph = nodes.paragraph()
            paragraph.line = line
            paragraph += nodes.strong("", "", *_inlines(tokens[i + 1].children or [], self.document))
            self.parent.append(paragraph)
            return i + 3
        if kind == "heading_open":
            self.heading(int(token.tag[1]), tokens[i + 1], line)
            return i + 3
        if kind == "paragraph_open":
            paragraph = nodes.paragraph()
            paragraph.line = line
            paragraph += _inlines(tokens[i + 1].children or [], self.document)
            self.parent.append(paragraph)
            return i + 3
        if kind in ("fence", "code_block"):
            content = token.content.rstrip("\n")
            block = nodes.literal_block(content, content)
            block.line = line
            language = (token.info or "").split()[0] if token.info else ""
            if language:
                block["classes"] += ["code", language]
            self.parent.append(block)
            return i + 1
        if kind in ("bullet_list_open", "ordered_list_open", "blockquote_open", "list_item_open"):
            node = {"bullet_list_open": nodes.bullet_list, "ordered_list_open": nodes.enumerated_list,
                    "blockquote_open": nodes.block_quote, "list_item_open": nodes.list_item}[kind]()
            if kind == "blockquote_open" and line in self.admonitions:
                node = _ADMONITION_NODES.get(self.admonitions[line], nodes.note)()
            node.line = line
            self.parent.append(node)
            self.containers.append(node)
            return i + 1
        if kind in ("bullet_list_close", "ordered_list_close", "blockquote_close", "list_item_close"):
            self.containers.pop()
            return i + 1
        if kind == "table_open":
            return self.table(tokens, i, line)
        if kind == "hr":
            return i + 1
        if kind == "html_block":
            self.details(token.content, line)
            return i + 1
        # Other HTML and anything else: dropped, like a disabled `raw` directive.
        return i + 1

    def details(self, html: str, line):
        """`<details><summary>Title</summary> ... </details>`: a collapsed block with a title.

        GitHub, Docusaurus and MkDocs pages write an entry of a list of problems this way
        ("## Mount Pod failure" over one `<details>` per failure): it is a sub-section of the
        section it sits in, titled by its summary, and ends at `</details>`. Any other HTML
        is dropped.
        """
        summary = _SUMMARY.search(html)
        if _DETAILS_OPEN.search(html) and summary:
            level = self.stack[-1][0] + 0.5  # below its section, above a heading one level down
            self.section(level, _MD.parseInline(_TAGS.sub("", summary.group(1)).strip())[0], line)
            self.details_open.append(self.stack[-1][1])
        if _DETAILS_CLOSE.search(html) and self.details_open:
            section = self.details_open.pop()
            self.containers = []
            while len(self.stack) > 1 and any(entry[1] is section for entry in self.stack):
                self.stack.pop()

    def heading(self, level: int, inline, line):
        self.section(level, inline, line)

    def section(self, level: float, inline, line):
        self.containers = []
        while len(self.stack) > 1 and self.stack[-1][0] >= level:
            self.stack.pop()
        section = nodes.section()
        section.line = line
        title = nodes.title()
        title += _inlines(_without_heading_id(inline.children or []), self.document)
        title.line = (line or 0) + 1  # docutils reports the line after a title
        section += title
        name = nodes.fully_normalize_name(title.astext())
        section["names"].append(name)
        self.document.note_implicit_target(section, section)
        self.stack[-1][1].append(section)
        self.stack.append((level, section))

    def table(self, tokens, i, line) -> int:
        rows: list[tuple[bool, list]] = []
        in_head = False
        while tokens[i].type != "table_close":
            kind = tokens[i].type
            if kind == "thead_open":
                in_head = True
            elif kind == "thead_close":
                in_head = False
            elif kind == "tr_open":
                rows.append((in_head, []))
            elif kind == "inline":
                rows[-1][1].append(tokens[i].children or [])
            i += 1
        columns = max((len(cells) for _, cells in rows), default=0)
        table = nodes.table()
        table.line = line
        group = nodes.tgroup(cols=columns)
        table += group
        for _ in range(columns):
            group += nodes.colspec(colwidth=1)
        for head, part in ((True, nodes.thead()), (False, nodes.tbody())):
            for is_head, cells in rows:
                if is_head != head:
                    continue
                row = nodes.row()
                for cell in cells:
                    entry = nodes.entry()
                    if cell:
                        paragraph = nodes.paragraph()
                        paragraph += _inlines(cell, self.document)
                        entry += paragraph
                    row += entry
                part += row
            if len(part):
                group += part
        self.parent.append(table)
        return i + 1


_DETAILS_OPEN = re.compile(r"<details\b", re.I)
_DETAILS_CLOSE = re.compile(r"</details\s*>", re.I)
_SUMMARY = re.compile(r"<summary\b[^>]*>(.*?)</summary\s*>", re.I | re.S)
_TAGS = re.compile(r"<[^>]+>")
# "## Umount error {#umount-error}": an explicit anchor (Docusaurus, kramdown, Pandoc, MkDocs
# attr_list) is no part of the title.
_HEADING_ID = re.compile(r"\s*\{#[\w:.-]+\}\s*$")


def _without_heading_id(children) -> list:
    if children and children[-1].type == "text" and _HEADING_ID.search(children[-1].content):
        last = children[-1]
        children = [*children[:-1], type(last)(type="text", tag="", nesting=0,
                                                content=_HEADING_ID.sub("", last.content))]
    return children


def _inlines(children, document) -> list:
    out: list = []
    stack: list[nodes.Element] = []

    def add(node):
        (stack[-1] if stack else out).append(node)

    for child in children:
        kind = child.type
        if kind == "text":
            add(nodes.Text(child.content))
        elif kind in ("softbreak", "hardbreak"):
            add(nodes.Text("\n"))
        elif kind == "code_inline":
            add(nodes.literal(child.content, child.content))
        elif kind in ("strong_open", "em_open", "link_open"):
            if kind == "link_open":
                href = child.attrs.get("href", "")
                node = nodes.reference("", "", refuri=href) if re.match(r"(?i)^[a-z][a-z0-9+.-]*:", href) \
                    else nodes.reference("", "", refid=nodes.make_id(href.lstrip("#")))
            else:
                node = nodes.strong() if kind == "strong_open" else nodes.emphasis()
            add(node)
            stack.append(node)
        elif kind in ("strong_close", "em_close", "link_close"):
            if stack:
                stack.pop()
        elif kind == "image":
            add(nodes.Text(child.content or ""))
        # html_inline: dropped.
    return out
