"""A big document's later sections decided in a second process while this one decides the first.

Deciding which sections are issues (kb.rst.decisions.collect_issues) reads the
finished doctree and writes nothing to it, and a decision marks only the
sections inside the one decided. So a forked copy of this process, which
shares the doctree with it page by page (nothing is copied or serialised up
front), can decide the sections from a split point on: it first decides
again, and forgets, the sections that enclose the split point, for the marks
they leave inside them; decisions of the other sections before the split
point mark only sections before it. Meanwhile this process decides the
sections before the split point (a little less than half: it then frees its
doctree while the copy finishes), then appends what the copy sends back (its
sections' records, its warnings and its issues, in order), which is exactly
what deciding them here would have appended. If the copy cannot be made,
this process decides those sections itself; if it fails or does not answer
in time, this process reads the text again (from docutils' role registry as every
reading starts, kb.rst.doctree) and decides them as the copy would have: the same result,
later.

Why the copy does not parse pieces of the text instead (measured 2026-12-06
on the 5 MiB document of tests/bench/bench_import.py, CPU seconds): docutils
reads and transforms half of it in 2.0-2.3 s. Sending that half's doctree
back costs 0.34 s to pickle and 0.94 s to unpickle, but about 0.2 s in all
in a rough trial (nested tuples through marshal, nodes rebuilt without their
few attributes beside `attributes`); so the transfer is not what stands in
the way. What does is that each piece is parsed into one
document: the ids, names and targets a piece registers depend on all the
pieces before it (a repeated title's id comes from a document-wide counter,
a repeated name turns the earlier section's name into a dupname, a
reference to a name defined twice is an error), and so do footnote numbers,
substitutions, anonymous links, custom and default roles and the title
styles. The copy would have to start from the state the pieces before its
own leave, or this process would have to register again, in order, what
the copy's pieces registered, and take the copy's result only where that is
provably what one parse gives. Not done yet.
"""

import os
import pickle
import selectors
import signal
import time

from docutils import nodes

from .records import ParsedDocument

# Smaller documents are decided in one process: making the copy costs a few
# hundredths of a second, deciding takes about 0.35 s of CPU per MiB.
MIN_CHARS = 1024 * 1024
# The share of the sections decided here: this process also frees the doctree (0.2 s of
# CPU for 5 MiB, a tenth of deciding all its sections) while the copy decides the rest.
SHARE_HERE = 0.47
# How long this process waits for the copy once it has decided its own sections: GRACE
# seconds and PATIENCE times as long as those took it. A copy that hangs is killed.
PATIENCE = 3.0
GRACE = 5.0


def split_point(sections: list, size: int) -> int | None:
    """Where the sections a second process decides begin, or None to decide all of them here."""
    if size < MIN_CHARS or len(sections) < 2 or not hasattr(os, "fork") or _cpus() < 2:
        return None
    return max(1, int(len(sections) * SHARE_HERE))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def decide_in_two(state, sections: list, split: int, document: ParsedDocument, release, read_again) -> list:
    """state.decide(sections, document), the sections from `split` on decided by a forked copy.

    The tree is freed (`release()`) as soon as this process has decided its
    sections, while the copy still works: if the copy then fails, the text
    is read again (`read_again()`: the decisions, sections and release of
    the same tree) and those sections decided here as the copy would have.
    """
    child = _fork(state, sections, split, document)
    started = time.monotonic()
    try:
        candidates = state.decide(sections[:split], document)
    except BaseException:
        if child:
            _answer(child, 0)  # killed and waited for: no process left behind
        raise
    if child is None:
        try:
            return candidates + state.decide(sections[split:], document)
        finally:
            release()
    timeout = PATIENCE * (time.monotonic() - started) + GRACE
    release()
    answer = _answer(child, timeout)
    if answer is None:
        state, sections, release = read_again()
        try:
            answer = decide_from(state, sections, split, document)
        finally:
            release()
    records, warnings, found = answer
    document.sections += records
    document.warnings += warnings
    return candidates + found


def _fork(state, sections, split, document) -> tuple[int, int] | None:
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the copy: never returns
        os.close(read_end)
        _decide_and_send(state, sections, split, document, write_end)
    os.close(write_end)
    return pid, read_end


def decide_from(state, sections: list, split: int, document: ParsedDocument) -> tuple[list, list, list]:
    """What deciding sections[split:] adds to `document` (records, warnings) and the issues found.

    Given decisions (`state`) that have decided none of the sections before the split.
    """
    enclosing = []
    parent = sections[split].parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            enclosing.append(parent)
        parent = parent.parent
    # Decided again for the marks they leave on the sections inside them; what they
    # record goes to a document that is thrown away (it is recorded before the split).
    state.decide(reversed(enclosing), _blank(document))
    own = _blank(document)
    found = state.decide(sections[split:], own)
    return own.sections, own.warnings, found


def _decide_and_send(state, sections, split, document, fd: int):
    code = 1
    try:
        answer = decide_from(state, sections, split, document)
        data = memoryview(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
        while data:
            data = data[os.write(fd, data):]
        code = 0
    finally:
        # No cleanup of this copy of the process: its files, connections and buffers are the
        # parent's. (BaseException too: whatever happens, the copy ends here.)
        os._exit(code)


def _blank(document: ParsedDocument) -> ParsedDocument:
    return ParsedDocument(path=document.path, title=document.title, sha256=document.sha256, content="")


def _answer(child: tuple[int, int], timeout: float):
    """What the copy sent, or None if it failed or took longer than `timeout` seconds from now."""
    pid, fd = child
    deadline = time.monotonic() + timeout
    chunks, complete = [], False
    selector = selectors.DefaultSelector()  # not select(): a server's descriptors may pass 1024
    try:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not selector.select(left):
                break
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                complete = True
                break
            chunks.append(chunk)
    finally:
        selector.close()
        os.close(fd)
        if not complete:
            os.kill(pid, signal.SIGKILL)
        status = os.waitpid(pid, 0)[1]
    if not complete or os.waitstatus_to_exitcode(status) != 0:
        return None
    return pickle.loads(b"".join(chunks))
