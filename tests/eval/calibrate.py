"""`make calibrate`: derive where word evidence becomes confident, from data.

Word evidence (no signature hit) for an issue is confident when it is
*eligible* (the line reports a failure, its program is not foreign to the
issue, it does not contradict the issue's signature), has SUPPORT_NEEDED
pieces of support (distinctive words, plus one when the line comes from or
names one of the issue's components) and its raw score reaches
WORD_THRESHOLD (scoring.py). The two numbers are derived here:

* positives: the **dev half** of tests/eval/lines.jsonl (even positions) and
  the development set tests/eval/dev2 (2026-12-06, written blind to kb; its
  README says curators may study it),
  each read by the knowledge *without the expected issue's signatures that
  match it* (leave-signature-out); the rule should make the expected issue
  confident. Word evidence only decides lines no signature quotes: held-out,
  fresh and real lines a curator never saw. Read with every signature, a dev
  line a signature matches has no word evidence at all, so until 2026-12-06
  only the 5 or so dev lines no signature matched were positives, too few
  to place a boundary (the rule kept flipped between (2, 0.72) and
  (3, 0.44) as signatures were added);
* negatives: the dev half of tests/eval/noise.jsonl and dev2's noise lines,
  every wrong issue on a dev or dev2 line, every issue but the expected ones
  on the lines of the dev half of
  tests/eval/pastes.jsonl (real logs of kb's own systems around a failure),
  and every line of the background corpus (tests/data/background: ordinary
  logs of 21 other systems) and of tests/data/calibration (ordinary logs of
  OpenStack services and Kubernetes add-ons, since 2026-12-06: without them no
  negative was a line of kb's own systems), where every confident answer is
  false. Those files are read line by line, as a pasted fragment is (the
  false-alarm suite reads every 5-line window too): a traceback's line cut
  from its frame is a negative.

For each SUPPORT_NEEDED in SUPPORTS, the boundary is placed where the raw
scores of the negatives are estimated to end (`endpoint`: Robson and
Whitlock's estimate from the two strongest samples, not just above the
strongest one seen, which about half of the next samples cross: on
2026-12-06 the rule (3, 0.44) placed so let one held-out noise line and a
real nova-compute line be confident); the threshold is the first on a 0.01
grid above it; at a support with fewer than two negatives, the end estimated
at the support below holds. Of these rules, the one answering the most dev
lines confidently is kept (among equals, the lowest support). The held-out half,
the blind sets (tests/eval/fresh, fresh2, fresh3), ../shared/reallogs and tests/data/healthy
are never read here: they are what `make eval` and tests/test_false_alarms.py measure.
"""

import sys
from dataclasses import replace

from kb.matching import Engine, scoring
from kb.matching.grouping import group_lines
from kb.matching.signatures import compile_signature
from tests.eval.run_eval import HERE, ROOT, _knowledge, halves, load
from tests.rst_specs import specs_from_files

BACKGROUND = ROOT / "tests" / "data" / "background"
CALIBRATION = ROOT / "tests" / "data" / "calibration"
DEV2 = HERE / "dev2"  # a second development set, open to curators like the dev half
GRID = [round(0.25 + 0.01 * i, 2) for i in range(56)]  # 0.25 .. 0.80
SUPPORTS = (2, 3, 4, 5)


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


def _quotes(signature, text: str) -> bool:
    """The signature matches one of the logical lines of the text."""
    views = [scoring.view_of(g.text, g.gist, with_words=False) for g in group_lines(text.split("\n"))]
    return any(
        t.segments_in(v.normalized) and t.levels_in(v.cased) and t.numbers <= v.numbers
        for t in compile_signature(0, signature.text, signature.source)
        for v in views
    )


def _unquoted(specs, accepted: set[str], text: str):
    """The knowledge without the accepted issues' signatures that match the text."""
    def unquoted(spec):
        return replace(spec, signatures=tuple(g for g in spec.signatures if not _quotes(g, text)))

    return Engine.build([unquoted(s) if s.slug in accepted else s for s in specs])._kb


def collect():
    paths = tuple(sorted((ROOT / "fixtures").glob("*.rst")))
    engine, _known = _knowledge(paths, ("symptom", "curated"))
    specs = specs_from_files(paths, sources=("symptom", "curated"))
    kb = engine._kb
    slug = {i: r.spec.slug for i, r in enumerate(kb.issues)}
    positives, negatives = [], []
    for case in [*halves(load("lines.jsonl", HERE), "dev"), *load("lines.jsonl", DEV2)]:
        accepted = {case["expect"], *case.get("also", [])}
        unquoted = _unquoted(specs, accepted, case["text"])
        positives.append([c for c in _candidates(unquoted, case["text"]) if slug[c[0]] in accepted])
        wrong = [c for c in _candidates(kb, case["text"]) if slug[c[0]] not in accepted]
        negatives.append((case["text"], wrong))
    for case in [*halves(load("noise.jsonl", HERE), "dev"), *load("noise.jsonl", DEV2)]:
        negatives.append((case["text"], _candidates(kb, case["text"])))
    for case in halves(load("pastes.jsonl", HERE), "dev"):
        # the lines around a failure in a real log of kb's own systems: any confident
        # answer but the expected issues is wrong (positives: the labelled lines above)
        expected = set(case["expect"])
        found = [c for c in _candidates(kb, case["text"]) if slug[c[0]] not in expected]
        negatives.append((case["text"], found))
    for path in sorted([*BACKGROUND.iterdir(), *CALIBRATION.iterdir()]):
        if path.suffix == ".md" or "LICENSE" in path.name:
            continue
        # line by line, as a pasted fragment is read (tests/test_false_alarms.py reads every
        # 5-line window too): a traceback's code line cut from its frame is a negative
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            found = _candidates(kb, line)
            if found:
                negatives.append((path.name, found))
    return positives, negatives


def endpoint(negatives, support: int) -> float:
    """Where the raw scores of negatives end, estimated beyond the strongest one seen.

    An observation is the strongest eligible raw score at this support in one sample
    of negatives: a background file (one system's log, whose statements repeat with
    other values: one kubelet statement about 4 containers is not 4 samples), a dev
    noise line, a dev line's wrong issues. The estimate is Robson and Whitlock's (1964) for the upper end of a
    distribution, from its two largest observations: 2 x X(n) - X(n-1). A boundary
    just above the strongest negative seen is crossed by about half of the next
    samples of negatives (the held-out noise, a real log); the gap between the two
    strongest says how far the next one may reach. With fewer than two observations
    there is no estimate (None): with none, the rule would place the boundary at 0 and
    call any word evidence with that much support confident, on no evidence at all.
    """
    best: dict[str, float] = {}
    for key, candidates in negatives:
        raws = [raw for _i, raw, s, ok in candidates if ok and s >= support]
        if raws:
            best[key] = max(best.get(key, 0.0), *raws)
    top = sorted(best.values(), reverse=True)[:2]
    return 2 * top[0] - top[1] if len(top) == 2 else None


def derive(positives, negatives):
    """(support, threshold, dev lines right) of the rule kept, and every rule's counts."""
    rows = []
    for support in SUPPORTS:
        for threshold in GRID:
            right = sum(bool(_confident(c, support, threshold)) for c in positives)
            wrong = sum(bool(_confident(c, support, threshold)) for _key, c in negatives)
            rows.append((support, threshold, right, wrong))
    # at each support, the lowest threshold on the grid above where negatives end; of
    # those rules, the one answering the most dev lines (among equals the lowest support)
    kept = []
    end = None
    for support in SUPPORTS:
        # too few negatives at this support to estimate their end: the end estimated at a
        # lower support holds (negatives with more support are among those with less)
        end = endpoint(negatives, support) or end
        if end is None:
            continue
        threshold = next((t for t in GRID if t > end), None)
        if threshold is not None:
            right = next(r for s, t, r, _w in rows if s == support and t == threshold)
            kept.append((-right, support, threshold))
    if not kept:  # the negatives are estimated to reach past the grid at every support
        return None, rows
    right, support, threshold = min(kept)
    return (support, threshold, -right), rows


def main(argv: list[str]) -> int:
    positives, negatives = collect()
    best, rows = derive(positives, negatives)
    if best is None:
        ends = ", ".join(f"support {s}: {endpoint(negatives, s) or 0:.3f}" for s in SUPPORTS)
        print(f"no rule derived: the negatives are estimated to end above {GRID[-1]} ({ends})")
        return 1
    print(f"dev lines: {len(positives)}; negatives (dev noise, wrong issues, background, calibration logs): "
          f"{len(negatives)}")
    for support, threshold, right, wrong in rows:
        if "-v" in argv or (support, threshold) == best[:2]:
            print(f"support>={support} raw>={threshold:.2f}: {right} dev lines confident and right, "
                  f"{wrong} negatives confident")
    print(f"derived: SUPPORT_NEEDED = {best[0]}, WORD_THRESHOLD = {best[1]:.2f}")
    shipped = (scoring.SUPPORT_NEEDED, scoring.WORD_THRESHOLD)
    if shipped != best[:2]:
        right = sum(bool(_confident(c, *shipped)) for c in positives)
        wrong = sum(bool(_confident(c, *shipped)) for _key, c in negatives)
        print(f"shipped (scoring.py): SUPPORT_NEEDED = {shipped[0]}, WORD_THRESHOLD = {shipped[1]:.2f}: "
              f"{right} dev lines confident and right, {wrong} negatives confident (see scoring.py's doc)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
