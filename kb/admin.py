from django import forms
from django.contrib import admin
from django.db import models
from django.template.response import TemplateResponse

from .editors import last_save
from .learning.admin import SignatureLearningColumns
from .models import ApiToken, Component, Document, Issue, IssueRelation, Signature, UpstreamLink
from .prose import PROSE_FIELDS


class VersionCheckedForm(forms.ModelForm):
    """Refuses to save over a version saved by someone else since the form was opened.

    The form carries the updated_at it was opened with; the admin saves in a
    transaction, and the row is locked (PostgreSQL) while it is compared, so
    the check and the save can not be split by another editor's save.
    """

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["version"] = self.instance.updated_at.isoformat()

    def clean(self):
        data = super().clean()
        sent = data.get("version")
        if self.instance.pk and sent:
            model = type(self.instance)
            # order_by(): Issue's default ordering joins the nullable document, and PostgreSQL
            # refuses FOR UPDATE on the nullable side of an outer join.
            current = (model.objects.select_for_update().filter(pk=self.instance.pk).order_by()
                       .values_list("updated_at", "updated_by").first())
            if current is not None and current[0].isoformat() != sent:
                saved_at, saved_by = current
                raise forms.ValidationError(
                    f"Not saved: {last_save(saved_by, saved_at, model._meta.verbose_name)}, after you "
                    "opened it. Your changes would undo theirs: open it again (your edits are still in "
                    "this form to copy) and make your change there.",
                    code="stale",
                )
        return data


class RowsStillThereFormSet(forms.BaseInlineFormSet):
    """Names a row another editor deleted since the page was opened.

    Django reads such a row's id as an invalid choice of a hidden field, whose error the
    tabular inline never shows: the page said "Please correct the error below." with no error
    on it, and said it again at every save. The row's issue is not saved either way; this says
    why, and what to do.
    """

    def clean(self):
        super().clean()
        key = self.model._meta.pk.name
        gone = [form for form in self.initial_forms
                if form.instance._state.adding and form.data.get(form.add_prefix(key))]
        if gone:
            meta = self.model._meta
            article = "an" if meta.verbose_name[:1] in "aeiou" else "a"
            what = f"{article} {meta.verbose_name} of this issue was" if len(gone) == 1 else (
                f"{len(gone)} {meta.verbose_name_plural} of this issue were")
            raise forms.ValidationError(
                f"Not saved: {what} deleted by someone else after you opened this page. Open it again "
                "(your edits are still in this form to copy) and make your change there.",
                code="stale",
            )


class SignatureInline(admin.TabularInline):
    model = Signature
    formset = RowsStillThereFormSet
    extra = 1
    fields = ["text", "source", "is_sign", "is_active"]


# Upstream trackers are https; say so instead of relying on Django 5's http default.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class UpstreamLinkInline(admin.TabularInline):
    model = UpstreamLink
    formset = RowsStillThereFormSet
    formfield_overrides = URL_FIELDS
    extra = 0
    fields = ["url", "kind", "label", "status", "position"]


class RelationInline(admin.TabularInline):
    model = IssueRelation
    formset = RowsStillThereFormSet
    fk_name = "from_issue"
    extra = 0
    fields = ["to_issue", "kind", "from_document"]
    autocomplete_fields = ["to_issue"]


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    form = VersionCheckedForm
    list_display = ["title", "status", "environment", "document", "retired", "edited", "updated_at"]
    list_filter = ["status", "needs_review", "structure", "retired", "environment", "components", "document"]
    search_fields = ["title", "slug", "symptoms", "root_cause", "signatures__text"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["components"]
    readonly_fields = ["document", "anchor", "line", "structure", "import_fingerprint", "first_seen",
                       "last_seen", "created_at", "updated_at", "updated_by"]
    inlines = [SignatureInline, UpstreamLinkInline, RelationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "fixed_in", "components", "environment", "category",
                           "version"]}),
        ("Knowledge (Markdown)", {"fields": list(PROSE_FIELDS)}),
        ("Source", {"fields": ["document", "anchor", "line", "structure", "needs_review", "retired",
                               "import_fingerprint",
                               "created_at", "updated_at", "updated_by"]}),
        ("Seen in pastes", {"fields": ["first_seen", "last_seen"]}),
    ]

    @admin.display(boolean=True, description="Edited since import")
    def edited(self, obj):
        return obj.edited_since_import

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")


@admin.register(Signature)
class SignatureAdmin(SignatureLearningColumns, admin.ModelAdmin):
    form = VersionCheckedForm
    list_display = ["text", "issue", "source", "is_sign", "is_active",
                    *SignatureLearningColumns.learning_columns]
    list_filter = ["source", "is_sign", "is_active"]
    search_fields = ["text", "issue__title"]
    autocomplete_fields = ["issue"]
    list_select_related = ["issue"]


@admin.register(UpstreamLink)
class UpstreamLinkAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS
    list_display = ["label", "url", "kind", "status", "issue"]
    list_filter = ["kind", "status"]
    search_fields = ["url", "label", "issue__title"]
    list_select_related = ["issue"]


@admin.register(IssueRelation)
class IssueRelationAdmin(admin.ModelAdmin):
    list_display = ["from_issue", "kind", "to_issue", "from_document"]
    list_filter = ["kind", "from_document"]
    autocomplete_fields = ["from_issue", "to_issue"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["path", "title", "imported_at", "sha256"]
    search_fields = ["path", "title"]
    readonly_fields = ["sha256", "imported_at"]


@admin.register(Component)
class ComponentAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens for the REST API. A new token's key is shown once, on the page after "Save"."""

    list_display = ["name", "user", "prefix", "write", "expires_at", "last_used_at", "created_at"]
    list_filter = ["write"]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    fields = ["user", "name", "write", "expires_at", "prefix", "last_used_at", "created_at"]
    readonly_fields = ["prefix", "last_used_at", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.new_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        # Rendered, not redirected: the key never goes through the messages cookie.
        return TemplateResponse(request, "admin/kb/apitoken/key.html", {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "API token created",
            "token": obj,
            "key": obj.new_key,
        })
