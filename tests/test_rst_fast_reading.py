"""kb's shortcuts in docutils' reading and transforms give the doctree docutils gives.

kb.rst.doctree: spare state machines for nested_list_parse, make_id
remembered, a node's document found without recursion, the transforms' nodes found in one
walk (_Census), a line tried only against the transitions that can begin with its first
character (_check_line).
"""

import threading

import pytest
from docutils import nodes, statemachine
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser, states
from docutils.transforms import Transformer
from docutils.utils import new_document

from kb.rst import doctree
from kb.rst.errors import RstImportError
from tests.bench.bench_import import big_document
from tests.conftest import ROOT, SHARED
from tests.test_rst_fast_searches import MARKUP

DOCUMENTS = sorted([*SHARED.joinpath("corpus").glob("*.rst"),
                    *SHARED.joinpath("corpus", "real").glob("*.rst"),
                    *ROOT.joinpath("tests", "data").glob("gathered*/*.rst")])

LISTS_AND_TARGETS = """\
Lists in lists
==============

.. _first-target:

* a bullet

  1. an enumerated item
  2. another, with a field list:

     :field: value
     :other: `link <http://l.example>`_

  #. auto

* term-like

  term
     definition with `anonymous <http://a.example>`__

     - nested bullet

       | a line block
       | its second line

  -a         an option
  --bee=B    another

Second
------

----------

A transition above; `first-target`_ and first-target_ refer back, `missing`_ to nothing.

.. [1] a footnote with a bullet:

   * inside

.. code:: python

   x = 1
"""

PENDING_AND_SUBSTITUTIONS = """\
Transformed
===========

.. contents::

.. sectnum::

Sub |name|
----------

.. |name| replace:: `replaced link <http://r.example>`_

Text with |name| and an indirect_ target.

.. _indirect: first_

.. _first: http://f.example
"""

# A line of each kind the Body state and the states after it tell apart by their patterns.
BLOCKS = """\
Every block
===========

a. lettered, (ii) roman, #. auto, 3) number, A. capital
b. second

(i) roman in parens
(ii) second

-a            option
--long=VALUE  another
/V            dos style
+x            plus

>>> doctest = 1
>>> print(doctest)
1

| line block
|   indented

+-----+-----+
| a   | b   |
+=====+=====+
| 1   | 2   |
+-----+-----+

=====  =====
x      y
=====  =====
1      2
=====  =====

:field: value
:other field: value

__ http://anonymous.example

.. comment

~~~~~

Term
   definition ‣ with • bullets
• a unicode bullet
‣ another

Quote::

    literal

  block quote
  -- attribution

1\\. not a list. and "quoted" text, 'single', [bracket], {brace}, <angle>, @at, $dollar, %, ^, &
!bang ?what ;semi ,comma \\backslash
"""

DOCINFO = """\
:Author: somebody with `a link <http://d.example>`_
:Version: 1

Title
=====

Body.
"""


def _dump(tree) -> str:
    """The tree, and where each node says it comes from (which pformat() leaves out)."""
    return tree.pformat() + "\n".join(f"{type(n).__name__} {n.source} {n.line}" for n in tree.findall())


def _tree(text: str, monkeypatch, *, theirs: bool) -> str:
    with monkeypatch.context() as patch:
        if theirs:
            patch.setattr(states.RSTState, "nested_list_parse", doctree._docutils_nested_list_parse)
            patch.setattr(Transformer, "apply_transforms", doctree._docutils_apply_transforms)
            patch.setattr(nodes, "make_id", nodes.make_id.__wrapped__)
            patch.setattr(nodes.Node, "document", doctree._docutils_node_document)
            patch.setattr(nodes.Node, "setup_child", doctree._docutils_setup_child)
            patch.setattr(statemachine.StateMachine, "check_line", doctree._docutils_check_line)
        try:
            return _dump(doctree.parse("doc.rst", text))
        except RstImportError as exc:  # refused the same way, at the same line
            return f"{exc} (line {exc.line})"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_it_reads_every_document_as_docutils_does(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    assert _tree(text, monkeypatch, theirs=False) == _tree(text, monkeypatch, theirs=True)


@pytest.mark.parametrize("text,transformed", [
    (MARKUP, '<reference name="t" refuri="http://t.example">'),  # ExternalTargets
    (LISTS_AND_TARGETS, 'refid="first-target"'),  # PropagateTargets, InternalTargets
    (LISTS_AND_TARGETS, "<problematic"),  # DanglingReferences
    (PENDING_AND_SUBSTITUTIONS, "<topic"),  # contents
    (DOCINFO, "<docinfo"),
    (BLOCKS, "<option_list"),
    (BLOCKS, "<doctest_block"),
    (BLOCKS, "<line_block"),
    (BLOCKS, "<table"),
], ids=["markup", "lists-and-targets", "dangling", "pending-and-substitutions", "docinfo", "options",
        "doctest", "line-block", "tables"])
def test_it_reads_nested_lists_targets_and_transformed_nodes_as_docutils_does(text, transformed, monkeypatch):
    ours = _tree(text, monkeypatch, theirs=False)
    assert ours == _tree(text, monkeypatch, theirs=True)
    assert transformed in ours


def test_it_reads_a_big_document_in_pieces_as_docutils_does(monkeypatch):
    text = big_document(600 * 1024).decode()
    assert _tree(text, monkeypatch, theirs=False) == _tree(text, monkeypatch, theirs=True)


def test_the_transforms_use_the_census_only_where_no_transform_moves_what_it_lists():
    def usable(text):
        settings = get_default_settings(Parser)
        for name, value in doctree.SETTINGS.items():
            setattr(settings, name, value)
        document = new_document("doc.rst", settings)
        doctree._Parser(piecewise=False).parse(text, document)  # read, not transformed
        return doctree._Census(document).usable()
    assert usable(LISTS_AND_TARGETS)
    assert not usable(PENDING_AND_SUBSTITUTIONS)  # pending nodes, substitutions, an indirect target
    assert not usable(DOCINFO)  # a leading field list, rebuilt as docinfo
    assert not usable("T\n=\n\n`a <http://a.example>`__ and `b <http://b.example>`__\n\n__ http://c.example\n")


def test_it_leaves_no_spare_state_machine_after_reading():
    doctree.parse("doc.rst", LISTS_AND_TARGETS)
    assert doctree._list_machines() == {}


def test_threads_reading_at_once_keep_their_own_spare_machines(monkeypatch):
    """The web server imports in threads: a reading that ends empties its own spares only."""
    alone = _tree(LISTS_AND_TARGETS, monkeypatch, theirs=False)
    ends = threading.Barrier(2)
    original = doctree._drop_list_machines

    def drop_when_both_have_read():  # each thread empties its spares while the other holds its own
        held = {key: list(spare) for key, spare in doctree._list_machines().items()}
        ends.wait(timeout=30)
        original()
        return held

    trees, held = [], []
    with monkeypatch.context() as patch:
        patch.setattr(doctree, "_drop_list_machines", lambda: held.append(drop_when_both_have_read()))
        threads = [threading.Thread(target=lambda: trees.append(_dump(doctree.parse("doc.rst",
                                                                                    LISTS_AND_TARGETS))))
                   for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert trees == [alone, alone]
    first, second = ({id(m) for spare in h.values() for m in spare} for h in held)
    assert first and second and not first & second  # no machine was shared between the readings


def test_it_measures_a_title_as_docutils_does():
    titles = ["".join(map(chr, range(128))), "Plain title", "", "Wide \u6f22\u5b57", "e\u0301 combined",
              "caf\u00e9"]
    for title in titles:
        assert doctree._column_width(title) == doctree._docutils_column_width(title)
    assert doctree._column_width("\u6f22\u5b57") == 4  # each wide character takes two columns
