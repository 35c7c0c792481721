"""Serializers: each lists its fields; model rules come from Model.clean() (NetBox's pattern)."""

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from kb.editors import current_saver
from kb.models import Component, Document, Issue, IssueRelation, KnowledgeRevision, Signature, UpstreamLink
from kb.rendering import render_markdown
from kb.signals import touch_issues
from kb.slugs import free_slug

from .fields import IssueSlugField, LogTextField, MinScoreField, StrictCharField, StrictModelSerializer
from .versions import stale

# Tries at a slug made from a title, when concurrent creations take the one found free.
SLUG_ATTEMPTS = 3
# How an incoming relation reads from the other side ("B caused_by A" seen from A).
INCOMING_LABELS = {
    IssueRelation.Kind.CAUSED_BY: "Causes",
    IssueRelation.Kind.SAME_ROOT_CAUSE: "Same root cause as",
    IssueRelation.Kind.RELATED: "Related to",
}


class ValidatedModelSerializer(StrictModelSerializer):
    """Runs the model's full_clean() on the would-be object, so the API refuses what the admin refuses."""

    def validate(self, data):
        many_to_many = {field.name for field in self.Meta.model._meta.many_to_many}
        attrs = {name: value for name, value in data.items() if name not in many_to_many}
        instance = copy(self.instance) if self.instance is not None else self.Meta.model()
        for name, value in attrs.items():
            setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(serializers.as_serializer_error(exc)) from None
        # clean() may normalise a value (Signature strips its text): keep what it made.
        return {**data, **{name: getattr(instance, name) for name in attrs}}

    def update(self, instance, validated_data, *, also_changed=False):
        """Write only the fields that change, in one UPDATE conditional on the version read (If-Match).

        DRF's update saves every column, which undid a concurrent edit of another field.
        """
        model = type(instance)
        changed = {name: value for name, value in validated_data.items() if getattr(instance, name) != value}
        version = self.context.get("expected_version")
        rows = model.objects.filter(pk=instance.pk)
        if version is not None:
            rows = rows.filter(updated_at=version)
        if changed or also_changed:
            version_now = {"updated_at": timezone.now(), "updated_by": current_saver()}  # auto_now's, by hand
            if not rows.update(**changed, **version_now):
                raise stale(model, instance.pk) if version is not None else NotFound()
            # A signature moved to another issue changes both (a conditional UPDATE sends no post_save).
            touch_issues(getattr(instance, "issue_id", None), getattr(changed.get("issue"), "pk", None))
            for name, value in {**changed, **version_now}.items():
                setattr(instance, name, value)
            KnowledgeRevision.bump()  # a conditional UPDATE sends no post_save (kb/signals.py)
        elif version is not None and not rows.exists():
            raise stale(model, instance.pk)
        return instance


@extend_schema_field(OpenApiTypes.URI)
class WebUrlField(serializers.ReadOnlyField):
    """The absolute address of an object's page (from get_absolute_url)."""

    def __init__(self, **kwargs):
        super().__init__(source="get_absolute_url", **kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        return request.build_absolute_uri(value) if request else value


@extend_schema_field(OpenApiTypes.STR)
class MarkdownHtmlField(serializers.ReadOnlyField):
    """A Markdown field rendered to sanitised HTML."""

    def to_representation(self, value):
        return render_markdown(value)


class ComponentNamesField(serializers.ListField):
    """Components as a list of names; unknown names are created (as the importer does)."""

    child = StrictCharField(max_length=60)

    def to_representation(self, manager):
        return [component.name for component in manager.all()]


class BriefIssueSerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:issue-detail", lookup_field="slug")

    class Meta:
        model = Issue
        fields = ["slug", "title", "status", "url", "api_url"]


class BriefDocumentSerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:document-detail", lookup_field="slug")

    class Meta:
        model = Document
        fields = ["slug", "path", "title", "url", "api_url"]


class UpstreamLinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = UpstreamLink
        fields = ["url", "kind", "label", "status"]


class IssueSignatureSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:signature-detail")

    class Meta:
        model = Signature
        fields = ["id", "api_url", "text", "source", "is_sign", "is_active"]


class RelatedIssueSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    api_url = serializers.URLField()
    relation = serializers.ChoiceField(choices=IssueRelation.Kind.choices)
    direction = serializers.ChoiceField(
        choices=["outgoing", "incoming"],
        help_text="outgoing: this issue <relation> the other; incoming: the other <relation> this issue.",
    )
    label = serializers.CharField(help_text="The relation read from this issue, e.g. 'Caused by', 'Causes'.")
    retired = serializers.BooleanField()


class IssueSerializer(ValidatedModelSerializer):
    """An issue in lists: what it is and where it lives, without the prose."""

    url = WebUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:issue-detail", lookup_field="slug")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    components = ComponentNamesField(required=False)
    document = BriefDocumentSerializer(
        read_only=True, allow_null=True, help_text="null for an issue not imported from a document."
    )
    hits_24h = serializers.SerializerMethodField(help_text="Confident matches in the last 24 hours.")
    hits_10d = serializers.SerializerMethodField(help_text="Confident matches in the last 10 days.")

    class Meta:
        model = Issue
        fields = [
            "slug", "url", "api_url", "title", "status", "status_label", "components", "environment",
            "category", "document", "retired", "fixed_in", "structure", "needs_review", "hits_24h",
            "hits_10d", "first_seen", "last_seen", "created_at", "updated_at",
        ]
        read_only_fields = ["retired", "structure", "first_seen", "last_seen", "created_at", "updated_at"]
        extra_kwargs = {"slug": {"required": False, "help_text": (
            "Its address. Optional when creating: made from the title as the importer makes it "
            "(kb/slugs.py), with -2, -3... when taken. A slug given must be free and valid.")}}

    # The viewset annotates them (kb.learning.queries.with_hits); a just-created issue has none.
    @extend_schema_field(int)
    def get_hits_24h(self, issue) -> int:
        return getattr(issue, "hits_24h", 0) or 0

    @extend_schema_field(int)
    def get_hits_10d(self, issue) -> int:
        return getattr(issue, "hits_10d", 0) or 0

    def validate(self, data):
        if self.instance is None and "slug" not in data:
            data = {**data, "slug": free_slug(Issue, data.get("title", ""))}
            self._slug_made = True
        return super().validate(data)

    def create(self, validated_data):
        names = validated_data.pop("components", [])
        issue = self._created(validated_data)
        _set_components(issue, names)
        return issue

    def _created(self, data: dict) -> Issue:
        """The new issue. A slug made from the title that another request took meanwhile is made
        again; a slug given that was taken meanwhile is the 400 the unique check gives."""
        for _ in range(SLUG_ATTEMPTS if getattr(self, "_slug_made", False) else 1):
            try:
                with transaction.atomic():
                    return super().create(data)
            except IntegrityError:
                data = {**data, "slug": free_slug(Issue, data["title"])}
        raise serializers.ValidationError({"slug": ["An issue with this slug exists."]})

    def update(self, instance, validated_data):
        names = validated_data.pop("components", None)
        new = None if names is None else sorted({name.strip() for name in names})
        moved = new is not None and new != sorted(c.name for c in instance.components.all())
        with transaction.atomic():
            issue = super().update(instance, validated_data, also_changed=moved)
            if moved:
                _set_components(issue, new)
        return issue


class IssueDetailSerializer(IssueSerializer):
    """One issue: every prose field as Markdown and as sanitised HTML, and all it links to."""

    symptoms_html = MarkdownHtmlField(source="symptoms")
    root_cause_html = MarkdownHtmlField(source="root_cause")
    solution_html = MarkdownHtmlField(source="solution")
    workaround_html = MarkdownHtmlField(source="workaround")
    details_html = MarkdownHtmlField(source="details")
    signature_notes_html = MarkdownHtmlField(source="signature_notes")
    sign_notes_html = MarkdownHtmlField(source="sign_notes")
    remedy = serializers.CharField(read_only=True, help_text="The solution, else the workaround (Markdown).")
    upstream_links = UpstreamLinkSerializer(many=True, read_only=True)
    signatures = IssueSignatureSerializer(many=True, read_only=True)
    related = serializers.SerializerMethodField()
    edited_since_import = serializers.BooleanField(read_only=True)

    class Meta(IssueSerializer.Meta):
        fields = [
            "slug", "url", "api_url", "title", "status", "status_label", "components", "environment",
            "category", "document", "anchor", "line",
            "symptoms", "symptoms_html", "root_cause", "root_cause_html", "solution", "solution_html",
            "workaround", "workaround_html", "details", "details_html",
            "signature_notes", "signature_notes_html", "sign_notes", "sign_notes_html", "remedy",
            "upstream_links", "signatures", "related",
            "retired", "structure", "needs_review", "edited_since_import", "fixed_in", "hits_24h",
            "hits_10d", "first_seen", "last_seen",
            "created_at", "updated_at", "updated_by",
        ]
        read_only_fields = [*IssueSerializer.Meta.read_only_fields, "anchor", "line", "updated_by"]

    @extend_schema_field(RelatedIssueSerializer(many=True))
    def get_related(self, issue):
        related = [
            self._related(relation.to_issue, relation.kind, "outgoing", relation.get_kind_display())
            for relation in issue.relations.all()
        ]
        related += [
            self._related(relation.from_issue, relation.kind, "incoming", INCOMING_LABELS[relation.kind])
            for relation in issue.incoming_relations.all()
        ]
        return related

    def _related(self, other, kind, direction, label):
        brief = BriefIssueSerializer(other, context=self.context).data
        return {
            "slug": brief["slug"], "title": brief["title"], "url": brief["url"], "api_url": brief["api_url"],
            "relation": kind, "direction": direction, "label": label, "retired": other.retired,
        }


def _set_components(issue: Issue, names: list[str]):
    issue.components.set([Component.objects.get_or_create(name=name.strip())[0] for name in names])


class SignatureSerializer(ValidatedModelSerializer):
    """A signature; the API's are the editor's (source "editor"), which imports never touch."""

    api_url = serializers.HyperlinkedIdentityField(view_name="api:signature-detail")
    issue = IssueSlugField()
    issue_title = serializers.CharField(source="issue.title", read_only=True)

    class Meta:
        model = Signature
        fields = ["id", "api_url", "issue", "issue_title", "text", "source", "is_sign", "is_active",
                  "created_at", "updated_at", "updated_by"]
        read_only_fields = ["source", "created_at", "updated_at", "updated_by"]


class ComponentSerializer(serializers.ModelSerializer):
    api_url = serializers.HyperlinkedIdentityField(view_name="api:component-detail", lookup_field="name")
    issue_count = serializers.IntegerField(read_only=True, help_text="Active issues naming it.")

    class Meta:
        model = Component
        fields = ["name", "api_url", "issue_count"]


class DocumentSerializer(serializers.ModelSerializer):
    url = WebUrlField()
    api_url = serializers.HyperlinkedIdentityField(view_name="api:document-detail", lookup_field="slug")
    issue_count = serializers.IntegerField(read_only=True, help_text="Active issues from it.")

    class Meta:
        model = Document
        fields = ["slug", "url", "api_url", "path", "title", "sha256", "imported_at", "issue_count"]


class DocumentDetailSerializer(DocumentSerializer):
    issues = BriefIssueSerializer(many=True, read_only=True, source="active_issues")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "issues", "content"]


# Input of the non-model endpoints.

RECORD_HELP = ("false: a trial or a test, not an incident: the answer counts no hit on the issues' pages "
               "and puts no line in the unknown-errors queue (the permalink is kept).")


class MatchRequestSerializer(serializers.Serializer):
    text = LogTextField(required=False, help_text="Log text: one line or thousands.")
    lines = serializers.ListField(child=LogTextField(), required=False, help_text="Log lines, in order.")
    min_score = MinScoreField(
        required=False, allow_null=True, help_text="Leave out matches scoring less (0 to 1)."
    )
    record = serializers.BooleanField(required=False, default=True, help_text=RECORD_HELP)

    def validate(self, data):
        if ("text" in data) == ("lines" in data):
            raise serializers.ValidationError("Send either 'text' (a string) or 'lines' (a list of strings).")
        if not "".join(data.get("lines") or [data.get("text", "")]).strip():
            raise serializers.ValidationError("Nothing to match: the text is empty.")
        return data


class MatchUploadSerializer(serializers.Serializer):
    """The multipart form of POST /api/match (`curl -F file=@app.log`)."""

    file = serializers.FileField(help_text="The log file (UTF-8, else read as Latin-1).")
    min_score = MinScoreField(required=False, help_text="Leave out matches scoring less (0 to 1).")
    record = serializers.BooleanField(required=False, default=True, help_text=RECORD_HELP)


class MatchQuerySerializer(serializers.Serializer):
    q = LogTextField(help_text="A log line (or several, separated by newlines).")
    min_score = MinScoreField(required=False, help_text="Leave out matches scoring less (0 to 1).")
    record = serializers.BooleanField(required=False, default=True, help_text=RECORD_HELP)

    def validate_q(self, value):
        if not value.strip():
            raise serializers.ValidationError("Nothing to match: q is empty.")
        return value


class SearchQuerySerializer(serializers.Serializer):
    q = StrictCharField(max_length=500, help_text="Words, an error message, a bug number...")
    limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)


class ImportOptionsSerializer(serializers.Serializer):
    overwrite_edits = serializers.BooleanField(
        required=False, default=False, help_text="Replace issues an editor changed since their last import."
    )
    dry_run = serializers.BooleanField(required=False, default=False, help_text="Report, write nothing.")
    strict = serializers.BooleanField(
        required=False, default=False,
        help_text="A document in which no issue is recognised is refused, not imported "
                  "(import_docs --strict).",
    )
    replace = serializers.BooleanField(
        required=False, default=False,
        help_text="A file sharing no issue with the stored document of its name becomes that document "
                  "(its issues are retired) instead of being refused with 409.",
    )


class ImportRequestSerializer(ImportOptionsSerializer):
    """The multipart form (for the schema; files are judged by the importer, not here)."""

    file = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        help_text="RST or Markdown documents (repeat the field).",
    )


# Output of the non-model endpoints, for the OpenAPI schema. The engine's reports make their own
# dicts (MatchReport.as_dict, kb.analysis.BundleReport.as_dict; kb.answers.enrich and the views add
# links and remedies); these describe them, and tests/test_schema.py checks real answers against
# them key by key, so the schema can not drift from what is sent.

class LineSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    signature = serializers.CharField(allow_null=True, help_text="The signature it matched; null: its words.")


class MatchedLineSerializer(LineSerializer):
    message = serializers.CharField(help_text="The text without its log prefix (time, pid, level, logger).")
    file = serializers.CharField(required=False, help_text="The log it is in (a job's result).")


class MatchedUpstreamSerializer(serializers.Serializer):
    url = serializers.CharField()
    label = serializers.CharField()
    kind = serializers.ChoiceField(choices=UpstreamLink.Kind.choices)
    kind_label = serializers.CharField()
    status = serializers.ChoiceField(choices=UpstreamLink.Status.choices)
    status_label = serializers.CharField()


class MatchedIssueSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="The issue's page, absolute, as /api/issues gives it.")
    absolute_url = serializers.URLField()
    api_url = serializers.URLField()
    status = serializers.ChoiceField(choices=Issue.Status.choices)
    components = serializers.ListField(child=serializers.CharField())
    remedy = serializers.CharField(help_text="Solution or workaround, Markdown: the full fix.")
    remedy_short = serializers.CharField(
        help_text="The remedy as plain text, cut after a whole sentence or list item (never inside a value)."
    )
    remedy_truncated = serializers.BooleanField(help_text="true when remedy_short leaves part out.")
    fixed_in = serializers.CharField(help_text="Release that carries the fix, when the knowledge says.")
    needs_review = serializers.BooleanField(
        help_text="true: the issue was read from a document's prose and no editor has checked it yet.")
    upstream = MatchedUpstreamSerializer(many=True, help_text="Upstream bugs and patches, kind and status.")


class MatchRelatedSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="The related issue's page, absolute.")
    relation = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    issue = MatchedIssueSerializer()
    score = serializers.FloatField()
    confident = serializers.BooleanField(help_text="False: a weak lead, not a known issue.")
    lines = MatchedLineSerializer(many=True, help_text="The lines that show it (at most 200).")
    line_count = serializers.IntegerField()
    lines_truncated = serializers.BooleanField()
    why = serializers.CharField(help_text="Why it matched, in words.")
    related = MatchRelatedSerializer(many=True)
    # A big log of a job is streamed through triage: it counts every line of an issue, keeps a few.
    count = serializers.IntegerField(required=False, help_text="Triage: the lines counted in the log.")
    first_line = serializers.IntegerField(required=False, help_text="Triage: the first of them.")
    last_line = serializers.IntegerField(required=False, help_text="Triage: the last of them.")


class UnmatchedLineSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    file = serializers.CharField(required=False, help_text="The log it is in (a job's result).")


class MatchReportSerializer(serializers.Serializer):
    verdict = serializers.CharField(
        help_text="known_issue (a confident match), weak_leads (only unconfident leads) or "
        "no_known_issue (nothing worth showing).",
    )
    headline = serializers.CharField(help_text="The one-sentence answer; counts confident matches only.")
    matches = MatchSerializer(many=True)
    lines_total = serializers.IntegerField(help_text="Physical lines read.")
    records_total = serializers.IntegerField(
        allow_null=True, required=False,
        help_text="Log records those lines form: a traceback or a wrapped line is one record, "
        "blank lines none. Matching reads records, so the counts below are records: "
        "lines_matched + unmatched_count = records_total. null when not counted (triage); "
        "absent from results stored before it was given.",
    )
    lines_matched = serializers.IntegerField(help_text="Log records with a confident match.")
    unmatched = UnmatchedLineSerializer(
        many=True, help_text="Log records no issue explains, by the number of their line (at most 200)."
    )
    unmatched_count = serializers.IntegerField(
        allow_null=True, help_text="Log records no issue explains; null when records_total is (triage)."
    )
    unmatched_truncated = serializers.BooleanField()
    unmatched_leading = serializers.IntegerField(
        required=False,
        help_text="Of the unmatched log records, those that are evidence of a weak lead listed in "
        "matches (0 when there is none; absent from results stored before it was given).",
    )
    result_url = serializers.URLField(required=False, help_text="This answer's permalink (/results/<id>/).")


class FileMatchSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="The issue's page, absolute, as /api/issues gives it.")
    score = serializers.FloatField()
    confident = serializers.BooleanField()
    line_count = serializers.IntegerField()
    lines = LineSerializer(many=True, help_text="Its first lines in this file (at most 5).")


class FileGroupSerializer(serializers.Serializer):
    path = serializers.CharField(help_text="The log's path in the upload (a bundle's member).")
    bytes = serializers.IntegerField(help_text="Bytes read (decompressed).")
    compression = serializers.CharField(allow_blank=True, help_text="How it was compressed; empty: not.")
    mode = serializers.ChoiceField(choices=["full", "triage"])
    lines_total = serializers.IntegerField(help_text="Physical lines read.")
    records_total = serializers.IntegerField(
        allow_null=True, required=False,
        help_text="Log records they form (a traceback is one); null for triage.",
    )
    lines_matched = serializers.IntegerField(help_text="Log records with a confident match.")
    matches = FileMatchSerializer(many=True)


class SkippedFileSerializer(serializers.Serializer):
    path = serializers.CharField()
    reason = serializers.CharField(help_text="Why it was not read (binary, a link...).")


class BundleReportSerializer(MatchReportSerializer):
    """A job's result: the /api/match structure over every log of the upload, each line naming its file."""

    mode = serializers.ChoiceField(
        choices=["full", "triage"], required=False,
        help_text="triage when a log was too big to match whole (then unmatched is not gathered).",
    )
    files = FileGroupSerializer(many=True, required=False, help_text="Per log: counts and matches.")
    skipped = SkippedFileSerializer(many=True, required=False, help_text="Members not read.")


class StoredResultSerializer(BundleReportSerializer):
    """A stored answer (its permalink): log lines masked; the pasted text only if its owner kept it."""

    id = serializers.UUIDField()
    created_at = serializers.DateTimeField()
    source = serializers.CharField(help_text="web, api or job.")
    name = serializers.CharField(help_text="The uploaded file's name, if any.")
    url = serializers.URLField(help_text="The result's page.")
    text = serializers.CharField(required=False, help_text="The pasted text, when kept.")


class SearchHitSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="The issue's page, absolute, as /api/issues gives it.")
    absolute_url = serializers.URLField()
    api_url = serializers.URLField()
    score = serializers.FloatField()
    snippet_html = serializers.CharField(help_text="Escaped text with <mark> around the matched words.")
    why = serializers.CharField()


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    count = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class ImportedFileSerializer(serializers.Serializer):
    file = serializers.CharField(help_text="The uploaded file's name.")
    path = serializers.CharField(help_text="The document path it was imported as.")
    ok = serializers.BooleanField()
    error = serializers.CharField(required=False, help_text="Why it was refused (file and line).")
    no_issue = serializers.CharField(
        required=False,
        help_text="Why no issue was recognised in the document (imported, or refused if strict).",
    )
    conflict = serializers.DictField(
        required=False, help_text="The stored document of the same name this file is not (slug, path, title, "
                                  "issues): rename the file, or send replace=true.",
    )
    summary = serializers.DictField(
        required=False, help_text="created, updated, unchanged, retired, kept_edits, warnings."
    )


class ImportResultSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["imported", "no_issue", "partial", "refused", "conflict"],
        help_text="imported: every file, each with an issue; no_issue: every file, some holding no issue "
                  "recognised (listed in no_issue); partial, refused, conflict: some or all refused.",
    )
    dry_run = serializers.BooleanField()
    documents = serializers.IntegerField(help_text="Files sent (the CLI's 'N document(s)').")
    refused = serializers.IntegerField(
        help_text="Files refused (conflicts and, if strict, empty ones included).")
    no_issue = serializers.ListField(
        child=serializers.CharField(), help_text="Paths of the imported documents with no issue recognised.",
    )
    files = ImportedFileSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(required=False, help_text="Messages by field, for validation errors.")
