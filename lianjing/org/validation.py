"""Checks on Chinese identity data."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PATTERN = re.compile(r"^\d{17}[\dX]$")


def id_number_check_digit(first17: str) -> str:
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str) -> None:
    """A resident ID number (GB 11643): 18 characters, a real birth date, the right check digit."""
    if not _PATTERN.match(value):
        raise ValidationError(
            {"id_number": _("身份证号应为 18 位，前 17 位为数字，末位为数字或 X。")}
        )
    try:
        datetime.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError as exc:
        raise ValidationError({"id_number": _("身份证号中的出生日期无效。")}) from exc
    if id_number_check_digit(value[:17]) != value[17]:
        raise ValidationError({"id_number": _("身份证号校验位不正确，请核对。")})


def mask_id_number(value: str) -> str:
    """510104********1234 — enough to tell two people apart, not enough to use."""
    if not value:
        return ""
    return f"{value[:6]}{'*' * 8}{value[14:]}"
