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


class PrivateReadMiddleware:
    """With KB_PUBLIC_READ=false the browse pages need a login, like the API needs a token.

    The API, chat webhooks, the admin (its own login), static files and the
    health check decide access themselves.
    """

    OPEN_PREFIXES = ("/api/", "/chatops/", "/admin/", "/static/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.contrib.auth.views import redirect_to_login

        if (
            not settings.KB_PUBLIC_READ
            and not request.user.is_authenticated
            and not request.path.startswith(self.OPEN_PREFIXES)
        ):
            return redirect_to_login(request.get_full_path(), "/admin/login/")
        return self.get_response(request)
