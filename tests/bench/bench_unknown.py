"""How fast and how well kb clusters unknown lines: `python -m tests.bench.bench_unknown`.

    python -m tests.bench.bench_unknown [--lines 100000] [--seed 11] [--no-db]

1. Generates the mixed log of tests/bench/gen_unknown_log.py (deterministic).
2. Clusters every line in memory (kb.learning.clustering.cluster_lines, no
   limit): time, lines per second, clusters; and against the generator's
   truth, how many message shapes were split over several clusters or
   merged into one.
3. Unless --no-db: records the same lines as requests of KB_UNKNOWN_MAX_LINES
   lines (the production path, recording.record_unknown) into a throwaway
   test database (SQLite in memory, or DATABASE_URL's server): time per
   request and rows written.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path


def cluster_in_memory(lines: list[str], truth: list[int | None]) -> dict:
    from kb.learning.clustering import cluster_lines, template_of

    start = time.perf_counter()
    clusters = cluster_lines(lines)
    seconds = time.perf_counter() - start
    # Quality: which clusters each generator shape ended in (template_of again, outside the timing).
    by_shape: dict[int, set[str]] = defaultdict(set)
    by_cluster: dict[str, set[int]] = defaultdict(set)
    for line, shape in zip(lines, truth, strict=True):
        template = template_of(line)
        if template is not None and shape is not None:
            by_shape[shape].add(template.digest)
            by_cluster[template.digest].add(shape)
    return {
        "seconds": seconds,
        "clusters": len(clusters),
        "kept": sum(c.count for c in clusters),
        "shapes_total": len(set(s for s in truth if s is not None)),
        "shapes_kept": len(by_shape),
        "split": sorted(s for s, digests in by_shape.items() if len(digests) > 1),
        "merged": sum(len(shapes) > 1 for shapes in by_cluster.values()),
        "largest": max(clusters, key=lambda c: c.count),
    }


def record_through_the_database(lines: list[str]) -> dict:
    from django.conf import settings
    from django.db import connection

    from kb.learning.models import UnknownCluster
    from kb.learning.recording import record_unknown

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        size = settings.KB_UNKNOWN_MAX_LINES
        timings = []
        start = time.perf_counter()
        for offset in range(0, len(lines), size):
            began = time.perf_counter()
            record_unknown(lines[offset: offset + size], now=_now())
            timings.append(time.perf_counter() - began)
        total = time.perf_counter() - start
        return {
            "vendor": connection.vendor,
            "requests": len(timings),
            "per_request": size,
            "seconds": total,
            "median_ms": statistics.median(timings) * 1000,
            "p95_ms": sorted(timings)[int(len(timings) * 0.95)] * 1000,
            "rows": UnknownCluster.objects.count(),
            "counted": sum(UnknownCluster.objects.values_list("count", flat=True)),
        }
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


def _now():
    from django.utils import timezone

    return timezone.now()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000, help="Lines to generate (default 100000).")
    parser.add_argument("--seed", type=int, default=11, help="Generator seed (default 11).")
    parser.add_argument("--no-db", action="store_true", help="Skip the database part.")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    import django

    django.setup()
    import json

    from tests.bench.gen_unknown_log import generate

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "unknown.log"
        made = generate(path, args.lines, args.seed)
        lines = path.read_text(encoding="utf-8").splitlines()
        truth = json.loads(Path(f"{path}.truth.json").read_text())
    print(f"log: {made['lines']} lines, {made['bytes'] / 1e6:.1f} MB, {made['shapes']} message shapes "
          f"(seed {args.seed})")

    memory = cluster_in_memory(lines, truth)
    print(f"in memory: {memory['seconds']:.2f} s, {len(lines) / memory['seconds']:,.0f} lines/s, "
          f"{memory['seconds'] / len(lines) * 1e6:.1f} µs/line")
    print(f"  kept {memory['kept']} lines (skipped {len(lines) - memory['kept']}: info/debug, traceback "
          f"frames, fewer than 3 words) -> {memory['clusters']} clusters")
    print(f"  shapes: {memory['shapes_kept']} of {memory['shapes_total']} kept; split over >1 cluster: "
          f"{len(memory['split'])} {memory['split'] or ''}; clusters mixing shapes: {memory['merged']}")
    largest = memory["largest"]
    print(f"  largest cluster ({largest.count} lines): {largest.text[:100]}")

    if not args.no_db:
        db = record_through_the_database(lines)
        print(f"database ({db['vendor']}): {db['requests']} requests of {db['per_request']} lines in "
              f"{db['seconds']:.2f} s; per request median {db['median_ms']:.1f} ms, "
              f"p95 {db['p95_ms']:.1f} ms; {db['rows']} cluster rows, {db['counted']} lines counted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
