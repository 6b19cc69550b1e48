from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An account. The person it belongs to (org.Person) links to it from the organisation side."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class Role(models.Model):
    """What an account may do. Built-in roles are created by migration and cannot be deleted;
    administrators may add their own."""

    class Code(models.TextChoices):
        SYSTEM_ADMIN = "system_admin", _("系统管理员")
        DISCIPLINE_INSPECTOR = "discipline_inspector", _("纪委监察员")
        STATIONED_TEAM = "stationed_team", _("派驻纪检组")
        COLLECTOR = "collector", _("信息采集员")
        UNIT_LEADER = "unit_leader", _("单位领导")
        CADRE = "cadre", _("干部职工")
        ORG_PERSONNEL = "org_personnel", _("组织人事")

    class Scope(models.TextChoices):
        SELF = "self", _("本人")
        DEPARTMENT = "department", _("本内设机构")
        DEPARTMENT_TREE = "department_tree", _("本内设机构及下级")
        UNIT = "unit", _("本单位")
        UNIT_TREE = "unit_tree", _("本单位及下级单位")
        ASSIGNED_UNITS = "assigned_units", _("归口联系单位及其下级")
        ALL = "all", _("全部")

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    permissions = models.JSONField(_("权限"), default=list, blank=True)
    scope = models.CharField(
        _("数据范围"), max_length=20, choices=Scope.choices, default=Scope.SELF
    )
    cross_system_rank = models.BooleanField(
        _("跨系统监督"),
        default=False,
        help_text=_(
            "可查看所在区域内职级不低于本人岗位职级的岗位及其在岗人员（成都“跨系统监督”）。"
        ),
    )
    requires_two_factor = models.BooleanField(_("要求两步验证"), default=False)
    is_builtin = models.BooleanField(_("内置角色"), default=False, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A role held by an account, anchored at a unit: "own unit (and below)" means this unit.
    A stationed team's assignment lists its assigned units (归口联系单位)."""

    user = models.ForeignKey(
        User, verbose_name=_("账户"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.ForeignKey(
        Role, verbose_name=_("角色"), on_delete=models.PROTECT, related_name="assignments"
    )
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    assigned_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("归口联系单位"), blank=True, related_name="stationed_assignments"
    )
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="unique_role_per_user_and_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"
