from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lianjing.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_accounts
from lianjing.accounts.models import Role, User


class Command(BaseCommand):
    help = "载入演示数据（演示账户等）并打印登录方式"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="仅当数据库中还没有任何账户时载入"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and User.objects.exists():
            self.stdout.write("数据库中已有数据，保留现有数据，不再载入演示数据。")
        else:
            created = load_demo_accounts()
            self.stdout.write(f"已载入演示数据：新建账户 {len(created)} 个。")
        self.print_accounts()

    def print_accounts(self) -> None:
        roles = dict(Role.objects.values_list("code", "name"))
        existing = set(User.objects.values_list("username", flat=True))
        self.stdout.write("")
        self.stdout.write(f"演示账户（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, role_code in DEMO_ACCOUNTS:
            if username in existing:
                self.stdout.write(
                    f"  {username:<10} {full_name:<8} {roles.get(role_code, role_code)}"
                )
