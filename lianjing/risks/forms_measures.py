"""Forms of a control measure's own pages: the edit form (the measure form plus the fingerprint of
the measure as read, so a stale page is refused), and the evidence upload."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from lianjing.risks.forms import MeasureForm
from lianjing.risks.services_measures import ALLOWED_TEXT, evidence_check, max_upload_bytes

STALE = _("页面已过期，请刷新后重新编辑。")


class MeasureEditForm(MeasureForm):
    fingerprint = forms.RegexField(
        regex=r"^[0-9a-f]{64}$",
        widget=forms.HiddenInput,
        error_messages={"required": STALE, "invalid": STALE},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # a hidden field's error would not be seen next to it: show it above the form
        if self.errors.pop("fingerprint", None):
            self.add_error(None, STALE)
        return data


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("佐证材料"),
        error_messages={
            "required": _("请选择要上传的文件。"),
            "invalid": _("请选择要上传的文件。"),
            "missing": _("请选择要上传的文件。"),
            "empty": _("文件是空的，请重新选择。"),
        },
    )
    mark_done = forms.BooleanField(label=_("同时将该措施标记为“已落实”"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_mb = max_upload_bytes() // (1024 * 1024)
        self.fields["file"].help_text = _("可上传 %(allowed)s 文件，不超过 %(mb)s MB。") % {
            "allowed": ALLOWED_TEXT,
            "mb": limit_mb,
        }

    def clean_file(self) -> UploadedFile:
        upload: Any = self.cleaned_data["file"]
        try:
            evidence_check(upload)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict.get("file", exc.messages)) from exc
        return upload
