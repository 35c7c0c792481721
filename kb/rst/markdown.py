"""docutils nodes to Markdown, the format kb stores and editors edit.

Only the constructs incident reports use are rendered specially; any other
node degrades to its text, so an unknown construct never loses words.
"""

import re

from docutils import nodes

_ESCAPE = re.compile(r"([\\`*\[\]<>])")
_LINE_START = re.compile(r"^(\s*)([#+\-]|\d+[.)])(\s)")
_INTRAWORD_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape(text: str) -> str:
    text = _ESCAPE.sub(r"\\\1", text)
    # Intra-word underscores (heat_domain_admin) are safe in python-markdown
    # and escaping them would make the stored Markdown painful to edit.
    return _INTRAWORD_UNDERSCORE.sub(r"\\_", text) if "_" in text else text


def blocks_to_markdown(children) -> str:
    parts = [block(child) for child in children]
    return "\n\n".join(part for part in parts if part.strip()).strip()


def block(node) -> str:
    if not isinstance(node, nodes.Element):
        return escape(node.astext())
    # The importer renders the same block more than once (to find cues, then as a field);
    # a read doctree no longer changes, so each block is rendered once.
    cached = node.__dict__.get("_kb_markdown")
    if cached is None:
        cached = node._kb_markdown = _render(node)
    return cached


def _render(node) -> str:
    handler = _BLOCKS.get(type(node))
    if handler:
        return handler(node)
    if isinstance(node, nodes.Admonition):
        return _admonition(node)
    if isinstance(node, (nodes.system_message, nodes.comment, nodes.target,
                         nodes.substitution_definition, nodes.raw, nodes.title)):
        return ""
    if isinstance(node, nodes.TextElement):
        return _paragraph(node)
    if isinstance(node, nodes.Element):
        return blocks_to_markdown(node.children)
    return escape(node.astext())


def inline(node) -> str:
    if isinstance(node, nodes.Text):
        # astext(), not str(): docutils keeps NUL markers for backslash escapes in str().
        return escape(node.astext().replace("\n", " "))
    if isinstance(node, nodes.literal):
        return _code_span(node.astext())
    if isinstance(node, nodes.strong):
        return f"**{_inlines(node)}**"
    if isinstance(node, nodes.emphasis | nodes.title_reference):
        return f"*{_inlines(node)}*"
    if isinstance(node, nodes.reference):
        return _reference(node)
    if isinstance(node, nodes.system_message | nodes.target | nodes.footnote_reference):
        return ""
    if isinstance(node, nodes.image):
        return escape(node.get("alt") or f"[image: {node.get('uri', '')}]")
    if isinstance(node, nodes.Element):
        return _inlines(node)
    return escape(node.astext())


def _inlines(node) -> str:
    return "".join(inline(child) for child in node.children)


def _code_span(text: str) -> str:
    text = " ".join(text.split())
    # CommonMark: the fence is longer than any run of backticks inside the code.
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _reference(node) -> str:
    label = _inlines(node) or escape(node.get("refuri", ""))
    uri = node.get("refuri")
    if uri and re.match(r"(?i)^(https?://|mailto:)", uri):
        return f"[{label}](<{uri}>)" if " " in uri else f"[{label}]({uri})"
    # Internal references (`Title`_, :ref:) and unsafe schemes keep only text.
    return label


def _paragraph(node) -> str:
    text = _inlines(node).strip()
    return _LINE_START.sub(r"\1\\\2\3", text)


def _literal_block(node) -> str:
    classes = [c for c in node.get("classes", []) if c not in ("code", "literal-block")]
    language = classes[0] if classes else ""
    body = node.astext().rstrip("\n")
    fence = "~~~~" if "```" in body else "```"
    return f"{fence}{language}\n{body}\n{fence}"


def _list(node, ordered: bool) -> str:
    items = []
    for number, item in enumerate(node.children, start=1):
        marker = f"{number}." if ordered else "-"
        body = blocks_to_markdown(item.children)
        indent = " " * (len(marker) + 1)
        lines = body.splitlines() or [""]
        rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
        items.append("\n".join([f"{marker} {lines[0]}", *rest]))
    return "\n".join(items) if all("\n" not in i for i in items) else "\n\n".join(items)


def _definition_list(node) -> str:
    entries = []
    for item in node.children:
        term = next((c for c in item.children if isinstance(c, nodes.term)), None)
        definition = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        # A term with bold text of its own is not wrapped again ("**x**:" must not become "**x**:**").
        inner = _inlines(term) if term else ""
        head = inner if term is None or next(term.findall(nodes.strong), None) else f"**{inner}**"
        entries.append(f"{head}\n\n{blocks_to_markdown(definition.children) if definition else ''}")
    return "\n\n".join(entries)


def _admonition(node) -> str:
    name = node.tagname.capitalize() if node.tagname != "admonition" else ""
    body = blocks_to_markdown([c for c in node.children if not isinstance(c, nodes.title)])
    lead = f"**{name}:** " if name else ""
    return "\n".join(f"> {line}" if line else ">" for line in (lead + body).splitlines())


def _block_quote(node) -> str:
    body = blocks_to_markdown(node.children)
    return "\n".join(f"> {line}" if line else ">" for line in body.splitlines())


def _table(node) -> str:
    rows = []
    for row in node.findall(nodes.row):
        cells = [" ".join(_inlines(p) for p in entry.findall(nodes.paragraph)) or
                 escape(entry.astext()) for entry in row.children]
        rows.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    if not rows:
        return ""
    width = rows[0].count(" | ") + 1
    return "\n".join([rows[0], "|" + " --- |" * width, *rows[1:]])


def _line_block(node) -> str:
    return "  \n".join(_inlines(line) for line in node.findall(nodes.line))


def _field_list(node) -> str:
    out = []
    for field in node.children:
        name, body = field.children[0], field.children[1]
        out.append(f"**{escape(name.astext())}:** {blocks_to_markdown(body.children)}")
    return "\n\n".join(out)


_BLOCKS = {
    nodes.paragraph: _paragraph,
    nodes.literal_block: _literal_block,
    nodes.doctest_block: _literal_block,
    nodes.bullet_list: lambda n: _list(n, ordered=False),
    nodes.enumerated_list: lambda n: _list(n, ordered=True),
    nodes.definition_list: _definition_list,
    nodes.block_quote: _block_quote,
    nodes.table: _table,
    nodes.line_block: _line_block,
    nodes.field_list: _field_list,
    nodes.transition: lambda n: "---",
    nodes.rubric: lambda n: f"**{_inlines(n)}**",
}
