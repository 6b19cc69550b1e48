from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class TablerFormRenderer(TemplatesSetting):
    """Every form in Lianjing renders through these two templates: labels, help text and
    field-by-field errors in one place (core/forms/)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
