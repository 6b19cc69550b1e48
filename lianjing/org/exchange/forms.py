"""The upload form of the organisation import: an .xlsx file, not too big, that opens as a zip."""

from __future__ import annotations

import zipfile
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件"),
        help_text=_("仅限 .xlsx 格式，不超过 20 MB。"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload: Any = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(".xlsx"):
            raise ValidationError(
                _(
                    "请上传 Excel（.xlsx）文件。.xls、.csv、.et 等格式"
                    "请先用 Excel 或 WPS 另存为 .xlsx。"
                )
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("文件不能超过 20 MB，请分批导入。"))
        upload.seek(0)
        try:
            with zipfile.ZipFile(upload) as archive:
                valid = "xl/workbook.xml" in archive.namelist()
        except (zipfile.BadZipFile, OSError, ValueError):
            valid = False
        upload.seek(0)
        if not valid:
            raise ValidationError(
                _("文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 另存为 .xlsx 后重试。")
            )
        return upload
