"""`python -m tests.eval.imported_false_alarms`: what teams' own documents make kb say of healthy logs.

The false-alarm suite (tests/test_false_alarms.py) runs kb's own knowledge (fixtures/*.rst)
over healthy logs. A team imports its own runbooks, though, and the signatures kb derives from
them are confident evidence too. This builds one engine from the real documents people wrote
(../shared/corpus/real/*.rst and every document of tests/data/gathered*/) and runs it over every
healthy log kb has (the suite's ../shared/reallogs, tests/data/healthy, healthy2 to healthy6,
and tests/data/calibration and tests/data/background), whole file by whole file.

It prints, per folder, the files and their confident matches (and how many weak leads the folder
gets, which the suite bounds at one per file for kb's own knowledge), then each confident line: the
file, line number, the issue, the signature that fired (or "words") and the line. `--lines`
prints only the latter; `--folder NAME` keeps one folder.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

from kb.matching import Engine
from tests.rst_specs import specs_from_files

ROOT = Path(__file__).resolve().parent.parent.parent
REAL = ROOT.parent / "shared" / "corpus" / "real"
DATA = ROOT / "tests" / "data"
REALLOGS = ROOT.parent / "shared" / "reallogs"
HEALTHY_FOLDERS = (REALLOGS, DATA / "healthy", DATA / "healthy2", DATA / "healthy3",
                   DATA / "healthy4", DATA / "healthy5", DATA / "healthy6", DATA / "healthy7",
                   DATA / "healthy8", DATA / "healthy9", DATA / "healthy10", DATA / "healthy11",
                   DATA / "healthy12", DATA / "healthy13", DATA / "healthy14",
                   DATA / "calibration",
                   DATA / "background")
# what a folder says about itself, not a log
_NOT_LOGS = ("SOURCES.md", "README.md", "LOGHUB_LICENSE.txt")


def documents() -> list[Path]:
    """The real documents: the corpus's RST files and every gathered RST or Markdown document."""
    found = sorted(REAL.glob("*.rst"))
    for folder in sorted(DATA.glob("gathered*")):
        found += sorted(p for p in folder.iterdir()
                        if p.suffix in (".rst", ".md") and p.name not in ("SOURCES.md",))
    return found


def healthy_logs(folders=HEALTHY_FOLDERS) -> list[Path]:
    return [p for folder in folders for p in sorted(folder.iterdir())
            if p.is_file() and p.name not in _NOT_LOGS]


def build_engine(paths=None) -> Engine:
    return Engine.build(specs_from_files(paths or documents(), sources=("symptom", "curated")))


@dataclass(frozen=True)
class Alarm:
    log: Path
    number: int
    slug: str
    signature: str | None  # None: the line was confident on its words
    text: str


def examine(engine: Engine, log: Path) -> tuple[list[Alarm], list[str]]:
    """Every confident line of the whole file, with the issue and the signature behind it, and
    the issues of its weak leads."""
    report = engine.match_text(log.read_text(encoding="utf-8", errors="replace"))
    return ([Alarm(log, hit.number, match.issue.spec.slug, hit.signature, hit.text)
             for match in report.known for hit in match.lines], [m.issue.spec.slug for m in report.leads])


def alarms(engine: Engine, log: Path) -> list[Alarm]:
    return examine(engine, log)[0]


def main(argv: list[str]) -> int:
    folders = HEALTHY_FOLDERS
    if "--folder" in argv:
        name = argv[argv.index("--folder") + 1]
        folders = tuple(f for f in HEALTHY_FOLDERS if f.name == name)
    engine = build_engine()
    found: list[Alarm] = []
    total = 0
    for folder in folders:
        logs = healthy_logs((folder,))
        confident = leads = led = 0
        for log in logs:
            hits, weak = examine(engine, log)
            found += hits
            issues = {a.slug for a in hits}
            confident += len(issues)
            leads, led = leads + len(weak), led + bool(weak)
            if issues and "--lines" not in argv:
                print(f"  {folder.name}/{log.name}: {len(issues)} confident ({', '.join(sorted(issues))})")
        total += confident
        if "--lines" not in argv:
            print(f"{folder.name}: {len(logs)} logs, {confident} confident matches; "
                  f"{leads} weak leads in {led} logs")
    print(f"total: {total} confident matches")
    for alarm in found:
        print(f"{alarm.log.parent.name}/{alarm.log.name}:{alarm.number} {alarm.slug}\n"
              f"    signature: {alarm.signature if alarm.signature is not None else '(words)'}\n"
              f"    line: {alarm.text[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
