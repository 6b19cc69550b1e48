"""Build the Word templates of the risk documents (docxtpl: Jinja tags inside a .docx) kept in
lianjing/risks/doc_templates/. Administrators may lay them out anew in Word, keeping the tags, and
point RISK_DOC_TEMPLATE_DIR at their copies.

    .venv/bin/python -m lianjing.risks.documents.build_templates [directory]
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "doc_templates"
EAST_ASIA_FONT = "宋体"
HEADING_FONT = "黑体"


def _chinese_styles(document: DocumentType) -> None:
    styles = document.styles
    for name, font in [
        ("Normal", EAST_ASIA_FONT),
        ("Title", HEADING_FONT),
        ("Heading 1", HEADING_FONT),
        ("Heading 2", HEADING_FONT),
        ("Heading 3", HEADING_FONT),
    ]:
        style = styles[name]
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        fonts.set(qn("w:eastAsia"), font)
    styles["Normal"].font.size = Pt(11)


def _header_row(table: Table, labels: list[str]) -> None:
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(label).bold = True


def _loop_table(document: DocumentType, labels: list[str], loop: str, cells: list[str]) -> None:
    """A table with a header row and one row repeated by docxtpl's {%tr %} tags."""
    table = document.add_table(rows=4, cols=len(labels))
    table.style = "Table Grid"
    _header_row(table, labels)
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def manual_template() -> DocumentType:
    document = Document()
    _chinese_styles(document)
    for _ in range(6):
        document.add_paragraph("")
    title = document.add_paragraph("{{ unit_name }}", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    subtitle = document.add_paragraph("{{ year }} 年度廉政风险防范手册", style="Title")
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = document.add_paragraph("编制日期：{{ generated }}")
    dated.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_page_break()

    document.add_heading("一、风险等级统计", level=1)
    _loop_table(
        document,
        ["风险等级", "数量", "占风险总量"],
        "row in summary_rows",
        ["{{ row.label }}", "{{ row.count }}", "{{ row.share }}"],
    )
    document.add_paragraph(
        "风险点共 {{ total }} 个，其中一级风险 {{ level_one }} 个，占 {{ share }}"
        "（一级风险原则上应当控制在风险总量的10%以内，即不超过 {{ allowed }} 个）。{{ rule_note }}"
    )

    document.add_heading("二、职权目录与权力运行流程图", level=1)
    document.add_paragraph("{%p if not powers %}")
    document.add_paragraph("本单位尚无现行职权。")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for power in powers %}")
    document.add_heading("{{ power.number }}. {{ power.name }}（{{ power.code }}）", level=2)
    document.add_paragraph("职权类别：{{ power.category }}　承办机构：{{ power.department }}")
    document.add_paragraph("{{ power.content }}")
    chart = document.add_paragraph("{{ power.chart }}")
    chart.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph(
        "流程图中环节的颜色表示其上廉政风险点的最高等级：红色为一级，橙色为二级，黄色为三级。"
    )

    document.add_heading("三、廉政风险点及防控措施", level=1)
    document.add_paragraph("{%p for group in levels %}")
    document.add_heading("{{ group.heading }}（{{ group.points|length }} 个）", level=2)
    document.add_paragraph("{%p if not group.points %}")
    document.add_paragraph("无。")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for point in group.points %}")
    document.add_heading("{{ point.number }}. {{ point.description }}", level=3)
    document.add_paragraph(
        "风险对象：{{ point.target }}　风险类型：{{ point.risk_type }}"
        "{% if point.place %}　所在环节：{{ point.place }}{% endif %}"
    )
    document.add_paragraph("表现形式：{{ point.manifestations }}")
    document.add_paragraph("成因：{{ point.causes }}")
    document.add_paragraph("防控措施：")
    _loop_table(
        document,
        ["类别", "措施内容", "责任人", "完成时限", "检查方式"],
        "m in point.measures",
        ["{{ m.kind }}", "{{ m.content }}", "{{ m.owner }}", "{{ m.due }}", "{{ m.check_method }}"],
    )
    document.add_paragraph("防控责任：{{ point.chain_text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    return document


def prompt_sheet_template() -> DocumentType:
    document = Document()
    _chinese_styles(document)
    title = document.add_paragraph("廉政风险提示单", style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("姓名：{{ person_name }}　单位：{{ unit_name }}　岗位：{{ posts }}")
    document.add_paragraph("风险台账年度：{{ year }}　　提示日期：{{ generated }}")
    document.add_paragraph(
        "根据本单位廉政风险台账，您所在岗位存在以下廉政风险点。请对照表现形式自查自纠，"
        "认真落实防控措施。"
    )
    document.add_paragraph("{%p if not points %}")
    document.add_paragraph("您所在岗位暂无登记的廉政风险点。")
    document.add_paragraph("{%p endif %}")
    document.add_paragraph("{%p for point in points %}")
    document.add_heading("{{ point.number }}.【{{ point.level_label }}】{{ point.description }}", 2)
    document.add_paragraph("岗位：{{ point.target }}　风险类型：{{ point.risk_type }}")
    document.add_paragraph("表现形式：{{ point.manifestations }}")
    document.add_paragraph("防控要求：")
    document.add_paragraph("{%p for m in point.measures %}")
    document.add_paragraph(
        "（{{ m.kind }}）{{ m.content }}{% if m.due %}（{{ m.due }} 前完成）{% endif %}",
        style="List Bullet",
    )
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("防控责任：{{ point.chain_text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("")
    document.add_paragraph(
        "本人已知悉上述廉政风险及防控要求。　　签名：＿＿＿＿＿＿　日期：＿＿＿＿＿＿"
    )
    return document


def build(directory: Path = DEFAULT_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in [
        ("manual.docx", manual_template),
        ("prompt_sheet.docx", prompt_sheet_template),
    ]:
        path = directory / name
        make().save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DIR):
        print(path)
