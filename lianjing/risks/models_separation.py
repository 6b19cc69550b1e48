"""Structural prevention (结构防控, seed 001 item 8): duties that one person must not hold
together in one domain — procurement 管/采/监, penalties 调查/决定/执行, investment projects
投资/建设/监管/使用. Units say which of their posts play which duty; the register shows the
posts and people that hold both sides of an incompatible pair."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import Post


class SeparationDomain(models.Model):
    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("领域"), max_length=50, unique=True)
    basis = models.CharField(_("依据"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("分权领域")
        verbose_name_plural = _("分权领域")

    def __str__(self) -> str:
        return self.name


class DutyRole(models.Model):
    domain = models.ForeignKey(
        SeparationDomain, verbose_name=_("领域"), on_delete=models.CASCADE, related_name="roles"
    )
    code = models.SlugField(_("代码"), max_length=30)
    name = models.CharField(_("职责"), max_length=30)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["domain", "order", "id"]
        verbose_name = _("分权职责")
        verbose_name_plural = _("分权职责")
        constraints = [
            models.UniqueConstraint(fields=["domain", "code"], name="duty_role_code_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.domain.name}·{self.name}"


class IncompatiblePair(models.Model):
    """Two duties of one domain that must be held by different posts and different people."""

    domain = models.ForeignKey(
        SeparationDomain, verbose_name=_("领域"), on_delete=models.CASCADE, related_name="pairs"
    )
    first = models.ForeignKey(DutyRole, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(DutyRole, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("不相容职责")
        verbose_name_plural = _("不相容职责")
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="incompatible_pair_once")
        ]

    def __str__(self) -> str:
        return f"{self.first.name} ✕ {self.second.name}"


class PostDuty(models.Model):
    """A post plays a duty of a domain (set by the unit)."""

    post = models.ForeignKey(
        Post, verbose_name=_("岗位"), on_delete=models.CASCADE, related_name="separation_duties"
    )
    role = models.ForeignKey(
        DutyRole, verbose_name=_("职责"), on_delete=models.CASCADE, related_name="posts"
    )

    class Meta:
        verbose_name = _("岗位分权职责")
        verbose_name_plural = _("岗位分权职责")
        constraints = [models.UniqueConstraint(fields=["post", "role"], name="post_duty_once")]

    def __str__(self) -> str:
        return f"{self.post} · {self.role}"
