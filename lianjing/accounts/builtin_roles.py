"""The built-in roles of Lianjing (DOMAIN.md, "Who uses it"). Created by migration; their
permissions grow as modules are added. Data scopes are attached by the organisation module."""

from __future__ import annotations

from typing import Any

from lianjing.accounts import permissions as perms

# a unit maintains its own catalogue: its leaders (and administrators) may edit, publish, import
POWERS_ALL = [perms.POWERS_VIEW, perms.POWERS_MANAGE, perms.POWERS_IMPORT]
RISKS_ALL = [perms.RISKS_VIEW, perms.RISKS_MANAGE, perms.RISKS_IDENTIFY]
REVIEWS_ALL = [perms.REVIEWS_VIEW, perms.REVIEWS_OPEN, perms.REVIEWS_REVIEW]

BUILTIN_ROLES: list[dict[str, object]] = [
    {
        "code": "system_admin",
        "name": "系统管理员",
        "description": "配置系统、管理账户与角色、维护组织机构、查看审计日志、维护工作日历",
        "permissions": [
            perms.MANAGE_USERS,
            perms.MANAGE_ROLES,
            perms.VIEW_AUDIT,
            perms.MANAGE_CALENDAR,
            perms.ORG_VIEW,
            perms.ORG_MANAGE,
            perms.ORG_IMPORT,
            *POWERS_ALL,
            perms.POWERS_CONFIGURE,
            *RISKS_ALL,
            perms.RISKS_APPROVE,
            perms.RISKS_CONFIGURE,
            *REVIEWS_ALL,
            perms.ARCHIVES_VIEW,
        ],
        "scope": "all",
    },
    {
        "code": "discipline_inspector",
        "name": "纪委监察员",
        "description": "区（县）纪委监委工作人员：审核风险台账、研判分析、发布和督办预警",
        "permissions": [
            perms.ORG_VIEW,
            perms.POWERS_VIEW,
            perms.RISKS_VIEW,
            perms.RISKS_APPROVE,
            *REVIEWS_ALL,
            perms.ARCHIVES_VIEW,
        ],
        "scope": "unit_tree",
    },
    {
        "code": "stationed_team",
        "name": "派驻纪检组",
        "description": "派驻（派出）纪检监察组：指导和检查归口联系单位",
        "permissions": [
            perms.ORG_VIEW,
            perms.POWERS_VIEW,
            perms.RISKS_VIEW,
            perms.RISKS_APPROVE,
            perms.REVIEWS_VIEW,
            perms.REVIEWS_REVIEW,
            perms.ARCHIVES_VIEW,
        ],
        "scope": "assigned_units",
    },
    {
        "code": "collector",
        "name": "信息采集员",
        "description": "采集点信息采集员：按时录入廉情信息",
        "permissions": [perms.ORG_VIEW, perms.POWERS_VIEW],
        "scope": "unit_tree",
    },
    {
        "code": "unit_leader",
        "name": "单位领导",
        "description": "单位主要领导、分管领导：审定和签字备案风险台账，答复预警",
        "permissions": [perms.ORG_VIEW, *POWERS_ALL, *RISKS_ALL, *REVIEWS_ALL, perms.ARCHIVES_VIEW],
        "scope": "unit_tree",
    },
    {
        "code": "cadre",
        "name": "干部职工",
        "description": "查找本岗位风险、查看风险提示单、参加学习测试、答复本人预警",
        "permissions": [perms.ORG_VIEW, perms.RISKS_VIEW, perms.RISKS_IDENTIFY],
        "scope": "self",
    },
    {
        "code": "org_personnel",
        "name": "组织人事",
        "description": "组织人事部门：接收严重预警抄告和年度廉政考评结果",
        "permissions": [
            perms.ORG_VIEW,
            perms.POWERS_VIEW,
            perms.RISKS_VIEW,
            perms.REVIEWS_VIEW,
            perms.ARCHIVES_VIEW,
        ],
        "scope": "unit_tree",
    },
]


def sync_builtin_roles(role_model: Any) -> None:
    """Create or refresh the built-in roles (`role_model` is the real or the historical model)."""
    # a historical model (an earlier migration) may not have every field yet
    fields = {f.name for f in role_model._meta.get_fields()}
    for definition in BUILTIN_ROLES:
        defaults = {k: v for k, v in definition.items() if k != "code" and k in fields}
        role_model.objects.update_or_create(
            code=definition["code"], defaults={**defaults, "is_builtin": True}
        )


def grant_builtin_permissions(role_model: Any, codes: set[str]) -> None:
    """Add the permissions `codes` to the built-in roles that carry them (a module's migration
    does this when it brings new permissions). Nothing is removed: an administrator's changes to
    a built-in role are kept."""
    for definition in BUILTIN_ROLES:
        wanted = [c for c in definition["permissions"] if c in codes]  # type: ignore[attr-defined]
        role = role_model.objects.filter(code=definition["code"]).first()
        if role is None or not wanted:
            continue
        role.permissions = [*role.permissions, *(c for c in wanted if c not in role.permissions)]
        role.save(update_fields=["permissions"])
