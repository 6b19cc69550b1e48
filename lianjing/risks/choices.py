"""The vocabularies of the risk register (DOMAIN.md glossary)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianjing.risklib.choices import MeasureKind, RiskType

__all__ = [
    "FoundBy",
    "Level",
    "MeasureKind",
    "ResponsibilityRole",
    "RiskType",
    "TargetKind",
]


class FoundBy(models.TextChoices):
    SELF = "self", _("自己找")
    LEADER = "leader", _("领导点")
    PUBLIC = "public", _("群众评")
    EXPERT = "expert", _("专家议")
    CASE = "case", _("案例查")
    ORGANISATION = "organisation", _("组织审")


class TargetKind(models.TextChoices):
    POST = "post", _("岗位")
    DEPARTMENT = "department", _("内设机构")
    UNIT = "unit", _("单位")
    SECTOR = "sector", _("行业（系统）")


class Level(models.IntegerChoices):
    ONE = 1, _("一级")
    TWO = 2, _("二级")
    THREE = 3, _("三级")


class ResponsibilityRole(models.TextChoices):
    OVERALL = "overall", _("负总责")
    IMPORTANT = "important", _("重要领导责任")
    DIRECT = "direct", _("直接责任")
