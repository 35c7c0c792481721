"""Regexes compiled when first used, for those a process may never use.

`manage.py match` compiles at start-up, before it forks its triage workers, every regex its
modules compile at import (about 190, 50 ms of its ~0.13 s, 2026-12-07): one no run of it uses
costs every run. A regex a run does use costs the same compiled here, once per process.
"""

import re


class Lazy:
    """`re.compile(*args)` when first searched (`sub`, `search`, `match`, `fullmatch`)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, *args):
        self._args, self._compiled = args, None

    def regex(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(*self._args)
        return self._compiled

    def sub(self, *args):
        return self.regex().sub(*args)

    def search(self, *args):
        return self.regex().search(*args)

    def match(self, *args):
        return self.regex().match(*args)

    def fullmatch(self, *args):
        return self.regex().fullmatch(*args)
