"""A full-mode paste of 5 MB (the paste limit) of the benchmark log: seconds to the answer.

    python -m tests.bench.bench_paste [--bytes 5242880]

Target: under 2 s (issue 11). Timed in-process on `Engine.match_text`, the
work the paste view and /api/match do (recording and rendering excluded).
"""

import argparse
import tempfile
import time
from pathlib import Path

from kb.matching import Engine
from tests.bench.gen_log import generate
from tests.bench.kb_source import shipped_issue_specs


def run(size: int = 5 << 20) -> dict:
    specs = shipped_issue_specs()
    engine = Engine.build(specs)
    with tempfile.TemporaryDirectory(prefix="kb-paste-") as tmp:
        log = Path(tmp) / "paste.log"
        generate(log, engine, specs, lines=size // 100)
        text = log.read_bytes()[:size].decode("utf-8", "replace")
    text = text[: text.rfind("\n") + 1]
    start = time.perf_counter()
    report = engine.match_text(text)
    seconds = time.perf_counter() - start
    return {"bytes": len(text.encode()), "lines": report.lines_total, "seconds": seconds,
            "confident": sum(m.confident for m in report.matches)}


def report(r: dict) -> list[str]:
    verdict = "PASS" if r["seconds"] < 2.0 else "FAIL"
    return [f"full-mode paste of {r['bytes'] / 1048576:.1f} MB ({r['lines']:,} lines): {r['seconds']:.2f} s "
            f"(target < 2 s): {verdict}; {r['confident']} confident issues"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=5 << 20)
    print("\n".join(report(run(parser.parse_args().bytes))))


if __name__ == "__main__":
    main()
