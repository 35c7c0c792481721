from django.contrib import admin

from .models import Feedback, HitBucket, SignatureQuality, UnknownCluster, verdict_counts


class SignatureLearningColumns:
    """Columns for kb.admin.SignatureAdmin: feedback votes and the healthy-logs flag.

    Mixed in by the lead (kb/admin.py belongs to the browse side):
        class SignatureAdmin(SignatureLearningColumns, admin.ModelAdmin):
            list_display = [..., *SignatureLearningColumns.learning_columns]
    """

    learning_columns = ["helped_votes", "wrong_votes", "too_broad"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("quality").annotate(
            **{f"learning_{name}": count for name, count in verdict_counts("feedback__").items()}
        )

    @admin.display(description="Helped", ordering="learning_helped")
    def helped_votes(self, obj):
        return obj.learning_helped

    @admin.display(description="Wrong issue", ordering="learning_wrong")
    def wrong_votes(self, obj):
        return obj.learning_wrong

    @admin.display(boolean=True, description="Too broad", ordering="quality__too_broad")
    def too_broad(self, obj):
        quality = getattr(obj, "quality", None)
        return None if quality is None else quality.too_broad


@admin.register(SignatureQuality)
class SignatureQualityAdmin(admin.ModelAdmin):
    """Signatures as `check_signatures` last found them, with their feedback counts."""

    list_display = ["signature", "issue", "too_broad", "healthy_hits", "checked_files", "helped", "wrong",
                    "checked_at"]
    list_filter = ["too_broad"]
    search_fields = ["signature__text", "signature__issue__title"]
    readonly_fields = [
        "signature", "too_broad", "healthy_hits", "checked_files", "checked_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("signature__issue").annotate(
            **{name: count for name, count in verdict_counts("signature__feedback__").items()}
        )

    @admin.display(ordering="signature__issue__title")
    def issue(self, obj):
        return obj.signature.issue

    @admin.display(description="Helped", ordering="helped")
    def helped(self, obj):
        return obj.helped

    @admin.display(description="Wrong issue", ordering="wrong")
    def wrong(self, obj):
        return obj.wrong

    def has_add_permission(self, request):
        return False


@admin.register(UnknownCluster)
class UnknownClusterAdmin(admin.ModelAdmin):
    list_display = ["template", "program", "logger", "count", "status", "first_seen", "last_seen"]
    list_filter = ["status", "program"]
    search_fields = ["template", "program", "logger"]
    readonly_fields = ["template", "template_hash", "program", "logger", "count", "first_seen", "last_seen",
                       "sample", "promoted_signature"]
    fields = ["status", *readonly_fields]
    actions = ["ignore"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Ignore the selected clusters")
    def ignore(self, request, queryset):
        queryset.exclude(status=UnknownCluster.Status.PROMOTED).update(status=UnknownCluster.Status.IGNORED)


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["created_at", "verdict", "issue", "signature", "source"]
    list_filter = ["verdict", "source"]
    search_fields = ["issue__title", "signature__text", "line_template"]
    list_select_related = ["issue", "signature"]
    readonly_fields = ["issue", "signature", "verdict", "source", "line_template", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(HitBucket)
class HitBucketAdmin(admin.ModelAdmin):
    list_display = ["hour", "issue", "signature", "count"]
    list_filter = [("signature", admin.EmptyFieldListFilter)]
    search_fields = ["issue__title", "issue__slug"]
    list_select_related = ["issue", "signature"]
    date_hierarchy = "hour"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
