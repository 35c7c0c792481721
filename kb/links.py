"""Absolute links to kb's pages: from KB_BASE_URL when it is set, else from the request."""

from django.conf import settings


def absolute(path: str, request=None) -> str:
    """`path` ("/issues/x/") as a full URL; a path stays a path only with neither to go by."""
    if settings.KB_BASE_URL:
        return settings.KB_BASE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path
