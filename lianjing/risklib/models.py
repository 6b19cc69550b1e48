"""The libraries of risk identification (M3, issue 5 part 7): the indicator library (迹象库) of
warning signs, the risk template library by key-post kind and power category, and the library of
regulation provisions that the "3+X" method holds against a post's duties.

Keywords are stored as one text, "、"-separated (`keyword_list` splits them): plain text keeps
them searchable on both databases (a JSON column stores Chinese escaped on SQLite)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import KeyPostKind
from lianjing.powers.models import PowerCategory
from lianjing.risklib.choices import MeasureKind, Regulation, RiskType, SignGroup, SuggestedLevel
from lianjing.risklib.keywords import split_keywords


class LibraryEntry(models.Model):
    """What every library entry has: a code that never changes, an on/off switch (a retired
    entry stays readable but is no longer suggested), and a version for optimistic locking."""

    code = models.CharField(_("编码"), max_length=30, unique=True)
    is_active = models.BooleanField(_("启用"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class IndicatorSign(LibraryEntry):
    """A warning sign (廉政风险迹象): something a colleague, a leader or the discipline office can
    notice before a risk turns into a case."""

    group = models.CharField(_("类别"), max_length=10, choices=SignGroup.choices)
    title = models.CharField(_("迹象"), max_length=100)
    description = models.TextField(_("具体表现"), help_text=_("需要留意的情形"))
    applies_to = models.ManyToManyField(
        KeyPostKind,
        verbose_name=_("适用重点岗位"),
        blank=True,
        related_name="indicator_signs",
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["group", "order", "code"]
        verbose_name = _("风险迹象")
        verbose_name_plural = _("迹象库")

    def __str__(self) -> str:
        return self.title


class RiskTemplate(LibraryEntry):
    """A typical risk of a key-post kind and/or a power category (e.g. 财务: 虚报冒领), with how
    it shows, why it exists, a suggested level and suggested measures of the four kinds. A
    template is the starting point of a risk point; the register copies it, never links it."""

    key_post_kind = models.ForeignKey(
        KeyPostKind,
        verbose_name=_("重点岗位类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_templates",
    )
    power_category = models.ForeignKey(
        PowerCategory,
        verbose_name=_("职权类别"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_templates",
    )
    risk_type = models.CharField(_("风险类型"), max_length=15, choices=RiskType.choices)
    title = models.CharField(_("风险名称"), max_length=50)
    description = models.TextField(_("风险描述"))
    manifestations = models.TextField(_("表现形式"))
    causes = models.TextField(_("成因"))
    suggested_level = models.PositiveSmallIntegerField(
        _("建议等级"), choices=SuggestedLevel.choices, default=SuggestedLevel.TWO
    )
    # [{"kind": MeasureKind value, "text": "…"}, …]
    measures = models.JSONField(_("建议防控措施"), default=list, blank=True)
    keywords = models.TextField(_("关键词"), help_text=_("用于“3+X”匹配，以顿号分隔"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("风险模板")
        verbose_name_plural = _("风险模板库")
        constraints = [
            models.CheckConstraint(
                condition=Q(key_post_kind__isnull=False) | Q(power_category__isnull=False),
                name="risk_template_has_kind_or_category",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)

    @property
    def measure_rows(self) -> list[dict[str, Any]]:
        """Measures with their kind's label, for pages."""
        labels = dict(MeasureKind.choices)
        return [
            {"kind": m.get("kind", ""), "label": labels.get(m.get("kind", ""), ""), **m}
            for m in self.measures
            if isinstance(m, dict)
        ]


class RegulationProvision(LibraryEntry):
    """An article (or an item of an article) of one of the three regulations, with the topics it
    covers. Texts are summaries kept by administrators; `verified` records that someone checked
    one against the official publication."""

    regulation = models.CharField(_("法规"), max_length=15, choices=Regulation.choices)
    article = models.CharField(_("条款"), max_length=60, help_text=_("如：第九十七条"))
    title = models.CharField(_("要点"), max_length=100)
    text = models.TextField(_("条文（摘要）"))
    keywords = models.TextField(_("主题词"), help_text=_("以顿号分隔"))
    order = models.PositiveIntegerField(_("排序"), default=0)
    verified = models.BooleanField(_("已核对官方文本"), default=False)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("法规条款")
        verbose_name_plural = _("法规条款库")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "article"], name="provision_article_once")
        ]

    def __str__(self) -> str:
        return f"《{self.get_regulation_display()}》{self.article}"

    @property
    def keyword_list(self) -> list[str]:
        return split_keywords(self.keywords)
