"""Writes an answer causes, gathered in the process and made together within KB_RECORD_FLUSH_SECONDS.

Answering must not wait for its side writes: recording one match's statistics
cost 85 % of a one-line POST /api/match, and once they were gathered, storing
its permalink cost about half of what was left (issue 12's profiles). So the
hit recorder (kb/learning/recording.py) and the permalinks of API answers
(kb/jobs/results.py) keep their rows in memory, register a writer here, and
all of them are written together:

- by the request that finds the oldest waiting row older than the bound;
- by a timer thread, when no request comes before the bound;
- at an orderly exit of the process.

A process killed with SIGKILL loses at most that many seconds of them.
"""

import atexit
import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

# The suite turns the timer off (tests/conftest.py): a thread writing through its own connection
# would write outside the test's transaction, into the tests that follow.
TIMER = True

_writers: list[Callable[[], None]] = []
_lock = threading.Lock()
_state: dict = {"since": None, "timer": None}


def writer(function: Callable[[], None]) -> Callable[[], None]:
    """Register a function that writes what its buffer holds (a decorator)."""
    _writers.append(function)
    return function


def waiting() -> None:
    """Say that a buffer holds rows: they are written within KB_RECORD_FLUSH_SECONDS."""
    with _lock:
        if _state["since"] is None:
            _state["since"] = time.monotonic()
        timer = _state["timer"]
        if TIMER and (timer is None or not timer.is_alive()):  # a forked worker has no thread
            timer = threading.Timer(settings.KB_RECORD_FLUSH_SECONDS, _from_timer)
            timer.daemon = True
            _state["timer"] = timer
            timer.start()


def added() -> None:
    """Say that an answer added rows to a buffer: written now if the oldest waiting rows have
    waited KB_RECORD_FLUSH_SECONDS, else later (by another answer or the timer)."""
    waiting()
    if _due():
        flush()


def _due() -> bool:
    since = _state["since"]
    return since is not None and time.monotonic() - since >= settings.KB_RECORD_FLUSH_SECONDS


def flush() -> None:
    """Write every buffer now (each writer keeps what it could not write, to try again)."""
    with _lock:
        _state["since"] = None
    for write in _writers:
        write()


def _from_timer() -> None:
    with _lock:
        _state["timer"] = None
    try:
        flush()
    except Exception:  # a thread's exception would only reach stderr
        logger.exception("writing the buffered rows failed")
    finally:
        connections.close_all()  # this thread's connections: the next timer is a new thread


atexit.register(flush)
