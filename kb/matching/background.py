"""How common a word is in ordinary logs: the background corpus kb ships as a table.

The knowledge base alone cannot tell a distinctive word from log chatter: a
word used by one issue only ("password", in the Heat domain issue) looks
rare to the index, yet half the logs in the world say it. So kb ships a small
table measured on ordinary, healthy logs of many systems (Android, Hadoop,
Spark, Windows, HPC, Kafka, Vault, Ceph, kube-scheduler..., and since
2026-12-07 the logs that say "password" for a living: an sshd auth.log, auditd,
PostgreSQL, PgBouncer, vsftpd, Postfix; until then "password" was in none of
the 21 sources and so counted as distinctive; the sources are listed in
tests/data/background/SOURCES.md): for each word or thesaurus
concept, in how many of the corpus's sources it occurs. A word found in
`COMMON_SOURCES` sources or more is ordinary: it may rank an answer, it never
makes one distinctive (scoring.py).

Each source counts once however often it repeats a word, so one chatty system
cannot make a word common; a word must be seen across systems.

Rebuild (the table is derived data, never edited by hand):

    make background    # python -m kb.matching.background kb/matching/background.json tests/data/background/*

The regression suite's logs (../shared/reallogs, tests/data/healthy) are kept
out of the corpus, so that suite still tests lines kb has never seen.
"""

import json
import sys
from collections import Counter
from functools import cache
from pathlib import Path

from .normalize import mask_values
from .prefix import parse
from .thesaurus import concepts
from .tokens import terms, words

TABLE = Path(__file__).with_name("background.json")
# A word seen in this many sources of the corpus is ordinary log language. Three
# of the corpus's 27 systems (21 when it was set): two could be a coincidence of related systems
# (two Hadoop-family logs), three is a habit of logs in general.
COMMON_SOURCES = 3


def line_terms(line: str) -> set[str]:
    """The evidence terms of a line's message, as scoring.py takes them."""
    tokens = words(mask_values(parse(line).message))
    return set(terms(tokens)) | concepts(tokens)


def build(paths: list[Path]) -> dict:
    """{"sources": n, "terms": {term: sources holding it}}, for terms in 2+ sources."""
    seen: Counter = Counter()
    sources = 0
    for path in sorted(paths):
        if path.suffix == ".md" or "LICENSE" in path.name:  # the corpus's papers, not logs
            continue
        found: set[str] = set()
        with open(path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                found |= line_terms(line)
        seen.update(found)
        sources += 1
    return {"sources": sources, "terms": {t: n for t, n in sorted(seen.items()) if n >= 2}}


class Background:
    """Source counts of the shipped table; unknown words were seen in fewer than two sources."""

    def __init__(self, table: dict):
        self.sources = table.get("sources", 0)
        self._terms = table.get("terms", {})

    def sources_with(self, term: str) -> int:
        return self._terms.get(term, 0)

    def is_common(self, term: str) -> bool:
        return self._terms.get(term, 0) >= COMMON_SOURCES


@cache
def shipped() -> Background:
    with open(TABLE, encoding="utf-8") as handle:
        return Background(json.load(handle))


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: python -m kb.matching.background OUT.json LOGFILE...", file=sys.stderr)
        return 2
    table = build([Path(p) for p in argv[1:]])
    with open(argv[0], "w", encoding="utf-8") as handle:
        json.dump(table, handle, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    print(f"{argv[0]}: {len(table['terms'])} terms from {table['sources']} sources")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
