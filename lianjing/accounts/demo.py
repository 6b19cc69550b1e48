"""Demo accounts, one per built-in role. Later modules extend the demo loader with their data
and anchor these accounts in the demo district's units."""

from __future__ import annotations

from django.db import transaction

from lianjing.accounts import services
from lianjing.accounts.models import Role, User

DEMO_PASSWORD = "Lianjing@2026"

DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    # (username, name, role code)
    ("admin", "系统管理员", "system_admin"),
    ("jiwei", "王纪检", "discipline_inspector"),
    ("paizhu", "李派驻", "stationed_team"),
    ("caiji", "赵采集", "collector"),
    ("lingdao", "陈局长", "unit_leader"),
    ("ganbu", "刘干部", "cadre"),
    ("zuzhi", "孙组织", "org_personnel"),
]


@transaction.atomic
def load_demo_accounts() -> list[User]:
    created = []
    for username, full_name, role_code in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        created.append(
            services.user_create(
                actor=None,
                username=username,
                full_name=full_name,
                password=DEMO_PASSWORD,
                roles=[Role.objects.get(code=role_code)],
            )
        )
    return created
