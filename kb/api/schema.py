"""The OpenAPI schema's error responses, added to every operation by what can go wrong in it.

Every error body is the `Error` component ({"detail": ..., "errors"?: {...}},
kb.api.exceptions). Which statuses an operation lists follows from how it is
called, so new views are documented without listing errors by hand:

- 400: a request body, a required or validated (filter form) query parameter, or a
  view that checks Content-Length (BodyLimitMixin: "Content-Length is not a number");
- 401: always: a bad or expired token is refused before anything else;
- 403: unsafe methods (read-only token, user not staff, session without CSRF token);
- 404: a path parameter that names nothing;
- 406: a `format` query parameter (an unknown ?format=, or an Accept header no renderer suits);
- 413: a request body, or a view that checks Content-Length;
- 412: a write to a versioned object (issue, signature) whose If-Match names an older version;
- 414: query parameters: a request line over the server's limit (gunicorn's 4 KiB
  limit_request_line) is refused before kb sees it, with gunicorn's HTML page;
- 415: a request body (an unsupported Content-Type);
- 429: a throttled view (anonymous clients, KB_ANON_THROTTLE);
- 503: always: the database is unavailable and nothing kept in memory answers (Retry-After).

A status an operation declares itself (extend_schema responses) is kept as declared.
A text/plain response is documented as a string: that is what PlainTextRenderer writes.
"""

from django.conf import settings
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import SAFE_METHODS

from .filters import FormFilterBackend
from .parsers import BodyLimitMixin
from .permissions import ReadAccess
from .serializers import ErrorSerializer
from .versions import VersionedDetail

DESCRIPTIONS = {
    400: "Bad input: the detail says what; `errors` holds the messages by field.",
    401: "No token where one is needed, or a bad, expired or inactive user's token.",
    403: "Not allowed: a read-only token, a user who is not staff, or a session without its CSRF token.",
    404: "Nothing by that name or number.",
    406: "No such format: ?format= (or Accept) names a representation this endpoint does not have.",
    412: "If-Match names an older version: someone changed it since; GET it again.",
    413: "Body over KB_MAX_PASTE_BYTES.",
    414: "The request line (path and query) is longer than the server takes (4 KiB under gunicorn).",
    415: "Unsupported Content-Type.",
    429: "Too many anonymous requests (KB_ANON_THROTTLE).",
    503: "The database is unavailable (restart, read-only, full); Retry-After says when to try again.",
}


NUMBERS = ("integer", "number")


def error_response(code: int, description: str = "") -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description or DESCRIPTIONS[code])


class AutoSchema(openapi.AutoSchema):
    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        if isinstance(self.view, VersionedDetail) and self.method in ("PUT", "PATCH", "DELETE"):
            operation.setdefault("parameters", []).append({
                "in": "header", "name": "If-Match", "required": False, "schema": {"type": "string"},
                "description": "The ETag of your GET: written only if nobody changed it since (else 412).",
            })
        responses = operation["responses"]
        for code in sorted(self.error_statuses(operation)):
            if code == 414:  # gunicorn's page, not kb's JSON
                responses.setdefault("414", {"description": DESCRIPTIONS[414],
                                             "content": {"text/html": {"schema": {"type": "string"}}}})
                continue
            responses.setdefault(str(code), self._get_response_for_code(error_response(code), str(code)))
        for response in responses.values():
            if "text/plain" in response.get("content", {}):
                response["content"]["text/plain"] = {"schema": {"type": "string"}}
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def get_auth(self):
        """Reads need no token on a public kb (KB_PUBLIC_READ): say so, as `{}` (no security)."""
        auth = super().get_auth()
        reads = self.method in SAFE_METHODS or any(
            isinstance(permission, ReadAccess) for permission in self.view.get_permissions())
        if reads and settings.KB_PUBLIC_READ and {} not in auth:
            auth.append({})
        return auth

    def error_statuses(self, operation: dict) -> set[int]:
        parameters = operation.get("parameters", [])
        query = {p["name"]: p for p in parameters if p["in"] == "query"}
        has_body = "requestBody" in operation
        checks_length = isinstance(self.view, BodyLimitMixin)
        filtered = self._is_list_view() and any(
            issubclass(backend, FormFilterBackend) for backend in getattr(self.view, "filter_backends", [])
        )
        codes = {401, 503}
        # a value of the wrong type or outside the enum is a 400
        typed = any(p.get("schema", {}).get("enum") or p.get("schema", {}).get("type") in NUMBERS
                    for p in query.values())
        if has_body or checks_length or filtered or typed or any(p.get("required") for p in query.values()):
            codes.add(400)
        if self.method not in SAFE_METHODS:
            codes.add(403)
        if any(p["in"] == "path" for p in parameters):
            codes.add(404)
        if "format" in query:
            codes.add(406)
        if has_body or checks_length:
            codes.add(413)
        if query:
            codes.add(414)
        if has_body:
            codes.add(415)
        if isinstance(self.view, VersionedDetail) and self.method in ("PUT", "PATCH", "DELETE"):
            codes.add(412)
        if self.view.get_throttles():
            codes.add(429)
        return codes
