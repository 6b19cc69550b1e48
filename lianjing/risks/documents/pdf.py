"""The 廉政风险提示单 as PDF (ReportLab), with the Chinese font embedded (a subset of WenQuanYi
Micro Hei, fonts-wqy-microhei) so that it reads the same on any machine."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from lianjing.risks.documents.data import PromptSheet

FONT_NAME = "WenQuanYiMicroHei"
DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def _font() -> str:
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        path = getattr(settings, "RISK_DOC_PDF_FONT", "") or DEFAULT_FONT
        pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
    return FONT_NAME


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    base = ParagraphStyle("body", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle(
            "title", parent=base, fontSize=20, leading=28, alignment=1, spaceAfter=8
        ),
        "meta": ParagraphStyle("meta", parent=base, alignment=1, textColor="#555555"),
        "heading": ParagraphStyle(
            "heading", parent=base, fontSize=12.5, leading=19, spaceBefore=10, spaceAfter=4
        ),
        "body": base,
        "item": ParagraphStyle("item", parent=base, leftIndent=12, bulletIndent=2),
    }


LEVEL_COLOURS = {1: "#d63939", 2: "#f76707", 3: "#b07d00"}


def prompt_sheet_pdf(sheet: PromptSheet) -> bytes:
    styles = _styles()
    story: list[object] = [
        Paragraph("廉政风险提示单", styles["title"]),
        Paragraph(
            escape(
                f"姓名：{sheet.person.name}　单位：{sheet.unit.name if sheet.unit else ''}"
                f"　岗位：{sheet.post_names}"
            ),
            styles["meta"],
        ),
        Paragraph(
            escape(f"风险台账年度：{sheet.year or '—'}　提示日期：{sheet.generated.isoformat()}"),
            styles["meta"],
        ),
        Spacer(1, 6 * mm),
        Paragraph(
            "根据本单位廉政风险台账，您所在岗位存在以下廉政风险点。请对照表现形式自查自纠，"
            "认真落实防控措施。",
            styles["body"],
        ),
    ]
    if not sheet.points:
        story.append(Paragraph("您所在岗位暂无登记的廉政风险点。", styles["body"]))
    for point in sheet.points:
        colour = LEVEL_COLOURS.get(point.level, "#000000")
        story.append(
            Paragraph(
                f'{point.number}. <font color="{colour}">【{escape(point.level_label)}】</font>'
                f"{escape(point.description)}",
                styles["heading"],
            )
        )
        story.append(
            Paragraph(escape(f"岗位：{point.target}　风险类型：{point.risk_type}"), styles["body"])
        )
        story.append(Paragraph(escape(f"表现形式：{point.manifestations}"), styles["body"]))
        story.append(Paragraph("防控要求：", styles["body"]))
        for m in point.measures:
            due = f"（{m.due} 前完成）" if m.due else ""
            story.append(
                Paragraph(escape(f"（{m.kind}）{m.content}{due}"), styles["item"], bulletText="•")
            )
        story.append(Paragraph(escape(f"防控责任：{point.chain_text}"), styles["body"]))
    story += [
        Spacer(1, 10 * mm),
        Paragraph(
            "本人已知悉上述廉政风险及防控要求。　　签名：＿＿＿＿＿＿　日期：＿＿＿＿＿＿",
            styles["body"],
        ),
    ]
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"廉政风险提示单 · {sheet.person.name}",
        author="廉镜",
    )
    document.build(story)
    return out.getvalue()
