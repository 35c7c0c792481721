"""`make calibrate`: derive where word evidence becomes confident, from data.

Word evidence (no signature hit) for an issue is confident when it is
*eligible* (the line reports a failure, its program is not foreign to the
issue, it does not contradict the issue's signature), has SUPPORT_NEEDED
pieces of support (distinctive words, plus one when the line comes from or
names one of the issue's components) and its raw score reaches
WORD_THRESHOLD (scoring.py). The two numbers are derived here:

* positives: the **dev half** of tests/eval/lines.jsonl (even positions);
  the rule should make the expected issue confident;
* negatives: the dev half of tests/eval/noise.jsonl, every wrong issue on a
  dev line, and every line of the background corpus (tests/data/background:
  ordinary logs of 21 other systems, where every confident answer is false).

For each SUPPORT_NEEDED in (2, 3) and each threshold on a 0.01 grid, count
the dev lines answered confidently and rightly, and the negatives answered
confidently. The rule kept is the one with no confident negative that
answers the most dev lines confidently; among equals, the least demanding
(lowest support, then lowest threshold): the boundary just above the
strongest negative. The held-out half, the fresh set
(tests/eval/fresh), ../shared/reallogs and tests/data/healthy are never
read here: they are what `make eval` and tests/test_false_alarms.py measure.
"""

import sys

from kb.matching import scoring
from kb.matching.grouping import group_lines
from tests.eval.run_eval import HERE, ROOT, _knowledge, halves, load

BACKGROUND = ROOT / "tests" / "data" / "background"
GRID = [round(0.25 + 0.01 * i, 2) for i in range(56)]  # 0.25 .. 0.80
SUPPORTS = (2, 3)


def _candidates(kb, text: str):
    """(issue, raw, support, eligible) of the word evidence of every logical line."""
    out = []
    for group in group_lines(text.split("\n")):
        view = scoring.view_of(group.text, group.gist)
        for e in scoring.line_evidence(kb, view):
            if e.template is None:
                out.append((e.issue, e.raw, e.support, e.eligible))
    return out


def _confident(candidates, support: int, threshold: float) -> set[int]:
    return {i for i, raw, s, ok in candidates if ok and s >= support and raw >= threshold}


def collect():
    engine, _known = _knowledge(tuple(sorted((ROOT / "fixtures").glob("*.rst"))), ("symptom", "curated"))
    kb = engine._kb
    slug = {i: r.spec.slug for i, r in enumerate(kb.issues)}
    positives, negatives = [], []
    for case in halves(load("lines.jsonl", HERE), "dev"):
        accepted = {case["expect"], *case.get("also", [])}
        found = _candidates(kb, case["text"])
        positives.append([c for c in found if slug[c[0]] in accepted])
        negatives.append([c for c in found if slug[c[0]] not in accepted])
    for case in halves(load("noise.jsonl", HERE), "dev"):
        negatives.append(_candidates(kb, case["text"]))
    for path in sorted(BACKGROUND.iterdir()):
        if path.suffix == ".md" or "LICENSE" in path.name:
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found = _candidates(kb, line)
            if found:
                negatives.append(found)
    return positives, negatives


def derive(positives, negatives):
    """(support, threshold, dev lines right) of the rule kept, and every rule's counts."""
    rows = []
    for support in SUPPORTS:
        for threshold in GRID:
            right = sum(bool(_confident(c, support, threshold)) for c in positives)
            wrong = sum(bool(_confident(c, support, threshold)) for c in negatives)
            rows.append((support, threshold, right, wrong))
    # most dev lines right; among equals the least demanding rule, i.e. the boundary just
    # above the strongest negative (the lowest support, then the lowest threshold)
    right, support, threshold = min((-r, s, t) for s, t, r, w in rows if w == 0)
    return (support, threshold, -right), rows


def main(argv: list[str]) -> int:
    positives, negatives = collect()
    best, rows = derive(positives, negatives)
    print(f"dev lines: {len(positives)}; negatives (dev noise, wrong issues, background): {len(negatives)}")
    for support, threshold, right, wrong in rows:
        if "-v" in argv or (support, threshold) == best[:2]:
            print(f"support>={support} raw>={threshold:.2f}: {right} dev lines confident and right, "
                  f"{wrong} negatives confident")
    print(f"derived: SUPPORT_NEEDED = {best[0]}, WORD_THRESHOLD = {best[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
