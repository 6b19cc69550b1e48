"""The .docx documents, rendered from the docxtpl templates in RISK_DOC_TEMPLATE_DIR (by default
lianjing/risks/doc_templates/, built by build_templates.py): the unit's 廉政风险防范手册 and a
person's 廉政风险提示单."""

from __future__ import annotations

import io
import struct
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from lianjing.org.models import Unit
from lianjing.powers import chart
from lianjing.powers.models import Power
from lianjing.powers.selectors import flow_of
from lianjing.risks import selectors
from lianjing.risks.documents import data
from lianjing.risks.models import RiskPoint

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "doc_templates"
MANUAL, PROMPT_SHEET = "manual.docx", "prompt_sheet.docx"
CHART_MAX_WIDTH_MM = 150
CHART_MAX_HEIGHT_MM = 220


def template_path(name: str) -> Path:
    """The template `name` from RISK_DOC_TEMPLATE_DIR when set (administrators' own layouts),
    else the one kept in the repository."""
    directory = Path(getattr(settings, "RISK_DOC_TEMPLATE_DIR", "") or DEFAULT_DIR)
    return directory / name


def _render(name: str, build: Any) -> bytes:
    template = DocxTemplate(str(template_path(name)))
    template.render(build(template), autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _png_size_mm(png: bytes) -> tuple[float, float]:
    width, height = struct.unpack(">II", png[16:24])
    per_mm = chart.PNG_DPI / 25.4
    return width / per_mm, height / per_mm


def _chart_image(template: DocxTemplate, power: Power) -> InlineImage | str:
    flow = flow_of(power)
    if not flow.steps:
        return "（尚未绘制权力运行流程图）"
    png = chart.render_png(
        flow.nodes, flow.links, limits=flow.limits, risk_levels=selectors.step_risk_levels(power)
    )
    width, height = _png_size_mm(png)
    scale = min(1.0, CHART_MAX_WIDTH_MM / width, CHART_MAX_HEIGHT_MM / height)
    return InlineImage(template, io.BytesIO(png), width=Mm(max(1, int(width * scale))))


def current_powers(unit: Unit) -> list[Power]:
    return list(
        Power.objects.filter(unit=unit, is_current=True, status=Power.Status.PUBLISHED)
        .select_related("category", "department")
        .order_by("category__order", "code")
    )


def manual_docx(unit: Unit, year: int, today: date) -> bytes:
    """The unit's 廉政风险防范手册 of a register year."""
    rows = data.point_rows(RiskPoint.objects.filter(unit=unit, year=year))
    summary = selectors.register_summary(unit.pk, year)

    def build(template: DocxTemplate) -> dict[str, Any]:
        powers = [
            {
                "number": number,
                "code": power.code,
                "name": power.name,
                "category": power.category.name,
                "department": power.department.name if power.department else unit.name,
                "content": power.content,
                "chart": _chart_image(template, power),
            }
            for number, power in enumerate(current_powers(unit), start=1)
        ]
        total = summary.total
        return {
            "unit_name": unit.name,
            "year": year,
            "generated": today.isoformat(),
            "total": total,
            "level_one": summary.by_level.get(1, 0),
            "share": summary.share_text,
            "allowed": summary.level_one_allowed,
            "rule_note": "超过10%，须经上级纪检监察机关批准。" if summary.breaks_rule else "",
            "summary_rows": [
                {
                    "label": heading,
                    "count": summary.by_level.get(level, 0),
                    "share": f"{summary.by_level.get(level, 0) / total * 100:.1f}%"
                    if total
                    else "0.0%",
                }
                for level, heading in data.LEVEL_HEADINGS.items()
            ]
            + [{"label": "合计", "count": total, "share": "100.0%" if total else "0.0%"}],
            "powers": powers,
            "levels": [
                {"level": level, "heading": heading, "points": points}
                for level, heading, points in data.by_level(rows)
            ],
        }

    return _render(MANUAL, build)


def prompt_sheet_docx(sheet: data.PromptSheet) -> bytes:
    def build(template: DocxTemplate) -> dict[str, Any]:
        return {
            "person_name": sheet.person.name,
            "unit_name": sheet.unit.name if sheet.unit else "",
            "posts": sheet.post_names,
            "year": sheet.year or "",
            "generated": sheet.generated.isoformat(),
            "points": sheet.points,
        }

    return _render(PROMPT_SHEET, build)
