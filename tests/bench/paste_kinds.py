"""Full-mode pastes of 5 MB of four kinds, and the CPU seconds matching takes on each.

    python -m tests.bench.paste_kinds [--bytes 5242880] [--kinds bench,real,errors,words]
                                     [--save DIR | --compare DIR]

Issue 11 wants a full-mode paste of 5 MB answered in under 2 s; bench_paste measures one
generated paste. An operator paged sends real logs, often their errors only, and a new user
once sent a paste of ERROR lines made of kb's own words (93 s). Each kind is built here,
deterministically (seeded), from files in the repository:

* bench: tests/bench/bench_paste's generated log;
* real: ../shared/reallogs/*.log, tests/data/healthy*/ and tests/data/calibration/, an equal
  share of each file's lines, concatenated;
* errors: the logical lines (a traceback is one) of those files at WARNING level or above, or
  tracebacks, repeated with their digits and hex ids varied;
* words: ERROR lines behind usual prefixes, of random words of the fixtures' prose.

Timed on `Engine.match_text`, the work /api/match and the paste page do (recording and
rendering excluded), in CPU seconds of this process. `--save DIR` writes each report's
`as_dict` there; `--compare DIR` checks the reports equal to those saved (by other code: the
equality of results before and after a change to the matcher).
"""

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from kb.matching import Engine
from kb.matching.grouping import group_lines, physical_lines
from kb.matching.prefix import parse
from tests.bench.gen_log import generate
from tests.bench.kb_source import FIXTURES, shipped_issue_specs

ROOT = FIXTURES.parent
KINDS = ("bench", "real", "errors", "words")
_FAILING = ("error", "critical", "warning")


def real_files() -> list[Path]:
    """The real logs the kinds `real` and `errors` are made of, in a fixed order."""
    files = sorted((ROOT.parent / "shared" / "reallogs").glob("*.log"))
    for folder in sorted(ROOT.glob("tests/data/healthy*")) + [ROOT / "tests/data/calibration"]:
        files += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix != ".md")
    return files


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8", "replace").splitlines()


def _fill(blocks: list[str], size: int) -> str:
    """Blocks (each one or more whole lines) repeated in order until `size` bytes, cut at a line end."""
    out, total = [], 0
    while total < size and blocks:
        for block in blocks:
            out.append(block)
            total += len(block.encode()) + 1
            if total >= size:
                break
    text = "\n".join(out).encode()[:size].decode("utf-8", "ignore")
    return text[: text.rfind("\n") + 1]


def real_text(size: int) -> str:
    files = real_files()
    share = size // len(files)
    blocks = []
    for path in files:
        taken, used = [], 0
        for line in _lines(path):
            if used + len(line) + 1 > share:
                break
            taken.append(line)
            used += len(line.encode()) + 1
        if taken:
            blocks.append("\n".join(taken))
    return _fill(blocks, size)


_HEX_ID = re.compile(r"\b[0-9a-f]{8,}(?:-[0-9a-f]{4,})*\b")
_DIGITS = re.compile(r"\d+")


def _varied(text: str, rng: random.Random) -> str:
    """The same statement with other values: hex ids and runs of digits redrawn, same lengths."""
    text = _HEX_ID.sub(lambda m: "".join(c if c == "-" else rng.choice("0123456789abcdef")
                                         for c in m.group()), text)
    return _DIGITS.sub(lambda m: "".join(rng.choice("0123456789") for _ in m.group()), text)


def error_records(files: list[Path]) -> list[str]:
    """Each file's logical lines at WARNING level or above, or tracebacks, as physical lines."""
    records = []
    for path in files:
        lines = _lines(path)
        for group in group_lines(lines):
            head = lines[group.first]
            traceback = group.gist_line >= 0 and group.gist_line != group.first
            if traceback or parse(head).level in _FAILING:
                records.append("\n".join(lines[group.first : group.last + 1]))
    return records


def errors_text(size: int, seed: int = 11) -> str:
    rng = random.Random(seed)
    records = error_records(real_files())
    out, total = [], 0
    while total < size:
        record = _varied(rng.choice(records), rng)
        out.append(record)
        total += len(record.encode()) + 1
    return _fill(["\n".join(out)], size)


def prose_words() -> list[str]:
    """Words of the fixtures' prose: text lines outside literal blocks and directives."""
    found = []
    for path in sorted(FIXTURES.glob("*.rst")):
        for line in path.read_text().splitlines():
            if not line.strip() or line[:1] in " \t" or line.startswith(".."):
                continue
            found += re.findall(r"[A-Za-z][A-Za-z_-]{2,}", line)
    return found


_PREFIXES = (
    "2026-12-06 12:{m:02d}:{s:02d}.{ms:03d} {pid} ERROR nova.compute.manager [req-{uuid}] ",
    "Dec  6 12:{m:02d}:{s:02d} node{pid} neutron-server[{pid}]: ERROR ",
    "E1206 12:{m:02d}:{s:02d}.{ms:03d}0   {pid} kubelet.go:{s}] ",
    "2026-12-06T12:{m:02d}:{s:02d}Z ERROR ",
)


def words_text(size: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    vocabulary = prose_words()
    out, total = [], 0
    while total < size:
        prefix = rng.choice(_PREFIXES).format(
            m=rng.randrange(60), s=rng.randrange(60), ms=rng.randrange(1000), pid=rng.randrange(100, 99999),
            uuid=f"{rng.getrandbits(32):08x}-{rng.getrandbits(16):04x}")
        line = prefix + " ".join(rng.choice(vocabulary) for _ in range(rng.randint(4, 18)))
        out.append(line)
        total += len(line.encode()) + 1
    return _fill(["\n".join(out)], size)


def bench_text(engine: Engine, specs, size: int) -> str:
    with tempfile.TemporaryDirectory(prefix="kb-paste-") as tmp:
        log = Path(tmp) / "paste.log"
        generate(log, engine, specs, lines=size // 100)
        text = log.read_bytes()[:size].decode("utf-8", "replace")
    return text[: text.rfind("\n") + 1]


def texts(engine: Engine, specs, size: int, kinds=KINDS) -> dict[str, str]:
    make = {"bench": lambda: bench_text(engine, specs, size), "real": lambda: real_text(size),
            "errors": lambda: errors_text(size), "words": lambda: words_text(size)}
    return {kind: make[kind]() for kind in kinds}


def measure(engine: Engine, text: str) -> tuple[float, dict]:
    start = time.process_time()
    report = engine.match_text(text)
    return time.process_time() - start, report.as_dict()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, default=5 << 20)
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    specs = shipped_issue_specs()
    engine = Engine.build(specs)
    differ = 0
    for kind, text in texts(engine, specs, args.bytes, args.kinds.split(",")).items():
        seconds, report = measure(engine, text)
        lines = len(physical_lines(text)) - 1
        confident = sum(m["confident"] for m in report["matches"])
        verdict = "PASS" if seconds < 2.0 else "FAIL"
        note = ""
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{kind}.json").write_text(json.dumps(report, sort_keys=True))
        if args.compare:
            same = json.loads((args.compare / f"{kind}.json").read_text()) == json.loads(json.dumps(report))
            differ += not same
            note = "; report identical" if same else "; REPORT DIFFERS"
        leads = len(report["matches"]) - confident
        print(f"{kind:7s} {len(text.encode()) / 1048576:.1f} MB, {lines:,} lines: {seconds:6.2f} s CPU "
              f"(target < 2 s: {verdict}); {confident} confident, {leads} leads, "
              f"{report['lines_matched']:,} records matched{note}", flush=True)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
