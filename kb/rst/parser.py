"""An RST or Markdown incident document to ParsedDocument: which sections are issues, and their fields.

A section is an issue when its subsections (or the bold terms of a
definition list in its body) name fields: Symptoms, Root cause, Solution...
Sections without fields (Glossary, Setup, narrative) are not issues; the
top-level section holding an issue is its environment, the parent its
category. Underline characters and their order are whatever docutils saw,
so documents that swap `~~~` and `---` parse the same.

This module reads a document and finishes it (slugs, relations). Deciding each
section is kb/rst/decisions.py, reading a section node kb/rst/section_nodes.py,
the field-heading path kb/rst/field_sections.py and kb/rst/field_labels.py, a
section told in prose kb/rst/prose_issue.py (with kb/rst/failure_prose.py,
kb/rst/message_headings.py, kb/rst/placement.py), and the ParsedIssue built from
either kb/rst/building.py. (Split out of this module as they were, issue #10's
session of 2026-12-07 21:48 UTC.)
"""

import hashlib

from kb import collector
from kb.slugs import SLUG_LENGTH, make_slug

from . import (
    bold_headings,
    mdtree,
    signatures,
)
from . import doctree as dt
from .decisions import collect_issues
from .errors import RstImportError
from .records import ParsedDocument, ParsedRelation
from .relations import TitleRef, relations_in, title_index
from .section_nodes import title_text


def parse_file(path: str) -> ParsedDocument:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise RstImportError(path, f"cannot read it: {exc.strerror}") from None
    return parse_bytes(path, data)


MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCUMENT_SUFFIXES = (".rst", *MARKDOWN_SUFFIXES)


def parse_bytes(path: str, data: bytes) -> ParsedDocument:
    """RST, or Markdown when the name ends in .md / .markdown: the same rules read both."""
    with collector.paused():
        return _parse_text(path, dt.decode(path, data), data)


def _parse_text(path: str, text: str, data: bytes) -> ParsedDocument:
    tree = _read(path, text)
    document = ParsedDocument(
        path=path,
        title=_document_title(tree),
        sha256=hashlib.sha256(data).hexdigest(),
        content=text,
        warnings=[f"line {line}: {msg}" if line else msg for line, msg in dt.warnings_of(tree)],
    )
    collect_issues(tree, document, lambda: _read(path, text))
    signatures.drop_generic(document)
    _one_signature_per_text(document)
    if not document.issues:
        # Never silent: what was seen, and why none of it is an issue.
        document.warnings.insert(0, document.why_no_issue)
    _assign_slugs(document)
    _resolve_relations(document)
    return document


def _one_signature_per_text(document: ParsedDocument):
    """A text an issue states twice (quoted in its symptoms and listed under its log signatures) is
    one signature, the first, as the database keeps it (one row per issue and text: kb.sync):
    otherwise the engine built from the files and the one built from the database differ."""
    for issue in document.issues:
        seen = set()
        issue.signatures = [s for s in issue.signatures if not (s.text in seen or seen.add(s.text))]


def _read(path: str, text: str):
    tree = mdtree.parse(path, text) if path.lower().endswith(MARKDOWN_SUFFIXES) else dt.parse(path, text)
    bold_headings.promote(tree)
    return tree


def _document_title(tree) -> str:
    first = next(iter(dt.sections_of(tree)), None)
    return title_text(first)[0] if first is not None else ""


def _assign_slugs(document: ParsedDocument):
    seen: set[str] = set()
    numbering: dict = {}
    for issue in document.issues:
        base = issue.slug or make_slug(issue.title)
        if base in seen and issue.category:
            base = make_slug(f"{issue.category} {base}")
        # A stated slug longer than kb's own stays whole (unless it needs a number).
        issue.slug = make_slug(base, taken=seen.__contains__, max_length=max(SLUG_LENGTH, len(base)),
                               numbering=numbering)
        seen.add(issue.slug)


def _resolve_relations(document: ParsedDocument):
    by_title = {i.title.lower(): i.slug for i in document.issues}
    refs = [TitleRef(i.slug, i.title, n) for n, i in enumerate(document.issues)]
    index = title_index(refs)
    for position, issue in enumerate(document.issues):
        stated = []
        for relation in issue.relations:
            target = by_title.get(relation.target.lower())
            if target and target != issue.slug:
                stated.append(ParsedRelation(target=target, kind=relation.kind))
            else:
                document.warnings.append(
                    f"line {issue.line}: related issue {relation.target!r} not found in this document"
                )
        if not stated:
            prose = " ".join([issue.symptoms, issue.root_cause, issue.solution, issue.workaround])
            stated = [ParsedRelation(target=t, kind=k) for t, k in relations_in(prose, position, refs, index)]
        issue.relations = stated
