"""Every error as JSON with a `detail` sentence; bad input never becomes a 500."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from kb.errors import csrf_message
from kb.intake import human

logger = logging.getLogger(__name__)

# How DRF's SessionAuthentication words a CSRF refusal ("CSRF Failed: CSRF token missing.").
DRF_CSRF_FAILED = "CSRF Failed:"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "payload_too_large"

    def __init__(self, detail: str = "", *, hint: str = "send less text or split it."):
        limit = settings.KB_MAX_PASTE_BYTES
        super().__init__(detail or (
            f"The body is larger than the limit of {human(limit)} (KB_MAX_PASTE_BYTES): {hint}"
        ))


def jobs_hint() -> str:
    """Where a log too large to match at once goes (README: Big logs, bundles and jobs)."""
    return (f"POST it to /api/jobs instead, which reads logs up to {human(settings.KB_MAX_UPLOAD_BYTES)} "
            "(KB_MAX_UPLOAD_BYTES) as a job.")


# Seconds a client should wait after a 503: a PostgreSQL restart or failover takes a few.
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "database_unavailable"
    default_detail = (f"The database is unavailable (restarting, read-only or full); "
                      f"try again in {RETRY_AFTER_SECONDS} s.")


def exception_handler(exc, context):
    exc = _translate(exc, context)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = _with_detail(response.data)
    if isinstance(exc, DatabaseUnavailable):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _translate(exc, context):
    if isinstance(exc, DatabaseError):
        logger.warning("database error answered 503: %s", exc)
        return DatabaseUnavailable()
    if isinstance(exc, RequestDataTooBig):
        return PayloadTooLarge()
    if isinstance(exc, (TooManyFieldsSent, TooManyFilesSent)):
        return exceptions.ParseError(str(exc))
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, exceptions.PermissionDenied) and str(exc.detail).startswith(DRF_CSRF_FAILED):
        # a session without its CSRF token: the same explanation as a page's (kb.errors)
        return exceptions.PermissionDenied(csrf_message(str(exc.detail)[len(DRF_CSRF_FAILED):].strip()))
    if isinstance(exc, exceptions.UnsupportedMediaType):
        request = context["request"]
        accepted = ", ".join(parser.media_type for parser in request.parsers)
        sent = request.content_type
        what = f'Unsupported media type "{sent}"' if sent else "No Content-Type header"
        hint = " (curl: -H 'Content-Type: text/plain')" if "text/plain" in accepted else ""
        return exceptions.UnsupportedMediaType(sent, detail=f"{what}: send {accepted}{hint}.")
    return exc


def _with_detail(data):
    """DRF gives {field: [messages]}; add one readable sentence in `detail`, keep the rest in `errors`."""
    detail = " ".join(f"{where}: {text}" if where else text for where, text in _messages(data))
    return {"detail": detail} if isinstance(data, list) else {"detail": detail, "errors": data}


def _messages(data, where=""):
    """(field path, text) pairs from DRF's nested error structure, e.g. ("lines[2]", "Not a string.")."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("non_field_errors", "detail"):
                yield from _messages(value, where)
            else:
                yield from _messages(value, f"{where}[{key}]" if isinstance(key, int) or where else str(key))
    elif isinstance(data, list) and all(isinstance(item, str) for item in data):
        if data:
            yield where, " ".join(data)
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from _messages(item, f"{where}[{index}]")
    else:
        yield where, str(data)
