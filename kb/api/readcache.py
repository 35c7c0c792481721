"""The API's list reads, kept in the process for KB_READ_CACHE_SECONDS, and served when the database is away.

GET /api/issues/ built 30 issues through DRF's serializers on every request
(issue 12's profile: ~60% serializer work, ~35% the two queries): 112
requests/s on 2 workers. The knowledge changes rarely, so a process keeps
each list it built, by absolute URL (host, path and query), for a few
seconds. A write in this process clears it at once (kb/signals.py); writes
in another process reach it within KB_READ_CACHE_SECONDS, as they reach the
matcher within KB_MATCHER_REFRESH_SECONDS.

When the database fails, a list this process built before is served, however
old, with a Warning header, rather than an error (README, "Access, errors and limits": the 503 row).
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings

MAX_ENTRIES = 256
_lock = threading.Lock()
_entries: OrderedDict[str, tuple[float, object]] = OrderedDict()


def key_of(request) -> str:
    return request.build_absolute_uri()


def fresh(key: str):
    """The data kept under key if younger than KB_READ_CACHE_SECONDS, else None."""
    seconds = settings.KB_READ_CACHE_SECONDS
    if not seconds:
        return None
    with _lock:
        entry = _entries.get(key)
    if entry is None or time.monotonic() - entry[0] >= seconds:
        return None
    return entry[1]


def stale(key: str):
    """The data kept under key, however old (for when the database is away), else None."""
    with _lock:
        entry = _entries.get(key)
    return entry[1] if entry else None


def keep(key: str, data) -> None:
    with _lock:
        _entries[key] = (time.monotonic(), data)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()


class CachedReads:
    """For viewsets: lists served from the cache while fresh; list and detail reads degrade.

    A read that meets a database error is tried once more on a new connection
    (a restart or a failover drops every open one); if that fails too, the
    last answer this process gave for the same URL is served, marked stale;
    with none, the exception handler answers a JSON 503 with Retry-After.
    """

    cached_actions = ("list",)

    def list(self, request, *args, **kwargs):
        return self._read(super().list, request, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._read(super().retrieve, request, *args, **kwargs)

    def _read(self, produce, request, *args, **kwargs):
        from django.db import DatabaseError, connection
        from rest_framework.response import Response

        key = key_of(request)
        if self.action in self.cached_actions:
            data = fresh(key)
            if data is not None:
                return Response(data)
        try:
            try:
                response = produce(request, *args, **kwargs)
            except DatabaseError:
                if connection.in_atomic_block:  # a failed transaction can not be retried inside itself
                    raise
                connection.close()  # the next query opens a new connection
                response = produce(request, *args, **kwargs)
        except DatabaseError:
            data = stale(key)
            if data is None:
                raise
            return Response(data, headers={"Warning": '110 kb "Stale: the database is unavailable"'})
        if response.status_code == 200:
            keep(key, response.data)
        return response
