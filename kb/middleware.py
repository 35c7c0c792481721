"""Content-Security-Policy for every response: no inline scripts, no third parties."""

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

# /api/docs/: Swagger UI (drf-spectacular-sidecar) injects one <style> element at start-up;
# it is allowed by its SHA-256 and nothing else inline is (tests/test_browser.py watches the console).
SWAGGER_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
SWAGGER_POLICY = POLICY.replace("style-src 'self'", f"style-src 'self' {SWAGGER_STYLE_HASH}")

# DRF's browsable API writes style="float: right; margin-right: 10px" on its Filters button and
# extra-actions menu; 'unsafe-hashes' with that one value's hash allows exactly it.
DRF_STYLE_HASH = "'sha256-OfgyIBrd+/vP79JdFMYP+re4T+fIenvkrHPD2HZ8/cs='"
BROWSABLE_API_POLICY = POLICY.replace(
    "style-src 'self'", f"style-src 'self' 'unsafe-hashes' {DRF_STYLE_HASH}"
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", POLICY)
        return response


class EditorMiddleware:
    """Saves made while serving a request are its user's (kb.editors): the session's, or the API
    token's, read when the save happens, once DRF has authenticated."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from kb.editors import saving_as

        with saving_as(request):
            return self.get_response(request)


class PrivateReadMiddleware:
    """With KB_PUBLIC_READ=false every page needs a login (kb.access: the rule, and who decides alone)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth.views import redirect_to_login

        from kb.access import page_needs_login

        if page_needs_login(request):
            return redirect_to_login(request.get_full_path(), "/admin/login/")
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """A database error in a page (or a non-DRF view) is a 503 with Retry-After, not a 500.

    The API's own views answer it in kb/api/exceptions.py; this catches the rest.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DatabaseError
        from django.http import HttpResponse, JsonResponse

        from kb.api.exceptions import RETRY_AFTER_SECONDS, DatabaseUnavailable
        from kb.errors import wants_json

        if not isinstance(exception, DatabaseError):
            return None
        import logging

        logging.getLogger(__name__).warning("database error answered 503: %s", exception, exc_info=exception)
        message = str(DatabaseUnavailable.default_detail)
        if wants_json(request):
            response = JsonResponse({"detail": message}, status=503)
        else:
            response = HttpResponse(f"<!doctype html><title>kb: try again</title><p>{message}</p>",
                                    status=503, content_type="text/html; charset=utf-8")
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
