"""What is built once per engine and kept as long as that engine lives.

Compiled scanners (prefilter.py, wordscan.py), raw-byte checks (rawcheck.py) and
bounds (bounds.py) are derived from an engine's knowledge alone and cost seconds to
build, so each is built on first use and kept beside the engine. Keyed weakly: an engine
rebuilt after an edit drops what was built for the one it replaces. The lock makes two
threads asking at once build it once.
"""

import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerEngine(Generic[T]):
    """`kept(engine)`: `build(engine)` on first use, then the same object for that engine."""

    def __init__(self, build: Callable[[object], T]):
        self._build = build
        self._kept: weakref.WeakKeyDictionary[object, T] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, engine) -> T:
        with self._lock:
            found = self._kept.get(engine)
            if found is None:
                found = self._kept[engine] = self._build(engine)
            return found

    def adopt(self, engine, value: T) -> None:
        """Use `value`, already built (one loaded from a snapshot), for this engine."""
        with self._lock:
            self._kept[engine] = value

    def __contains__(self, engine) -> bool:
        return engine in self._kept
