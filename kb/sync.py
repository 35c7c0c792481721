"""Writing a ParsedDocument to the database, all of it or nothing.

Rules, also stated in the README:
- An issue is identified by its slug; re-importing updates it in place.
- An issue whose document no longer has it is retired, never deleted.
- An issue an editor changed since its last import (title, fields, status,
  environment) keeps the editor's version; the import reports it and
  `--overwrite-edits` replaces it. Signatures an editor added are never
  touched; signatures from the document follow the document but keep the
  active/inactive switch an editor set.
"""

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connections, router, transaction
from django.db.models import Q
from django.db.models.sql import InsertQuery
from django.utils import timezone

from . import collector
from .export.loader import EDITOR_SLUG
from .export.writer import exported_slug
from .models import Component, Document, Issue, IssueRelation, KnowledgeRevision, Signature, UpstreamLink
from .prose import IMPORTED_FIELDS
from .releases import fixed_in_from
from .rst import ParsedDocument, ParsedIssue, ParsedSignature
from .signals import revision_bumps_paused
from .slugs import free_slug

FIELDS = IMPORTED_FIELDS  # the fields an import writes; Issue.content_fingerprint hashes the same


@dataclass
class SyncSummary:
    path: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # sections with text of their own that became no issue (ParsedDocument.passed_over)
    passed_over: int = 0
    # An issue whose edits were kept may still have had its document's signatures, place or
    # links rewritten: the knowledge changed though it is counted only as kept.
    kept_rewritten: bool = field(default=False, repr=False)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.retired or self.kept_rewritten)

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "retired": self.retired,
            "kept_edits": self.kept_edits,
            "warnings": self.warnings,
            "passed_over": self.passed_over,
        }

    def line(self) -> str:
        return (
            f"{self.path}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.retired)} retired, "
            f"{len(self.kept_edits)} kept local edits, {len(self.warnings)} warnings, "
            f"{self.passed_over} section(s) passed over" + (" (--dry-run --format json says why)"
                                                              if self.passed_over else "")
        )


class _DryRun(Exception):
    pass


class DocumentNameTaken(Exception):
    """A file known only by its name (an upload) whose name is a stored document's, though it
    shares no issue with it: importing it would retire every issue of that document."""

    def __init__(self, parsed: ParsedDocument, document: Document, live: int):
        self.document = document
        self.live = live
        super().__init__(
            f"{parsed.path}: the stored document {document.path!r} ({document.title!r}, {live} "
            f"issue(s)) has this name, and this file shares none of its issues: importing it would "
            f"retire them all. Give the file another name to import it as a document of its own, "
            f"or import it with replace to make it that document (its issues are then retired)."
        )

    def as_dict(self) -> dict:
        return {"slug": self.document.slug, "path": self.document.path, "title": self.document.title,
                "issues": self.live}


def sync_document(parsed: ParsedDocument, *, overwrite_edits=False, dry_run=False,
                  named_only=False, replace=False) -> SyncSummary:
    """Write `parsed` in one transaction; with dry_run, report and roll back.

    `named_only`: the file came with its name and no directory (an upload), so a stored document
    of that path is the same document only if they share an issue; else DocumentNameTaken is
    raised, unless `replace` says the file is that document whatever it holds.
    """
    summary = SyncSummary(path=parsed.path, warnings=list(parsed.warnings), passed_over=parsed.passed_over)
    try:
        with transaction.atomic(), revision_bumps_paused(), collector.paused():
            _sync(parsed, summary, overwrite_edits, named_only=named_only, replace=replace)
            if dry_run:
                raise _DryRun
            if summary.changed:
                KnowledgeRevision.bump()
    except _DryRun:
        pass
    return summary


def _sync(parsed: ParsedDocument, summary: SyncSummary, overwrite_edits: bool, *,
          named_only: bool = False, replace: bool = False):
    exported = exported_slug(parsed.content)
    document = _document(parsed, exported, named_only=named_only and not replace)
    issues = {}
    built = {}
    for item in parsed.issues:
        rows = _validated(parsed.path, item, summary)
        if rows is not None:
            built[id(item)] = rows
    valid = [item for item in parsed.issues if id(item) in built]
    found = _existing_all(document, valid, adopt=exported == EDITOR_SLUG)
    adopted = [issue for issue, _slug in found.values() if issue is not None and issue.document_id is None]
    for issue in adopted:
        issue.document = document
    Issue.objects.filter(pk__in=[issue.pk for issue in adopted]).update(document=document)
    stored = _stored(document)
    fresh = []
    for position, item in enumerate(valid):
        issue, slug = found[item.slug]
        if issue is None:
            fresh.append((position, item, slug, built[id(item)]))
        elif _unchanged(issue, item, position, stored):
            issues[item.slug] = issue
            summary.unchanged.append(issue.slug)
        else:
            issues[item.slug] = _sync_issue(issue, item, position, summary, overwrite_edits, stored)
    created = _create_all(document, fresh, summary)
    issues.update(created)
    _sync_relations(parsed, issues, set(created))
    current = [issue.pk for issue in issues.values()]
    for issue in document.issues.filter(retired=False).exclude(pk__in=current):
        issue.retired = True
        issue.save(update_fields=["retired", "updated_at", "updated_by"])
        summary.retired.append(issue.slug)


@dataclass
class _Built:
    """The rows _validated built and checked for an item; a new issue inserts these same objects.

    Building each model once took a fifth of the database write of the 5 MiB document of
    tests/bench/bench_import.py off (they used to be built again for the insert).
    """

    issue: Issue
    links: list[UpstreamLink]  # one per item.upstream kept, in its order
    signatures: list[Signature]  # one per item.signatures kept, in its order


def _validated(path: str, item: ParsedIssue, summary: SyncSummary) -> _Built | None:
    """Check `item` with the models' own rules, in the form it will be written, before anything is.

    An invalid issue is left out; an invalid link, signature or component is
    dropped from its issue. Each becomes a warning naming file, line and rule,
    and the rest of the document imports (a 301-character title used to stop
    the whole batch with a database error on PostgreSQL).
    """
    where = f"{path}, line {item.line or '?'}"
    for name in ("environment", "category", "anchor"):
        # Labels taken from the headings around an issue: shortened, not a reason to lose it.
        limit = Issue._meta.get_field(name).max_length
        value = getattr(item, name)
        if len(value) > limit:
            setattr(item, name, value[:limit].rstrip())
            summary.warnings.append(f"{where}: {name} of {item.slug!r} cut to {limit} characters")
    item.fixed_in = _fixed_in(item, where, summary)
    # The row as it will be written, but for what _existing_all and _sync give it later, both
    # valid whatever the document holds (tests/test_import_docs.py): the slug (this one, or
    # it behind the document's cut to the column, or a free one) and the position (an index).
    candidate = Issue(**{name: getattr(item, name) for name in FIELDS}, slug=item.slug or "x",
                      category=item.category, anchor=item.anchor, structure=item.structure,
                      fixed_in=item.fixed_in, line=item.line)
    try:
        candidate.full_clean(exclude=["document", "import_fingerprint"], validate_unique=False)
    except ValidationError as exc:
        summary.warnings.append(f"{where}: issue {item.title[:80]!r} not imported: {_rules(exc)}")
        return None
    links = _kept(summary, where, item.slug, item.upstream, _clean_link,
                  lambda link: f"link {link.url[:80]!r}")
    item.upstream = [link for link, _row in links]
    signatures = _kept(summary, where, item.slug, item.signatures, _clean_signature,
                       lambda signature: f"signature {signature.text[:60]!r}")
    item.signatures = [signature for signature, _row in signatures]
    components = _kept(summary, where, item.slug, item.components, _clean_component,
                       lambda name: f"component {name[:60]!r}")
    item.components = [name for name, _row in components]
    return _Built(candidate, [row for _link, row in links], [row for _signature, row in signatures])


def _clean_link(link) -> UpstreamLink:
    """The link's row, checked with UpstreamLink's field rules (their verdict read from _link_rules)."""
    rules = _link_rules(link.url, link.kind, link.label, link.status)
    if rules:
        raise ValidationError(rules)
    return UpstreamLink(url=link.url, kind=link.kind, label=link.label, status=link.status)


@functools.lru_cache(maxsize=4096)
def _link_rules(url: str, kind: str, label: str, status: str) -> str:
    """What UpstreamLink's field rules say of a link ("" if it is valid), each link checked once.

    A document links the same bug reports and pages from issue after issue (5,068 links, 28
    distinct, in the 5 MiB document of tests/bench/bench_import.py): a URL validator's regular
    expressions on each took a third of validating the issues. The rules read these four values
    alone (the position is the default while checking; clean_fields() gives strings back as
    they are, so the row needs no cleaning).
    """
    try:
        UpstreamLink(url=url, kind=kind, label=label, status=status).clean_fields(exclude=["issue"])
    except ValidationError as exc:
        return _rules(exc)
    return ""


def _clean_component(name: str):
    """Component(name=name).clean_fields(), its verdict read from _component_rules."""
    rules = _component_rules(name)
    if rules:
        raise ValidationError(rules)


@functools.lru_cache(maxsize=4096)
def _component_rules(name: str) -> str:
    """What Component's own rules say of a name ("" if it is valid), each name checked once.

    A document names a few components on every issue (10,192 names, a few dozen distinct,
    in the 5 MiB document of tests/bench/bench_import.py): a model and its validation each
    time took a tenth of the database write. The rules depend on the name alone.
    """
    try:
        Component(name=name).clean_fields()
    except ValidationError as exc:
        return _rules(exc)
    return ""


def _clean_signature(signature: ParsedSignature) -> Signature:
    """Check `signature` with Signature.clean() and keep the text as it normalised it (stripped).

    The text stored is then the one validated: a curated line cut at 500 characters after a
    space used to be stored with the space, and two lines differing only so as two signatures.
    """
    candidate = Signature(text=signature.text, source=signature.source, is_sign=signature.sign)
    candidate.clean()
    signature.text = candidate.text
    return candidate


def _kept(summary: SyncSummary, where: str, slug: str, items, check, label) -> list[tuple]:
    """(item, what `check` returned) for the items that pass `check` (a model's own rules);
    each other one is dropped with a warning."""
    kept = []
    for item in items:
        try:
            row = check(item)
        except ValidationError as exc:
            summary.warnings.append(f"{where}: {label(item)} of {slug!r} dropped: {_rules(exc)}")
        else:
            kept.append((item, row))
    return kept


def _rules(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items())
    return " ".join(exc.messages)


def _document(parsed: ParsedDocument, exported: str | None, *, named_only: bool = False) -> Document:
    """The document `parsed` updates, else a new one. An exported file names the document it was
    written from (`exported`, its slug): seen, `export_rst out/` then `import_docs
    out/live_migration.rst` made a second document holding every issue again under new slugs
    (`live_migration-2-...`), since a document is known by its path and the export lives
    elsewhere. That document keeps its path: re-importing the original updates it too.

    A path is a document's identity, a bare file name only a guess (`named_only`, and
    _uploaded_as): two projects' troubleshooting.rst share it. A guess stands when the two
    share an issue (_same_document); seen, an upload of another project's file retired all 17
    issues of the stored one and said "imported"."""
    document = Document.objects.filter(path=parsed.path).first()
    if document is not None and named_only and not _same_document(document, parsed):
        raise DocumentNameTaken(parsed, document, document.issues.filter(retired=False).count())
    document = document or (Document.objects.filter(slug=exported).first() if exported else None)
    if document is None:
        document = _uploaded_as(parsed)
        document.path = parsed.path
    if not document.slug:
        name = parsed.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        document.slug = free_slug(Document, name, fallback="document")
    document.title = parsed.title[:300]
    document.sha256 = parsed.sha256
    document.content = parsed.content
    document.imported_at = timezone.now()
    document.save()
    return document


def _uploaded_as(parsed: ParsedDocument) -> Document:
    """The document an upload made of this file, else a new one.

    /api/import records only a base name (browsers send no directory) and updates a
    document imported from a path whose base name it is (kb/api/uploads.py); the same
    rule the other way: a file imported from `runbooks/x.rst` updates the one document
    uploaded as `x.rst`, instead of a twin holding every issue again under new slugs. A file
    sharing no issue with it is another project's of the same name: a document of its own.
    """
    path = parsed.path
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    uploaded = list(Document.objects.filter(path=name)[:2]) if name != path else []
    if len(uploaded) == 1 and _same_document(uploaded[0], parsed):
        return uploaded[0]
    return Document(path=path)


def _same_document(document: Document, parsed: ParsedDocument) -> bool:
    """Whether a file matched to `document` by its name only is that document: it shares an
    issue with it (by slug, as re-import finds them, _existing_all), or the document has no
    current issue to lose."""
    if not document.issues.filter(retired=False).exists():
        return True
    slugs = {slug for item in parsed.issues for slug in (item.slug, f"{document.slug}-{item.slug}"[:100])}
    return document.issues.filter(slug__in=slugs).exists()


def _existing_all(document: Document, items: list[ParsedIssue], *,
                  adopt: bool = False) -> dict[str, tuple[Issue | None, str]]:
    """The issue each item updates (None: a new one) and the slug it has or will have.

    Three queries for the whole document. A slug taken by another document (or
    by an earlier item of this one) moves the new issue to `<document slug>-<slug>`.
    `adopt` (the export of the issues editors made outside any document): an issue of no
    document with the item's slug is the item's, and joins this document.
    """
    candidates = {slug for item in items for slug in (item.slug, f"{document.slug}-{item.slug}"[:100])}
    owners = dict(Issue.objects.filter(slug__in=candidates).values_list("slug", "document_id"))
    ours = Q(document=document) | Q(document=None) if adopt else Q(document=document)
    mine = {issue.slug: issue for issue in Issue.objects.filter(ours, slug__in=candidates)}
    if adopt:
        owners = {slug: document.pk if owner is None else owner for slug, owner in owners.items()}
    result: dict[str, tuple[Issue | None, str]] = {}
    claimed: set[str] = set()
    for item in items:
        for slug in (item.slug, f"{document.slug}-{item.slug}"[:100]):
            if slug in claimed:
                continue
            if slug not in owners:
                result[item.slug] = (None, slug)
                break
            if owners[slug] == document.pk:
                result[item.slug] = (mine[slug], slug)
                break
        else:
            result[item.slug] = (None, free_slug(Issue, f"{document.slug}-{item.slug}"))
        claimed.add(result[item.slug][1])
    return result


def _create_all(document: Document, fresh: list, summary: SyncSummary) -> dict[str, Issue]:
    """New issues with their components, links and signatures, in a few bulk inserts."""
    if not fresh:
        return {}
    built = []
    for position, item, slug, rows in fresh:
        issue = rows.issue  # validated with every imported field set; the rest is set here
        issue.slug, issue.document, issue.position = slug, document, position
        issue.needs_review = item.needs_review
        issue.import_fingerprint = issue.content_fingerprint()
        built.append(issue)
    Issue.objects.bulk_create(built, batch_size=500)
    if any(issue.pk is None for issue in built):  # a backend that returns no primary keys
        built = list(Issue.objects.filter(slug__in=[issue.slug for issue in built]).order_by("position"))
    components = {}
    for _, item, _, _ in fresh:
        for name in item.components:
            key = _component_name(name)
            if key not in components:
                components[key] = Component.objects.get_or_create(name=key)[0]
    _insert_components(
        [(issue.pk, components[_component_name(name)].pk)
         for issue, (_, item, _, _) in zip(built, fresh, strict=True)
         for name in dict.fromkeys(item.components)])
    UpstreamLink.objects.bulk_create(
        [_placed(link, issue, position=number)
         for issue, (_, _, _, rows) in zip(built, fresh, strict=True)
         # The last mention of a URL, where its first one was (as _wanted_links has it).
         for number, link in enumerate({link.url: link for link in rows.links}.values())],
        batch_size=1000,
    )
    Signature.objects.bulk_create(
        [_placed(signature, issue)
         for issue, (_, _, _, rows) in zip(built, fresh, strict=True)
         for signature in _first_per_text(rows.signatures)],
        batch_size=1000,
    )
    summary.created += [issue.slug for issue in built]
    return {item.slug: issue for issue, (_, item, _, _) in zip(built, fresh, strict=True)}


def _insert_components(pairs: list[tuple[int, int]]):
    """Insert (issue id, component id) rows into Issue.components' table, one statement run for all.

    The statement is Django's own for one row. bulk_create built a model per row and sent each of
    the two integers through its field's preparation: 0.1 s CPU for the 10,136 rows of the 5 MiB
    document of tests/bench/bench_import.py, a twelfth of its database write.
    """
    if not pairs:
        return
    through = Issue.components.through
    fields = [through._meta.get_field("issue"), through._meta.get_field("component")]
    query = InsertQuery(through)
    query.insert_values(fields, [through(issue_id=0, component_id=0)])
    connection = connections[router.db_for_write(through)]
    [(statement, _params)] = query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.executemany(statement, pairs)


def _first_per_text(signatures: list[Signature]) -> list[Signature]:
    """The first signature with each text, in their order (as _wanted_signatures keeps them)."""
    first: dict[str, Signature] = {}
    for signature in signatures:
        first.setdefault(signature.text, signature)
    return list(first.values())


def _placed(row, issue: Issue, **values):
    """`row`, built by _validated, given its issue (and `values`)."""
    row.issue = issue
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _component_name(name: str) -> str:
    """A component's name as stored (cut to the column)."""
    return name[: Component._meta.get_field("name").max_length]


def _fixed_in(item: ParsedIssue, where: str, summary: SyncSummary) -> str:
    """The release the issue will store: said in the Upstream section, else anywhere in the fix
    ("fixed in Newton").

    One longer than the column is no release (`:fixed-in:` 2024.1 repeated, "fixed in 1.999...")
    and would stop the batch with a database error on PostgreSQL (SQLite stores it whole):
    it is dropped with a warning, and the next source is read.
    """
    limit = Issue._meta.get_field("fixed_in").max_length
    read = (lambda: item.fixed_in, lambda: fixed_in_from(item.solution, item.workaround, item.details))
    for value in (source() for source in read):
        if len(value) > limit:
            summary.warnings.append(
                f"{where}: fixed-in of {item.slug!r} dropped: longer than {limit} characters")
        elif value:
            return value
    return ""


def _wanted_links(item: ParsedIssue) -> dict[str, tuple[int, object]]:
    """url -> (position, link): the first mention of a URL is the one kept."""
    return {link.url: (n, link) for n, link in enumerate(item.upstream)}


def _wanted_signatures(item: ParsedIssue) -> dict[str, ParsedSignature]:
    """text -> the first signature stating it (one row per issue and text)."""
    wanted: dict[str, ParsedSignature] = {}
    for signature in item.signatures:
        wanted.setdefault(signature.text, signature)
    return wanted


@dataclass
class _Stored:
    """What the document's issues hold beside their own columns, read in three queries."""

    components: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    links: dict[int, list[tuple]] = field(default_factory=lambda: defaultdict(list))
    signatures: dict[int, set[tuple[str, str, bool]]] = field(default_factory=lambda: defaultdict(set))


def _stored(document: Document) -> _Stored:
    stored = _Stored()
    through = Issue.components.through.objects.filter(issue__document=document)
    for issue_id, name in through.values_list("issue_id", "component__name"):
        stored.components[issue_id].add(name)
    links = UpstreamLink.objects.filter(issue__document=document).order_by("issue", "position", "pk")
    for issue_id, *link in links.values_list("issue_id", "url", "kind", "label", "status", "position"):
        stored.links[issue_id].append(tuple(link))
    for issue_id, text, source, sign in Signature.objects.filter(issue__document=document).values_list(
        "issue_id", "text", "source", "is_sign"
    ):
        stored.signatures[issue_id].add((text, source, sign))
    return stored


def _unchanged(issue: Issue, item: ParsedIssue, position: int, stored: _Stored) -> bool:
    """Whether writing `item` over `issue` would change nothing at all.

    A re-import of an unchanged document then costs no query per issue (a
    5 MiB document's 4,000 issues took 27 s of updates that wrote what was
    there). Anything this does not compare goes the full way (_sync_issue).
    """
    if issue.retired or issue.edited_since_import:
        return False
    written = Issue(**{name: getattr(item, name) for name in FIELDS}, fixed_in=item.fixed_in)
    if (issue.import_fingerprint, issue.fixed_in, issue.category, issue.structure) != (
        written.content_fingerprint(), item.fixed_in, item.category, item.structure
    ) or (issue.anchor, issue.line, issue.position) != (item.anchor, item.line, position):
        return False
    if stored.components[issue.pk] != {_component_name(name) for name in item.components}:
        return False
    if stored.links[issue.pk] != _link_rows(item):
        return False
    return _signatures_current(stored.signatures[issue.pk], item)


def _sync_issue(issue: Issue, item: ParsedIssue, position, summary, overwrite_edits,
                stored: _Stored) -> Issue:
    """Update an issue this document imported before (new ones are bulk-created).

    What the issue holds beside its columns was read for the whole document
    (`stored`): a part that would stay as it is is not written again.
    """
    protected = issue.edited_since_import and not overwrite_edits
    before = _snapshot(issue, stored)
    if protected:
        summary.kept_edits.append(issue.slug)
    else:
        for name in FIELDS:
            setattr(issue, name, getattr(item, name))
        issue.category = item.category
        issue.fixed_in = item.fixed_in
        if issue.structure != item.structure:
            # An editor who checked an issue read from prose clears the mark; a
            # re-import of the same reading does not set it again.
            issue.needs_review = item.needs_review
        issue.structure = item.structure
    issue.anchor, issue.line, issue.position, issue.retired = item.anchor, item.line, position, False
    if not protected:
        issue.import_fingerprint = issue.content_fingerprint()
    issue.save()
    rewritten = set()
    if not protected:
        if stored.components[issue.pk] != {_component_name(name) for name in item.components}:
            _sync_components(issue, item.components)
            rewritten.add("components")
        if stored.links[issue.pk] != _link_rows(item):
            _sync_links(issue, item)
            rewritten.add("links")
    if not _signatures_current(stored.signatures[issue.pk], item):
        _sync_signatures(issue, item)
        rewritten.add("signatures")
    after = _snapshot(issue, stored, reread=rewritten)
    # An issue whose edits were kept is counted there only: each issue once in the summary.
    if protected:
        summary.kept_rewritten |= after != before
    elif after != before:
        summary.updated.append(issue.slug)
    else:
        summary.unchanged.append(issue.slug)
    return issue


def _snapshot(issue: Issue, stored: _Stored, reread=frozenset()) -> tuple:
    """What an import may change of an issue: its other rows as `stored` holds them, but for the
    parts named in `reread` ("components", "links", "signatures"), read again.

    The import rewrote those parts; the others are as the document's import found them (each
    issue's rows are its own, and `stored` was read in the same transaction). Reading all three
    again after every save was three of the four queries of each changed issue: 1.18 s of CPU
    for a 1 MiB document whose 828 issues all changed.
    """
    if "components" in reread:
        components = tuple(sorted(issue.components.values_list("name", flat=True)))
    else:
        components = tuple(sorted(stored.components[issue.pk]))
    if "links" in reread:
        rows = issue.upstream_links.order_by("position", "pk")  # as _stored() reads them
        links = tuple(rows.values_list("url", "kind", "label", "status"))
    else:
        links = tuple(row[:4] for row in stored.links[issue.pk])
    if "signatures" in reread:
        signatures = tuple(sorted(issue.signatures.values_list("text", "source", "is_sign")))
    else:
        signatures = tuple(sorted(stored.signatures[issue.pk]))
    return (issue.content_fingerprint(), issue.category, issue.retired, components, links, signatures)


def _link_rows(item: ParsedIssue) -> list[tuple]:
    """The links as _Stored holds them: (url, kind, label, status, position), in position order."""
    rows = [(url, link.kind, link.label, link.status, n) for url, (n, link) in _wanted_links(item).items()]
    return sorted(rows, key=lambda row: row[-1])


def _signatures_current(stored: set[tuple[str, str, bool]], item: ParsedIssue) -> bool:
    """Whether _sync_signatures would change nothing: none to remove, none to add, none whose
    reading as a sign (Log signs) the document changed."""
    from_document = {text: sign for text, source, sign in stored
                     if source in (Signature.Source.SYMPTOM, Signature.Source.CURATED)}
    wanted = _wanted_signatures(item)
    return (set(from_document) <= set(wanted) <= {text for text, _source, _sign in stored}
            and all(wanted[text].sign == sign for text, sign in from_document.items()))


def _sync_components(issue: Issue, names: list[str]):
    components = [Component.objects.get_or_create(name=_component_name(name))[0] for name in names]
    issue.components.set(components)


def _sync_links(issue: Issue, item: ParsedIssue):
    wanted = _wanted_links(item)
    issue.upstream_links.exclude(url__in=list(wanted)).delete()
    for url, (position, link) in wanted.items():
        UpstreamLink.objects.update_or_create(
            issue=issue, url=url,
            defaults={"kind": link.kind, "label": link.label, "status": link.status, "position": position},
        )


def _sync_signatures(issue: Issue, item: ParsedIssue):
    wanted = _wanted_signatures(item)
    from_document = issue.signatures.filter(source__in=[Signature.Source.SYMPTOM, Signature.Source.CURATED])
    from_document.exclude(text__in=list(wanted)).delete()
    # the document moved a line between Log signatures and Log signs
    for sign in (True, False):
        from_document.filter(text__in=[t for t, s in wanted.items() if s.sign == sign]).exclude(
            is_sign=sign).update(is_sign=sign)
    existing = set(issue.signatures.values_list("text", flat=True))
    Signature.objects.bulk_create(
        Signature(issue=issue, text=text, source=signature.source, is_sign=signature.sign)
        for text, signature in wanted.items()
        if text not in existing
    )


def _sync_relations(parsed: ParsedDocument, issues: dict[str, Issue], created: set[str] = frozenset()):
    new = []
    stored: dict[int, dict[int, str]] = defaultdict(dict)  # what the last import left
    for source, target, kind in IssueRelation.objects.filter(
        from_issue__document__path=parsed.path, from_document=True
    ).values_list("from_issue_id", "to_issue_id", "kind"):
        stored[source][target] = kind
    for item in parsed.issues:
        issue = issues.get(item.slug)
        if issue is None:
            continue  # left out as invalid, with a warning
        wanted = {issues[r.target].pk: r.kind for r in item.relations if r.target in issues}
        if item.slug in created:
            new += [IssueRelation(from_issue=issue, to_issue_id=target, kind=kind, from_document=True)
                    for target, kind in wanted.items()]
            continue
        if stored[issue.pk] == wanted:
            continue
        issue.relations.filter(from_document=True).exclude(to_issue__in=list(wanted)).delete()
        for target, kind in wanted.items():
            IssueRelation.objects.update_or_create(
                from_issue=issue, to_issue_id=target, defaults={"kind": kind, "from_document": True}
            )
    IssueRelation.objects.bulk_create(new, batch_size=1000)
