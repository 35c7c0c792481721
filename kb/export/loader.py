"""The knowledge base as ParsedDocuments, one per file to write.

This is the only module of kb.export that reads the ORM; it turns the
database into the same plain records the importer produces, so the writer
and the round-trip check stay free of Django.
"""

from django.db.models import Q

from kb.models import Document, Issue, Signature
from kb.rst.records import ParsedDocument, ParsedIssue, ParsedLink, ParsedRelation, ParsedSignature

# Issues created in the admin or the API belong to no document; they are written here.
EDITOR_SLUG = "kb-editor-issues"
EDITOR_TITLE = "Issues added in kb"


def documents_to_export(*, slugs: list[str] | None = None, include_retired=False) -> list[ParsedDocument]:
    """One ParsedDocument per file, named `<document slug>.rst`, for documents with issues.

    Raises LookupError naming the slugs that match no document.
    """
    documents = {document.slug: document for document in Document.objects.all()}
    unknown = sorted(set(slugs or ()) - set(documents) - {EDITOR_SLUG})
    if unknown:
        raise LookupError(", ".join(unknown))
    grouped: dict[str, list[Issue]] = {}
    for issue in _issues(slugs, include_retired):
        grouped.setdefault(issue.document.slug if issue.document else EDITOR_SLUG, []).append(issue)
    return [_document(slug, documents.get(slug), issues) for slug, issues in sorted(grouped.items())]


def _issues(slugs, include_retired) -> list[Issue]:
    issues = Issue.objects.with_parts()
    if not include_retired:
        issues = issues.filter(retired=False)
    if slugs:
        wanted = Q(document__slug__in=slugs)
        if EDITOR_SLUG in slugs:
            wanted |= Q(document=None)
        issues = issues.filter(wanted)
    in_documents = issues.exclude(document=None).order_by("document__path", "position", "title", "pk")
    # Editor issues have no order of their own; grouping them by place reads best.
    by_editors = issues.filter(document=None).order_by("environment", "category", "title", "pk")
    return [*in_documents, *by_editors]


def _document(slug: str, document: Document | None, issues: list[Issue]) -> ParsedDocument:
    parsed = ParsedDocument(
        path=f"{slug}.rst", title=document.title if document else EDITOR_TITLE, sha256="", content=""
    )
    in_file = {issue.slug for issue in issues}
    parsed.issues = [_issue(issue, in_file, parsed.warnings) for issue in issues]
    return parsed


def _issue(issue: Issue, in_file: set[str], warnings: list[str]) -> ParsedIssue:
    relations = []
    for relation in issue.relations.all():
        if relation.to_issue.slug in in_file:
            relations.append(ParsedRelation(target=relation.to_issue.slug, kind=relation.kind))
        else:
            warnings.append(
                f"{issue.slug}: relation to {relation.to_issue.slug} not written (RST states relations "
                "only between issues of the same file)"
            )
    return ParsedIssue(
        slug=issue.slug,
        title=issue.title,
        environment=issue.environment,
        category=issue.category,
        status=issue.status,
        symptoms=issue.symptoms,
        root_cause=issue.root_cause,
        solution=issue.solution,
        workaround=issue.workaround,
        details=issue.details,
        signature_notes=issue.signature_notes,
        sign_notes=issue.sign_notes,
        components=[component.name for component in issue.components.all()],
        upstream=[ParsedLink(url=link.url, kind=link.kind, label=link.label, status=link.status)
                  for link in issue.upstream_links.all()],
        # A document can only state curated signatures; editors' ones become curated.
        signatures=[ParsedSignature(text=s.text, source=_source(s), sign=s.is_sign)
                    for s in issue.signatures.all()],
        relations=sorted(relations, key=lambda relation: relation.target),
        structure=issue.structure,
        needs_review=issue.needs_review,
        fixed_in=issue.fixed_in,
    )


def _source(signature: Signature) -> str:
    return signature.source if signature.from_document else Signature.Source.CURATED.value
