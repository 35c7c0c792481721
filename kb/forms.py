from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from . import issue_table
from .models import Issue


class IssueFilterForm(forms.Form):
    component = forms.CharField(required=False, max_length=60)
    environment = forms.CharField(required=False, max_length=200)
    status = forms.ChoiceField(required=False, choices=[("", "Any status"), *Issue.Status.choices])
    q = forms.CharField(required=False, max_length=200, label="Words")


class IssueTableForm(forms.Form):
    """How the issue list is shown: sort, page, page size, table or cards, export format."""

    sort = forms.ChoiceField(required=False, choices=issue_table.SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=issue_table.MAX_PER_PAGE)
    view = forms.ChoiceField(required=False, choices=[("", "table"), ("table", "table"), ("cards", "cards")])
    format = forms.ChoiceField(required=False, choices=[("", "page"), ("csv", "CSV"), ("json", "JSON")])


class SearchForm(forms.Form):
    q = forms.CharField(max_length=500, label="Search", strip=True)


class PasteForm(forms.Form):
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={
        "rows": 14, "spellcheck": "false", "autocomplete": "off",
        "placeholder": "Paste log lines here: one line or thousands.",
    }), label="Log text")
    file = forms.FileField(required=False, label="or upload a log file")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.KB_MAX_PASTE_BYTES
        self.limit_text = f"{limit} bytes" if limit < 1024 else f"{filesizeformat(limit)} ({limit} bytes)"
        # kb.js reads data-max-bytes to refuse an oversized paste before sending it.
        for name in ("text", "file"):
            self.fields[name].widget.attrs["data-max-bytes"] = limit
        self.fields["file"].help_text = f"Text or a log file, up to {filesizeformat(limit)}."

    def clean(self):
        data = super().clean()
        limit = settings.KB_MAX_PASTE_BYTES
        upload = data.get("file")
        text = data.get("text") or ""
        if upload:
            if upload.size > limit:
                raise forms.ValidationError(f"The file is larger than the limit of {self.limit_text}.")
            raw = upload.read()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
        if len(text.encode("utf-8")) > limit:
            raise forms.ValidationError(f"The paste is larger than the limit of {self.limit_text}.")
        if not text.strip():
            raise forms.ValidationError("Paste some log text or choose a file.")
        data["text"] = text
        return data
