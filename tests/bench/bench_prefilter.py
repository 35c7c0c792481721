"""Measure the candidate multi-literal scanners on the same file (how prefilter.py chose).

    python -m tests.bench.bench_prefilter LOG_FILE

Each backend scans the whole file (read once into memory, so the disk is out
of the picture) for every literal of the knowledge base and reports its time,
throughput and number of hits; GNU grep -F -f on the same literals is the
yardstick. Backends whose wheel is not installed are skipped.
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _hyperscan(literals, data):
    from kb.matching.prefilter import HyperscanPrefilter

    return len(HyperscanPrefilter(literals).positions(data))


def _pyahocorasick(literals, data):
    from kb.matching.prefilter import AhoCorasickPrefilter

    return len(AhoCorasickPrefilter(literals).positions(data))


def _re2(literals, data):
    import re2

    pattern = re2.compile(b"|".join(re2.escape(lit.encode()) for lit in literals))
    return sum(1 for _ in pattern.finditer(data))


def _find_loop(literals, data):
    hits = 0
    for literal in (lit.encode() for lit in literals):
        position = data.find(literal)
        while position >= 0:
            hits += 1
            position = data.find(literal, position + 1)
    return hits


BACKENDS = (
    ("hyperscan", _hyperscan),
    ("pyahocorasick", _pyahocorasick),
    ("google-re2", _re2),
    ("bytes.find loop", _find_loop),
)


def _best_of(runs, function):
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def grep_seconds(literals_file: Path, log: Path, runs: int = 3) -> float:
    def run():
        with tempfile.TemporaryFile() as out:
            subprocess.run(
                ["grep", "-n", "-F", "-f", str(literals_file), str(log)],
                stdout=out,
                env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
                check=False,
            )

    return _best_of(runs, run)[0]


def measure(literals: list[str], log: Path) -> list[tuple[str, float | None, int | None]]:
    data = log.read_bytes()
    rows = []
    for name, backend in BACKENDS:
        try:
            seconds, hits = _best_of(3, lambda b=backend: b(literals, data))
        except ImportError:
            seconds = hits = None
        rows.append((name, seconds, hits))
    return rows


def main():
    from kb.matching import Engine
    from tests.bench.kb_source import shipped_issue_specs as load_issue_specs

    log = Path(sys.argv[1])
    literals = Engine.build(load_issue_specs()).literals()
    with tempfile.NamedTemporaryFile("w", suffix=".literals") as handle:
        handle.write("\n".join(literals) + "\n")
        handle.flush()
        grep = grep_seconds(Path(handle.name), log)
    size = log.stat().st_size
    print(f"{log} ({size / 1e6:.0f} MB), {len(literals)} literals; grep -F -f: {grep:.3f} s")
    for name, seconds, hits in measure(literals, log):
        if seconds is None:
            print(f"  {name:16s} not installed")
        else:
            print(
                f"  {name:16s} {seconds:7.3f} s  {size / seconds / 1e9:5.2f} GB/s  "
                f"{seconds / grep:5.2f}x grep  {hits} hits"
            )


if __name__ == "__main__":
    main()
