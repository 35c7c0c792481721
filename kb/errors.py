"""Error pages: JSON under /api/, HTML elsewhere, and never an error while making one.

Django calls these when a view or a middleware raised (handler400/handler500
in kb/urls.py); kb/api/exceptions.py answers for DRF's own views first.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

API_PREFIX = "/api/"
log = logging.getLogger(__name__)


def wants_json(request) -> bool:
    """The API (and scripts asking for JSON) get JSON; browsers get pages."""
    return request.path.startswith(API_PREFIX) or request.headers.get("Accept", "").startswith(
        "application/json")


def too_large_message() -> str:
    limit = settings.KB_MAX_PASTE_BYTES
    return f"The paste is larger than the limit of {limit} bytes ({limit / 1048576:.1f} MB)."


def bad_request(request, exception):
    """400 page; an oversized paste is refused by Django before any view, so say why here."""
    if isinstance(exception, RequestDataTooBig):
        status, message = 413, too_large_message()
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
    return render(request, "400.html", {"message": message}, status=status)


def server_error(request):
    if wants_json(request):
        return JsonResponse({"detail": "Internal error in kb; it was logged. Try again in a moment."},
                            status=500)
    return render(request, "500.html", status=500)
