"""REST endpoints of kb.learning: the unknown-errors queue and feedback.

Authentication, throttling and pagination are the API's defaults
(settings.REST_FRAMEWORK), so tokens and limits work here as in kb/api.
Reading follows the default permission (public unless KB_PUBLIC_READ=false);
the queue's actions also need a staff user.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from kb.api.permissions import ReadAccess
from kb.api.schema import AutoSchema
from kb.models import Issue
from kb.slugs import free_slug

from .forms import UnknownFilterForm
from .models import UnknownCluster
from .recording import record_feedback
from .serializers import (
    FeedbackResultSerializer,
    FeedbackSerializer,
    UnknownClusterSerializer,
    UnknownNewIssueSerializer,
    UnknownPromoteSerializer,
    UnknownSignatureSerializer,
    UnknownStatusSerializer,
)


def _invalid(exc: DjangoValidationError) -> serializers.ValidationError:
    return serializers.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)


class UnknownPromotedSerializer(serializers.Serializer):
    cluster = UnknownClusterSerializer()
    signature = UnknownSignatureSerializer()


@extend_schema(parameters=[
    OpenApiParameter("status", enum=UnknownCluster.Status.values, description="Only clusters in this state."),
    OpenApiParameter("sort", enum=["count", "last_seen"], description="Most lines (default) or most recent."),
])
class UnknownClusterViewSet(viewsets.ReadOnlyModelViewSet):
    """Log lines no known issue matched, clustered by their masked template."""

    serializer_class = UnknownClusterSerializer
    schema = AutoSchema()  # documents the error responses

    def get_queryset(self):
        form = UnknownFilterForm(self.request.query_params)
        if not form.is_valid():  # an unknown ?status= or ?sort= is a mistake to say, not "everything"
            raise serializers.ValidationError(form.errors)
        filters = form.cleaned_data
        return UnknownCluster.objects.listing(
            status=filters.get("status", ""), sort=filters.get("sort") or "count"
        ).select_related("promoted_signature__issue")

    def get_permissions(self):
        permissions = super().get_permissions()
        if self.request.method not in SAFE_METHODS:
            permissions.append(IsAdminUser())
        return permissions

    def _promoted(self, cluster, signature, code=status.HTTP_200_OK):
        cluster.refresh_from_db()
        body = UnknownPromotedSerializer({"cluster": cluster, "signature": signature})
        return Response(body.data, status=code)

    @extend_schema(request=UnknownPromoteSerializer, responses={200: UnknownPromotedSerializer})
    @action(detail=True, methods=["post"])
    def signature(self, request, pk=None):
        """Add the cluster's template as a signature of an existing issue."""
        cluster = self.get_object()
        body = UnknownPromoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            signature = cluster.promote_to(body.validated_data["issue"])
        except DjangoValidationError as exc:
            raise _invalid(exc) from None
        return self._promoted(cluster, signature)

    @extend_schema(request=UnknownNewIssueSerializer, responses={201: UnknownPromotedSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        """Make a new issue from the cluster, with its template as symptom and signature."""
        cluster = self.get_object()
        body = UnknownNewIssueSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        title = data.get("title") or cluster.suggested_title()
        issue = Issue(
            title=title,
            slug=data.get("slug") or free_slug(Issue, title),
            status=data.get("status", Issue.Status.INVESTIGATING),
            symptoms=data.get("symptoms") or cluster.suggested_symptoms(),
        )
        try:
            signature = cluster.promote_to_new_issue(issue)
        except DjangoValidationError as exc:
            raise _invalid(exc) from None
        except IntegrityError:
            raise serializers.ValidationError({"slug": ["An issue with this slug exists."]}) from None
        return self._promoted(cluster, signature, status.HTTP_201_CREATED)

    @extend_schema(request=UnknownStatusSerializer, responses={200: UnknownClusterSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, pk=None):
        """Ignore a cluster, or put it back in the queue (status "new")."""
        cluster = self.get_object()
        body = UnknownStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        cluster.set_status(body.validated_data["status"])
        return Response(UnknownClusterSerializer(cluster).data)


class FeedbackView(APIView):
    """Say whether an answer helped or named the wrong issue. The line is stored masked."""

    # Anyone who may read may vote: anyone on a public kb; with KB_PUBLIC_READ=false, anyone logged in.
    permission_classes = [ReadAccess]
    schema = AutoSchema()  # documents the error responses

    @extend_schema(request=FeedbackSerializer, responses={201: FeedbackResultSerializer})
    def post(self, request):
        body = FeedbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        feedback = record_feedback(
            data["issue"], data["verdict"], data["source"],
            signature_text=data.get("signature", ""), line=data.get("line", ""),
        )
        return Response(FeedbackResultSerializer(feedback).data, status=status.HTTP_201_CREATED)
