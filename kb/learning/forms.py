from django import forms

from kb.forms import NamedChoiceField
from kb.models import Issue

from .models import Feedback, UnknownCluster


class UnknownFilterForm(forms.Form):
    status = NamedChoiceField(
        required=False, choices=[("", "Any status"), *UnknownCluster.Status.choices]
    )
    sort = NamedChoiceField(
        required=False, choices=[("count", "Most lines"), ("last_seen", "Last seen")]
    )


class IssueSlugField(forms.CharField):
    """An active issue named by its slug."""

    def __init__(self, **kwargs):
        super().__init__(max_length=100, **kwargs)

    def clean(self, value):
        slug = super().clean(value)
        issue = Issue.objects.active().filter(slug=slug).first()
        if issue is None:
            raise forms.ValidationError(f"No issue {slug!r}.")
        return issue


class AddSignatureForm(forms.Form):
    issue = IssueSlugField(label="Issue")


class NewIssueForm(forms.ModelForm):
    """The new issue an unknown cluster becomes; the template is added as its signature."""

    class Meta:
        model = Issue
        fields = ["title", "slug", "status", "symptoms"]


class FeedbackForm(forms.Form):
    issue = IssueSlugField()
    verdict = forms.ChoiceField(choices=Feedback.Verdict.choices)
    signature = forms.CharField(required=False, max_length=1000)
    line = forms.CharField(required=False, max_length=4000)
    next = forms.CharField(required=False, max_length=1000)
