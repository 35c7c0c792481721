"""How many of the issues a person counted in real documents the importer finds.

`python -m tests.eval.corpus_score [expected.json ...]` prints, per document,
counted / found / matched / invented and the share of stated fields filled.

The matching rule was written before any result was looked at, and is not
tuned to them:

- A title is normalised: RST/Markdown markup (backticks, asterisks, quotes)
  and punctuation become spaces, everything is lower-cased, and its content
  words are the tokens of two or more characters that are not in STOPWORDS.
- A found issue F and a counted issue E are similar by the larger of
  (a) the Dice coefficient of their content words (2|A∩B| / (|A|+|B|)), and
  (b) 0.9 when E quotes an error and that error, whitespace collapsed and
      lower-cased, occurs in F's title, symptoms or signatures.
- Pairs with similarity >= MATCH_THRESHOLD (0.5) are assigned one-to-one,
  most similar first. A counted issue left over is missed; a found issue left
  over is invented (the person did not count it).
- A stated field is filled when the matched issue has it: symptom ->
  symptoms or title, cause -> root_cause, fix -> solution or workaround.
"""

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
DATA = ROOT / "tests" / "data"
MATCH_THRESHOLD = 0.5
STOPWORDS = frozenset(
    "the a an of in on to is are was be and or for with my i i'm im it its this that at by from as "
    "what why how do does did can can't cant not no when while after but".split()
)


def words(text: str) -> set[str]:
    text = re.sub(r"[`*\"'“”‘’]", " ", text.lower())
    return {w for w in re.findall(r"[a-z0-9]+", text) if len(w) >= 2 and w not in STOPWORDS}


def _squash(text: str) -> str:
    return " ".join(text.lower().split())


def similarity(expected: dict, found) -> float:
    a, b = words(expected["title"]), words(found.title)
    dice = 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0
    error = expected.get("error")
    if error:
        haystack = _squash(" ".join([found.title, found.symptoms, *(s.text for s in found.signatures)]))
        if _squash(error) in haystack:
            return max(dice, 0.9)
    return dice


@dataclass
class DocumentScore:
    name: str
    counted: int
    found: int
    matched: list[tuple[dict, object]] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)
    invented: list[object] = field(default_factory=list)
    fields_stated: int = 0
    fields_filled: int = 0
    unfilled: list[str] = field(default_factory=list)


def score_document(name: str, expected_issues: list[dict], found_issues: list) -> DocumentScore:
    pairs = sorted(
        ((similarity(e, f), i, j) for i, e in enumerate(expected_issues) for j, f in enumerate(found_issues)),
        reverse=True,
    )
    used_e, used_f = set(), set()
    result = DocumentScore(name=name, counted=len(expected_issues), found=len(found_issues))
    for value, i, j in pairs:
        if value < MATCH_THRESHOLD or i in used_e or j in used_f:
            continue
        used_e.add(i)
        used_f.add(j)
        result.matched.append((expected_issues[i], found_issues[j]))
    result.missed = [e for i, e in enumerate(expected_issues) if i not in used_e]
    result.invented = [f for j, f in enumerate(found_issues) if j not in used_f]
    for expected, found in result.matched:
        filled = {
            "symptom": bool(found.symptoms.strip() or found.title.strip()),
            "cause": bool(found.root_cause.strip()),
            "fix": bool(found.solution.strip() or found.workaround.strip()),
        }
        for name_, stated in expected["fields"].items():
            if stated:
                result.fields_stated += 1
                result.fields_filled += filled[name_]
                if not filled[name_]:
                    result.unfilled.append(f"{expected['title']}: {name_}")
    return result


def score_corpus(expected_path: Path, parse) -> list[DocumentScore]:
    """`parse(path) -> object with .issues`; documents it refuses count as found nothing."""
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    scores = []
    for name, entry in expected.items():
        path = (expected_path.parent / entry["path"]).resolve()
        try:
            issues = parse(path).issues
        except Exception as exc:  # a refused document finds nothing; say why
            print(f"{name}: refused: {exc}", file=sys.stderr)
            issues = []
        scores.append(score_document(name, entry["issues"], issues))
    return scores


def table(scores: list[DocumentScore]) -> str:
    rows = ["| document | counted | found | matched | invented | fields filled |",
            "|---|---:|---:|---:|---:|---:|"]
    for s in scores:
        rows.append(f"| {s.name} | {s.counted} | {s.found} | {len(s.matched)} | {len(s.invented)} | "
                    f"{s.fields_filled}/{s.fields_stated} |")
    counted = sum(s.counted for s in scores)
    matched = sum(len(s.matched) for s in scores)
    invented = sum(len(s.invented) for s in scores)
    found = sum(s.found for s in scores)
    filled, stated = sum(s.fields_filled for s in scores), sum(s.fields_stated for s in scores)
    rows.append(f"| **all** | {counted} | {found} | {matched} ({matched / max(counted, 1):.0%}) | "
                f"{invented} | {filled}/{stated} |")
    return "\n".join(rows)


def studied_expected(argv: list[str]) -> list[Path]:
    """Django set up, the expected.json files named in argv, or else those of every studied folder
    (tests/data/gathered*, ../shared/corpus/real) that exist: what the whole-corpus studies read."""
    import os

    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    django.setup()

    given = [Path(a) for a in argv if not a.startswith("-")]
    paths = given or [*sorted(DATA.glob("gathered*/expected.json")), REAL / "expected.json"]
    return [p for p in paths if p.exists()]


def main(argv: list[str]) -> int:
    import os

    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")
    django.setup()
    from kb.rst import parse_file

    verbose = "-v" in argv
    paths = [Path(a) for a in argv if not a.startswith("-")] or [REAL / "expected.json"]
    for path in paths:
        scores = score_corpus(path, lambda p: parse_file(str(p)))
        print(f"## {path}\n")
        print(table(scores))
        if verbose:
            for s in scores:
                for e in s.missed:
                    print(f"  MISSED {s.name}: {e['title']}")
                for f in s.invented:
                    print(f"  INVENTED {s.name}: {f.title}")
                for u in s.unfilled:
                    print(f"  UNFILLED {s.name}: {u}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
