"""API views: short viewsets over the models, and search / match / import actions."""

import logging
import re

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, Prefetch, Q
from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, PolymorphicProxySerializer, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import status, viewsets
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from kb.answers import enrich
from kb.intake import binary_reason, is_binary
from kb.intake.formats import Refused
from kb.intake.text import BundleGiven, TooLarge, read_text
from kb.jobs.results import store
from kb.learning.queries import with_hits
from kb.learning.recording import record_report
from kb.links import absolute
from kb.matching.budget import MatchTooCostly
from kb.matching.loader import current_engine
from kb.middleware import SWAGGER_POLICY
from kb.models import Component, Document, Issue, IssueRelation, Signature

from . import renderers, serializers
from .exceptions import PayloadTooLarge, jobs_hint
from .filters import IssueFilterBackend, SignatureFilterBackend, StrictOrderingFilter
from .negotiation import ContentNegotiation
from .parsers import BodyLimitMixin, JSONParser, PlainTextParser, read_limited
from .permissions import ReadAccess
from .readcache import CachedReads
from .schema import AutoSchema
from .uploads import import_upload
from .versions import VersionedDetail

logger = logging.getLogger(__name__)

# URL lookups. A NUL byte would reach PostgreSQL, which refuses it with an error (a 500);
# component names may hold "/" and ".", e.g. /api/components/openstack/nova/.
SLUG_IN_URL = "[-a-zA-Z0-9_]+"
NAME_IN_URL = r"[^\x00]+?"
TEXT_FORMAT = [
    OpenApiParameter("format", str, enum=["json", "text"], description="`text`: plain text for terminals."),
]


BROWSABLE_MATCH_HELP = (
    "Paste log text in the form below and POST it (as JSON {\"text\": \"...\"} or as text/plain), "
    "or GET /api/match?q=<a log line>."
)


class ApiDefaults:
    """What every API view has: the schema with its error responses, and a 406 for an unknown ?format=."""

    schema = AutoSchema()
    content_negotiation_class = ContentNegotiation


class IssueViewSet(ApiDefaults, BodyLimitMixin, VersionedDetail, CachedReads, viewsets.ModelViewSet):
    """Known issues. The list holds active issues; retired ones stay reachable by slug."""

    lookup_field = "slug"
    lookup_value_regex = SLUG_IN_URL
    filter_backends = [IssueFilterBackend, StrictOrderingFilter]
    # "-hits_24h" is "hot now": the issues matching most pastes in the last 24 hours.
    ordering_fields = ["title", "updated_at", "status", "hits_24h", "hits_10d", "last_seen"]
    renderer_classes = [JSONRenderer, renderers.BrowsableAPIRenderer, renderers.CSVRenderer]

    def paginate_queryset(self, queryset):
        # ?format=csv exports the whole filtered list, as NetBox's and the Django admin's exports do.
        if getattr(self.request.accepted_renderer, "format", None) == "csv":
            return None
        return super().paginate_queryset(queryset)

    def get_queryset(self):
        if self.action == "list":  # the list shows no prose: leave the big columns in the database
            return with_hits(Issue.objects.active().for_listing().defer(*Issue.PROSE_FIELDS))
        return with_hits(Issue.objects.select_related("document")).prefetch_related(
            "components",
            "upstream_links",
            "signatures",
            Prefetch("relations", queryset=IssueRelation.objects.select_related("to_issue")),
            Prefetch("incoming_relations", queryset=IssueRelation.objects.select_related("from_issue")),
        )

    def get_serializer_class(self):
        return serializers.IssueSerializer if self.action == "list" else serializers.IssueDetailSerializer


class SignatureViewSet(ApiDefaults, BodyLimitMixin, VersionedDetail, CachedReads, viewsets.ModelViewSet):
    """Log signatures of issues. Created here, they are the editor's: imports never touch them."""

    queryset = Signature.objects.select_related("issue")
    serializer_class = serializers.SignatureSerializer
    filter_backends = [SignatureFilterBackend]
    lookup_value_regex = "[0-9]+"


class ComponentViewSet(ApiDefaults, CachedReads, viewsets.ReadOnlyModelViewSet):
    queryset = Component.objects.annotate(issue_count=Count("issues", filter=Q(issues__retired=False)))
    serializer_class = serializers.ComponentSerializer
    lookup_field = "name"
    lookup_value_regex = NAME_IN_URL


class DocumentViewSet(ApiDefaults, CachedReads, viewsets.ReadOnlyModelViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_IN_URL

    def get_queryset(self):
        documents = Document.objects.annotate(issue_count=Count("issues", filter=Q(issues__retired=False)))
        if self.action == "list":
            return documents.defer("content")
        active = Issue.objects.active().order_by("position")
        return documents.prefetch_related(Prefetch("issues", queryset=active, to_attr="active_issues"))

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.DocumentSerializer
        return serializers.DocumentDetailSerializer


class SearchView(ApiDefaults, BodyLimitMixin, APIView):
    """Full-text search over the issues."""

    permission_classes = [ReadAccess]
    renderer_classes = [JSONRenderer, renderers.PlainTextRenderer, renderers.BrowsableAPIRenderer]

    @extend_schema(
        parameters=[serializers.SearchQuerySerializer, *TEXT_FORMAT],
        responses=serializers.SearchResultSerializer,
    )
    def get(self, request):
        if "q" not in request.query_params and getattr(request.accepted_renderer, "format", "") == "api":
            return Response({"detail": "GET /api/search?q=<words> searches the known issues."})
        query = _valid(serializers.SearchQuerySerializer, request.query_params)
        hits = current_engine().search(query["q"], limit=query["limit"])
        results = [_with_links(request, _hit_dict(hit)) for hit in hits]
        return Response({"query": query["q"], "count": len(results), "results": results})

    def render_text(self, data):
        return renderers.search_text(data)


class MatchView(ApiDefaults, BodyLimitMixin, APIView):
    """Which known issues does this log text show? POST the text (JSON or text/plain), or GET ?q=."""

    permission_classes = [ReadAccess]
    parser_classes = [JSONParser, PlainTextParser, MultiPartParser]
    too_large_hint = staticmethod(jobs_hint)
    renderer_classes = [JSONRenderer, renderers.PlainTextRenderer, renderers.BrowsableAPIRenderer]

    @extend_schema(
        parameters=[serializers.MatchQuerySerializer, *TEXT_FORMAT],
        responses=serializers.MatchReportSerializer,
    )
    def get(self, request):
        if "q" not in request.query_params and getattr(request.accepted_renderer, "format", "") == "api":
            # A person opening /api/match in a browser gets the page with its POST form, not a 400;
            # scripts (JSON, text) still get the 400 that names the missing q.
            return Response({"detail": BROWSABLE_MATCH_HELP})
        query = _valid(serializers.MatchQuerySerializer, request.query_params)
        return self._match(request, text=query["q"], min_score=query.get("min_score"), record=query["record"])

    @extend_schema(
        request={"application/json": serializers.MatchRequestSerializer, "text/plain": OpenApiTypes.STR,
                 "multipart/form-data": serializers.MatchUploadSerializer},
        parameters=[
            OpenApiParameter("min_score", float, description="text/plain body: leave out lower scores."),
            OpenApiParameter("record", bool, description=f"Any body: {serializers.RECORD_HELP}"),
            *TEXT_FORMAT,
        ],
        responses=serializers.MatchReportSerializer,
    )
    def post(self, request):
        body = request.data
        if request.content_type.startswith("text/plain"):
            body = {"text": body if isinstance(body, str) else ""}  # DRF does not parse an empty body
        elif request.content_type.startswith("multipart/form-data"):
            body = {"text": uploaded_text(request), **_scalars(request.data, "min_score", "record")}
        elif not isinstance(body, dict):
            raise ParseError('Send a JSON object {"text": ...} or {"lines": [...]}, or a text/plain body.')
        for name in ("min_score", "record"):  # (a text/plain body has no field for them)
            if name not in body and name in request.query_params:
                body = {**body, name: request.query_params[name]}
        data = _valid(serializers.MatchRequestSerializer, body)
        pasted = data.get("text") if data.get("lines") is None else "\n".join(data["lines"])
        if pasted and is_binary(pasted.encode("utf-8", "replace")):
            raise ParseError(binary_reason("The text"))
        return self._match(request, text=data.get("text"), lines=data.get("lines"),
                           min_score=data.get("min_score"), record=data["record"])

    def _match(self, request, *, text=None, lines=None, min_score=None, record=True):
        engine = current_engine()
        budget = settings.KB_MATCH_CPU_SECONDS
        try:
            if lines is not None:
                report = engine.match_lines(lines, min_score=min_score, cpu_seconds=budget)
            else:
                report = engine.match_text(text, min_score=min_score, cpu_seconds=budget)
        except MatchTooCostly as exc:
            raise PayloadTooLarge(f"{exc} {jobs_hint()}") from None
        if record:  # (record=false: a trial's or a test's paste, no incident to count)
            record_report(report, "api", text=text if lines is None else "\n".join(lines))
        try:
            result = store(report, "api", wait_for_disk=False)
        except DatabaseError:  # the database is away: the answer matters more than its permalink
            logger.warning("answered /api/match without a permalink: the database is unavailable")
            result = None
        data = report.as_dict()  # the answer leaves the process: from here on, a dict
        try:
            enrich(data)  # after storing: the permalink keeps the masked lines only, enriched when shown
        except DatabaseError:  # the same: answer without the enrichment rather than not at all
            logger.warning("answered /api/match without enrichment: the database is unavailable")
        for match in data["matches"]:
            with_answer_links(request, match)
        if result is not None:
            data["result_url"] = absolute(result.get_absolute_url(), request)
        return Response(data)

    def render_text(self, data):
        return renderers.match_text(data)


class ImportView(ApiDefaults, BodyLimitMixin, APIView):
    """Import RST documents, one transaction per file (as `manage.py import_rst`).

    200 when every file was imported, 400 when every file was refused, and
    207 (Multi-Status) when some were imported and some refused: the
    imported ones are committed, and `files` says which is which. 409 when every file was
    refused because a stored document has its name and none of its issues (kb.sync.DocumentNameTaken).
    A document in which no issue is recognised is imported (status "no_issue", still 200, as
    the CLI counts it) unless `strict` refuses it.
    """

    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": serializers.ImportRequestSerializer},
        responses={
            200: serializers.ImportResultSerializer,
            207: OpenApiResponse(serializers.ImportResultSerializer, description="Some files refused."),
            409: OpenApiResponse(serializers.ImportResultSerializer,
                                 description="Every file is named like a stored document it shares "
                                             "no issue with."),
            400: OpenApiResponse(
                PolymorphicProxySerializer(
                    component_name="ImportRefusal",
                    serializers=[serializers.ImportResultSerializer, serializers.ErrorSerializer],
                    resource_type_field_name=None,
                ),
                description="All files refused (an import result), or bad input (an error: no file).",
            ),
        },
    )
    def post(self, request):
        options = _valid(serializers.ImportOptionsSerializer, request.data)
        uploads = [upload for name in request.FILES for upload in request.FILES.getlist(name)]
        if not uploads:
            raise ValidationError("Attach one or more documents (RST or Markdown) as multipart field 'file'.")
        files = [
            import_upload(upload.name, upload.read(), **options)
            for upload in uploads
        ]
        imported = sum(item["ok"] for item in files)
        empty = [item["path"] for item in files if item["ok"] and "no_issue" in item]
        outcome, code = (
            ("imported", status.HTTP_200_OK) if imported == len(files) and not empty
            else ("no_issue", status.HTTP_200_OK) if imported == len(files)
            else ("conflict", status.HTTP_409_CONFLICT) if all("conflict" in item for item in files)
            else ("refused", status.HTTP_400_BAD_REQUEST) if not imported
            else ("partial", status.HTTP_207_MULTI_STATUS)
        )
        body = {"status": outcome, "dry_run": options["dry_run"], "documents": len(files),
                "refused": len(files) - imported, "no_issue": empty, "files": files}
        return Response(body, status=code)


class ApiRootView(ApiDefaults, APIView):
    """kb's REST API: where everything is."""

    permission_classes = [ReadAccess]

    @extend_schema(exclude=True)
    def get(self, request):
        names = ["issue-list", "signature-list", "component-list", "document-list", "search", "match",
                 "import", "schema", "docs", "unknown-list", "feedback", "jobs"]
        return Response({n.removesuffix("-list"): reverse(f"api:{n}", request=request) for n in names})


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI. The split view serves its start-up script from a URL: no inline script for the CSP.

    Swagger UI adds one <style> element of its own at start-up; the policy of this page allows
    that one by its hash (kb.middleware.SWAGGER_POLICY), so the console stays free of CSP errors.
    """

    # drf-spectacular renders OPTIONS with the page template and no schema URL: a 500.
    http_method_names = ["get", "head"]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = SWAGGER_POLICY
        return response


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown API paths get JSON; a path that only lacks (or has an extra) trailing slash is served.

    Django's APPEND_SLASH would redirect instead, which turns a script's
    POST into a GET (or, with DEBUG, an error page).
    """
    path = request.path_info
    other = path[:-1] if path.endswith("/") else f"{path}/"
    try:
        match = resolve(other)
    except Resolver404:
        match = None
    if match is not None and match.func is not not_found:
        return match.func(request, *match.args, **match.kwargs)
    malformed = MALFORMED_ID.match(path)
    if malformed:  # a link cut short when pasted: the endpoint exists, the id does not
        noun, given = malformed.group(1)[:-1], malformed.group(2)
        return JsonResponse({"detail": f"{given!r} is not a {noun} id: {noun} ids are UUIDs "
                                       "(was the link cut short?)."}, status=404)
    return JsonResponse({"detail": f"No API endpoint at {path}; GET /api/ lists them."}, status=404)


# /api/jobs/<id>, /api/jobs/<id>/cancel and /api/results/<id> with an id that is no UUID
MALFORMED_ID = re.compile(r"^/api/(jobs|results)/([^/]+)(?:/cancel)?/?$")


def uploaded_text(request) -> str:
    """The `file` part of a multipart match, read as every surface reads a file (kb.intake)."""
    upload = request.FILES.get("file")
    if upload is None:
        raise ValidationError({"file": ["Attach the log as the multipart part 'file'."]})
    try:
        return read_text(read_limited(upload), upload.name, settings.KB_MAX_PASTE_BYTES)
    except BundleGiven:
        bundle = f"{upload.name} is a bundle of several logs: POST it to /api/jobs."
        raise ValidationError({"file": [bundle]}) from None
    except TooLarge as exc:
        raise PayloadTooLarge(f"{exc} {jobs_hint()}") from None
    except Refused as exc:
        raise ValidationError({"file": [str(exc)]}) from None


def _scalars(data, *names) -> dict:
    return {name: data[name] for name in names if name in data}


def _valid(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _hit_dict(hit) -> dict:
    return {"slug": hit.slug, "title": hit.title, "url": hit.url, "score": hit.score,
            "snippet_html": hit.snippet_html, "why": hit.why}


def _with_links(request, item: dict) -> dict:
    """An engine dict that has slug and url (a path) with its links absolute, as /api/issues gives
    them: url and absolute_url (the same: it was the one absolute link; url was a path, so a
    client following `url` from a match and from a list got two kinds of link) and api_url."""
    item["url"] = item["absolute_url"] = absolute(item["url"], request)
    item["api_url"] = reverse("api:issue-detail", kwargs={"slug": item["slug"]}, request=request)
    return item


def with_answer_links(request, match: dict) -> dict:
    """A match of an answer with its issue's and its related issues' links absolute."""
    _with_links(request, match["issue"])
    match["related"] = [dict(related, url=absolute(related["url"], request)) for related in match["related"]]
    return match
