from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lianjing.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from lianjing.accounts.models import RoleAssignment, User


class Command(BaseCommand):
    help = "载入演示数据（演示区的组织机构、职权目录、演示账户）并打印登录方式"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="仅当数据库中还没有任何账户时载入"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("数据库中已有数据，保留现有数据，不再载入演示数据。")
        else:
            result = load_demo()
            if result.district is not None:
                stats = result.district
                self.stdout.write(
                    f"已载入演示区 {stats.region}：单位 {stats.units} 个、岗位 {stats.posts:,} 个、"
                    f"人员 {stats.people:,} 人。"
                )
            if result.powers is not None:
                p = result.powers
                self.stdout.write(
                    f"已载入演示职权目录：{p.units} 个单位的职权 {p.powers - p.history} 项"
                    f"（已公布 {p.published} 项、草稿 {p.drafts} 项、已废止 {p.revoked} 项），"
                    f"流程环节 {p.steps:,} 个。"
                )
            if result.risks is not None:
                r = result.risks
                self.stdout.write(
                    f"已载入演示风险台账：{r.units} 个单位的廉政风险点 {r.points:,} 个、"
                    f"防控措施 {r.measures:,} 条。"
                )
            if result.reviews is not None:
                v = result.reviews
                self.stdout.write(
                    f"已载入演示风险排查：{v.reviews:,} 个排查事项，已签字备案 {v.signed} 个、"
                    f"被退回 {v.returned} 个、逾期 {v.late} 个。"
                )
            self.stdout.write(f"已载入演示数据：新建账户 {len(result.accounts)} 个。")
        self.print_accounts()

    def print_accounts(self) -> None:
        users = {
            u.username: u for u in User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
        }
        grants = (
            RoleAssignment.objects.filter(user__in=users.values())
            .select_related("role", "unit", "user__person__post", "user__person__unit")
            .prefetch_related("assigned_units")
        )
        self.stdout.write("")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        for username, _, role_code in DEMO_ACCOUNTS:
            if username not in users:
                continue
            grant = next(
                (g for g in grants if g.user.username == username and g.role.code == role_code),
                None,
            )
            role = grant.role.name if grant else role_code
            if grant and grant.unit:
                anchor = f"锚定单位：{grant.unit.name}"
            else:
                anchor = "全部单位" if role_code == "system_admin" else "未锚定单位"
            person = getattr(grant.user if grant else users[username], "person", None)
            if grant and grant.assigned_units.all():
                anchor += "，归口联系：" + "、".join(
                    u.short_name for u in grant.assigned_units.all()
                )
            where = ""
            if person and person.post and person.unit:
                where = f"；本人：{person.unit.short_name or person.unit.name} {person.post}"
            self.stdout.write(
                f"  {username:<8} {users[username].full_name}，{role}，{anchor}{where}"
            )
