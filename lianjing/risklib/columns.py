"""The columns of the library lists: short ones on the page, every field in the Excel export."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from lianjing.core.listing import Column
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate


def _status(entry: Any) -> str:
    return _("启用") if entry.is_active else _("停用")


def _link(name: str) -> Any:
    return lambda entry: reverse(f"risklib:{name}_detail", args=[entry.pk])


def _kinds(sign: IndicatorSign) -> str:
    return "、".join(k.name for k in sign.applies_to.all()) or _("全部岗位")


def sign_columns() -> list[Column]:
    return [
        Column(_("编码"), "code", link=_link("sign"), nowrap=True),
        Column(_("类别"), "group", nowrap=True),
        Column(_("迹象"), "title", link=_link("sign")),
        Column(_("适用重点岗位"), _kinds),
        Column(_("状态"), _status, nowrap=True),
    ]


def sign_export_columns() -> list[Column]:
    return [
        *sign_columns()[:3],
        Column(_("具体表现"), "description"),
        *sign_columns()[3:],
        Column(_("排序"), "order"),
    ]


def _measures(template: RiskTemplate) -> str:
    return "\n".join(f"【{m['label']}】{m['text']}" for m in template.measure_rows)


def template_columns() -> list[Column]:
    return [
        Column(_("编码"), "code", link=_link("template"), nowrap=True),
        Column(_("风险名称"), "title", link=_link("template")),
        Column(_("重点岗位类别"), "key_post_kind.name", nowrap=True),
        Column(_("职权类别"), "power_category.name", nowrap=True),
        Column(_("风险类型"), "risk_type", nowrap=True),
        Column(_("建议等级"), "suggested_level", nowrap=True),
        Column(_("状态"), _status, nowrap=True),
    ]


def template_export_columns() -> list[Column]:
    return [
        *template_columns()[:6],
        Column(_("风险描述"), "description"),
        Column(_("表现形式"), "manifestations"),
        Column(_("成因"), "causes"),
        Column(_("建议防控措施"), _measures),
        Column(_("关键词"), "keywords"),
        template_columns()[6],
    ]


def provision_columns() -> list[Column]:
    return [
        Column(_("编码"), "code", link=_link("provision"), nowrap=True),
        Column(_("法规"), "regulation"),
        Column(_("条款"), "article", link=_link("provision")),
        Column(_("要点"), "title"),
        Column(_("核对"), _verified, nowrap=True),
        Column(_("状态"), _status, nowrap=True),
    ]


def _verified(provision: RegulationProvision) -> str:
    return _("已核对") if provision.verified else _("待核对")


def provision_export_columns() -> list[Column]:
    return [
        *provision_columns()[:4],
        Column(_("条文（摘要）"), "text"),
        Column(_("主题词"), "keywords"),
        *provision_columns()[4:],
        Column(_("排序"), "order"),
    ]
