"""The issues the importer found that no person counted (corpus_score's "invented"), over many
documents: how each was read, and which are a counted issue under another title.

`python -m tests.eval.invented [expected.json ...]` (default: every studied folder,
tests/data/gathered*/expected.json, and ../shared/corpus/real/expected.json) scores each document
as tests/eval/corpus_score does and lists every invented issue with the folder, the structure
that read it and, when a counted issue of the same document was missed and its content words
are mostly in the invented issue's title and symptoms (NEAR_MISS of them), that counted title:
such an issue is the person's, titled by another sentence, no invention a rule of care should
drop (issue 10, 2026-12-07: five of the 31 invented issues were such). It ends on a count by
structure and by folder, so that a class can be told from one document's quirk.
"""

import sys
from collections import Counter
from pathlib import Path

from tests.eval.corpus_score import score_corpus, studied_expected, words

NEAR_MISS = 0.65


def near_miss(found, missed: list[dict]) -> str:
    """The counted title, missed in the same document, whose content words the found issue's
    title and symptoms hold for the most part; "" when none does."""
    said = words(f"{found.title} {found.symptoms}")
    best, share = "", 0.0
    for counted in missed:
        title = words(counted["title"])
        covered = len(title & said) / len(title) if title else 0.0
        if covered > share:
            best, share = counted["title"], covered
    return best if share >= NEAR_MISS else ""


def invented(paths: list[Path]) -> list[dict]:
    from kb.rst import parse_file

    rows = []
    for expected in paths:
        for score in score_corpus(expected, lambda p: parse_file(str(p))):
            for found in score.invented:
                rows.append({"folder": expected.parent.name, "document": score.name, "title": found.title,
                             "structure": found.structure, "counted_as": near_miss(found, score.missed)})
    return rows


def main(argv: list[str]) -> int:
    rows = invented(studied_expected(argv))
    for row in rows:
        near = f"  (counted as {row['counted_as'][:70]!r})" if row["counted_as"] else ""
        print(f"{row['folder']} | {row['structure']} | {row['document']}: {row['title'][:100]}{near}")
    near = sum(1 for r in rows if r["counted_as"])
    print(f"\n{len(rows)} invented in {len({r['folder'] for r in rows})} folders; {near} of them a counted "
          f"issue under another title")
    by_structure = Counter(r["structure"] for r in rows).most_common()
    print("by structure: " + ", ".join(f"{k} {v}" for k, v in by_structure))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
