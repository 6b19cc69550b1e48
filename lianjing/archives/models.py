"""Personal integrity archives (个人廉政档案, M11): one person's file. Modules file entries into it
(a signed risk register now; warnings, ratings and education as those modules arrive); an entry
points back at what it records and keeps a short summary, so the archive reads on its own."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from lianjing.org.models import Person


class ArchiveEntry(models.Model):
    class Section(models.TextChoices):
        RISK_REGISTER = "risk_register", _("廉政风险防控")
        WARNING = "warning", _("廉情预警")
        RATING = "rating", _("廉政考评")
        EDUCATION = "education", _("廉政教育")

    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="archive_entries"
    )
    section = models.CharField(_("栏目"), max_length=20, choices=Section.choices)
    title = models.CharField(_("标题"), max_length=200)
    occurred_on = models.DateField(_("日期"))
    summary = models.JSONField(_("摘要"), default=dict, blank=True)
    # what the entry records, e.g. ("reviews.snapshot", 12), and where to read it
    source_type = models.CharField(max_length=60)
    source_id = models.PositiveBigIntegerField()
    url = models.CharField(max_length=300, blank=True)
    filed_at = models.DateTimeField(_("归档时间"), auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name = _("廉政档案记录")
        verbose_name_plural = _("廉政档案记录")
        indexes = [models.Index(fields=["person", "section"])]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source_type", "source_id"], name="one_entry_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.title
