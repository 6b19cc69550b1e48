"""End to end (issue 5's "done when"), in Debian's Chromium: a cadre reaches the "3+X"
suggestions of their post from the workbench, accepts one (edited and graded) and rejects
another; the risk point page explains its level; a unit leader's register over the 10% rule is
refused until the discipline office approves a written justification; the manual and the prompt
sheet are downloaded from the pages and open (python-docx, pypdfium2), in Chinese, the PDF's page 1
rendered to an image with its glyphs drawn."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from django.apps import apps
from django.utils import timezone
from docx import Document
from playwright.sync_api import Browser, Page

from lianjing.accounts.tests.factories import DEFAULT_PASSWORD
from lianjing.core.tests.test_e2e_login import _reference_data, browser  # noqa: F401
from lianjing.org.models import KeyPostKind, Rank
from lianjing.org.reference import sync_reference_data
from lianjing.org.tests.world import World, build_world
from lianjing.powers.models import Circumstance, PowerCategory
from lianjing.powers.reference import sync_categories, sync_circumstances
from lianjing.risklib.reference import sync_library
from lianjing.risks import grading, services
from lianjing.risks.models import (
    GradingFactor,
    GradingModel,
    Register,
    RegisterException,
    RiskPoint,
    SuggestionDecision,
)
from lianjing.risks.models_separation import DutyRole, IncompatiblePair, SeparationDomain
from lianjing.risks.reference import FACTORS, sync_default_model
from lianjing.risks.separation import sync_domains
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DUTIES = "负责部门预算编制和预算调剂审核，办理财政资金拨付和报销审核"
# the option chosen for each factor of the form (index into the factor's options)
CHOSEN = {
    "post_weight": 3,
    "resources": 3,
    "discretion": 2,
    "public_relevance": 1,
    "complaints": 1,
    "media": 0,
    "consequences": 3,
    "probability": 2,
    "harm": 3,
}
FACTOR_LABELS = {code: name for code, name, *_ in FACTORS} | {
    "probability": "发生可能性",
    "harm": "危害程度",
}


@pytest.fixture(autouse=True)
def _register_reference(_reference_data):  # noqa: F811
    # a transactional test starts from a flushed database: put back what the migrations load,
    # the risk libraries (templates, provisions, signs) and grading model version 1 included
    sync_reference_data(Rank, KeyPostKind)
    sync_categories(PowerCategory)
    sync_circumstances(Circumstance)
    sync_library(apps)
    sync_default_model(GradingModel, GradingFactor)
    sync_domains(SeparationDomain, DutyRole, IncompatiblePair)


def open_page(browser: Browser, errors: list[str]) -> Page:  # noqa: F811
    page = browser.new_page(locale="zh-CN", accept_downloads=True)
    page.on(
        "console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    return page


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def download(page: Page, link_name: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    dl = info.value
    assert dl.failure() is None, dl.failure()
    return dl.suggested_filename, Path(dl.path()).read_bytes()


def assert_pdf_shows_chinese(content: bytes, *phrases: str) -> None:
    """As lianjing/risks/tests/test_documents.py: the text layer holds the Chinese, the Chinese
    font is embedded, and page 1 rendered to an image has the glyphs of its title drawn."""
    assert content.startswith(b"%PDF")
    pdf = pypdfium2.PdfDocument(content)
    page = pdf[0]
    text = page.get_textpage().get_text_range()
    for phrase in phrases:
        assert phrase in text, (phrase, text[:300])
    assert b"/FontFile2" in content and b"WenQuanYiMicroHei" in content
    image = page.render(scale=1).to_pil().convert("L")
    width, height = image.size
    title = image.crop((0, 0, width, height // 8))
    assert sum(1 for value in title.tobytes() if value < 128) > 200
    blank = image.crop((0, height - height // 20, width, height))
    assert all(value > 250 for value in blank.tobytes())


def test_cadre_accepts_and_rejects_suggestions_then_downloads_the_prompt_sheet(
    browser,  # noqa: F811
    live_server,
):
    world: World = build_world()
    post = world.post_budget_clerk
    post.duties = DUTIES
    post.save()
    year = timezone.localdate().year
    base = live_server.url
    errors: list[str] = []
    page = open_page(browser, errors)
    log_in(page, base, "w_cadre")

    # the workbench panel leads to the post's suggestions
    panel = page.locator("#home-post-suggestions")
    assert panel.get_by_text("查找本岗位廉政风险").is_visible()
    panel.get_by_role("link", name=post.name).click()
    page.wait_for_url(f"{base}/risks/posts/{post.pk}/suggestions/")
    cards = page.locator("#open-suggestions > .card")
    assert cards.count() >= 2
    assert "依据" in page.locator("#open-suggestions").inner_text()
    first_id = cards.nth(0).get_attribute("id") or ""
    second_id = cards.nth(1).get_attribute("id") or ""
    first_template = int(first_id.removeprefix("suggestion-"))
    second_template = int(second_id.removeprefix("suggestion-"))
    second_title = page.locator(f"#{second_id} .card-title").inner_text()

    # accept the first: edit the description, grade it
    page.locator(f"#{first_id}").get_by_role("link", name="采纳").click()
    page.wait_for_url(f"{base}/risks/posts/{post.pk}/suggestions/{first_template}/accept/*")
    description = page.get_by_label("风险点描述", exact=True)
    original = description.input_value()
    assert original  # filled from the template
    edited = original + "（结合本岗位修改）"
    description.fill(edited)
    assert "定级模型第 1 版" in page.content()
    for code, index in CHOSEN.items():
        page.get_by_label(FACTOR_LABELS[code], exact=True).select_option(str(index))
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(f"{base}/risks/points/*/")
    assert page.get_by_text("已采纳，登记为本岗位的风险点。").is_visible()

    point = RiskPoint.objects.get()
    assert point.post == post and point.year == year and point.description == edited
    assert {code: int(value) for code, value in point.factor_inputs.items()} == CHOSEN

    # the page explains the level: each factor's choice, weights and points, the score, the
    # thresholds and the model version; the numbers are the grading function's
    model = services.active_model()
    expected = grading.grade(model.scheme(), CHOSEN)
    explanation = page.locator("#grading-explanation")
    text = explanation.inner_text()
    assert "等级是怎样评定的" in text and "按廉政风险等级评定模型第 1 版评定" in text
    for line in expected.lines:
        row = explanation.locator("tbody tr").filter(has_text=line.name).first
        row_text = row.inner_text()
        assert line.chosen in row_text, (line.name, row_text)
        if line.points:
            assert str(line.points) in row_text, (line.name, row_text)
    assert page.locator("#computed-score").inner_text().strip() == str(expected.score)
    assert str(point.computed_score) == str(expected.score)
    assert "一级线 75.0 分，二级线 50.0 分。" in text
    assert f"计算等级：{expected.level_name}" in text.replace("\n", "").replace(" ", "")
    assert page.locator("#point-level").inner_text().startswith(expected.level_name)
    assert point.level == expected.level

    # reject the second, with a reason
    page.goto(f"{base}/")
    page.locator("#home-post-suggestions").get_by_role("link", name=post.name).click()
    page.wait_for_url(f"{base}/risks/posts/{post.pk}/suggestions/")
    assert f"本岗位 {year} 年已登记风险点 1 个。" in page.content()
    card = page.locator(f"#{second_id}")
    card.get_by_placeholder("不采纳的理由（可不填）").fill("本岗位不经手现金")
    card.get_by_role("button", name="不采纳").click()
    page.wait_for_url(f"{base}/risks/posts/{post.pk}/suggestions/?year={year}")
    assert page.get_by_text("已记录：不采纳。").is_visible()
    assert page.locator(f"#{first_id}").count() == 0
    assert page.locator(f"#{second_id}").count() == 0
    decided = page.get_by_text("已处理的建议").locator("xpath=../..").inner_text()
    assert "已采纳" in decided and "查看风险点" in decided
    assert f"{second_title} · 不采纳（本岗位不经手现金）" in decided
    decisions = dict(SuggestionDecision.objects.values_list("template_id", "decision"))
    assert decisions == {first_template: "accepted", second_template: "rejected"}

    # the workbench now shows the cadre's prompt sheet; both downloads open, in Chinese
    page.goto(f"{base}/")
    sheet = page.locator("#home-prompt-sheet")
    assert edited in sheet.inner_text()
    name, content = download(page, "下载 Word")
    assert name.endswith(".docx")
    text = docx_text(content)
    assert "廉政风险提示单" in text and "李科员" in text and post.name in text
    assert edited in text
    name, content = download(page, "下载 PDF")
    assert name.endswith(".pdf")
    assert_pdf_shows_chinese(content, "廉政风险提示单", "李科员")

    assert not errors, errors
    page.close()


def test_register_over_ten_percent_is_confirmed_only_with_an_approved_exception(
    browser,  # noqa: F811
    live_server,
):
    world: World = build_world()
    year = timezone.localdate().year
    for description in ("预算资金拨付中优亲厚友", "专项债资金分配暗箱操作"):
        post_risk(world.post_budget_clerk, inputs=HIGHEST, description=description, year=year)
    for _ in range(3):
        post_risk(world.post_budget_clerk, year=year)
    assert RiskPoint.objects.filter(level=1).count() == 2
    base = live_server.url
    errors: list[str] = []
    justification = "本年度承担全区专项债资金拨付，一级风险集中，经党组研究确需列为一级"

    leader = open_page(browser, errors)
    log_in(leader, base, "w_leader")
    leader.get_by_role("link", name="风险台账").click()
    leader.wait_for_url(f"{base}/risks/")
    leader.locator("#register-units").get_by_role("link", name="甲区财政局").click()
    register_url = f"{base}/risks/units/{world.finance.pk}/{year}/"
    leader.wait_for_url(register_url)
    assert leader.locator("#level-one-share").inner_text().strip() == "40.0%"
    assert "超过 10%" in leader.locator("#register-summary").inner_text()

    # confirm: refused, with the numbers
    leader.locator("#confirm-register").click()
    leader.wait_for_url(register_url)
    refusal = leader.locator("#messages").inner_text()
    assert "一级风险点 2 个，占风险点总数 5 个的 40.0%，超过 10%" in refusal
    assert not Register.objects.filter(confirmed_at__isnull=False).exists()

    # request an exception with a justification
    leader.get_by_role("link", name="申请例外").click()
    leader.wait_for_url(f"{base}/risks/units/{world.finance.pk}/{year}/exception/")
    leader.get_by_role("button", name="提交审批").click()  # empty: a message, nothing stored
    assert leader.locator(".invalid-feedback").count() >= 1
    assert not RegisterException.objects.exists()
    leader.get_by_label("理由").fill(justification)
    leader.get_by_role("button", name="提交审批").click()
    leader.wait_for_url(register_url)
    assert leader.get_by_text("已提交，待纪检监察机关审批。").is_visible()
    # still refused while the request waits
    leader.locator("#confirm-register").click()
    leader.wait_for_url(register_url)
    assert "超过 10%" in leader.locator("#messages").inner_text()
    assert not Register.objects.filter(confirmed_at__isnull=False).exists()

    # the discipline inspector approves it on the exceptions page
    inspector = open_page(browser, errors)
    log_in(inspector, base, "w_inspector")
    inspector.get_by_role("link", name="占比例外").click()
    inspector.wait_for_url(f"{base}/risks/exceptions/")
    inspector.get_by_role("link", name=justification).click()
    inspector.wait_for_url(f"{base}/risks/exceptions/*/")
    intro = inspector.locator("dl").first.inner_text()
    assert "2 / 5（40.0%）" in intro and justification in intro
    inspector.get_by_label("批准", exact=True).check()
    inspector.get_by_label("审批意见").fill("同意，请加强对一级风险点的监督")
    inspector.get_by_role("button", name="保存").click()
    inspector.wait_for_url(f"{base}/risks/exceptions/")
    assert inspector.get_by_text("已处理。").is_visible()
    exception = RegisterException.objects.get()
    assert (
        exception.status == "approved"
        and exception.decided_by == world.users["discipline_inspector"]
    )
    inspector.close()

    # the leader confirms: accepted, marked as under the approved exception
    leader.goto(register_url)
    leader.locator("#confirm-register").click()
    leader.wait_for_url(register_url)
    assert leader.get_by_text("台账已审定。").is_visible()
    assert "（经批准的例外）" in leader.locator(".alert-success").last.inner_text()
    register = Register.objects.get(unit=world.finance, year=year)
    assert register.confirmed_at is not None and register.exception == exception
    assert RiskPoint.objects.filter(status="confirmed").count() == 5

    # the unit's manual, downloaded from the register page, opens and is in Chinese
    name, content = download(leader, "防范手册")
    assert name.endswith(".docx")
    text = docx_text(content)
    assert "甲区财政局" in text and f"{year} 年度廉政风险防范手册" in text
    assert "预算资金拨付中优亲厚友" in text and "专项债资金分配暗箱操作" in text
    assert "风险点共 5 个，其中一级风险 2 个，占 40.0%" in text

    assert not errors, errors
    leader.close()
