"""Triage of a regular file on several cores: forked workers share its byte ranges.

The file is cut at safe heads (lines that start a logical line whatever
precedes them), so every traceback or wrapped line falls whole into one
range; each range is triaged exactly as `triage_stream` would, and the
results are merged with line numbers shifted by the lines of the ranges
before. Workers are forked, so they share the built engine and its compiled
prefilter without pickling it. Fork only from a single-threaded process (a
command or a benchmark, never a threaded app server).

The ranges are more than the workers, and each worker, the forking process among them,
takes the next one left until none is (`_take`): with one range each, the process that
also writes the report, or a worker that shares its core with other work, finished last
while the others waited. Each range is a share of what is left (`_cuts`): large ones
first, few in all (each costs a little), then ones of RANGE_BYTES, so that the workers
finish within about one of those of each other.
"""

import os
import pickle
from dataclasses import replace

from .bounds import bounds_of
from .failscan import failure_scanner
from .regionscan import region_scanner
from .triage import _LONE_CR, MAX_SAMPLES, IssueTally, TriageSummary, _hard_cut, _safe_head, triage_stream
from .wordscan import word_scanner

# Below this a file is triaged in-process: forking costs more than it saves.
MIN_BYTES_PER_WORKER = 16 << 20
# The size of the last ranges workers take (a worker is done about one such range after the
# others), and how many ranges a file is cut into at most (one byte each in `_take`'s queue,
# written at once: less than a pipe's atomic write).
RANGE_BYTES = 2 << 20
_MAX_RANGES = 255
_PROBE = 1 << 16


class _Range:
    """A byte range of a file as a readable binary stream."""

    def __init__(self, handle, start: int, end: int):
        self.handle, self.left = handle, end - start
        handle.seek(start)

    def readinto(self, buffer) -> int:
        if self.left <= 0:
            return 0
        view = memoryview(buffer)[: self.left]
        count = self.handle.readinto(view) or 0
        self.left -= count
        return count


def triage_file(
    engine, path: str, workers: int | None = None, on_hit=None, *, min_bytes=MIN_BYTES_PER_WORKER,
    words: bool = True, range_bytes: int = RANGE_BYTES,
) -> TriageSummary:
    """`words`: as triage_stream's; `range_bytes`: the size of the ranges the workers share."""
    size = os.path.getsize(path)
    workers = max(1, min(workers or _usable_cores(), size // max(1, min_bytes)))
    if workers > 1 and _lone_returns(path):
        workers = 1  # the ranges are cut at \n; one stream reads a lone \r as a line end
    if workers == 1:
        with open(path, "rb") as stream:
            return triage_stream(engine, stream, on_hit=on_hit, words=words)
    if words:
        word_scanner(engine)
        bounds_of(engine)
        failure_scanner()
        region_scanner(engine)
    cuts = _cuts(path, size, workers, range_bytes)
    ranges = list(zip(cuts, cuts[1:], strict=False))
    # the queue: each range's number, one byte each, all written before any worker reads
    queue, feed = os.pipe()
    os.write(feed, bytes(range(len(ranges))))
    os.close(feed)
    children = [_fork(engine, path, ranges, queue, words) for _ in range(workers - 1)]
    try:
        done = _take(engine, path, ranges, queue, words)
    finally:
        os.close(queue)
    for pid, fd in children:
        done += _collect(pid, fd)
    done.sort(key=lambda taken: taken[0])
    return _merge([(summary, hits) for _number, summary, hits in done], on_hit)


def _lone_returns(path: str) -> bool:
    """Whether the file's head ends lines with a lone \r (an old Mac file, a terminal capture);
    \r\r\n is no lone \r but one line end (triage.lone_returns), a \r ending the head undecided."""
    with open(path, "rb") as handle:
        head = handle.read(_PROBE)
    return _LONE_CR.search(head.rstrip(b"\r")) is not None


def _usable_cores() -> int:
    """The cores this process may run on (`taskset`, a container's cpuset), not the machine's:
    more workers than cores only add forks and cuts."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _cuts(path: str, size: int, workers: int, range_bytes: int = RANGE_BYTES) -> list[int]:
    """Where the ranges start, and the file's end: each range holds a share of what is left,
    1 / (2 x workers) of it, but never less than `range_bytes` (the last one may), nor do they
    number more than _MAX_RANGES; each starts at the first safe head after that much. A
    shared machine's cores run at different speeds: ranges taken as they come even that out
    (the bench log's 148 MB and 2 workers: 14 ranges, 37 MB first, 2 MB last)."""
    cuts = [0]
    with open(path, "rb") as handle:
        while len(cuts) < _MAX_RANGES:
            left = size - cuts[-1]
            step = max(left // (2 * workers), range_bytes, left // (_MAX_RANGES - len(cuts) + 1))
            if step >= left:
                break
            cut = _safe_head_after(handle, cuts[-1] + step)
            if not cuts[-1] < cut < size:
                break
            cuts.append(cut)
    return cuts + [size]


def _safe_head_after(handle, offset: int) -> int:
    """Offset of the first line at or after `offset` that starts a logical line, moved back
    out of a prefixed traceback it falls into (each of its lines is a safe head, yet its
    frames belong to its header: triage._hard_cut, as the single stream cuts its chunks)."""
    handle.seek(max(0, offset - _PROBE))
    window = handle.read(2 * _PROBE)
    base = max(0, offset - _PROBE)
    newline = window.find(b"\n", offset - base)
    while 0 <= newline < len(window) - 1:
        start = newline + 1
        previous = window.rfind(b"\n", 0, newline) + 1
        end = window.find(b"\n", start)
        line = window[start: end if end >= 0 else len(window)]
        if _safe_head(window[previous:newline], line):
            cut = _hard_cut(window, start, len(window))
            # back to the window's first byte: the header may be further back; keep the head found
            return base + (cut if cut > 0 or base == 0 else start)
        newline = end
    return offset if offset == 0 else base + len(window)


def _triage_range(engine, path: str, start: int, end: int, words: bool):
    hits: list[tuple[int, str, str]] = []
    with open(path, "rb") as handle:
        summary = triage_stream(engine, _Range(handle, start, end),
                                on_hit=lambda *hit: hits.append(hit), words=words)
    return summary, hits


def _take(engine, path: str, ranges: list[tuple[int, int]], queue: int, words: bool) -> list[tuple]:
    """(range number, summary, hits) of each range taken from the queue, one after another
    until it is empty (a pipe's read of one byte is atomic: each range is taken once)."""
    done = []
    while taken := os.read(queue, 1):
        done.append((taken[0], *_triage_range(engine, path, *ranges[taken[0]], words)))
    return done


def _fork(engine, path: str, ranges: list[tuple[int, int]], queue: int, words: bool) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: triage the ranges it takes, send the results, exit at once
        os.close(read_fd)
        try:
            payload = pickle.dumps(_take(engine, path, ranges, queue, words))
        except BaseException as exc:  # the parent re-raises it
            payload = pickle.dumps(exc)
        with os.fdopen(write_fd, "wb") as out:
            out.write(payload)
        os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def _collect(pid: int, read_fd: int):
    with os.fdopen(read_fd, "rb") as stream:
        result = pickle.loads(stream.read())
    os.waitpid(pid, 0)
    if isinstance(result, BaseException):
        raise result
    return result


def _merge(results, on_hit) -> TriageSummary:
    tallies: dict[str, IssueTally] = {}
    offset = total_bytes = candidates = records = 0
    for summary, hits in results:
        for tally in summary.issues:
            _add(tallies, tally, offset)
        if on_hit:
            for number, slug, signature in hits:
                on_hit(number + offset, slug, signature)
        offset += summary.lines_total
        total_bytes += summary.bytes
        candidates += summary.candidate_lines
        records += summary.records_matched
    issues = sorted(tallies.values(), key=lambda t: (-t.count, t.first_line))
    return TriageSummary(issues, offset, total_bytes, candidates, results[0][0].prefilter, records)


def _add(tallies: dict[str, IssueTally], tally: IssueTally, offset: int):
    shifted = replace(
        tally,
        first_line=tally.first_line + offset,
        last_line=tally.last_line + offset,
        samples=[(number + offset, text) for number, text in tally.samples],
        read=[(first + offset, lines) for first, lines in tally.read],
    )
    merged = tallies.get(tally.slug)
    if merged is None:
        tallies[tally.slug] = shifted
        return
    merged.count += shifted.count
    merged.last_line = shifted.last_line
    merged.signatures |= shifted.signatures
    merged.samples = (merged.samples + shifted.samples)[:MAX_SAMPLES]
    merged.read = (merged.read + shifted.read)[:MAX_SAMPLES]
