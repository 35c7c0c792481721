"""Big documents: what makes a 5 MiB import fast must not change what it reads (no database)."""

import gc
import weakref
from pathlib import Path

import pytest
from docutils import nodes
from docutils.statemachine import string2lines

from kb.rst import chunks, doctree, parse_bytes
from tests.bench.bench_import import big_document
from tests.conftest import SHARED, corpus_file


def _read_and_release(text: str) -> list:
    tree = doctree.parse("doc.rst", text)
    refs = [weakref.ref(node) for node in tree.findall(nodes.Element) if node is not tree]
    doctree.release(tree)
    return refs


def test_it_frees_a_read_doctree_without_the_cyclic_collector(monkeypatch):
    # With the collector off, only reference counting can free the nodes: each
    # node left over would wait for a collection that walks every one of them.
    text = corpus_file("scale_testing_issues.rst").read_text(encoding="utf-8")
    gc.collect()
    gc.disable()
    try:
        whole = _read_and_release(text)
        monkeypatch.setattr(doctree.chunks, "CHUNK_THRESHOLD", 0)
        monkeypatch.setattr(doctree.chunks, "CHUNK_BYTES", 4096)
        in_pieces = _read_and_release(text)
        assert len(whole) > 500 and len(in_pieces) > 500
        # A handful stay: the last node each of docutils' spare state machines
        # worked on (they live on, unlinked, until a collection). Before
        # release() every node stayed.
        assert sum(r() is not None for r in whole) < len(whole) / 100
        assert sum(r() is not None for r in in_pieces) < len(in_pieces) / 100
    finally:
        gc.enable()


CORPUS = sorted([*SHARED.joinpath("corpus").glob("*.rst"), *SHARED.joinpath("corpus", "real").glob("*.rst")])


def _read(path: str, data: bytes, monkeypatch, *, piece_bytes: int | None) -> dict:
    """The dry-run record of a document, parsed whole or cut before every title it can be."""
    with monkeypatch.context() as patch:
        if piece_bytes is None:
            patch.setattr(chunks, "CHUNK_THRESHOLD", 10**9)
        else:
            patch.setattr(chunks, "CHUNK_THRESHOLD", 0)
            patch.setattr(chunks, "CHUNK_BYTES", piece_bytes)
        return parse_bytes(path, data).as_dict()


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_it_reads_a_document_in_pieces_exactly_as_whole(path, monkeypatch):
    # Real documents, cut before every title the cut rules allow: same issues,
    # anchors, sections and warnings as docutils reading them in one go.
    data = path.read_bytes()
    assert _read(path.name, data, monkeypatch, piece_bytes=1) == _read(path.name, data, monkeypatch,
                                                                        piece_bytes=None)


ACROSS_PIECES = """\
Guide
=====

.. default-role:: literal

Fails with `ImportError`, see Disk full_ and [#]_ and |product|.

.. [#] First footnote.

Disk full
---------

Symptoms
~~~~~~~~

The disk of |product| fills up, as `the other <Disk full>`_ says; see `Symptoms`_ and anonymous__.

__ https://bugs.launchpad.net/nova/+bug/1

Root cause
~~~~~~~~~~

Logs are never rotated, see [#]_.

.. [#] Second footnote.

Disk full
---------

Symptoms
~~~~~~~~

Again |product|; `Guide`_ says why.

Solution
~~~~~~~~

Rotate the logs.

.. |product| replace:: kb-node

Reference
=========

Text.
"""


def test_it_keeps_what_spans_pieces_as_the_whole_parse_does(monkeypatch):
    # Duplicate titles (their ids), references to titles and targets in other
    # pieces, substitutions defined later, numbered footnotes, anonymous links
    # and a default role all live document-wide.
    data = ACROSS_PIECES.encode()
    whole = _read("guide.rst", data, monkeypatch, piece_bytes=None)
    assert _read("guide.rst", data, monkeypatch, piece_bytes=1) == whole
    assert [i["anchor"] for i in whole["issues"]] == ["disk-full", "disk-full-1"]


def test_it_parses_whole_when_docutils_reads_a_cut_differently(monkeypatch):
    # The cut rules scan text; docutils decides what is a title at which level.
    # A cut it does not read as a section of that level makes the parse whole.
    data = corpus_file("scale_testing_issues.rst").read_bytes()
    whole = _read("scale.rst", data, monkeypatch, piece_bytes=None)
    real_cuts = chunks.cuts
    # Each cut said to be one level higher than it is: its section has no parent there.
    monkeypatch.setattr(chunks, "cuts",
                        lambda lines: [(line, max(1, level - 1)) for line, level in real_cuts(lines)])
    assert _read("scale.rst", data, monkeypatch, piece_bytes=1) == whole


def test_it_parses_a_big_document_in_pieces_and_linearly(monkeypatch):
    # Over CHUNK_THRESHOLD a document is read in pieces; the bench document of
    # 1 MiB (reference report repeated) gives what its whole parse gives.
    data = big_document(1024 * 1024)
    pieces = chunks.cuts(string2lines(data.decode(), convert_whitespace=True))
    assert len(pieces) >= 6
    assert parse_bytes("big.rst", data).as_dict() == _read("big.rst", data, monkeypatch, piece_bytes=None)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_it_finds_the_sections_inside_a_section_as_a_tree_walk_does(path):
    # The collection walks only sections to find the ones inside an issue
    # (kb.rst.section_nodes.sections_within): same sections, same order as findall.
    from kb.rst.section_nodes import sections_within

    tree = doctree.parse(path.name, path.read_text(encoding="utf-8"))
    sections = list(tree.findall(nodes.section))
    assert all(isinstance(s.parent, (nodes.section, nodes.document)) for s in sections)
    for section in sections:
        assert list(sections_within(section)) == list(section.findall(nodes.section))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_it_finds_sections_and_messages_in_one_walk_as_findall_does(path):
    tree = doctree.parse(path.name, path.read_text(encoding="utf-8"))
    assert doctree.sections_of(tree) == list(tree.findall(nodes.section))
    assert doctree.messages_of(tree) == list(tree.findall(nodes.system_message))


REPEATED_HEADINGS = """\
Storage
=======

Disk full
---------

Symptoms
~~~~~~~~

The disk fills up.

Root cause
~~~~~~~~~~

Logs are never rotated.

Network
=======

Disk full
---------

Symptoms
~~~~~~~~

The disk fills up.

Root cause
~~~~~~~~~~

Logs are never rotated.

A short underline
-------------

It is a warning.
"""


def test_it_drops_docutils_info_messages_and_keeps_its_warnings():
    # Every repeated heading gets an INFO message (level 1) from docutils, a quarter of
    # the nodes of a big report; the importer reports level 2 and up only.
    tree = doctree.parse("doc.rst", REPEATED_HEADINGS)
    levels = [m["level"] for m in tree.findall(nodes.system_message)]
    assert levels == [2]  # "Title underline too short."
    assert doctree.warnings_of(tree) == [(34, "Title underline too short.")]
    first, second = parse_bytes("doc.rst", REPEATED_HEADINGS.encode()).issues
    assert (first.environment, second.environment) == ("Storage", "Network")
    assert (first.anchor, second.anchor) == ("disk-full", "disk-full-1")
    assert (first.symptoms, first.root_cause) == (second.symptoms, second.root_cause)


@pytest.mark.parametrize("name", ["ACROSS_PIECES", "REPEATED_HEADINGS", *(p.name for p in CORPUS)])
def test_it_makes_no_duplicate_name_info_and_the_same_tree(name, monkeypatch):
    # docutils' INFO for each repeated title is not made at all any more (it was taken out
    # after the parse): the doctree, ids, names and dupnames included, is the same.
    text = globals()[name] if name.isupper() else next(p for p in CORPUS if p.name == name).read_text()
    made = []
    real_init = nodes.system_message.__init__

    def counting(self, message=None, *children, **attributes):
        made.append(str(message))
        real_init(self, message, *children, **attributes)
    monkeypatch.setattr(nodes.system_message, "__init__", counting)
    lean, lean_made = doctree.parse("doc.rst", text).pformat(), list(made)
    monkeypatch.setattr(doctree, "_no_duplicate_name_infos", lambda reporter: reporter.system_message)
    made.clear()
    assert lean == doctree.parse("doc.rst", text).pformat()
    infos = [m for m in made if m.startswith("Duplicate implicit target name")]
    assert [m for m in made if m not in infos] == lean_made
    if name == "REPEATED_HEADINGS":
        assert len(infos) == 3  # "Disk full", "Symptoms", "Root cause" again


UNRESOLVED = """\
Guide
=====

See `Nowhere`_, `Guide`_, `the site <https://example.com>`_, `Twice`_ and anonymous__.

__ https://example.com/a

Twice
-----

Twice
-----

.. _unused: https://example.com/b
"""


@pytest.mark.parametrize("name", ["ACROSS_PIECES", "REPEATED_HEADINGS", "UNRESOLVED",
                                  *(p.name for p in CORPUS)])
def test_it_resolves_references_as_docutils_walk_does(name, monkeypatch):
    # DanglingReferences visits the references kb.rst.doctree lists, not every node: the
    # same doctree (unresolved references made `problematic`, with the ids of their messages).
    from docutils.transforms import references

    text = globals()[name] if name.isupper() else next(p for p in CORPUS if p.name == name).read_text()
    listed = doctree.parse("doc.rst", text)
    monkeypatch.setattr(references.DanglingReferences, "apply", doctree._walking_dangling_references)
    walked = doctree.parse("doc.rst", text)
    assert listed.pformat() == walked.pformat()
    assert doctree.warnings_of(listed) == doctree.warnings_of(walked)
    if name == "UNRESOLVED":  # "Unknown target name: nowhere", "Duplicate target name ... twice"
        assert [p.astext() for p in listed.findall(nodes.problematic)] == ["`Nowhere`_", "`Twice`_"]


STUDIED = sorted([*SHARED.joinpath("corpus").glob("*.rst"), *SHARED.joinpath("corpus", "real").glob("*.rst"),
                  *(p for p in Path(__file__).parent.joinpath("data").glob("gathered*/*")
                    if p.suffix in (".rst", ".md"))])


@pytest.mark.parametrize("path", STUDIED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_studied_document_reads_the_same_by_the_fast_paths_and_the_plain_one(path, monkeypatch):
    # Both fast paths at once, forced on documents of any size: RST read in pieces cut
    # before every title the cut rules allow, and the later half of the sections decided
    # in a forked copy; against docutils reading it whole and one process deciding all.
    # The records compared are the dry run's: issues, fields, sections and warnings.
    from kb.rst import forked

    data = path.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(forked, "_cpus", lambda: 2)
        patch.setattr(forked, "MIN_CHARS", 0)
        fast = _read(path.name, data, monkeypatch, piece_bytes=1)
        patch.setattr(forked, "MIN_CHARS", 10**12)
        plain = _read(path.name, data, monkeypatch, piece_bytes=None)
    assert fast == plain


def test_most_studied_rst_documents_really_are_read_in_pieces_when_forced(monkeypatch):
    # The comparison above would prove little if the pieces were given up (a cut docutils
    # reads otherwise makes kb read the document again, whole): count those read in pieces.
    pieces, publishes = [], []
    real_run, real_publish = doctree._PieceMachine.run, doctree._publish
    monkeypatch.setattr(doctree._PieceMachine, "run",
                        lambda self, *a, **k: pieces.append(1) or real_run(self, *a, **k))
    monkeypatch.setattr(doctree, "_publish", lambda *a: publishes.append(1) or real_publish(*a))
    monkeypatch.setattr(chunks, "CHUNK_THRESHOLD", 0)
    monkeypatch.setattr(chunks, "CHUNK_BYTES", 1)
    rst = [p for p in STUDIED if p.suffix == ".rst"]
    in_pieces = cuttable = 0
    for path in rst:
        pieces.clear()
        publishes.clear()
        text = path.read_text(encoding="utf-8")
        doctree.parse(path.name, text)
        # A document with its own title and no other (gathered31's Trident pages, bullets under
        # one heading) has nowhere to be cut: it does not count either way.
        if _titles(text) < 2:
            continue
        cuttable += 1
        in_pieces += len(pieces) > 1 and len(publishes) == 1
    assert in_pieces >= cuttable * 0.9, (in_pieces, cuttable)


def _titles(text: str) -> int:
    from docutils import nodes
    from docutils.core import publish_doctree

    tree = publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5,
                                                     "file_insertion_enabled": False,
                                                     "raw_enabled": False})
    # The document's own title is promoted out of its section; count it back.
    return len(list(tree.findall(nodes.section))) + bool(tree.get("title"))
