"""Vocabularies of the libraries (DOMAIN.md glossary). `RiskType` and `MeasureKind` are the ones
the risk register uses too: their values are stored in both places, so never change a value."""

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


class SuggestedLevel(models.IntegerChoices):
    ONE = 1, _("一级")
    TWO = 2, _("二级")
    THREE = 3, _("三级")


class SignGroup(models.TextChoices):
    """The three groups of the Hubei 工商局 迹象库."""

    DUTY = "duty", _("职能工作")
    INTERNAL = "internal", _("内部管理")
    CONDUCT = "conduct", _("思想生活作风")


class Regulation(models.TextChoices):
    """The "3" of the Chengdu "3+X" method, as in force today."""

    DISCIPLINE = "discipline", _("中国共产党纪律处分条例")
    SANCTIONS = "sanctions", _("中华人民共和国公职人员政务处分法")
    INTEGRITY = "integrity", _("中国共产党廉洁自律准则")
