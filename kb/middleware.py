"""Content-Security-Policy for every response: no inline scripts, no third parties."""

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
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
