"""kb triage vs `grep -F -f` on the same generated file, same run, warm page cache.

    python -m tests.bench.bench_triage [--lines 1000000] [--log FILE] [--runs 3]

Reports both wall-clock times (best of N; kb as a whole process, start-up and
knowledge load included, like grep's), their ratio (target kb <= 1.0x grep),
lines per second, kb's peak RSS (target <= 300 MB, from getrusage in the
subprocess), and checks that kb found every known line, in particular every
known line grep found.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kb.matching import Engine
from tests.bench.gen_log import generate
from tests.bench.kb_source import dump_specs
from tests.bench.kb_source import shipped_issue_specs as load_issue_specs

ROOT = Path(__file__).resolve().parents[2]
_GREP_ENV = {"LC_ALL": "C", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}


def _warm(path: Path):
    with open(path, "rb") as stream:
        while stream.read(1 << 24):
            pass


def time_grep(literals: Path, log: Path, runs: int) -> tuple[float, set[int]]:
    best, found = float("inf"), set()
    for _ in range(runs):
        with tempfile.TemporaryFile() as out:
            start = time.perf_counter()
            subprocess.run(
                ["grep", "-n", "-F", "-f", str(literals), str(log)],
                stdout=out,
                env=_GREP_ENV,
                check=False,
            )
            best = min(best, time.perf_counter() - start)
            out.seek(0)
            found = {int(line.split(b":", 1)[0]) for line in out}
    return best, found


def time_kb(log: Path, knowledge: Path, runs: int) -> tuple[float, dict]:
    best, result = float("inf"), {}
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "tests.bench.run_triage", str(log), str(knowledge)],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        elapsed = time.perf_counter() - start
        if elapsed < best:
            best, result = elapsed, json.loads(done.stdout)
    return best, result


def run(lines: int = 1_000_000, log: Path | None = None, runs: int = 3) -> dict:
    specs = load_issue_specs()
    engine = Engine.build(specs)
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        if log is None:
            log = Path(tmp) / "mixed.log"
            generate(log, engine, specs, lines)
        truth = {
            int(k): v for k, v in json.loads(Path(str(log) + ".truth.json").read_text()).items()
        }
        literals = Path(tmp) / "literals.txt"
        literals.write_text("\n".join(engine.literals()) + "\n")
        _warm(log)
        _warm(log)
        grep_s, grep_lines = time_grep(literals, log, runs)
        knowledge = Path(tmp) / "kb.json"
        dump_specs(specs, knowledge)
        kb_s, kb = time_kb(log, knowledge, runs)
    kb_lines = set(kb["hit_lines"])
    known_by_grep = {head for head, (_slug, line) in truth.items() if line in grep_lines}
    return {
        "log_bytes": kb["bytes"],
        "lines_total": kb["lines_total"],
        "literals": len(engine.literals()),
        "grep_s": grep_s,
        "kb_s": kb_s,
        "kb_triage_s": kb["triage_s"],
        "kb_setup_s": kb["setup_s"],
        "ratio": kb_s / grep_s,
        "prefilter": kb["prefilter"],
        "peak_rss_mb": kb["peak_rss_kb"] / 1024,
        "known": len(truth),
        "grep_lines": len(grep_lines),
        "grep_known": len(known_by_grep),
        "kb_lines": len(kb_lines),
        "missed_known": sorted(set(truth) - kb_lines)[:20],
        "missed_grep_known": sorted(known_by_grep - kb_lines)[:20],
        "unexpected": sorted(kb_lines - set(truth))[:20],
    }


def report(r: dict) -> list[str]:
    return [
        f"triage of {r['lines_total']:,} lines ({r['log_bytes'] / 1e6:.0f} MB), {r['literals']} "
        "literals, "
        f"prefilter {r['prefilter']}:",
        f"  grep -F -f      {r['grep_s']:.3f} s  ({r['lines_total'] / r['grep_s'] / 1e6:.2f} M "
        "lines/s)",
        f"  kb (process)    {r['kb_s']:.3f} s  ({r['lines_total'] / r['kb_s'] / 1e6:.2f} M "
        "lines/s); "
        f"in-process triage {r['kb_triage_s']:.3f} s "
        f"({r['lines_total'] / r['kb_triage_s'] / 1e6:.2f} "
        f"M lines/s), setup {r['kb_setup_s']:.3f} s",
        f"  ratio kb/grep   {r['ratio']:.2f}x (target <= 1.0x): "
        f"{'PASS' if r['ratio'] <= 1.0 else 'FAIL'}",
        f"  peak RSS        {r['peak_rss_mb']:.0f} MB (target <= 300 MB): "
        f"{'PASS' if r['peak_rss_mb'] <= 300 else 'FAIL'}",
        f"  known lines {r['known']}, found by kb {r['kb_lines']}, grep matched {r['grep_lines']} "
        "lines "
        f"holding {r['grep_known']} known; missed by kb: {len(r['missed_grep_known'])} of grep's, "
        f"{len(r['missed_known'])} in all; unexpected kb hits {len(r['unexpected'])}: "
        f"{'PASS' if not r['missed_known'] and not r['unexpected'] else 'FAIL'}",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument(
        "--log", type=Path, help="an existing log made by gen_log (with its .truth.json)"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print("\n".join(report(run(args.lines, args.log, args.runs))))


if __name__ == "__main__":
    main()
