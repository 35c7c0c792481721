"""Input fields of the API: strings are strings, without NUL, and slugs are looked up safely.

DRF's CharField turns 123 into "123" and its SlugRelatedField sends any
string to the database; PostgreSQL refuses a NUL byte in a query with an
error (a 500 before these fields). Every string the API reads goes through
one of these.
"""

from collections.abc import Mapping
from difflib import get_close_matches

from django.db import models
from rest_framework import serializers
from rest_framework.settings import api_settings
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from kb.models import Issue

NOT_A_STRING = "Not a string."
NUL = "\x00"


class StrictCharField(serializers.CharField):
    """A string and only a string; NUL bytes refused (DRF's own validator)."""

    default_error_messages = {"invalid": NOT_A_STRING}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    default_error_messages = {"invalid_type": NOT_A_STRING}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid_type")
        return super().to_internal_value(data)


class LogTextField(StrictCharField):
    """Log text as sent: no trimming, NUL bytes allowed (logs have them), no lone surrogates."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, allow_blank=True, **kwargs)
        self.validators = [ProhibitSurrogateCharactersValidator()]


class MinScoreField(serializers.FloatField):
    """`min_score`: a score as matches carry it, 0 to 1. Above 1 nothing could ever be shown,
    and the answer would look like an honest "no known issue"; a boolean is no score either."""

    MESSAGE = "min_score is a match score, a number from 0 to 1 (matches scoring less are left out)."
    default_error_messages = {"invalid": MESSAGE, "min_value": MESSAGE, "max_value": MESSAGE}

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=1, **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class IssueSlugField(serializers.SlugRelatedField):
    """An issue named by its slug (active ones only with active=True); never a database error."""

    default_error_messages = {"not_a_slug": "Not an issue slug (a string without NUL bytes)."}

    def __init__(self, *, active=False, **kwargs):
        if not kwargs.get("read_only"):
            kwargs["queryset"] = Issue.objects.active() if active else Issue.objects.all()
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or NUL in data or len(data) > Issue._meta.get_field("slug").max_length:
            self.fail("not_a_slug")
        return super().to_internal_value(data)


class StrictModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose text columns take strings only, and which refuses a key that is none
    of its fields: DRF drops it, so PATCH {"sympotms": ...} was a 200 that changed nothing.
    Read-only fields are fields: a client may send back what it read (GET, change, PUT)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.SlugField: StrictSlugField,
    }

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = [str(key) for key in data if key not in self.fields]
            if unknown:
                message = self._unknown_message(unknown)  # in a dict, as to_internal_value's errors must be
                raise serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [message]},
                                                  code="unknown_field")
        return super().to_internal_value(data)

    def _unknown_message(self, unknown: list[str]) -> str:
        writable = [name for name, field in self.fields.items() if not field.read_only]
        named = ", ".join(_with_guess(key[:100], writable) for key in unknown[:10])
        return (f"Unknown field{'s' if len(unknown) > 1 else ''}: {named}. "
                f"The writable fields are: {', '.join(writable)}.")


def _with_guess(key: str, names: list[str]) -> str:
    guess = get_close_matches(key, names, n=1)
    return f"{key} (did you mean {guess[0]}?)" if guess else key
