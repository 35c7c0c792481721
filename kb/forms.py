from django import forms
from django.conf import settings
from django.core.validators import ProhibitNullCharactersValidator

from . import issue_table
from .intake import Refused, binary_reason, binary_size, human, is_binary, read_text
from .intake.text import BundleGiven, TooLarge
from .models import Issue


class TrueOrFalseField(forms.NullBooleanField):
    """A yes/no filter: true or false (1 or 0), or absent for either. Django's NullBooleanField
    reads any other value as absent, so `?review=maybe` or `?is_active=1` listed everything."""

    widget = forms.TextInput  # NullBooleanSelect maps an unknown value to None before it is checked

    def to_python(self, value):
        found = super().to_python(value)
        if found is None and value not in (None, ""):
            raise forms.ValidationError(f"Give true or false, not {str(value)[:40]!r}.", code="invalid")
        return found


class NamedChoiceField(forms.ChoiceField):
    """A choice whose refusal lists the values it takes, as ?ordering='s does; Django's said only
    "Select a valid choice. broken is not one of the available choices." (?status=, ?sort=)."""

    def validate(self, value):
        if value in self.empty_values or self.valid_value(value):
            return super().validate(value)
        valid = ", ".join(str(key) for key, _label in self.choices if key not in self.empty_values)
        raise forms.ValidationError(f"Unknown value {str(value)[:40]!r}: use one of {valid}.",
                                    code="invalid_choice")


class IssueFilterForm(forms.Form):
    component = forms.CharField(required=False, max_length=60)
    environment = forms.CharField(required=False, max_length=200)
    status = NamedChoiceField(required=False, choices=[("", "Any status"), *Issue.Status.choices])
    q = forms.CharField(required=False, max_length=200, label="Words")
    review = TrueOrFalseField(
        required=False, label="Needs review",
        help_text="true: issues read from prose that an editor has not checked; false: the others.",
    )


class IssueTableForm(forms.Form):
    """How the issue list is shown: sort, page, page size, table or cards, export format."""

    sort = NamedChoiceField(required=False, choices=issue_table.SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=issue_table.MAX_PER_PAGE)
    view = NamedChoiceField(required=False, choices=[("", "table"), ("table", "table"), ("cards", "cards")])
    format = NamedChoiceField(required=False, choices=[("", "page"), ("csv", "CSV"), ("json", "JSON")])


class SearchForm(forms.Form):
    q = forms.CharField(max_length=500, label="Search", strip=True)


class PasteForm(forms.Form):
    """A paste or an upload. An upload above the paste limit, or a bundle, becomes a job
    (`cleaned_data["as_job"]`); text is read by kb.intake (compressed: decompressed; binary: refused)."""

    text = forms.CharField(required=False, widget=forms.Textarea(attrs={
        "rows": 14, "spellcheck": "false", "autocomplete": "off",
        "placeholder": "Paste log lines here: one line or thousands.",
    }), label="Log text")
    file = forms.FileField(required=False, label="or upload a log file",
                           error_messages={"empty": "Nothing to match: the file is empty."})
    keep_text = forms.BooleanField(
        required=False, label="Keep my log text with the result's link",
        help_text="Off: the link keeps only the answer, with the matched lines masked.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A NUL is kb.intake's to judge, as for every other surface: a few stray ones are a log,
        # many are binary, refused with that reason (Django's validator said "Null characters
        # are not allowed." of both).
        text = self.fields["text"]
        text.validators = [v for v in text.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        limit = settings.KB_MAX_PASTE_BYTES
        self.limit_text = human(limit)
        # kb.js reads data-max-bytes to refuse an oversized paste before sending it.
        self.fields["text"].widget.attrs["data-max-bytes"] = limit
        self.fields["file"].widget.attrs["data-max-bytes"] = settings.KB_MAX_UPLOAD_BYTES
        self.fields["file"].help_text = (
            f"A log, compressed (.gz .bz2 .xz .zst) or a bundle (.tar*, .zip): answered at once up to "
            f"{binary_size(limit)}; larger ones, up to {binary_size(settings.KB_MAX_UPLOAD_BYTES)}, "
            "and bundles run as a background job."
        )

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        data["as_job"] = False
        text = data.get("text") or ""
        if upload and text.strip():
            # Matching only one of them answered for the file alone, a confident wrong answer for
            # the pasted log; matching both would give one answer (and one permalink, one job or
            # not) for two logs. The sender says which was meant.
            raise forms.ValidationError(
                f"Give either the pasted text or a file, not both: the text box holds a paste and "
                f"{upload.name!r} is chosen. Clear one of them and send again.", code="both_given")
        if upload:
            return self._clean_upload(data, upload)
        if len(text.encode("utf-8")) > settings.KB_MAX_PASTE_BYTES:
            raise forms.ValidationError(
                f"The paste is larger than the limit of {self.limit_text}; upload it as a file instead.",
                code="too_large")
        if not text.strip():
            # the API's and the CLI's words (kb.match_command.EMPTY), with what the page also takes
            raise forms.ValidationError("Nothing to match: the text is empty. Paste a log or choose a file.",
                                        code="empty")
        if is_binary(text.encode("utf-8", "replace")):
            raise forms.ValidationError(binary_reason("The paste"))
        return data

    def _clean_upload(self, data, upload):
        if upload.size > settings.KB_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"The file is larger than the limit of {human(settings.KB_MAX_UPLOAD_BYTES)}.",
                code="too_large")
        if upload.size > settings.KB_MAX_PASTE_BYTES:
            data["as_job"] = True
            return data
        try:
            data["text"] = read_text(upload.read(), upload.name, settings.KB_MAX_PASTE_BYTES)
        except (BundleGiven, TooLarge):  # the job reads it, bounded by the upload limit
            data["as_job"] = True
            return data
        except Refused as exc:
            raise forms.ValidationError(str(exc)) from None
        if not data["text"].strip():
            raise forms.ValidationError(f"Nothing to match: {upload.name} holds no text.", code="empty")
        return data
