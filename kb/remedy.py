"""The short remedy: the opening of an issue's fix as plain text, cut where a reader can stop.

The match card, text/plain answers, the CLI, chat replies and the API's
`remedy_short` show a few lines of the fix. Cutting at a character count
broke values in half ("--dns-forward-max=1000 was..." became "--dns-forw…");
here the text is cut after a whole sentence or list item, and only when the
first one alone is too long, at a clause or word boundary that is not inside
a value (an inline code span, a flag, a path, a number with its unit).
Pure functions: no Django.
"""

import re
from dataclasses import dataclass

from kb.matching.plaintext import plain

DEFAULT_LIMIT = 280
# A code block of one line this long or shorter is kept in the short remedy, in backticks.
SHORT_CODE = 80

_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_ITEM = re.compile(r"^[ \t]{0,12}(?:[-*+]|\d{1,3}[.)])[ \t]+")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
# The end of a sentence: . ! ? (maybe closing a quote or bracket), a space, then something
# that starts a sentence. "e.g. the" and "v1.2 is" do not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9`\"'(\[*_])")
_ABBREVIATIONS = ("e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "incl.", "no.", "Fig.", "Dr.", "St.")


@dataclass(frozen=True)
class ShortRemedy:
    text: str
    truncated: bool


def short_remedy(markdown: str, limit: int = DEFAULT_LIMIT) -> ShortRemedy:
    """As many whole sentences and list items of `markdown` as fit in `limit` characters."""
    units = list(_units(markdown or ""))
    if not units:
        return ShortRemedy("", False)
    taken: list[str] = []
    length = 0
    for raw, text in units:
        extra = len(text) + (1 if taken else 0)
        if length + extra > limit or raw is None:
            break
        taken.append(text)
        length += extra
    if len(taken) > 1 and len(taken) < len(units) and taken[-1].endswith(":"):
        taken.pop()  # "... in nova.conf:" announces what is cut off: leave it to the full fix
    if taken:
        # A list item starts a line of its own ("• ..."), in a terminal as on the card.
        text = " ".join(taken).replace(" • ", "\n• ")
        return ShortRemedy(text, len(taken) < len(units))
    if units[0][0] is None:
        return ShortRemedy(units[0][1][: max(limit - 1, 1)].rstrip() + "…", True)
    return ShortRemedy(_cut_inside(*units[0], limit), True)


def _units(markdown: str):
    """(Markdown, plain text) of each sentence and list item, in order; a code block is one unit."""
    block: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if _FENCE.match(line):
            yield from _flush(block, code=in_fence)
            in_fence = not in_fence
        elif in_fence:
            block.append(line)
        elif not line.strip():
            yield from _flush(block)
        elif _ITEM.match(line):
            yield from _flush(block)
            block.append(line)
        else:
            block.append(line)
    yield from _flush(block, code=in_fence)


def _flush(block: list[str], code: bool = False):
    text = "\n".join(block)
    block.clear()
    if not text.strip():
        return
    if code:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) == 1 and len(lines[0]) <= SHORT_CODE:
            yield f"`{lines[0]}`", f"`{lines[0]}`"
        else:  # a file or a script: flattened it reads as noise; the short remedy stops before it
            yield None, " ".join(lines)
        return
    item = _ITEM.match(text)
    if item:  # a list item is one unit, however many sentences it holds
        raw = text[item.end():]
        yield raw, "• " + plain(raw)
        return
    for sentence in _sentences(text):
        words = plain(sentence)
        if words:
            yield sentence, words


def _sentences(text: str) -> list[str]:
    """Split at sentence ends outside inline code spans."""
    spans = [m.span() for m in _CODE_SPAN.finditer(text)]
    out, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        at = end.start()
        if any(a <= at < b for a, b in spans):
            continue
        piece = text[start:end.end()]
        if piece.rstrip().endswith(_ABBREVIATIONS):
            continue
        out.append(piece.strip())
        start = end.end()
    out.append(text[start:].strip())
    return [piece for piece in out if piece]


# Where a sentence too long for the limit may be cut: after a clause (", ", "; ", " - "), else
# between words; never inside an inline code span, and never right after a label or a key
# whose value follows ("max:", "size =").
_CLAUSE_END = (",", ";")
_AWAITS_VALUE = (":", "=")


def _cut_inside(raw: str, text: str, limit: int) -> str:
    code = [m.span() for m in _CODE_SPAN.finditer(raw)]
    spaces = [m.start() for m in re.finditer(r"\s+", raw) if not any(a < m.start() < b for a, b in code)]
    fits = []
    for at in spaces:
        before = raw[:at].rstrip()
        if before.endswith(_AWAITS_VALUE) or raw[at:].lstrip().startswith("="):
            continue
        shown = plain(before).rstrip(" ,;-–—")
        if shown and len(shown) + 1 <= limit:
            fits.append((before.endswith(_CLAUSE_END), len(shown), shown))
    if not fits:
        return text[: max(limit - 1, 1)].rstrip() + "…"
    longest = max(length for _, length, _ in fits)
    clauses = [f for f in fits if f[0] and f[1] >= longest // 2]
    return max(clauses or fits, key=lambda f: f[1])[2] + "…"
