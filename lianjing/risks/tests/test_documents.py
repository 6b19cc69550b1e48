"""The risk documents: the unit's 廉政风险防范手册 and a person's 廉政风险提示单 open (python-docx,
pypdfium2) and say what the register says, in Chinese; the PDF carries its Chinese font and page 1
rendered to PNG shows glyphs; the workbench panel shows the signed-in person's own sheet."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from lianjing.core.home import PANELS, Panel, register_panel
from lianjing.powers.tests.factories import power_with_flow
from lianjing.risks.documents import build_templates, word
from lianjing.risks.home import my_prompt_sheet
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db

MEASURE = {
    "kind": "supervision",
    "content": "资金拨付实行双人复核并按月抽查",
    "owner": None,
    "due_date": date(2026, 6, 30),
    "status": "planned",
    "check_method": "查阅复核记录",
}


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def register(world):
    power = power_with_flow(world.finance, "CZ-CF-001", publish=True)
    step = power.steps.get(key="r")
    high = post_risk(
        world.post_budget_clerk,
        inputs=HIGHEST,
        description="预算资金拨付中优亲厚友",
        power=power,
        flow_step=step,
        measures=[{**MEASURE, "owner": world.director}],
    )
    low = post_risk(world.post_budget_clerk, description="报销审核走过场")
    other = post_risk(world.post_other_dept, description="国库集中支付违规操作")
    return power, high, low, other


def test_the_manual_holds_the_register_the_powers_and_the_flow_chart(world, register):
    power, high, low, other = register
    response = client_for(world.users["unit_leader"]).get(
        reverse("risks:manual_docx", args=[world.finance.pk, 2026])
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "甲区财政局" in text and "2026 年度廉政风险防范手册" in text
    for heading in ("一级风险", "二级风险", "三级风险"):
        assert heading in text
    for point in (high, low, other):
        assert point.description in text
    assert high.manifestations in text and high.causes in text
    assert "资金拨付实行双人复核并按月抽查" in text and "2026-06-30" in text
    assert "张局长" in text  # measure owner and the level-1 chain's overall responsibility
    assert "李科员（岗位人员，直接责任）" in text
    assert power.name in text and f"{power.name} · 审查决定" in text
    assert "风险点共 3 个，其中一级风险 1 个，占 33.3%" in text
    document = Document(io.BytesIO(response.content))
    images = list(document.inline_shapes)
    assert len(images) == 1  # the one published power's flow chart
    blobs = [rel.target_part.blob for rel in document.part.rels.values() if "image" in rel.reltype]
    assert blobs and blobs[0].startswith(b"\x89PNG")


def test_the_manual_escapes_user_text(world):
    post_risk(world.post_budget_clerk, description="<审核> & 把关 {{ x }}")
    content = word.manual_docx(world.finance, 2026, date(2026, 1, 1))
    assert "<审核> & 把关 {{ x }}" in docx_text(content)


def test_an_administrators_template_replaces_the_kept_one(world, settings, tmp_path):
    build_templates.build(tmp_path)
    document = Document(str(tmp_path / "prompt_sheet.docx"))
    document.add_paragraph("本单位自定义版式")
    document.save(str(tmp_path / "prompt_sheet.docx"))
    settings.RISK_DOC_TEMPLATE_DIR = str(tmp_path)
    post_risk(world.post_budget_clerk)
    response = client_for(world.users["cadre"]).get(
        reverse("risks:prompt_sheet_docx", args=[world.clerk.pk])
    )
    assert "本单位自定义版式" in docx_text(response.content)


def test_the_prompt_sheet_docx_lists_the_risks_of_the_persons_posts(world, register):
    response = client_for(world.users["cadre"]).get(
        reverse("risks:prompt_sheet_docx", args=[world.clerk.pk])
    )
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "廉政风险提示单" in text and "李科员" in text and "预算科科员" in text
    assert "【一级】预算资金拨付中优亲厚友" in text and "【三级】报销审核走过场" in text
    assert "（监督检查）资金拨付实行双人复核并按月抽查（2026-06-30 前完成）" in text
    assert "国库集中支付违规操作" not in text  # a colleague's post


def test_the_prompt_sheet_pdf_embeds_the_chinese_font_and_shows_glyphs(world, register):
    response = client_for(world.users["cadre"]).get(
        reverse("risks:prompt_sheet_pdf", args=[world.clerk.pk])
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    assert "廉政风险提示单" in text and "预算资金拨付中优亲厚友" in text and "李科员" in text
    assert b"/FontFile2" in response.content and b"WenQuanYiMicroHei" in response.content
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    # the title band: dark pixels of the glyphs on white paper
    title = image.crop((0, 0, width, height // 8))
    dark = sum(1 for value in title.tobytes() if value < 128)
    assert dark > 200
    blank = image.crop((0, height - height // 20, width, height))
    assert all(value > 250 for value in blank.tobytes())


@pytest.fixture
def prompt_panel():
    # registered by RisksConfig.ready(); registered here too while that line is not in place
    panel = Panel("risks/_home_prompt_sheet.html", my_prompt_sheet, order=20)
    had = panel in PANELS
    register_panel(panel)
    yield
    if not had:
        PANELS.remove(panel)


def test_the_workbench_shows_the_own_prompt_sheet_only_with_risk_points(world, prompt_panel):
    client = client_for(world.users["cadre"])
    assert "我的廉政风险提示单" not in client.get("/").content.decode()
    post_risk(world.post_budget_clerk, description="预算编制中违规调剂资金")
    page = client.get("/").content.decode()
    assert "我的廉政风险提示单（2026 年度）" in page and "预算编制中违规调剂资金" in page
    assert reverse("risks:prompt_sheet_pdf", args=[world.clerk.pk]) in page


def test_flow_chart_png_is_drawn_once_per_content():
    from unittest import mock

    from lianjing.powers import chart
    from lianjing.powers.flow import EdgeLink, StepNode

    steps = [StepNode("s", "申请", "start"), StepNode("a", "受理", "step")]
    edges = [EdgeLink("s", "a")]
    first = chart.render_png(steps, edges, {"a": "5个工作日"}, {"a": 1})
    assert first.startswith(b"\x89PNG")
    with mock.patch.object(chart, "_graph", side_effect=AssertionError("drawn again")):
        assert chart.render_png(steps, edges, {"a": "5个工作日"}, {"a": 1}) == first
    assert chart.render_png(steps, edges, {"a": "5个工作日"}, {"a": 2}) != first
