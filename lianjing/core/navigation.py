"""The sidebar. Each module adds its entries here when it exists, so that the menu never shows a
dead link; an entry is shown to a user who holds its permission (None: every signed-in user)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_permissions


@dataclass(frozen=True)
class NavItem:
    label: Any
    url_name: str
    icon: str
    permission: str | None = None
    kwargs: dict[str, str] | None = None


@dataclass(frozen=True)
class NavSection:
    label: Any
    items: list[NavItem] = field(default_factory=list)


NAVIGATION = [
    NavSection(_("工作"), [NavItem(_("工作台"), "core:home", "ti-layout-dashboard")]),
    NavSection(
        _("组织机构"),
        [
            NavItem(_("单位"), "org:unit_tree", "ti-building", perms.ORG_VIEW),
            NavItem(_("岗位"), "org:post_list", "ti-briefcase", perms.ORG_VIEW),
            NavItem(_("人员"), "org:person_list", "ti-id-badge", perms.ORG_VIEW),
            NavItem(_("批量导入"), "org:import", "ti-file-import", perms.ORG_IMPORT),
        ],
    ),
    NavSection(
        _("职权与流程"),
        [
            NavItem(_("职权目录"), "powers:power_list", "ti-list-details", perms.POWERS_VIEW),
            NavItem(_("导入导出"), "powers:import", "ti-file-import", perms.POWERS_IMPORT),
            NavItem(
                _("类别与情节"),
                "powers:reference_list",
                "ti-adjustments",
                perms.POWERS_CONFIGURE,
                {"kind": "categories"},
            ),
            NavItem(_("公开门户"), "portal:index", "ti-world"),
        ],
    ),
    NavSection(
        _("廉政风险"),
        [
            NavItem(_("风险台账"), "risks:index", "ti-alert-triangle", perms.RISKS_VIEW),
            NavItem(_("占比例外"), "risks:exception_list", "ti-file-alert", perms.RISKS_APPROVE),
            NavItem(_("定级模型"), "risks:grading_list", "ti-adjustments", perms.RISKS_VIEW),
        ],
    ),
    NavSection(
        _("风险排查"),
        [
            NavItem(_("我的排查"), "reviews:my_reviews", "ti-checklist"),
            NavItem(_("排查与专项治理"), "reviews:round_list", "ti-list-check", perms.REVIEWS_VIEW),
            NavItem(_("单位公示"), "reviews:my_public", "ti-speakerphone"),
            NavItem(_("我的廉政档案"), "archives:my_archive", "ti-folder"),
        ],
    ),
    NavSection(
        _("风险库"),
        [
            NavItem(_("迹象库"), "risklib:sign_list", "ti-eye-exclamation", perms.ORG_VIEW),
            NavItem(_("风险模板库"), "risklib:template_list", "ti-template", perms.ORG_VIEW),
            NavItem(_("法规条款库"), "risklib:provision_list", "ti-books", perms.ORG_VIEW),
            NavItem(_("“3+X”试算"), "risklib:trial", "ti-zoom-check", perms.ORG_VIEW),
        ],
    ),
    NavSection(
        _("系统管理"),
        [
            NavItem(_("用户管理"), "accounts:user_list", "ti-users", perms.MANAGE_USERS),
            NavItem(_("角色管理"), "accounts:role_list", "ti-shield-lock", perms.MANAGE_ROLES),
            NavItem(_("工作日历"), "core:calendar", "ti-calendar", perms.MANAGE_CALENDAR),
            NavItem(_("审计日志"), "core:audit_list", "ti-file-certificate", perms.VIEW_AUDIT),
        ],
    ),
]


def sidebar_for(user: Any, current_path: str) -> list[dict[str, Any]]:
    granted = user_permissions(user)
    sections = []
    for section in NAVIGATION:
        items = []
        for item in section.items:
            if item.permission is not None and item.permission not in granted:
                continue
            url = reverse(item.url_name, kwargs=item.kwargs)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            items.append({"label": item.label, "url": url, "icon": item.icon, "active": active})
        if items:
            sections.append({"label": section.label, "items": items})
    return sections
