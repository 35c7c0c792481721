"""API: POST /api/jobs (202 + Location), GET /api/jobs/<id>, cancel, GET /api/results/<id>.

A job takes the log as a multipart `file` part or as the raw body (any
Content-Type: text/plain, application/gzip, application/octet-stream...), up to
KB_MAX_UPLOAD_BYTES, with the permissions of /api/match.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import parsers, serializers, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from kb.answers import enrich
from kb.api import renderers
from kb.api import serializers as api_serializers
from kb.api.fields import MinScoreField
from kb.api.permissions import ReadAccess
from kb.api.views import ApiDefaults, with_answer_links
from kb.intake import human
from kb.links import absolute

from .models import Job
from .queue import TooLarge, submit_upload
from .results import NotYetStored, find
from .running import cancel, recover


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self):
        super().__init__(
            f"The upload is larger than the limit of {human(settings.KB_MAX_UPLOAD_BYTES)} "
            "(KB_MAX_UPLOAD_BYTES)."
        )


class NothingToCancel(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "job_finished"


EMPTY_UPLOAD = "The upload is empty: send the log as multipart 'file' or as the body."


class RawBodyParser(parsers.BaseParser):
    """Any other Content-Type: the body is the log (or bundle), read by the view as a stream."""

    media_type = "*/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"body": stream}


def _min_score(value):
    """The same field and message as /api/match's min_score."""
    if value in (None, ""):
        return None
    try:
        return MinScoreField().run_validation(value)
    except ValidationError as error:
        raise ValidationError({"min_score": error.detail}) from None


class JobStateSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    state = serializers.ChoiceField(choices=Job.State.choices)
    name = serializers.CharField()
    progress = serializers.DictField(help_text=(
        "bytes (of the upload consumed: compressed bytes for a compressed upload), bytes_total (its "
        "size), lines (read, decompressed), files (done), current (the file being read)"))
    error = serializers.CharField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.URLField(help_text="The job's page.")
    api_url = serializers.URLField()
    result_url = serializers.URLField(allow_null=True, help_text="The result's permalink, when done.")
    result = api_serializers.BundleReportSerializer(
        allow_null=True, help_text="When done: the /api/match structure plus `files` and `skipped`."
    )


def job_dict(request, job: Job, *, with_result: bool = True) -> dict:
    result = job.result if job.result_id else None
    return {
        "id": str(job.pk),
        "state": job.state,
        "name": job.name,
        "progress": job.progress(),
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "url": request.build_absolute_uri(job.get_absolute_url()),
        "api_url": reverse("api:job", kwargs={"pk": job.pk}, request=request),
        "result_url": request.build_absolute_uri(result.get_absolute_url()) if result else None,
        "result": _linked(request, result.report) if result and with_result else None,
    }


def _linked(request, report: dict) -> dict:
    report = enrich(dict(report))
    # links absolute, as /api/match and /api/issues give them
    report["matches"] = [with_answer_links(request, dict(match, issue=dict(match["issue"])))
                         for match in report["matches"]]
    if "files" in report:
        report["files"] = [
            dict(group, matches=[dict(m, url=absolute(m["url"], request)) for m in group["matches"]])
            for group in report["files"]
        ]
    return report


class JobListView(ApiDefaults, APIView):
    """Start a job: the log or bundle as multipart `file`, or as the raw body. 202 + Location."""

    permission_classes = [ReadAccess]
    parser_classes = [parsers.MultiPartParser, RawBodyParser]

    @extend_schema(
        request={"multipart/form-data": OpenApiTypes.OBJECT, "application/octet-stream": OpenApiTypes.BINARY},
        parameters=[OpenApiParameter("min_score", float, description="Leave out lower scores.")],
        responses={202: JobStateSerializer},
    )
    def post(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.KB_MAX_UPLOAD_BYTES + (1 << 20):
            raise UploadTooLarge()
        min_score = _min_score(request.query_params.get("min_score") or request.data.get("min_score"))
        upload, name = self._upload(request)
        try:
            job = submit_upload(upload, name, min_score)
        except TooLarge:
            raise UploadTooLarge() from None
        if not job.input_bytes:
            job.delete()
            raise ValidationError(EMPTY_UPLOAD)
        body = job_dict(request, job)
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["api_url"]})

    def _upload(self, request):
        files = request.FILES.getlist("file") if hasattr(request, "FILES") else []
        if len(files) > 1:
            raise ValidationError("Send one file per job (a bundle: .tar.gz or .zip).")
        if files:
            return files[0], files[0].name
        body = request.data.get("body") if isinstance(request.data, dict) else None
        if body is None and not (request.META.get("CONTENT_LENGTH") or "").strip("0"):
            # DRF parses no empty body: nothing was sent, or the log sent as the body is empty
            raise ValidationError(EMPTY_UPLOAD)
        if body is None:
            raise ValidationError("Send the log as multipart field 'file' or as the request body.")
        name = request.query_params.get("name", "") or "upload"
        return body, name


class JobDetailView(ApiDefaults, APIView):
    """A job's state and progress; when done, its result."""

    permission_classes = [ReadAccess]

    @extend_schema(responses=JobStateSerializer)
    def get(self, request, pk):
        job = recover(get_object_or_404(Job.objects.select_related("result"), pk=pk))
        return Response(job_dict(request, job))


class JobCancelView(ApiDefaults, APIView):
    """Cancel a job: a queued one stops at once, a running one within a second or two."""

    permission_classes = [ReadAccess]

    @extend_schema(request=None, responses={202: JobStateSerializer})
    def post(self, request, pk):
        job = get_object_or_404(Job, pk=pk)
        if job.finished:  # 202 would say it is going to stop
            raise NothingToCancel(f"The job is already {job.state}: there is nothing to cancel.")
        return Response(job_dict(request, cancel(job)), status=status.HTTP_202_ACCEPTED)


class ResultView(ApiDefaults, APIView):
    """A stored answer (its permalink): the /api/match structure, plus files and skipped for jobs.

    `Accept: text/plain` (or `?format=text`) lays it out as /api/match's text answer does.
    """

    permission_classes = [ReadAccess]
    renderer_classes = [JSONRenderer, renderers.PlainTextRenderer, renderers.BrowsableAPIRenderer]

    def render_text(self, data):
        return renderers.match_text({**data, "result_url": data.get("url")})

    @extend_schema(responses=api_serializers.StoredResultSerializer)
    def get(self, request, pk):
        try:
            result = find(pk)
        except NotYetStored as pending:
            return Response({"detail": str(pending)}, status=status.HTTP_503_SERVICE_UNAVAILABLE,
                            headers={"Retry-After": str(pending.retry_after)})
        if result is None:
            raise Http404("No such result.")
        body = {
            "id": str(result.pk),
            "created_at": result.created_at,
            "source": result.source,
            "name": result.name,
            "url": request.build_absolute_uri(result.get_absolute_url()),
            **_linked(request, result.report),
        }
        if result.text:
            body["text"] = result.text
        return Response(body)
