"""Error pages: JSON under /api/, HTML elsewhere, and never an error while making one.

Django calls these when a view or a middleware raised (handler400/handler500
in kb/urls.py, CSRF_FAILURE_VIEW in settings); kb/api/exceptions.py answers for
DRF's own views first.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from .intake import human

API_PREFIX = "/api/"
log = logging.getLogger(__name__)


def wants_json(request) -> bool:
    """The API (and scripts asking for JSON) get JSON; browsers get pages."""
    return request.path.startswith(API_PREFIX) or request.headers.get("Accept", "").startswith(
        "application/json")


def too_large_message() -> str:
    return f"The paste is larger than the limit of {human(settings.KB_MAX_PASTE_BYTES)} (KB_MAX_PASTE_BYTES)."


def too_large_hint() -> str:
    """What takes a log over the paste limit: the page's file upload, or a job. /api/match
    refuses it as the paste box does, so it is not the place to send it (it was, here)."""
    return (f"Upload it as a file on the paste page instead: a file is answered at once up to "
            f"{human(settings.KB_MAX_PASTE_BYTES)}, and a larger one, up to "
            f"{human(settings.KB_MAX_UPLOAD_BYTES)} (KB_MAX_UPLOAD_BYTES), runs as a background job. "
            f"Or send it to the API as a job:")


def bad_request(request, exception):
    """400 page; an oversized paste is refused by Django before any view, so say why here."""
    hint = ""
    if isinstance(exception, RequestDataTooBig):
        status, message, hint = 413, too_large_message(), too_large_hint()
    elif isinstance(exception, DisallowedHost):
        # The page template names the host (request.get_host()), which raises again: a 500 on
        # every URL. Answer without it.
        status, message = 400, "Unknown Host header: this server does not answer for that name."
        if not wants_json(request):
            return HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    else:
        status, message = 400, "The request could not be understood."
    if wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    return render(request, "400.html", {"message": message, "hint": hint}, status=status)


CSRF_WHAT = ("kb could not check that this form was sent from its own page: its security token "
             "was missing or out of date. Nothing was saved.")
CSRF_WHY = ("That happens when the page stayed open a long time, after logging in or out in "
            "another tab, or when the browser does not keep kb's cookies.")
CSRF_TODO = "Reload the page the form is on, then send the form again."
CSRF_COOKIE_TODO = "Allow cookies for this site, reload the page the form is on, then send it again."
CSRF_SCRIPT_TODO = "A script should send an API token (Authorization: Token <key>): it needs no CSRF token."


def csrf_message(reason: str) -> str:
    """One sentence for a client of the API: what happened, Django's reason, what to do."""
    todo = CSRF_COOKIE_TODO if reason == REASON_NO_CSRF_COOKIE else CSRF_TODO
    return f"CSRF check failed ({reason.rstrip('.')}). {CSRF_WHAT} {todo} {CSRF_SCRIPT_TODO}"


def csrf_failure(request, reason: str = ""):
    """403 for a form without a valid CSRF token (Django's CSRF_FAILURE_VIEW): kb's page saying
    what happened and what to do instead of Django's bare one; JSON for API clients."""
    if wants_json(request):
        return JsonResponse({"detail": csrf_message(reason), "reason": reason}, status=403)
    referer = request.headers.get("Referer", "")
    back = referer if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()) else ""
    return render(request, "403_csrf.html", {
        "what": CSRF_WHAT, "why": CSRF_WHY, "reason": reason, "back": back,
        "todo": CSRF_COOKIE_TODO if reason == REASON_NO_CSRF_COOKIE else CSRF_TODO,
    }, status=403)


def server_error(request):
    if wants_json(request):
        return JsonResponse({"detail": "Internal error in kb; it was logged. Try again in a moment."},
                            status=500)
    return render(request, "500.html", status=500)
