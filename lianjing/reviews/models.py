"""The eight-step procedure (八步工作法, M6): identification rounds (排查) and special campaigns
(专项治理), one review per target, the comments gathered at 征求意见, the transitions taken and the
snapshot of the register signed at 签字备案."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import Department, Post, Unit


class Step(models.IntegerChoices):
    TARGETS = 1, _("确定对象")
    SELF_CHECK = 2, _("自查自找")
    MEASURES = 3, _("制定措施")
    CONSULT = 4, _("征求意见")
    RECTIFY = 5, _("对照整改")
    REVIEW = 6, _("组织审查")
    REFINE = 7, _("修改完善")
    SIGN = 8, _("签字备案")


# working days allowed at each step unless the round says otherwise
DEFAULT_STEP_DAYS = {2: 10, 3: 5, 4: 5, 5: 5, 6: 5, 7: 5, 8: 5}


class Round(models.Model):
    """One identification round for a year over a scope of units, or one special campaign."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("年度排查")
        CAMPAIGN = "campaign", _("专项治理")

    class State(models.TextChoices):
        OPENING = "opening", _("正在生成")
        OPEN = "open", _("进行中")
        FAILED = "failed", _("生成失败")
        CLOSED = "closed", _("已结束")

    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices, default="regular")
    name = models.CharField(_("名称"), max_length=100)
    description = models.TextField(_("说明"), blank=True)
    year = models.PositiveSmallIntegerField(_("台账年度"))
    units = models.ManyToManyField(Unit, verbose_name=_("范围单位"), related_name="+")
    include_subunits = models.BooleanField(_("含下级单位"), default=True)
    # who is reviewed: {"posts": "key"|"all"|"none", "departments": bool, "units": bool} and, for
    # a campaign, the filter of posts concerned: key_post_kinds, unit_kinds, keywords,
    # power_categories (lists; empty = no condition)
    criteria = models.JSONField(_("对象条件"), default=dict)
    step_days = models.JSONField(_("各环节时限（工作日）"), default=dict)
    comment_days = models.PositiveSmallIntegerField(_("征求意见期限（工作日）"), default=5)
    copy_from_year = models.PositiveSmallIntegerField(_("沿用台账年度"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default="opening")
    total = models.PositiveIntegerField(_("对象总数"), default=0)
    processed = models.PositiveIntegerField(_("已生成"), default=0)
    result = models.JSONField(_("生成结果"), default=dict, blank=True)
    error = models.TextField(_("错误"), blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    opened_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    ready_at = models.DateTimeField(_("生成完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-opened_at", "-id"]
        verbose_name = _("排查轮次")
        verbose_name_plural = _("排查轮次")

    def __str__(self) -> str:
        return self.name

    def days_for(self, step: int) -> int:
        raw = (self.step_days or {}).get(str(step), DEFAULT_STEP_DAYS.get(step, 5))
        return int(raw)


class Review(models.Model):
    """One target's run through the eight steps in a round (or a revision of a signed one)."""

    class TargetKind(models.TextChoices):
        POST = "post", _("岗位")
        DEPARTMENT = "department", _("内设机构")
        UNIT = "unit", _("单位")

    class Status(models.TextChoices):
        ACTIVE = "active", _("进行中")
        SIGNED = "signed", _("已签字备案")
        SUPERSEDED = "superseded", _("已被修订")

    class Cause(models.TextChoices):
        LAW = "law", _("法律法规变化")
        DUTIES = "duties", _("岗位职责调整")
        WARNING = "warning", _("预警发现遗漏风险")
        OTHER = "other", _("其他")

    round = models.ForeignKey(
        Round, verbose_name=_("排查轮次"), on_delete=models.CASCADE, related_name="reviews"
    )
    target_kind = models.CharField(_("对象类别"), max_length=12, choices=TargetKind.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("内设机构"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("岗位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    step = models.PositiveSmallIntegerField(_("当前环节"), choices=Step.choices, default=2)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default="active")
    returned = models.BooleanField(_("被退回"), default=False)
    return_reason = models.TextField(_("退回理由"), blank=True)
    step_since = models.DateField(_("进入本环节日期"))
    due_on = models.DateField(_("本环节期限"))
    due_estimated = models.BooleanField(default=False)
    comment_until = models.DateField(_("征求意见截止"), null=True, blank=True)
    signed_at = models.DateTimeField(_("签字时间"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revision_of = models.ForeignKey(
        "self",
        verbose_name=_("修订自"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revisions",
    )
    revision_cause = models.CharField(
        _("修订原因"), max_length=10, choices=Cause.choices, blank=True
    )
    revision_reason = models.TextField(_("修订说明"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["unit_id", "target_kind", "id"]
        verbose_name = _("风险排查事项")
        verbose_name_plural = _("风险排查事项")
        indexes = [
            models.Index(fields=["post", "status"]),
            models.Index(fields=["status", "due_on"]),
            # a round's reviews; its late ones (active, past their due date) by an index range
            models.Index(fields=["round", "status", "due_on", "unit"], name="review_late"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "post"],
                condition=Q(revision_of__isnull=True, target_kind="post"),
                name="one_review_per_post_and_round",
            ),
            models.UniqueConstraint(
                fields=["round", "department"],
                condition=Q(revision_of__isnull=True, target_kind="department"),
                name="one_review_per_department_and_round",
            ),
            models.UniqueConstraint(
                fields=["round", "unit"],
                condition=Q(revision_of__isnull=True, target_kind="unit"),
                name="one_review_per_unit_and_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.target_name} · {self.round.year} 年"

    @property
    def target_name(self) -> str:
        if self.target_kind == self.TargetKind.POST and self.post is not None:
            return f"{self.unit.name} {self.post.name}"
        if self.target_kind == self.TargetKind.DEPARTMENT and self.department is not None:
            return f"{self.unit.name} {self.department.name}"
        return self.unit.name

    @property
    def step_label(self) -> Any:
        return Step(self.step).label


class ReviewEvent(models.Model):
    """A transition (or the creation) of a review: who moved it from which step to which."""

    class Action(models.TextChoices):
        CREATE = "create", _("确定对象")
        SUBMIT = "submit", _("提交")
        APPROVE = "approve", _("审查通过")
        RETURN = "return", _("退回")
        SIGN = "sign", _("签字备案")
        REOPEN = "reopen", _("发起修订")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=10, choices=Action.choices)
    step_from = models.PositiveSmallIntegerField(choices=Step.choices, null=True)
    step_to = models.PositiveSmallIntegerField(choices=Step.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    note = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.get_action_display()} → {self.get_step_to_display()}"


class ReviewComment(models.Model):
    """An opinion given at 征求意见, and the holder's answer at 对照整改."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(_("提出人"), max_length=100)
    text = models.TextField(_("意见"))
    created_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("整改答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")

    def __str__(self) -> str:
        return f"{self.author_name}：{self.text[:30]}"


class Snapshot(models.Model):
    """The exact content of a register when it was signed (签字备案), published within the unit
    (公示) and filed into the holders' integrity archives. Never changed after it is written."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="snapshot")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("台账年度"))
    title = models.CharField(_("标题"), max_length=200)
    content = models.JSONField(_("内容"))
    digest = models.CharField(_("摘要值"), max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signer_name = models.CharField(_("签字人"), max_length=100)
    signed_at = models.DateTimeField(_("签字时间"))

    class Meta:
        ordering = ["-signed_at", "-id"]
        verbose_name = _("签字备案台账")
        verbose_name_plural = _("签字备案台账")
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return self.title


class ReviewTally(models.Model):
    """How many of a round's reviews (revisions aside) of one unit stand at each step, and how
    many are signed: one row per unit and round, kept with every move (reviews/tally.py), so
    that the progress board of a province reads 6,500 rows instead of adding up 240,000
    reviews. (Lateness changes with the calendar, not with moves: the board counts the late
    from the reviews themselves.)"""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    step_1 = models.IntegerField(default=0)
    step_2 = models.IntegerField(default=0)
    step_3 = models.IntegerField(default=0)
    step_4 = models.IntegerField(default=0)
    step_5 = models.IntegerField(default=0)
    step_6 = models.IntegerField(default=0)
    step_7 = models.IntegerField(default=0)
    step_8 = models.IntegerField(default=0)
    done = models.IntegerField(default=0)  # signed (or signed and since revised)

    class Meta:
        verbose_name = _("排查进度计数")
        verbose_name_plural = _("排查进度计数")
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_tally_per_unit_and_round")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}"
