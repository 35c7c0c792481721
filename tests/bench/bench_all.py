"""`make bench`: kb vs grep vs ripgrep on a generated 1,000,000-line log, a 5 MB paste, latency.

    python -m tests.bench.bench_all [--lines N] [--issues N] [--runs N] [--strict]

Prints each figure with its target; --strict exits 1 when a target is missed
(off by default: shared CI machines make timings noisy).
"""

import argparse
import sys

from tests.bench import bench_latency, bench_paste, bench_triage


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--issues", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="rounds of kb, grep and rg (best reported)")
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()
    triage = bench_triage.run(args.lines, runs=args.runs)
    print("\n".join(bench_triage.report(triage)), flush=True)
    latency = bench_latency.run(args.issues)
    print("\n".join(bench_latency.report(latency)))
    paste = bench_paste.run()
    print("\n".join(bench_paste.report(paste)), flush=True)
    missed = (
        paste["seconds"] > 2.0
        or triage["ratio"] > 1.0
        or triage["peak_rss_mb"] > 300
        or triage["missed_known"]
        or triage["unexpected"]
        or latency["big_p50_ms"] > 1.0
        or latency["big_vs_small_p50"] > 2.0
    )
    if args.strict and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()
