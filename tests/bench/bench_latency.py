"""Single-line match latency, small knowledge base vs 10,000 issues.

    python -m tests.bench.bench_latency [--issues 10000] [--lines 2000]

The same lines (a fifth of them known signatures with fresh values, the rest
ordinary traffic and lines of the synthetic issues) are matched one call at a
time against the sample KB and against the sample KB plus N synthetic
issues. Targets: p50 <= 1 ms, and the big KB within 2x of the small one.
"""

import argparse
import gc
import random
import statistics
import time

from kb.matching import Engine
from tests.bench.gen_log import _fill, _known, _noise, _Values
from tests.bench.kb_source import shipped_issue_specs as load_issue_specs
from tests.bench.synthetic_kb import synthetic_issues


def latency_lines(small: Engine, specs, synthetic, count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    values = _Values(rng)
    makers = [m for w, m in _noise(values) for _ in range(w)]
    signatures = small.signatures()
    components = {s.slug: s.components for s in specs}
    lines = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.2:
            lines.append(_known(values, *rng.choice(signatures), components)[-1])
        elif roll < 0.3:
            issue = rng.choice(synthetic)
            lines.append(_fill(values, rng.choice(issue.signatures).text))
        else:
            lines.append(rng.choice(makers)())
    return lines


def percentiles(engine: Engine, lines: list[str]) -> tuple[float, float]:
    for line in lines[:200]:
        engine.match_lines([line])
    samples = []
    gc.disable()
    try:
        for line in lines:
            start = time.perf_counter_ns()
            engine.match_lines([line])
            samples.append((time.perf_counter_ns() - start) / 1e6)
    finally:
        gc.enable()
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def run(issues: int = 10_000, count: int = 2000) -> dict:
    specs = load_issue_specs()
    synthetic = synthetic_issues(issues)
    start = time.perf_counter()
    small = Engine.build(specs)
    small_build = time.perf_counter() - start
    start = time.perf_counter()
    big = Engine.build(specs + synthetic)
    big_build = time.perf_counter() - start
    lines = latency_lines(small, specs, synthetic, count)
    small_p50, small_p99 = percentiles(small, lines)
    big_p50, big_p99 = percentiles(big, lines)
    return {
        "small_issues": small.issue_count,
        "big_issues": big.issue_count,
        "lines": len(lines),
        "small_build_s": small_build,
        "big_build_s": big_build,
        "small_p50_ms": small_p50,
        "small_p99_ms": small_p99,
        "big_p50_ms": big_p50,
        "big_p99_ms": big_p99,
        "big_vs_small_p50": big_p50 / small_p50,
    }


def report(result: dict) -> list[str]:
    r = result
    ok_p50 = r["small_p50_ms"] <= 1.0 and r["big_p50_ms"] <= 1.0
    ok_ratio = r["big_vs_small_p50"] <= 2.0
    return [
        f"single-line latency over {r['lines']} lines (one match_lines call each):",
        f"  {r['small_issues']:>6} issues: p50 {r['small_p50_ms']:.3f} ms  p99 "
        f"{r['small_p99_ms']:.3f} ms"
        f"  (build {r['small_build_s']:.2f} s)",
        f"  {r['big_issues']:>6} issues: p50 {r['big_p50_ms']:.3f} ms  p99 {r['big_p99_ms']:.3f} ms"
        f"  (build {r['big_build_s']:.2f} s)",
        f"  p50 <= 1 ms: {'PASS' if ok_p50 else 'FAIL'};  big/small p50 "
        f"{r['big_vs_small_p50']:.2f}x "
        f"<= 2x: {'PASS' if ok_ratio else 'FAIL'}",
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=2000)
    args = parser.parse_args()
    print("\n".join(report(run(args.issues, args.lines))))


if __name__ == "__main__":
    main()
