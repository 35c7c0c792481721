"""Who may read kb: KB_PUBLIC_READ, decided here and nowhere else.

Two doors apply this one rule: kb.middleware.PrivateReadMiddleware for every
page (a login redirect), and the API's permission classes (kb.api.permissions,
after DRF has read the token; a JSON 401/403). Paths under OWN_ACCESS decide
for themselves: the API (tokens), chat webhooks (signed requests), the admin
(its login), static files and the health check.
"""

from django.conf import settings

OWN_ACCESS = ("/api/", "/chatops/", "/admin/", "/static/", "/healthz")


def can_read(user) -> bool:
    return settings.KB_PUBLIC_READ or bool(user and user.is_authenticated)


def page_needs_login(request) -> bool:
    return not request.path.startswith(OWN_ACCESS) and not can_read(request.user)
