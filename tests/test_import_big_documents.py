"""Big documents: what makes a 5 MiB import fast must not change what it reads (no database)."""

import gc
import weakref

from docutils import nodes

from kb.rst import doctree
from tests.conftest import corpus_file


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
