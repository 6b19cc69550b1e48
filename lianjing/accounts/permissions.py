"""The actions a role may carry. Later modules add their own codes here; data scopes (where a
role may act) are the organisation module's business (org/access.py)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

MANAGE_USERS = "system.manage_users"
MANAGE_ROLES = "system.manage_roles"
VIEW_AUDIT = "system.view_audit"
MANAGE_CALENDAR = "system.manage_calendar"
ORG_VIEW = "org.view"
ORG_MANAGE = "org.manage"
ORG_IMPORT = "org.import"
POWERS_VIEW = "powers.view"
POWERS_MANAGE = "powers.manage"
POWERS_IMPORT = "powers.import"
POWERS_CONFIGURE = "powers.configure"
RISKS_VIEW = "risks.view"
RISKS_MANAGE = "risks.manage"
RISKS_APPROVE = "risks.approve"
RISKS_CONFIGURE = "risks.configure"
RISKS_IDENTIFY = "risks.identify"
REVIEWS_VIEW = "reviews.view"
REVIEWS_OPEN = "reviews.open"
REVIEWS_REVIEW = "reviews.review"
ARCHIVES_VIEW = "archives.view"

PERMISSIONS: dict[str, object] = {
    MANAGE_USERS: _("管理用户账户"),
    MANAGE_ROLES: _("管理角色与两步验证要求"),
    VIEW_AUDIT: _("查看与导出审计日志"),
    MANAGE_CALENDAR: _("维护工作日历"),
    ORG_VIEW: _("查看组织机构、岗位和人员"),
    ORG_MANAGE: _("维护组织机构、岗位和人员"),
    ORG_IMPORT: _("批量导入组织机构数据"),
    POWERS_VIEW: _("查看职权目录、流程图和裁量权基准"),
    POWERS_MANAGE: _("维护、公布和废止职权目录、流程图和裁量权基准"),
    POWERS_IMPORT: _("批量导入职权目录"),
    POWERS_CONFIGURE: _("配置职权类别和违法情节"),
    RISKS_VIEW: _("查看廉政风险台账"),
    RISKS_MANAGE: _("维护和审定本单位廉政风险台账"),
    RISKS_APPROVE: _("审批一级风险占比例外"),
    RISKS_CONFIGURE: _("配置风险定级模型"),
    RISKS_IDENTIFY: _("查找岗位廉政风险（采纳“3+X”建议）"),
    REVIEWS_VIEW: _("查看风险排查进度和签字备案台账"),
    REVIEWS_OPEN: _("发起风险排查、专项治理和台账修订"),
    REVIEWS_REVIEW: _("组织审查风险排查事项（审查通过或退回）"),
    ARCHIVES_VIEW: _("查阅干部廉政档案"),
}
