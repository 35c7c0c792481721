"""The knowledge the benchmarks run against: the shipped fixtures, as `make run` loads them.

The triage subprocess reads the knowledge as JSON records, the way a kb
process receives it from its database, so its start-up time measures kb and
not docutils parsing the fixtures again.
"""

import json
from dataclasses import asdict
from pathlib import Path

from kb.matching.types import IssueSpec, SignatureSpec

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def shipped_issue_specs() -> list[IssueSpec]:
    from tests.rst_specs import specs_from_files

    return specs_from_files(sorted(FIXTURES.glob("*.rst")))


def dump_specs(specs: list[IssueSpec], path: Path):
    path.write_text(json.dumps([asdict(spec) for spec in specs]))


def load_specs(path: str) -> list[IssueSpec]:
    records = json.loads(Path(path).read_text())
    return [
        IssueSpec(**dict(
            record,
            components=tuple(record["components"]),
            signatures=tuple(SignatureSpec(**s) for s in record["signatures"]),
            related=tuple(tuple(r) for r in record["related"]),
        ))
        for record in records
    ]
