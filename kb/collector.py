"""Python's cyclic garbage collector, paused while a document is read or written.

Reading a document builds a doctree of a few hundred thousand objects linked
both ways (parent and children); writing it builds thousands of model
instances. While they grow, every full collection walks all of them and the
whole loaded application again, and finds nothing: none of it is garbage
before the end. On a 5 MiB document that was a third of the parse's CPU time
and two thirds of the import's (tests/bench/bench_import.py). Reference
counting still frees what is dropped; what is cyclic waits for the next
collection after the pause.
"""

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
