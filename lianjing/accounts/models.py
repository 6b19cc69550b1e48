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

    code = models.SlugField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    permissions = models.JSONField(_("权限"), default=list, blank=True)
    requires_two_factor = models.BooleanField(_("要求两步验证"), default=False)
    is_builtin = models.BooleanField(_("内置角色"), default=False, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("角色")
        verbose_name_plural = _("角色")

    def __str__(self) -> str:
        return self.name


class RoleAssignment(models.Model):
    """A role held by an account. The organisation module anchors each assignment at a unit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="assignments")
    created_at = models.DateTimeField(_("授予时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"
