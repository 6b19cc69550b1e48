from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class TablerFormRenderer(TemplatesSetting):
    """Every form in Lianjing renders through these two templates: labels, help text and
    field-by-field errors in one place (core/forms/)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


# Primary keys are 64-bit integers. Django's model choice fields send any integer the user typed to
# the database, where an out-of-range one raises OverflowError (SQLite) or DataError (PostgreSQL).
PK_MAX = 2**63 - 1


def _pk_in_range(value: object) -> bool:
    try:
        return 0 < int(str(value)) <= PK_MAX
    except (TypeError, ValueError):
        return False


class ModelChoiceField(forms.ModelChoiceField):
    def to_python(self, value: Any) -> Any:
        if (
            value not in self.empty_values
            and self.to_field_name is None
            and not _pk_in_range(value)
        ):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value: Any) -> Any:
        if self.to_field_name is None:
            for pk in value:
                if not _pk_in_range(pk):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": pk},
                    )
        return super()._check_values(value)  # type: ignore[misc]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """A service's ValidationError, shown next to the fields it names (the rest above the form)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
