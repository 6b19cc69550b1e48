from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.safestring import SafeString

register = template.Library()


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.filter
def is_checkbox(field: BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.simple_tag
def tabler_widget(field: BoundField) -> SafeString:
    """The field's widget with Tabler's classes, marked invalid when it has errors."""
    classes = [_css_class(field.field.widget)]
    if field.errors:
        classes.append("is-invalid")
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": " ".join([existing, *classes]).strip()})


@register.filter
def get_item(mapping: object, key: object) -> object:
    """mapping[key] in a template (None when absent or not a mapping)."""
    if isinstance(mapping, dict):
        return mapping.get(key)
    return None
