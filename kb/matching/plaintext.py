"""Markdown fields as plain text: for the word index, the remedy and search snippets."""

import re

_FENCE = re.compile(r"^[ \t]{0,3}(?:```|~~~)[^\n]{0,200}$", re.MULTILINE)
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,2000})>")
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_QUOTE_OR_BULLET = re.compile(r"^[ \t]{0,12}(?:>|[-*+]|\d{1,3}[.)])[ \t]+", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`+)")
_SPACES = re.compile(r"\s+")
# CommonMark: a backslash before ASCII punctuation makes it a literal character; inside a code
# span the backslash is literal. An escaped character stands as a private-use character while the
# markup is taken off, so `\*` stays a star and is not read as emphasis (a text/plain remedy
# read "It \\_should\\_ fail").
_CODE_SPAN_OR_ESCAPE = re.compile(r"(`+)[^`]*?\1|\\([!-/:-@\[-`{-~])")
_STAND_IN = 0xE000
_STOOD_IN = re.compile(r"[\uE021-\uE07E]")


def _escaped(match: re.Match) -> str:
    return chr(_STAND_IN + ord(match.group(2))) if match.group(2) else match.group(0)


def plain(markdown: str) -> str:
    """Readable text: links keep their words, markup characters go, escapes are taken off
    (`\\_` is `_`), whitespace collapses."""
    if not markdown:
        return ""
    text = _CODE_SPAN_OR_ESCAPE.sub(_escaped, markdown) if "\\" in markdown else markdown
    text = _FENCE.sub(" ", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub(" ", text)
    text = _HEADING.sub("", text)
    text = _QUOTE_OR_BULLET.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _STOOD_IN.sub(lambda m: chr(ord(m.group()) - _STAND_IN), text) if "\\" in markdown else text


def shorten(text: str, limit: int = 300) -> str:
    """Cut at a word boundary with an ellipsis; short texts are returned whole."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + "…"
