"""Versions of editable objects: an ETag on issue and signature details, If-Match on writes.

The version is the row's updated_at (every write sets it). A PATCH or PUT
with If-Match writes only if the row still has that version, in one
conditional UPDATE, so two processes can not both pass the check: the later
one answers 412 and writes nothing. Without If-Match a write still changes
only the fields it sends (kb.api.serializers.ValidatedModelSerializer), so two
editors of different fields never undo each other (issue 12: 85 of 100
concurrent rounds lost an edit when a PATCH saved every column).
"""

import re
from datetime import datetime

from rest_framework import status
from rest_framework.exceptions import APIException, NotFound, ParseError

from kb.editors import last_save


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"
    default_detail = ("Someone changed this since you read it (If-Match names an older version): "
                      "GET it again, apply your change to the new version, and send its ETag.")

    @classmethod
    def naming(cls, current) -> "PreconditionFailed":
        """The refusal naming who saved `current`, the stored version (kb.editors.last_save)."""
        saved = last_save(current.updated_by, current.updated_at, current._meta.verbose_name)
        return cls(f"Not saved: {saved}, after you read it (If-Match names an older version): "
                   "GET it again, apply your change to the new version, and send its ETag.")


def stale(model, pk) -> APIException:
    """What a write conditional on an older version answers: 412 naming the newer one's saver,
    or 404 when the row is gone meanwhile."""
    current = model.objects.filter(pk=pk).order_by().only("updated_at", "updated_by").first()
    return NotFound() if current is None else PreconditionFailed.naming(current)


# What etag_of makes: a quoted primary key and a timestamp with microseconds.
ETAG_SHAPE = re.compile(r'"\d+-\d+\.\d{6}"')


def etag_of(obj) -> str:
    """A strong ETag naming the stored version of obj (its primary key and updated_at)."""
    return f'"{obj.pk}-{obj.updated_at.timestamp():.6f}"'


def expected_version(request, obj) -> datetime | None:
    """None without If-Match; obj.updated_at when If-Match names the current version; else 412."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = [tag.strip() for tag in header.split(",")]
    if "*" in tags:
        return None
    if any(tag.startswith("W/") for tag in tags):
        raise ParseError("If-Match takes the strong ETag of a GET (without W/).")
    current = etag_of(obj)
    if not any(ETAG_SHAPE.fullmatch(tag) for tag in tags):
        # Not an older version but no version at all (a typo, a header meant for another
        # server): "someone changed this" would send the caller after a change nobody made.
        raise ParseError(f"If-Match {header.strip()[:100]!r} is not a version kb issued: send the ETag "
                         f"of a GET of this object (now {current}), or leave If-Match out.")
    if current not in tags:
        raise PreconditionFailed.naming(obj)
    return obj.updated_at


class VersionedDetail:
    """For viewsets: ETag on every answer about one object; If-Match honoured by PUT, PATCH, DELETE."""

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        if response.status_code == 200 and "Warning" not in response:
            response["ETag"] = etag_of(self.get_object_cached())
        return response

    def get_object_cached(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
        return self._object

    def get_object(self):
        self._object = super().get_object()
        return self._object

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action in ("update", "partial_update"):
            context["expected_version"] = expected_version(self.request, self.get_object_cached())
        return context

    def update(self, request, *args, **kwargs):
        response = super().update(request, *args, **kwargs)
        if response.status_code == 200:
            response["ETag"] = etag_of(self._object)
        return response

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        if response.status_code == 201 and getattr(self, "_created", None) is not None:
            response["ETag"] = etag_of(self._created)
        return response

    def perform_create(self, serializer):
        self._created = serializer.save()

    def perform_destroy(self, instance):
        version = expected_version(self.request, instance)
        rows = type(instance).objects.filter(pk=instance.pk)
        if version is not None and not rows.filter(updated_at=version).exists():
            raise stale(type(instance), instance.pk)
        instance.delete()
