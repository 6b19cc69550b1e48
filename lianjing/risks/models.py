"""The risk register (M3–M5): grading models, risk points with their grading, control measures,
the responsibility chain (with its history) and exceptions to the 10% rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import Department, Person, Post, Unit
from lianjing.powers.models import FlowStep, Power
from lianjing.risks import grading
from lianjing.risks.choices import (
    FoundBy,
    Level,
    MeasureKind,
    ResponsibilityRole,
    RiskType,
    TargetKind,
)

SHARE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))]
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class GradingModel(models.Model):
    """One version of the grading model. Exactly one is in force; a new version starts as a
    draft, and putting it in force never regrades anything by itself."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        ACTIVE = "active", _("现行")
        RETIRED = "retired", _("已停用")

    version_no = models.PositiveIntegerField(_("版本"), unique=True)
    name = models.CharField(_("名称"), max_length=100)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="draft")
    probability_scale = models.JSONField(_("可能性档次"), default=list)
    harm_scale = models.JSONField(_("危害程度档次"), default=list)
    likelihood_share = models.DecimalField(
        _("可能性×危害占比"), max_digits=4, decimal_places=2, validators=SHARE
    )
    level1_min = models.DecimalField(
        _("一级线"), max_digits=5, decimal_places=1, validators=PERCENT
    )
    level2_min = models.DecimalField(
        _("二级线"), max_digits=5, decimal_places=1, validators=PERCENT
    )
    note = models.TextField(_("说明"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    activated_at = models.DateTimeField(_("启用时间"), null=True, blank=True)

    class Meta:
        ordering = ["-version_no"]
        verbose_name = _("风险定级模型")
        verbose_name_plural = _("风险定级模型")
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="active"), name="one_active_grading_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（第 {self.version_no} 版）"

    def scheme(self) -> grading.Scheme:
        return grading.Scheme(
            factors=[f.as_factor() for f in self.factors.all()],
            probability=_options(self.probability_scale),
            harm=_options(self.harm_scale),
            likelihood_share=self.likelihood_share,
            level1_min=self.level1_min,
            level2_min=self.level2_min,
        )


def _options(raw: Any) -> list[grading.Option]:
    return [grading.Option(str(o["label"]), int(o["score"])) for o in raw or []]


class GradingFactor(models.Model):
    model = models.ForeignKey(
        GradingModel, verbose_name=_("定级模型"), on_delete=models.CASCADE, related_name="factors"
    )
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("因素"), max_length=50)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=1)
    options = models.JSONField(_("档次"), default=list, help_text=_("[{label, score(1–5)}]"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("定级因素")
        verbose_name_plural = _("定级因素")
        constraints = [
            models.UniqueConstraint(fields=["model", "code"], name="grading_factor_code_once")
        ]

    def __str__(self) -> str:
        return self.name

    def as_factor(self) -> grading.Factor:
        return grading.Factor(self.code, self.name, self.weight, _options(self.options))


class RiskPoint(models.Model):
    """A place where corruption can happen (廉政风险点), in one unit's register of one year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("查找中")
        CONFIRMED = "confirmed", _("已审定")
        RETIRED = "retired", _("已撤销")

    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), on_delete=models.PROTECT, related_name="risk_points"
    )
    year = models.PositiveSmallIntegerField(_("台账年度"))
    target_kind = models.CharField(_("风险对象"), max_length=12, choices=TargetKind.choices)
    post = models.ForeignKey(
        Post,
        verbose_name=_("岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_points",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_points",
    )
    sector = models.CharField(_("行业（系统）"), max_length=100, blank=True)
    power = models.ForeignKey(
        Power,
        verbose_name=_("所涉职权"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_points",
    )
    flow_step = models.ForeignKey(
        FlowStep,
        verbose_name=_("所在环节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risk_points",
    )
    risk_type = models.CharField(_("风险类型"), max_length=15, choices=RiskType.choices)
    description = models.TextField(_("风险点描述"))
    manifestations = models.TextField(_("表现形式"), blank=True)
    causes = models.TextField(_("成因"), blank=True)
    found_by = models.JSONField(_("查找方式"), default=list)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="draft")
    # grading: the inputs, the model version they were graded under, what it computed, and the
    # level in force (the computed one unless the leadership confirmed another, with reasons)
    grading_model = models.ForeignKey(
        GradingModel, verbose_name=_("定级模型"), on_delete=models.PROTECT, related_name="+"
    )
    factor_inputs = models.JSONField(_("定级因素取值"), default=dict)
    computed_score = models.DecimalField(_("计算得分"), max_digits=5, decimal_places=1)
    computed_level = models.PositiveSmallIntegerField(_("计算等级"), choices=Level.choices)
    level = models.PositiveSmallIntegerField(_("风险等级"), choices=Level.choices)
    override_reason = models.TextField(_("调整理由"), blank=True)
    override_decided_on = models.DateField(_("集体审定日期"), null=True, blank=True)
    override_participants = models.TextField(_("参加审定人员"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)
    # the special campaign (专项治理) the point was found in; None for the yearly register work
    campaign = models.ForeignKey(
        "reviews.Round",
        verbose_name=_("专项治理"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_points",
    )
    # the point of the previous year's register this one was carried forward from (动态管理)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("沿用自"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    # signed (签字备案): no change until a revision is opened
    locked = models.BooleanField(_("已签字锁定"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["level", "id"]
        verbose_name = _("廉政风险点")
        verbose_name_plural = _("廉政风险点")
        indexes = [
            models.Index(fields=["unit", "year", "status"]),
            models.Index(fields=["post", "year"]),
        ]

    def __str__(self) -> str:
        return self.description[:40]

    @property
    def found_by_labels(self) -> list[str]:
        labels = dict(FoundBy.choices)
        return [str(labels[c]) for c in self.found_by if c in labels]

    @property
    def is_overridden(self) -> bool:
        return self.level != self.computed_level


class ControlMeasure(models.Model):
    """A checkable control measure (防控措施) of one of the four kinds."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("未开始")
        IN_PROGRESS = "in_progress", _("落实中")
        DONE = "done", _("已落实")

    risk_point = models.ForeignKey(
        RiskPoint, verbose_name=_("风险点"), on_delete=models.CASCADE, related_name="measures"
    )
    kind = models.CharField(_("措施类别"), max_length=12, choices=MeasureKind.choices)
    content = models.TextField(_("措施内容"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("责任人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="control_measures",
    )
    due_date = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(
        _("落实情况"), max_length=12, choices=Status.choices, default="planned"
    )
    check_method = models.CharField(
        _("检查方式"), max_length=200, blank=True, help_text=_("如何检查落实情况")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("防控措施")
        verbose_name_plural = _("防控措施")

    def __str__(self) -> str:
        return self.content[:40]


class MeasureEvidence(models.Model):
    measure = models.ForeignKey(
        ControlMeasure,
        verbose_name=_("防控措施"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("佐证材料"), upload_to="evidence/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("佐证材料")
        verbose_name_plural = _("佐证材料")

    def __str__(self) -> str:
        return self.name


class Responsibility(models.Model):
    """Who answers for a risk point in which role, from when until when. The chain is derived
    from the organisation and the level; when people change posts the open rows are closed and
    new ones opened, so the history is kept."""

    risk_point = models.ForeignKey(
        RiskPoint,
        verbose_name=_("风险点"),
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    role = models.CharField(_("责任"), max_length=10, choices=ResponsibilityRole.choices)
    person = models.ForeignKey(
        Person, verbose_name=_("责任人"), on_delete=models.PROTECT, related_name="responsibilities"
    )
    basis = models.CharField(_("依据"), max_length=100, help_text=_("如：单位主要领导、分管领导"))
    since = models.DateField(_("起"))
    until = models.DateField(_("止"), null=True, blank=True)

    class Meta:
        ordering = ["risk_point", "until", "role", "id"]
        verbose_name = _("防控责任")
        verbose_name_plural = _("防控责任")
        indexes = [models.Index(fields=["risk_point", "until"])]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()}"


class RegisterException(models.Model):
    """A written justification for a unit's register of a year to exceed the 10% rule,
    approved (or not) by the supervising discipline office."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待审批")
        APPROVED = "approved", _("已批准")
        REJECTED = "rejected", _("未批准")

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="register_exceptions"
    )
    year = models.PositiveSmallIntegerField(_("台账年度"))
    justification = models.TextField(_("说明理由"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default="pending")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("一级风险占比例外")
        verbose_name_plural = _("一级风险占比例外")

    def __str__(self) -> str:
        return f"{self.unit} {self.year} 年"


class Register(models.Model):
    """A unit's register of a year, confirmed (审定) when its levels are settled."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="risk_registers"
    )
    year = models.PositiveSmallIntegerField(_("台账年度"))
    confirmed_at = models.DateTimeField(_("审定时间"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    exception = models.ForeignKey(
        RegisterException, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("风险台账")
        verbose_name_plural = _("风险台账")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_register_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year} 年风险台账"


class SuggestionDecision(models.Model):
    """What was done with a "3+X" suggestion for a post in a register year: accepted (as the
    risk point made from it) or rejected — so it is not offered again."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("已采纳")
        REJECTED = "rejected", _("不采纳")

    post = models.ForeignKey(
        Post, verbose_name=_("岗位"), on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        "risklib.RiskTemplate",
        verbose_name=_("风险模板"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("台账年度"))
    decision = models.CharField(_("处理"), max_length=10, choices=Decision.choices)
    risk_point = models.ForeignKey(
        RiskPoint, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(_("理由"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("风险建议处理")
        verbose_name_plural = _("风险建议处理")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "template", "year"], name="one_decision_per_suggestion"
            )
        ]

    def __str__(self) -> str:
        return f"{self.post} · {self.get_decision_display()}"


from lianjing.risks.models_separation import (  # noqa: E402  (models of this app, kept apart)
    DutyRole,
    IncompatiblePair,
    PostDuty,
    SeparationDomain,
)

__all__ = [
    "ControlMeasure",
    "DutyRole",
    "GradingFactor",
    "GradingModel",
    "IncompatiblePair",
    "MeasureEvidence",
    "PostDuty",
    "Register",
    "RegisterException",
    "Responsibility",
    "RiskPoint",
    "SeparationDomain",
    "SuggestionDecision",
]
