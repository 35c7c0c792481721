"""Why the importer passes over the issues a person counted: one table over many documents.

`python -m tests.eval.drop_reasons [expected.json ...]` (default: every studied folder,
tests/data/gathered*/expected.json, and ../shared/corpus/real/expected.json) scores each
document as tests/eval/corpus_score does, then, for each counted issue the importer missed,
finds the section of the document it is told in (the section whose title shares the most
content words with the counted title, corpus_score.words; Dice 0.5 or more) and the reason the
importer gave that section (the dry run's per-section verdict, ParsedDocument.sections). It
prints how many misses fall under each reason, and under "told inside another section" those
whose title is no section's (a bullet, a paragraph, a row): the classes a next rule would have to
cover, counted over many documents rather than read off one folder (issue 10's next step).
`-v` lists each miss under its reason.
"""

import sys
from collections import defaultdict
from pathlib import Path

from tests.eval.corpus_score import score_corpus, studied_expected, words

INSIDE = "told inside another section (its title is no section's)"
RECOGNISED = "its section became an issue under another title"


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def section_of(title: str, sections: list[dict]) -> dict | None:
    """The section a counted issue is told in: the best title match, if close enough."""
    counted = words(title)
    best = max(sections, key=lambda s: _dice(counted, words(s["title"])), default=None)
    return best if best is not None and _dice(counted, words(best["title"])) >= 0.5 else None


def reasons(paths: list[Path]) -> dict[str, list[str]]:
    """reason -> ["document: counted title", ...] of every missed counted issue."""
    from kb.rst import parse_file

    parsed: dict[Path, object] = {}

    def parse(path):
        parsed[path] = parse_file(str(path))
        return parsed[path]

    out: dict[str, list[str]] = defaultdict(list)
    for expected in paths:
        for score in score_corpus(expected, parse):
            document = next((d for p, d in parsed.items() if p.name == Path(score.name).name), None)
            sections = getattr(document, "sections", []) if document is not None else []
            for missed in score.missed:
                section = section_of(missed["title"], sections)
                why = (INSIDE if section is None
                       else RECOGNISED if section.get("issue") else section.get("reason") or "(none given)")
                out[why].append(f"{expected.parent.name}/{score.name}: {missed['title']}")
    return out


def main(argv: list[str]) -> int:
    paths = studied_expected(argv)
    found = reasons(paths)
    total = sum(map(len, found.values()))
    print(f"{total} counted issues missed in {len(paths)} folders\n")
    print("| reason the importer gave the section | missed |")
    print("|---|---:|")
    for why, missed in sorted(found.items(), key=lambda item: -len(item[1])):
        print(f"| {why} | {len(missed)} |")
    if "-v" in argv:
        for why, missed in sorted(found.items(), key=lambda item: -len(item[1])):
            print(f"\n{why}:")
            for line in missed:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
