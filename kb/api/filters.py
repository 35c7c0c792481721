"""Query-parameter filters of the list endpoints, validated by forms (bad values are a 400)."""

from django import forms
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter

from kb.forms import IssueFilterForm, NamedChoiceField, TrueOrFalseField
from kb.models import Signature


class FormFilterBackend(BaseFilterBackend):
    """Lists only: `form_class` validates request.query_params, `apply` filters the queryset."""

    form_class: type[forms.Form]

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", "list") != "list":
            return queryset
        form = self.form_class(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(errors) for name, errors in form.errors.items()})
        return self.apply(queryset, form.cleaned_data)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": name,
                "in": "query",
                "required": False,
                "description": str(field.help_text or field.label or name),
                "schema": _schema(field),
            }
            for name, field in self.form_class.base_fields.items()
        ]

    def apply(self, queryset, data):
        raise NotImplementedError

class IssueFilterBackend(FormFilterBackend):
    """component, environment, status, q: the same filters as the browse page."""

    form_class = IssueFilterForm

    def apply(self, queryset, data):
        return queryset.filter_by(**data)

class SignatureFilterForm(forms.Form):
    issue = forms.SlugField(required=False, help_text="Slug of the issue.")
    source = NamedChoiceField(required=False, choices=[("", "any"), *Signature.Source.choices])
    is_active = TrueOrFalseField(required=False, help_text="true or false.")

class SignatureFilterBackend(FormFilterBackend):
    form_class = SignatureFilterForm

    def apply(self, queryset, data):
        if data["issue"]:
            queryset = queryset.filter(issue__slug=data["issue"])
        if data["source"]:
            queryset = queryset.filter(source=data["source"])
        if data["is_active"] is not None:
            queryset = queryset.filter(is_active=data["is_active"])
        return queryset

def _schema(field) -> dict:
    if isinstance(field, forms.NullBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _ in field.choices if value]}
    return {"type": "string"}


class StrictOrderingFilter(OrderingFilter):
    """?ordering= as DRF reads it, but an unknown field is a 400 naming the fields, as a bad
    filter is (DRF drops it silently: the list came back in its default order)."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = super().remove_invalid_fields(queryset, fields, view, request)
        unknown = [field for field in fields if field and field not in valid]
        if unknown and getattr(view, "action", "list") == "list":
            known = self.get_valid_fields(queryset, view, {"request": request})
            names = ", ".join(name for name, _label in known)
            raise ValidationError({self.ordering_param: [
                f"Cannot order by {', '.join(unknown)}: use one of {names}, with '-' for descending."]})
        return valid
