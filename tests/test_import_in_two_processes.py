"""A big document's sections decided in two processes give what one process gives (no database)."""

import os
import time

import pytest

from kb.rst import chunks, forked, parse_bytes
from tests.bench.bench_import import big_document
from tests.conftest import FIXTURES, SHARED

# The studied sets only: a blind one is not for reading line by line, and a failure here would
# print it. (gathered6, gathered16, gathered17 and gathered18 were counted blind and measured before
# they became development sets: their SOURCES.md give the first runs.)
DATA = FIXTURES.parent / "tests" / "data"
GATHERED = ("gathered", "gathered2", "gathered3", "gathered4", "gathered5", "gathered6", "gathered16",
            "gathered17", "gathered18")
DOCUMENTS = sorted([*FIXTURES.glob("*.rst"), *SHARED.joinpath("corpus").glob("*.rst"),
                    *SHARED.joinpath("corpus", "real").glob("*.rst"),
                    *(p for name in GATHERED for p in sorted(DATA.joinpath(name).iterdir())
                      if p.suffix in (".rst", ".md"))])


@pytest.fixture
def answers(monkeypatch):
    """What each forked copy answered (None: it failed or was too slow and was decided here)."""
    seen = []
    real = forked._answer

    def spy(child, timeout):
        seen.append(real(child, timeout))
        return seen[-1]
    monkeypatch.setattr(forked, "_answer", spy)
    return seen


def _read(path: str, data: bytes, monkeypatch, *, in_two: bool) -> dict:
    with monkeypatch.context() as patch:
        patch.setattr(forked, "MIN_CHARS", 0 if in_two else 10**12)
        patch.setattr(forked, "_cpus", lambda: 2)
        return parse_bytes(path, data).as_dict()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_it_decides_the_later_sections_in_a_copy_exactly_as_here(path, monkeypatch, answers):
    # Every document, however small, split in the middle of its sections: the copy
    # redecides the sections around the split for their marks (the issue a field belongs
    # to, the entry a detail section belongs to) and sends back the rest.
    data = path.read_bytes()
    alone = _read(path.name, data, monkeypatch, in_two=False)
    assert not answers
    assert _read(path.name, data, monkeypatch, in_two=True) == alone
    if len(alone["sections"]) >= 2:
        assert len(answers) == 1 and answers[0] is not None


SPLIT_IN_AN_ISSUE = """\
Guide
=====

Disk full
---------

Symptoms
~~~~~~~~

The disk fills up with ``No space left on device``.

Root cause
~~~~~~~~~~

Logs are never rotated.

Solution
~~~~~~~~

Rotate the logs.

Details
^^^^^^^

More on rotation.
"""


def test_it_gives_the_copy_the_marks_of_the_sections_around_the_split(monkeypatch, answers):
    # Six sections: the copy decides from the fourth (Root cause) on, which is part of
    # the issue "Disk full" only because that section, before the split, was decided first.
    data = SPLIT_IN_AN_ISSUE.encode()
    alone = _read("guide.rst", data, monkeypatch, in_two=False)
    in_two = _read("guide.rst", data, monkeypatch, in_two=True)
    assert answers and answers[0] is not None
    assert in_two == alone
    reasons = [s["reason"] for s in in_two["sections"]]
    assert reasons[3:] == ["part of the issue 'Disk full'"] * 3
    assert [i["title"] for i in in_two["issues"]] == ["Disk full"]


def test_a_big_document_with_titles_repeated_across_pieces_reads_the_same(monkeypatch, answers):
    # Over MIN_CHARS the split is real: the bench document (the reference report repeated,
    # so every title recurs in every piece and its ids come from docutils' document-wide
    # counter) read in pieces, its later half decided by the copy.
    data = big_document(int(1.2 * 1024 * 1024))
    monkeypatch.setattr(forked, "_cpus", lambda: 2)
    in_two = parse_bytes("big.rst", data).as_dict()
    assert len(answers) == 1 and answers[0] is not None
    monkeypatch.setattr(forked, "MIN_CHARS", 10**12)
    alone = parse_bytes("big.rst", data).as_dict()
    assert in_two == alone
    monkeypatch.setattr(chunks, "CHUNK_THRESHOLD", 10**12)  # and docutils reading it whole
    assert parse_bytes("big.rst", data).as_dict() == alone
    anchors = [i["anchor"] for i in alone["issues"]]
    assert len(set(anchors)) == len(anchors) > 23 * 10
    assert len(alone["issues"]) == 23 * (data.count(b"Kubernetes Issues At Scale 900 Minions"))


def test_it_decides_here_what_a_failed_copy_did_not(monkeypatch, answers):
    data = (FIXTURES / "scale_testing.rst").read_bytes()
    alone = _read("scale.rst", data, monkeypatch, in_two=False)

    class Broken:
        HIGHEST_PROTOCOL = 5

        @staticmethod
        def dumps(*args):
            raise RuntimeError("the copy fails")

        loads = staticmethod(forked.pickle.loads)
    monkeypatch.setattr(forked, "pickle", Broken)
    assert _read("scale.rst", data, monkeypatch, in_two=True) == alone
    assert answers == [None]


def test_it_kills_a_copy_that_does_not_answer_and_decides_here(monkeypatch, answers):
    data = (FIXTURES / "scale_testing.rst").read_bytes()
    alone = _read("scale.rst", data, monkeypatch, in_two=False)
    pids = []
    real_fork = os.fork

    def fork():
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid

    def hang(*args):
        time.sleep(60)
        os._exit(0)
    monkeypatch.setattr(forked.os, "fork", fork)
    monkeypatch.setattr(forked, "_decide_and_send", hang)
    monkeypatch.setattr(forked, "PATIENCE", 0.0)
    monkeypatch.setattr(forked, "GRACE", 0.2)
    started = time.monotonic()
    assert _read("scale.rst", data, monkeypatch, in_two=True) == alone
    assert answers == [None] and time.monotonic() - started < 30
    with pytest.raises(ChildProcessError):  # killed and reaped: no zombie left
        os.waitpid(pids[0], os.WNOHANG)


def test_it_leaves_no_copy_behind_when_deciding_here_fails(monkeypatch):
    from kb.rst import decisions

    here, pids = os.getpid(), []
    real_decide, real_fork = decisions.Decisions.decide, os.fork

    def decide(self, sections, document):
        if os.getpid() == here:
            raise RuntimeError("deciding here fails")
        return real_decide(self, sections, document)

    def fork():
        pid = real_fork()
        if pid:
            pids.append(pid)
        return pid
    monkeypatch.setattr(decisions.Decisions, "decide", decide)
    monkeypatch.setattr(forked.os, "fork", fork)
    with pytest.raises(RuntimeError):
        _read("scale.rst", (FIXTURES / "scale_testing.rst").read_bytes(), monkeypatch, in_two=True)
    assert len(pids) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(pids[0], os.WNOHANG)


ROLE_USED_BEFORE_ITS_DEFINITION = """\
Guide
=====

Broken
------

Symptoms
~~~~~~~~

It fails with :custom:`Disk full` on every node.

Later
-----

.. role:: custom

Still :custom:`fine` here.
"""


def test_a_failed_copy_has_the_text_read_again_as_the_first_time(monkeypatch, answers):
    # This process frees its doctree before the copy answers; when the copy fails, the text is
    # read again, with docutils' roles as they were before the first reading (`.. role::`
    # registers one for the rest of the process): a role used before its definition is
    # unknown there both times, and kept as literal text (read with the role known, it
    # would be plain text).
    from docutils.parsers.rst import roles

    pristine = dict(roles._roles)

    def read(in_two: bool) -> dict:
        monkeypatch.setattr(roles, "_roles", dict(pristine))
        return _read("roles.rst", ROLE_USED_BEFORE_ITS_DEFINITION.encode(), monkeypatch, in_two=in_two)
    alone = read(False)
    assert alone["issues"][0]["symptoms"] == "It fails with `Disk full` on every node."

    class Broken:
        HIGHEST_PROTOCOL = 5

        @staticmethod
        def dumps(*args):
            raise RuntimeError("the copy fails")
    monkeypatch.setattr(forked, "pickle", Broken)
    assert read(True) == alone
    assert answers == [None]
