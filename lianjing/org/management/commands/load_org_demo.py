from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lianjing.org.demo import (
    DistrictStats,
    LoadCounts,
    load_district,
    load_province,
    next_free_index,
)
from lianjing.org.models import Unit


class Command(BaseCommand):
    help = "载入演示组织机构数据：一个区（64 个单位、2448 个岗位）或一个省（100 个区县）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            choices=["district", "province"],
            default="district",
            help="district：一个区；province：一个省（100 个区县，约 26 万人）",
        )
        parser.add_argument("--seed", type=int, default=2026, help="随机种子（同一种子数据相同）")
        parser.add_argument(
            "--districts", type=int, default=100, help="省级规模时的区县数（默认 100）"
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="已有组织机构数据时，仍追加一个演示区（仅限区级规模）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        existing = Unit.objects.count()
        province = options["scale"] == "province"
        if existing and (province or not options["append"]):
            hint = "" if province else "如需再追加一个演示区，请加 --append。"
            raise CommandError(
                f"数据库中已有组织机构数据（{existing} 个单位），未写入任何数据。{hint}"
            )
        started = time.monotonic()
        if province:
            self.stdout.write(f"正在载入省级演示数据（{options['districts']} 个区县）……")
            result = load_province(
                seed=options["seed"], districts=options["districts"], progress=self.progress
            )
            self.stdout.write(
                f"已载入 {result.province}：{result.cities} 个市、{result.districts} 个区县。"
            )
            self.print_counts(result)
        else:
            stats = load_district(seed=options["seed"], index=next_free_index() if existing else 0)
            self.stdout.write(f"已载入演示区 {stats.region}（区划代码 {stats.region.code}）。")
            self.print_counts(stats)
        self.stdout.write(self.style.SUCCESS(f"用时 {time.monotonic() - started:.1f} 秒。"))

    def progress(self, done: int, stats: DistrictStats) -> None:
        if done % 10 == 0:
            self.stdout.write(f"  已完成 {done} 个区县（最近：{stats.region}）")

    def print_counts(self, stats: LoadCounts) -> None:
        rows = [
            ("单位", stats.units),
            ("内设机构", stats.departments),
            ("岗位", stats.posts),
            ("人员", stats.people),
            ("任职记录", stats.assignments),
            ("其中轮岗人员", stats.rotated),
            ("同一重点岗位任职超过五年", stats.long_tenure),
            ("兼任岗位人员", stats.concurrent),
        ]
        for label, value in rows:
            self.stdout.write(f"  {label}：{value:,}")
