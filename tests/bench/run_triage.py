"""Triage one file in a fresh process and print JSON (time, lines, peak RSS, hit lines).

    python -m tests.bench.run_triage LOG_FILE KB_JSON

The benchmark runs this as a subprocess so the peak RSS it reports
(resource.getrusage) is kb's own, not the benchmark's.
"""

import json
import resource
import sys
import time


def main():
    started = time.perf_counter()
    from kb.matching import Engine
    from kb.matching.parallel import triage_file
    from tests.bench.kb_source import load_specs

    engine = Engine.build(load_specs(sys.argv[2]))
    engine.prefilter()
    ready = time.perf_counter()
    hits: list[int] = []
    summary = triage_file(engine, sys.argv[1], on_hit=lambda number, _slug, _sig: hits.append(number))
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "setup_s": ready - started,
                "triage_s": done - ready,
                "lines_total": summary.lines_total,
                "bytes": summary.bytes,
                "candidates": summary.candidate_lines,
                "prefilter": summary.prefilter,
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "hit_lines": sorted(set(hits)),
                "issues": {t.slug: t.count for t in summary.issues},
            }
        )
    )


if __name__ == "__main__":
    main()
