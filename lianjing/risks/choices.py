"""The vocabularies of the risk register (DOMAIN.md glossary)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RiskType(models.TextChoices):
    MORAL = "moral", _("思想道德")
    POST_DUTY = "post_duty", _("岗位职责")
    PROCESS = "process", _("业务流程")
    INSTITUTIONAL = "institutional", _("制度机制")
    EXTERNAL = "external", _("外部环境")


class MeasureKind(models.TextChoices):
    SYSTEM = "system", _("制度流程")
    PERSONNEL = "personnel", _("用人管理")
    EDUCATION = "education", _("思想教育")
    SUPERVISION = "supervision", _("监督检查")


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
