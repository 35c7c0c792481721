"""What the importer would make of a written document, compared with what was exported.

The export writes everything the importer reads, but not everything an
editor can store has an RST form (a relation to another document's issue, a
heading-less "details" text, an editor's own Markdown...). Parsing the
written text and comparing it with the records it came from names each such
difference instead of letting the next import change the data silently.
"""

from kb.rst import RstImportError, parse_bytes
from kb.rst.records import FIELDS, ParsedDocument, ParsedIssue

_SCALARS = ("title", "environment", "category", "status", "fixed_in", *FIELDS)


def round_trip_problems(expected: ParsedDocument, text: str) -> list[str]:
    """Differences between `expected` and what importing `text` gives, one line each."""
    try:
        actual = parse_bytes(expected.path, text.encode())
    except RstImportError as exc:
        return [f"the importer refuses the written file: {exc}"]
    return differences(expected, actual)


def differences(expected: ParsedDocument, actual: ParsedDocument) -> list[str]:
    parsed = {issue.slug: issue for issue in actual.issues}
    problems = []
    for issue in expected.issues:
        again = parsed.pop(issue.slug, None)
        if again is None:
            problems.append(f"{issue.slug}: would not be imported as an issue (no symptoms, or a "
                            "title the importer reads as a field)")
            continue
        problems += [f"{issue.slug}: {what} would change on import" for what in _compare(issue, again)]
    problems += [f"{slug}: would be imported as an extra issue" for slug in parsed]
    return problems


def _compare(expected: ParsedIssue, actual: ParsedIssue) -> list[str]:
    changed = [name for name in _SCALARS if getattr(expected, name) != getattr(actual, name)]
    if set(expected.components) != set(actual.components):
        changed.append("components")
    if _links(expected) != _links(actual):
        changed.append("upstream links")
    if _signatures(expected) != _signatures(actual):
        # An issue read from prose is written back with field headings: its
        # signatures, which no Symptoms field re-derives, are listed as
        # curated. The texts must survive; their source cannot.
        if expected.structure == "field_headings" or _signs(expected) != _signs(actual):
            changed.append("signatures")
    if _relations(expected) != _relations(actual):
        changed.append("relations")
    return changed


def _links(issue: ParsedIssue) -> list[tuple]:
    return [(link.url, link.kind, link.label, link.status) for link in issue.upstream]


def _signatures(issue: ParsedIssue) -> dict[str, tuple[str, bool]]:
    # As kb.sync stores them: the first source given for a text wins; whether it is a sign too.
    found: dict[str, tuple[str, bool]] = {}
    for signature in issue.signatures:
        found.setdefault(signature.text, (signature.source, signature.sign))
    return found


def _signs(issue: ParsedIssue) -> dict[str, bool]:
    """Each text, and whether it is a sign: what must survive whatever the source."""
    return {text: sign for text, (_source, sign) in _signatures(issue).items()}


def _relations(issue: ParsedIssue) -> set[tuple[str, str]]:
    return {(relation.target, relation.kind) for relation in issue.relations}
