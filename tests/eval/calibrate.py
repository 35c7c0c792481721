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
  negative was a line of kb's own systems; and healthy command outputs of those
  systems, each one paste: agent lists, ping replies, ceph and OVS status), where every confident answer is
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
the blind sets (tests/eval/fresh, fresh2, fresh3, fresh4), ../shared/reallogs and tests/data/healthy
are never read here: they are what `make eval` and tests/test_false_alarms.py measure.

A sample of negatives is one file or one negative line; samples whose strongest line
is the same statement (masked message: the same `calicoctl node status` row in two
pastes) count once, as repeats within one file always did.

Studied, not shipped (2026-12-06; scoring.py's doc gives the figures): what else the
engine knows of a line, each split off with the same estimate of where its negatives
end, a split estimated from its own negatives only with MIN_SAMPLES samples or more:

* the kind of line (`kind_of`: failing, no level, informational);
* the margin over the runner-up issue (raw minus the best other issue's raw), the
  line's component agreeing with the issue's, signature words against prose;
* and, printed last, why each right answer of the dev half and dev2 (read with every
  signature, as `make eval` reads it) stays unconfident (`unconfident_reasons`).

`make calibrate` prints the derived rule, the shipped one, both studies and the reasons;
`-v` every rule's counts and the lines under each reason.
"""

import sys
from dataclasses import replace
from typing import NamedTuple

from kb.matching import Engine, scoring
from kb.matching.grouping import group_lines
from kb.matching.signatures import compile_signature
from tests.eval.run_eval import DEV_SETS, HERE, ROOT, _knowledge, halves, load, shipped
from tests.rst_specs import specs_from_files

BACKGROUND = ROOT / "tests" / "data" / "background"
CALIBRATION = ROOT / "tests" / "data" / "calibration"
DEV2 = HERE / "dev2"  # a second development set, open to curators like the dev half
GRID = [round(0.25 + 0.01 * i, 2) for i in range(56)]  # 0.25 .. 0.80
SUPPORTS = (2, 3, 4, 5)
# A kind of line gets a rule of its own only when its own negatives are at least this many
# samples: the chance that the next sample of that kind tops all of them is then 1 in 21 at
# most. With fewer, the end estimated over all negatives holds (module doc).
MIN_SAMPLES = 20
# Margins over the runner-up issue studied (`study_splits`): not part of the rule.
MARGINS = (0.1, 0.2, 0.3, 0.4)


# Kinds of line studied (`kind_of`), by the level the prefix gives: a service reporting a
# failure (ERROR, WARNING, CRITICAL), a line with no level (a program's syslog line, CLI output,
# an exception's last line, a table row a person pasted), an INFO/DEBUG line that holds a
# failure word (one without is routine: never confident).
KINDS = ("failing", "unlevelled", "informational")


def kind_of(view) -> str:
    if view.level in ("error", "warning"):
        return "failing"
    return "informational" if view.level in ("info", "debug") else "unlevelled"


class Candidate(NamedTuple):
    """What the decision may read of one line's word evidence for one issue."""

    issue: int
    raw: float
    support: int
    eligible: bool
    kind: str = "unlevelled"  # kind_of the line
    margin: float = 1.0  # raw minus the raw of the runner-up issue on the same line
    statement: str | None = None  # the line's masked message: one statement is one sample
    own: bool = False  # the line comes from or names one of the issue's components
    signature_words: bool = False  # the words are a signature's (not the issue's prose)


def _candidate(c) -> Candidate:
    """A Candidate from a tuple of its fields (the first four at least)."""
    return c if isinstance(c, Candidate) else Candidate(*c)


def _candidates(kb, text: str) -> list[Candidate]:
    """The word evidence of every logical line of the text, as Candidates."""
    out = []
    for group in group_lines(text.split("\n")):
        view = scoring.view_of(group.text, group.gist)
        words = [e for e in scoring.line_evidence(kb, view) if e.template is None]
        if not words:
            continue
        against = scoring.contradicted_issues(kb, view)
        rivals = {e.issue: e.raw for e in scoring.word_evidence(kb, view, against)}
        statement, kind = scoring.read_line(group.text)[1], kind_of(view)
        for e in words:
            runner_up = max((raw for issue, raw in rivals.items() if issue != e.issue), default=0.0)
            out.append(Candidate(e.issue, e.raw, e.support, e.eligible, kind, e.raw - runner_up, statement,
                                 e.support > e.distinct, "with signature “" in e.why.split(";")[0]))
    return out


def _confident(candidates, support: int, threshold: float, cell=None) -> set[int]:
    return {c.issue for c in map(_candidate, candidates)
            if c.eligible and c.support >= support and c.raw >= threshold and (cell is None or cell(c))}


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


def _observations(negatives, support: int, cell=None) -> list[float]:
    """The strongest eligible raw score at this support in each sample of negatives.

    A sample is a background file (one system's log, whose statements repeat with other
    values: one kubelet statement about 4 containers is not 4 samples), a dev noise line,
    a dev line's wrong issues; samples whose strongest line is the same statement (the
    same `calicoctl node status` row in two pastes) are one. `cell`: only the candidates
    it accepts (a kind of line, a margin).
    """
    best: dict[str, tuple[float, str | None]] = {}
    for key, candidates in negatives:
        for c in map(_candidate, candidates):
            if c.eligible and c.support >= support and (cell is None or cell(c)):
                if c.raw > best.get(key, (0.0, None))[0]:
                    best[key] = (c.raw, c.statement)
    by_statement: dict[str, float] = {}
    for key, (raw, statement) in best.items():
        sample = key if statement is None else statement
        by_statement[sample] = max(by_statement.get(sample, 0.0), raw)
    return sorted(by_statement.values(), reverse=True)


def endpoint(negatives, support: int, cell=None) -> float | None:
    """Where the raw scores of negatives end, estimated beyond the strongest one seen.

    The estimate is Robson and Whitlock's (1964) for the upper end of a distribution,
    from its two largest observations (`_observations`): 2 x X(n) - X(n-1). A boundary
    just above the strongest negative seen is crossed by about half of the next
    samples of negatives (the held-out noise, a real log); the gap between the two
    strongest says how far the next one may reach. With fewer than two observations
    there is no estimate (None): with none, the rule would place the boundary at 0 and
    call any word evidence with that much support confident, on no evidence at all.
    """
    top = _observations(negatives, support, cell)[:2]
    return 2 * top[0] - top[1] if len(top) == 2 else None


def _pooled_ends(negatives) -> dict[int, float | None]:
    """The end over all negatives at each support; where fewer than two negatives have that
    much support, the end at the support below holds (negatives with more support are among
    those with less)."""
    ends, end = {}, None
    for support in SUPPORTS:
        end = endpoint(negatives, support) or end
        ends[support] = end
    return ends


def _best_rule(positives, ends: dict, cell=None):
    """(dev lines right, support, threshold) of the rule answering the most dev lines with
    each support's threshold on the grid above its end (among equals the lowest support)."""
    kept = []
    for support in SUPPORTS:
        threshold = next((t for t in GRID if ends[support] is not None and t > ends[support]), None)
        if threshold is not None:
            right = sum(bool(_confident(c, support, threshold, cell)) for c in positives)
            kept.append((-right, support, threshold))
    if not kept:
        return None
    right, support, threshold = min(kept)
    return -right, support, threshold


def derive(positives, negatives):
    """(support, threshold, dev lines right) of the rule over all kinds of line, and every
    rule's counts (None when the negatives are estimated to reach past the grid)."""
    rows = []
    for support in SUPPORTS:
        for threshold in GRID:
            right = sum(bool(_confident(c, support, threshold)) for c in positives)
            wrong = sum(bool(_confident(c, support, threshold)) for _key, c in negatives)
            rows.append((support, threshold, right, wrong))
    best = _best_rule(positives, _pooled_ends(negatives))
    if best is None:
        return None, rows
    right, support, threshold = best
    return (support, threshold, right), rows


def _of_kind(kind: str):
    return lambda c: c.kind == kind


def study_kinds(positives, negatives) -> tuple[dict, list]:
    """The rule per kind of line the negatives would allow, and per kind what they say.

    A kind with at least MIN_SAMPLES samples of its own negatives at a support has its
    end estimated from them; otherwise the end over all negatives holds there. Per kind,
    the rule answering the most dev lines of that kind is kept. Studied, not shipped
    (scoring.py's doc says why).
    """
    pooled = _pooled_ends(negatives)
    rules, report = {}, []
    for kind in KINDS:
        cell = _of_kind(kind)
        ends = {}
        for support in SUPPORTS:
            seen = _observations(negatives, support, cell)
            own = len(seen) >= MIN_SAMPLES
            ends[support] = endpoint(negatives, support, cell) if own else pooled[support]
            report.append((kind, support, len(seen), seen[:2], ends[support], own))
        best = _best_rule(positives, ends, cell)
        rules[kind] = best[1:] if best else None  # None: its negatives reach past the grid
    return rules, report


def right_under(positives, rules: dict) -> int:
    """Dev lines one of whose candidates the rules (kind -> (support, threshold)) make confident."""
    def confident(c: Candidate) -> bool:
        rule = rules[c.kind]
        return rule is not None and c.eligible and c.support >= rule[0] and c.raw >= rule[1]

    return sum(any(confident(c) for c in map(_candidate, p)) for p in positives)


# What else the engine knows of a line's word evidence, studied as splits (`study_splits`).
SPLITS = (
    *((f"margin over the runner-up issue >= {m:.1f}", lambda c, m=m: c.margin >= m) for m in MARGINS),
    ("from or naming one of the issue's components", lambda c: c.own),
    ("neither from nor naming one of them", lambda c: not c.own),
    ("a signature's words", lambda c: c.signature_words),
    ("the issue's prose", lambda c: not c.signature_words),
)


def study_splits(positives, negatives):
    """Per split (SPLITS): how many samples of negatives it keeps, the two strongest, and
    the best rule their end allows (the end over all where too few), for the split's lines."""
    pooled = _pooled_ends(negatives)
    rows = []
    for name, cell in SPLITS:
        seen = _observations(negatives, SUPPORTS[0], cell)
        own = len(seen) >= MIN_SAMPLES
        ends = {s: endpoint(negatives, s, cell) if own else pooled[s] for s in SUPPORTS}
        rows.append((name, len(seen), seen[:2], own, _best_rule(positives, ends, cell)))
    return rows


def unconfident_reasons():
    """Why the right answers on the dev half and the development sets stay unconfident, read
    with the shipped knowledge (every signature): {reason: [(expected, text)]}."""
    engine, _known = _knowledge(tuple(sorted((ROOT / "fixtures").glob("*.rst"))), ("symptom", "curated"))
    kb = engine._kb
    slug = {r.spec.slug: i for i, r in enumerate(kb.issues)}
    reasons: dict[str, list] = {}
    for scores in [shipped("dev"), *(shipped(folder=folder) for folder in DEV_SETS.values())]:
        for expect, _why, text in scores.unconfident:
            evidence = [e for g in group_lines(text.split("\n"))
                        for e in scoring.line_evidence(kb, scoring.view_of(g.text, g.gist))
                        if e.issue == slug[expect]]
            reasons.setdefault(_reason(max(evidence, key=lambda e: e.score, default=None)), []).append(
                (expect, text))
    return reasons


def _reason(e) -> str:
    if e is None:
        return "no evidence for it on its own line (counted through another)"
    if e.template is not None:
        return "a signature hit on a line of normal operation (weak)"
    support, threshold = scoring.SUPPORT_NEEDED, scoring.WORD_THRESHOLD
    if e.raw < scoring.CANDIDATE + 0.05:
        return "resemblance only: word evidence below 0.3"
    if not e.eligible:
        return "blocked: routine line, foreign program or contradicted signature"
    if e.support < support:
        return "too few distinctive words (support below the rule's)"
    if e.raw < threshold:
        return "word evidence between 0.3 and the threshold"
    return "confident here, outranked elsewhere"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    positives, negatives = collect()
    best, rows = derive(positives, negatives)
    print(f"dev lines: {len(positives)}; negatives (dev noise, wrong issues, background, calibration logs): "
          f"{len(negatives)}")
    if best is None:
        ends = ", ".join(f"support {s}: {endpoint(negatives, s) or 0:.3f}" for s in SUPPORTS)
        print(f"no rule derived: the negatives are estimated to end above {GRID[-1]} ({ends})")
        return 1
    for support, threshold, right, wrong in rows:
        if verbose or (support, threshold) == best[:2]:
            print(f"support>={support} raw>={threshold:.2f}: {right} dev lines confident and right, "
                  f"{wrong} negatives confident")
    top = ", ".join(f"{raw:.3f}" for raw in _observations(negatives, best[0])[:2])
    print(f"derived: SUPPORT_NEEDED = {best[0]}, WORD_THRESHOLD = {best[1]:.2f} (strongest negatives {top})")
    shipped_rule = (scoring.SUPPORT_NEEDED, scoring.WORD_THRESHOLD)
    if shipped_rule != best[:2]:
        right = sum(bool(_confident(c, *shipped_rule)) for c in positives)
        wrong = sum(bool(_confident(c, *shipped_rule)) for _key, c in negatives)
        print(f"shipped (scoring.py): SUPPORT_NEEDED = {shipped_rule[0]}, "
              f"WORD_THRESHOLD = {shipped_rule[1]:.2f}: {right} dev lines confident and right, "
              f"{wrong} negatives confident (see scoring.py's doc)")
    print("studied, not shipped: a rule per kind of line (scoring.py's doc says why)")
    rules, report = study_kinds(positives, negatives)
    for kind, support, samples, strongest, end, own in report:
        if verbose or support == SUPPORTS[0]:
            print(f"  {kind}, support>={support}: {samples} samples of negatives (strongest "
                  f"{', '.join(f'{raw:.3f}' for raw in strongest)}); end {end or 0:.3f} "
                  f"({'its own' if own else 'over all kinds: too few samples'})")
    print(f"  rules {rules}: {right_under(positives, rules)} dev lines confident and right")
    print("studied, not shipped: other splits of the lines (at support 2; each rule for its own lines)")
    for name, samples, strongest, own, rule in study_splits(positives, negatives):
        found = f"support>={rule[1]} raw>={rule[2]:.2f}: {rule[0]} dev lines" if rule else "no rule"
        print(f"  {name}: {samples} samples of negatives (strongest "
              f"{', '.join(f'{raw:.3f}' for raw in strongest)}), "
              f"{'its own end' if own else 'the end over all'}: {found}")
    print("right answers left unconfident on the dev half and dev2 (every signature), by reason:")
    for reason, cases in sorted(unconfident_reasons().items(), key=lambda kv: -len(kv[1])):
        print(f"  {len(cases):3d}  {reason}")
        for expect, text in cases if verbose else ():
            print(f"         {expect}: {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
