"""What word evidence costs triage: CPU seconds of triage_stream with and without `words`.

    python -m tests.bench.bench_words [--lines 100000] [--log FILE]

Two inputs: the real logs at hand (tests/data/calibration, tests/data/healthy and
../shared/reallogs, concatenated) and the first --lines lines of the bench log
(tests/bench/gen_log.py, made for the run unless --log names one). The engine is
built and its scanners compiled before timing (`manage.py match` loads them from
its snapshot); CPU seconds of this process, which a shared machine distorts less
than wall time. Also printed: the lines triage read in Python (`candidates`) and
the confident lines found, which must be equal with and without timing noise.
"""

import argparse
import io
import tempfile
import time
from pathlib import Path

from kb.matching import Engine, triage_stream
from kb.matching.prefilter import template_scanner
from kb.matching.wordscan import word_scanner
from tests.bench.gen_log import generate
from tests.bench.kb_source import shipped_issue_specs

ROOT = Path(__file__).resolve().parents[2]
REAL = [ROOT / "tests" / "data" / "calibration", ROOT / "tests" / "data" / "healthy",
        ROOT.parent / "shared" / "reallogs"]


def _real_logs() -> bytes:
    files = sorted(p for folder in REAL if folder.is_dir() for p in folder.iterdir()
                   if p.name[0].islower() or p.suffix == ".log")
    return b"".join(p.read_bytes().rstrip(b"\n") + b"\n" for p in files)


def _timed(engine, data: bytes, words: bool) -> dict:
    hits: list[int] = []
    start = time.process_time()
    summary = triage_stream(engine, io.BytesIO(data), words=words, on_hit=lambda n, _s, _sig: hits.append(n))
    return {"cpu_s": time.process_time() - start, "candidates": summary.candidate_lines,
            "found": len(set(hits)), "lines": summary.lines_total}


def run(lines: int = 100_000, log: Path | None = None) -> dict:
    specs = shipped_issue_specs()
    engine = Engine.build(specs)
    start = time.process_time()
    word_scanner(engine)
    template_scanner(engine)
    compiled = time.process_time() - start
    with tempfile.TemporaryDirectory(prefix="kb-words-") as name:
        if log is None:
            log = Path(name) / "bench.log"
            generate(log, engine, specs, lines)
        with open(log, "rb") as handle:
            bench = b"".join(line for _, line in zip(range(lines), handle, strict=False))
    inputs = {"real logs": _real_logs(), f"bench log, {lines:,} lines": bench}
    return {"compile_cpu_s": compiled,
            "rows": [(label, len(data), words, _timed(engine, data, words))
                     for label, data in inputs.items() for words in (False, True)]}


def report(r: dict) -> list[str]:
    out = [f"scanners compiled in {r['compile_cpu_s']:.1f} CPU s (once per knowledge, not timed below)",
           f"  {'input':<28} {'MB':>6} {'words':>6} {'cpu s':>7} {'read in Python':>15} {'confident':>10}"]
    for label, size, words, t in r["rows"]:
        out.append(f"  {label:<28} {size / 1e6:>6.1f} {words!s:>6} {t['cpu_s']:>7.2f} "
                   f"{t['candidates']:>15,} {t['found']:>10,}")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--log", type=Path, help="a log made by gen_log (default: one made for the run)")
    args = parser.parse_args()
    print("\n".join(report(run(args.lines, args.log))))


if __name__ == "__main__":
    main()
