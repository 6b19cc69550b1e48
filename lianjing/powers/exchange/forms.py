"""The export form of the power catalogue: which unit (of those whose powers the user may see)
and whether to include drafts. The upload form is the organisation import's (.xlsx, ≤ 20 MB)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.core.forms import ModelChoiceField
from lianjing.org import access
from lianjing.org.models import Unit
from lianjing.powers.models import Power


class ExportForm(forms.Form):
    unit = ModelChoiceField(
        label=_("单位"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("我可查看的全部单位"),
    )
    drafts = forms.BooleanField(
        label=_("包含草稿"),
        required=False,
        help_text=_("勾选后，修订中的职权导出其草稿版本，尚未公布的职权也一并导出。"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = access.scope_q(user, perms.POWERS_VIEW, unit="unit_id")
        with_powers = Power.objects.filter(scope).values("unit_id")
        field = self.fields["unit"]
        assert isinstance(field, ModelChoiceField)
        field.queryset = Unit.objects.filter(pk__in=with_powers).order_by("code")
