"""A ceiling on the CPU time one match may take, for the surfaces that answer while a person waits.

A 5 MB paste of real logs is matched in about a second, but matching reads a line's words
whenever some issue may take them, and a paste can be made of nothing else: 5 MB of ERROR lines
of random words from kb's own prose took 30 s (2026-12-06, tests/bench/paste_kinds.py, kind
`words`; 12 s after the bounds of that day), past any web server's timeout. A web request
therefore matches under a budget (settings.KB_MATCH_CPU_SECONDS) and is refused with the limit
stated when it runs out; a job (kb.jobs) matches without one, in the background.
"""

import time

# Records matched between two looks at the clock: a look costs far less than a record.
CHECK_EVERY = 256


class MatchTooCostly(Exception):
    """Matching used up its CPU budget before the end of the text."""

    def __init__(self, limit: float, done: int, total: int):
        self.limit, self.done, self.total = limit, done, total
        super().__init__(
            f"Matching this text needs more than the {limit:g} s of CPU time a request may take "
            f"(KB_MATCH_CPU_SECONDS): {done:,} of its {total:,} log records were read when it ran out."
        )


class Budget:
    """CPU seconds of the calling thread (time.thread_time: what this request used, not the
    other threads of the process), checked every CHECK_EVERY records."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.start = time.thread_time()

    def check(self, done: int, total: int):
        if done % CHECK_EVERY == 0 and time.thread_time() - self.start > self.seconds:
            raise MatchTooCostly(self.seconds, done, total)
