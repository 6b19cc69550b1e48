"""The power catalogue (职权目录, M2): powers with their legal basis, versioned; each power's flow
(权力运行流程图) as steps and edges; discretion benchmarks come with the next part of this issue."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import Department, Post, Unit
from lianjing.powers import flow


class PowerCategory(models.Model):
    """行政许可/审批, 行政处罚, … — configurable; `code` values are referenced by rules (e.g.
    penalty powers carry discretion benchmarks)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("职权类别")
        verbose_name_plural = _("职权类别")

    def __str__(self) -> str:
        return self.name


class Power(models.Model):
    """One version of a power. Editing a published power creates a new version (`version_no`
    + 1, `previous` pointing back); the old one stays readable. `is_current` marks the version
    in force for its code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已公布")
        REVOKED = "revoked", _("已废止")

    class LimitUnit(models.TextChoices):
        WORKING_DAYS = "working_days", _("工作日")
        CALENDAR_DAYS = "calendar_days", _("自然日")
        HOURS = "hours", _("小时")

    code = models.CharField(_("职权编码"), max_length=40)
    version_no = models.PositiveIntegerField(_("版本"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("上一版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
    )
    is_current = models.BooleanField(_("现行版本"), default=True)
    name = models.CharField(_("职权名称"), max_length=200)
    category = models.ForeignKey(
        PowerCategory, verbose_name=_("职权类别"), on_delete=models.PROTECT, related_name="powers"
    )
    content = models.TextField(_("职权内容"), blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name=_("实施主体"), on_delete=models.PROTECT, related_name="powers"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("承办机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="powers",
    )
    service_target = models.CharField(_("服务对象"), max_length=200, blank=True)
    time_limit_value = models.PositiveIntegerField(_("法定时限"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("时限单位"), max_length=15, choices=LimitUnit.choices, blank=True
    )
    fee = models.CharField(_("收费"), max_length=200, blank=True, help_text=_("不收费请填“不收费”"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="draft")
    effective_year = models.PositiveSmallIntegerField(_("生效年度"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code", "-version_no"]
        verbose_name = _("职权")
        verbose_name_plural = _("职权")
        constraints = [
            models.UniqueConstraint(fields=["code", "version_no"], name="power_code_version"),
            models.UniqueConstraint(
                fields=["code"], condition=Q(is_current=True), name="one_current_power_version"
            ),
        ]
        indexes = [models.Index(fields=["unit", "status", "is_current"])]

    def __str__(self) -> str:
        return self.name


class LegalBasis(models.Model):
    """A law or regulation article the power rests on (设定依据)."""

    power = models.ForeignKey(
        Power, verbose_name=_("职权"), on_delete=models.CASCADE, related_name="legal_bases"
    )
    title = models.CharField(_("法律法规名称"), max_length=200)
    article = models.CharField(_("条款"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("法律依据")
        verbose_name_plural = _("法律依据")

    def __str__(self) -> str:
        return f"《{self.title}》{self.article}"


class FlowStep(models.Model):
    """A node of the flow: start, step, decision (branches) or end."""

    class Kind(models.TextChoices):
        START = flow.START, _("开始")
        STEP = flow.STEP, _("办理环节")
        DECISION = flow.DECISION, _("判断")
        END = flow.END, _("结束")

    power = models.ForeignKey(
        Power, verbose_name=_("职权"), on_delete=models.CASCADE, related_name="steps"
    )
    key = models.SlugField(_("环节编号"), max_length=30)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices, default=flow.STEP)
    name = models.CharField(_("环节名称"), max_length=100)
    handler_post = models.ForeignKey(
        Post,
        verbose_name=_("承办岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flow_steps",
    )
    handler_department = models.ForeignKey(
        Department,
        verbose_name=_("承办机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flow_steps",
    )
    conditions = models.TextField(_("办理条件"), blank=True)
    procedure = models.TextField(_("办理程序"), blank=True)
    time_limit_value = models.PositiveIntegerField(_("时限"), null=True, blank=True)
    time_limit_unit = models.CharField(
        _("时限单位"), max_length=15, choices=Power.LimitUnit.choices, blank=True
    )
    responsibility = models.TextField(_("岗位责任"), blank=True)
    documents = models.TextField(_("形成文书"), blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("流程环节")
        verbose_name_plural = _("流程环节")
        constraints = [
            models.UniqueConstraint(fields=["power", "key"], name="flow_step_key_per_power")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def time_limit_text(self) -> str:
        if not self.time_limit_value or not self.time_limit_unit:
            return ""
        return f"{self.time_limit_value}{Power.LimitUnit(self.time_limit_unit).label}"


class FlowEdge(models.Model):
    """A way from one step to the next; a decision's edges carry the branch label."""

    power = models.ForeignKey(
        Power, verbose_name=_("职权"), on_delete=models.CASCADE, related_name="edges"
    )
    source = models.ForeignKey(
        FlowStep, verbose_name=_("从"), on_delete=models.CASCADE, related_name="outgoing"
    )
    target = models.ForeignKey(
        FlowStep, verbose_name=_("到"), on_delete=models.CASCADE, related_name="incoming"
    )
    label = models.CharField(_("分支条件"), max_length=50, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("流程连线")
        verbose_name_plural = _("流程连线")
        constraints = [models.UniqueConstraint(fields=["source", "target"], name="flow_edge_once")]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"


class Circumstance(models.Model):
    """情节 of a violation, lightest first (轻微, 一般, 较重, 严重); configurable."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=20, unique=True)
    order = models.PositiveSmallIntegerField(_("轻重顺序"), unique=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("违法情节")
        verbose_name_plural = _("违法情节")

    def __str__(self) -> str:
        return self.name


class DiscretionBenchmark(models.Model):
    """One grade (阶次) of a discretion benchmark (裁量权基准): for a violation and a measure,
    the range allowed under a circumstance."""

    power = models.ForeignKey(
        Power, verbose_name=_("职权"), on_delete=models.CASCADE, related_name="benchmarks"
    )
    violation = models.CharField(_("违法行为"), max_length=200)
    measure = models.CharField(_("处罚种类"), max_length=50, help_text=_("如：罚款、没收违法所得"))
    circumstance = models.ForeignKey(
        Circumstance, verbose_name=_("情节"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    amount_from = models.DecimalField(
        _("下限"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_to = models.DecimalField(
        _("上限"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_unit = models.CharField(
        _("计量单位"), max_length=20, blank=True, help_text=_("元、倍、日…")
    )
    other_measure = models.CharField(
        _("其他裁量"), max_length=200, blank=True, help_text=_("不以数额计的裁量，如“警告”")
    )
    conditions = models.TextField(_("适用条件"), blank=True)
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["violation", "measure", "circumstance__order", "order"]
        verbose_name = _("裁量权基准")
        verbose_name_plural = _("裁量权基准")

    def __str__(self) -> str:
        return f"{self.violation} · {self.measure} · {self.circumstance}"
