"""Signatures that ordinary logs already say: no evidence of a failure.

A signature is confident evidence (scoring.py): a line holding it is the issue. A signature
a document's prose gave that a line of an ordinary, healthy log already holds whole cannot
say that: the ovs SELinux how-to's `"Permission Denied" errors` (tests/data/gathered18) became
the signature `Permission Denied`, strerror(EACCES), which any program prints for any file,
and it answered a Linux syslog, LXD's, a ceph-mon journal and nova-compute's RADOS client as
that how-to's issue (tests/eval/imported_false_alarms.py). The background corpus
(tests/data/background, 27 ordinary logs of other systems, the one background.py counts words
in) is where such a message shows: each signature is tested on its lines as the matcher tests
a line (scoring.holds_template), and the importer keeps none that one of them holds
(kb.rst.signatures.drop_generic), with a warning naming the corpus's file and line.

The corpus is read from the checkout, once per process (about 40,000 lines); where it is absent
(an installation without tests/), nothing is tested. Pure: no Django.
"""

import bisect
import re
from functools import cache, lru_cache
from pathlib import Path

from .generic import generic_message
from .scoring import holds_template
from .signatures import compile_signature

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "data" / "background"


class _Corpus:
    """The corpus's lines, lowered and joined, to find a literal in one search per template."""

    def __init__(self, folder: Path):
        self.lines: list[tuple[str, int, str]] = []  # (file name, 1-based number, text)
        for path in sorted(folder.iterdir()) if folder.is_dir() else ():
            if path.suffix == ".md" or "LICENSE" in path.name:  # its papers, as background.py
                continue
            with open(path, encoding="utf-8", errors="replace") as handle:
                self.lines += [(path.name, n, line.rstrip("\n")) for n, line in enumerate(handle, 1)]
        self.starts: list[int] = []
        position = 0
        for _name, _n, text in self.lines:
            self.starts.append(position)
            position += len(text) + 1
        # lowered per line: lowering may change a text's length, so each line's start stays true
        self.text = "\n".join(text.lower() if len(text.lower()) == len(text) else " " * len(text)
                              for _name, _n, text in self.lines)

    def holding(self, literal: str):
        """Each line whose text holds `literal` in any case."""
        literal = literal.lower()
        if not literal or "\n" in literal:
            return
        found = self.text.find(literal)
        while found >= 0:
            index = bisect.bisect_right(self.starts, found) - 1
            yield self.lines[index]
            next_line = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
            found = self.text.find(literal, next_line)


@cache
def _corpus(folder: Path = CORPUS) -> _Corpus:
    return _Corpus(folder)


@lru_cache(maxsize=4096)
def ordinary_line(signature: str, source: str = "symptom") -> tuple[str, int, str] | None:
    """(file, line number, the line's text around the signature) of the first line of the
    background corpus that holds the signature (one of its strong variants) whole, or None."""
    corpus = _corpus()
    for template in compile_signature(0, signature, source):
        if template.weak:
            continue  # never confident anyway
        literal = re.sub(r"\s+", " ", template.literal)
        for name, number, text in corpus.holding(literal):
            if holds_template(template, text):
                return name, number, _around(text, literal)
    return None


def too_generic(signature: str) -> str:
    """Why the signature cannot name one issue, or '': it only repeats a shared library's message
    (kb.matching.generic), or a line of an ordinary log already holds it. The importer drops such
    a signature read from prose with a warning (kb.rst.signatures.drop_generic); an editor's is
    refused with this reason (Signature.clean)."""
    library = generic_message(signature)
    if library:
        return f"it is only {library} message, which any service logs whatever failed"
    ordinary = ordinary_line(signature)
    if ordinary:
        name, number, text = ordinary
        return (f"an ordinary log already says it (background corpus {name}, line {number}: "
                f"{text!r}), so it would name this issue where nothing failed")
    return ""


def _around(text: str, literal: str, width: int = 60) -> str:
    """The part of a (long) line around the literal: what the warning shows of it."""
    at = text.lower().find(literal.lower())
    if at < 0 or len(text) <= 2 * width + len(literal):
        return text.strip()
    start, end = max(0, at - width), at + len(literal) + width
    return f"{'...' if start else ''}{text[start:end].strip()}{'...' if end < len(text) else ''}"
