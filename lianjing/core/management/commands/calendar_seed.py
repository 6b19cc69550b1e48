"""`manage.py calendar_seed`: after upgrading chinese-calendar, bring in the years it has learnt."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from lianjing.core.services_calendar import calendar_seed_from_package


def _years(years: list[int]) -> str:
    return "、".join(str(y) for y in years) if years else "无"


class Command(BaseCommand):
    help = "从 chinese-calendar 导入尚未确认年度的节假日与调休（不覆盖管理员录入的记录）"

    def handle(self, *args: Any, **options: Any) -> None:
        result = calendar_seed_from_package(actor=None)
        if not result.years_added:
            self.stdout.write(
                f"没有需要导入的年度：chinese-calendar 已知的 {len(result.years_skipped)} "
                "个年度均已确认。"
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"已导入 {len(result.years_added)} 个年度（{_years(result.years_added)}）："
                f"新增节假日与调休 {result.days_added} 条，"
                f"保留已有记录 {result.days_kept} 条；"
                f"跳过已确认年度 {len(result.years_skipped)} 个。"
            )
        )
