"""Matcher input straight from RST files, without a database (tests, `make eval`, `make bench`).

They measure the matcher on exactly what an import would load. (It lived in kb/ as
kb.knowledge, used by nothing but these.)
"""

from collections.abc import Iterable

from kb.matching.types import IssueSpec, SignatureSpec
from kb.rst import ParsedIssue, parse_file


def specs_from_files(paths: Iterable[str], *, sources=("symptom", "curated")) -> list[IssueSpec]:
    """IssueSpecs of every issue in `paths`; `sources` picks which signatures to keep."""
    specs = []
    for path in paths:
        specs += [spec_from_parsed(issue, sources) for issue in parse_file(str(path)).issues]
    return specs


def spec_from_parsed(issue: ParsedIssue, sources=("symptom", "curated")) -> IssueSpec:
    signatures = tuple(
        SignatureSpec(id=f"{issue.slug}#{n}", text=s.text, source=s.source, sign=s.sign)
        for n, s in enumerate(issue.signatures)
        if s.source in sources
    )
    return IssueSpec(
        slug=issue.slug,
        title=issue.title,
        status=issue.status,
        components=tuple(issue.components),
        environment=issue.environment,
        symptoms=issue.symptoms,
        root_cause=issue.root_cause,
        solution=issue.solution,
        workaround=issue.workaround,
        signatures=signatures,
        related=tuple((r.target, r.kind) for r in issue.relations),
        url=f"/issues/{issue.slug}/",
    )
