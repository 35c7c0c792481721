from rest_framework import serializers

from kb.api.fields import IssueSlugField, StrictCharField, StrictModelSerializer
from kb.models import Issue, Signature

from .models import Feedback, UnknownCluster


class UnknownClusterSerializer(serializers.ModelSerializer):
    promoted_to = serializers.SerializerMethodField()

    class Meta:
        model = UnknownCluster
        fields = [
            "id", "template", "program", "logger", "count", "first_seen", "last_seen", "status",
            "sample", "promoted_to",
        ]

    def get_promoted_to(self, cluster) -> dict | None:
        signature = cluster.promoted_signature
        if signature is None:
            return None
        return {"issue": signature.issue.slug, "signature_id": signature.pk, "signature": signature.text}


class UnknownPromoteSerializer(serializers.Serializer):
    issue = IssueSlugField(active=True, help_text="Slug of the issue the template becomes a signature of.")


class UnknownNewIssueSerializer(StrictModelSerializer):
    """The issue an unknown cluster becomes; omitted fields are prefilled from the template."""

    class Meta:
        model = Issue
        fields = ["title", "slug", "status", "symptoms"]
        extra_kwargs = {"title": {"required": False}, "slug": {"required": False}}


class UnknownStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=[UnknownCluster.Status.NEW, UnknownCluster.Status.IGNORED])


class UnknownSignatureSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Signature
        fields = ["id", "issue", "text", "source", "is_active"]


class FeedbackSerializer(serializers.Serializer):
    issue = IssueSlugField(active=True)
    verdict = serializers.ChoiceField(choices=Feedback.Verdict.choices)
    signature = StrictCharField(required=False, allow_blank=True, max_length=1000, write_only=True)
    line = StrictCharField(required=False, allow_blank=True, max_length=4000, write_only=True)
    source = serializers.ChoiceField(choices=Feedback.Source.choices, default=Feedback.Source.API)


class FeedbackResultSerializer(serializers.ModelSerializer):
    issue = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    signature = serializers.SlugRelatedField(
        slug_field="text", read_only=True, allow_null=True, help_text="null: the vote named no signature."
    )

    class Meta:
        model = Feedback
        fields = ["id", "issue", "verdict", "source", "signature", "line_template", "created_at"]
