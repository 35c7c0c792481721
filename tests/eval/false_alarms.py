"""`python -m tests.eval.false_alarms`: per file of the false-alarm suite, what kb says.

The files are those of tests/test_false_alarms.py (../shared/reallogs and
tests/data/healthy to healthy10); for each, the confident matches and the
weak leads of a whole-file report, and the confident matches of its 5-line windows. The test
asserts 0 / at most 1 / 0; this prints the figures behind it.
"""

import sys

from tests.eval.run_eval import ROOT, _knowledge
from tests.test_false_alarms import LOGS


def main(argv: list[str]) -> int:
    engine, _known = _knowledge(tuple(sorted((ROOT / "fixtures").glob("*.rst"))), ("symptom", "curated"))
    print("| file | lines | confident | weak leads | confident 5-line windows |")
    print("|---|---:|---:|---:|---:|")
    for path in LOGS:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        report = engine.match_lines(lines)
        windows = sum(bool(engine.match_lines(lines[s : s + 5]).known) for s in range(0, len(lines), 5))
        leads = ", ".join(m.issue.spec.slug for m in report.leads)
        print(f"| {path.name} | {len(lines)} | {len(report.known)} | {len(report.leads)}"
              f"{' (' + leads + ')' if leads else ''} | {windows} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
