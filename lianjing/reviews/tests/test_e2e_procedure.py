"""End to end (issue 6's "done when"), in Debian's Chromium: the discipline inspector opens a
round in the pages and waits for its reviews to be generated; the cadre (李科员, 预算科科员) finds
the task on the workbench and walks the post's review through the eight steps with the leader in
charge (刘副局长) and the main leader (张局长): points and measures, opinions asked through the
inbox and answered, one return with its reason, approval, signature; the signed snapshot is then
found in the cadre's integrity archive and in the unit's 公示 list, with the point, the measure,
the opinion and its answer."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.utils import timezone
from playwright.sync_api import Browser, Locator, Page

from lianjing.accounts.tests.factories import DEFAULT_PASSWORD
from lianjing.archives.models import ArchiveEntry
from lianjing.core.tests.test_e2e_login import _reference_data, browser  # noqa: F401
from lianjing.org.models import KeyPostKind, Rank
from lianjing.org.reference import sync_reference_data
from lianjing.org.tests.world import World, build_world
from lianjing.powers.models import Circumstance, PowerCategory
from lianjing.powers.reference import sync_categories, sync_circumstances
from lianjing.reviews.models import Review, ReviewComment, ReviewEvent, Round, Snapshot, Step
from lianjing.reviews.services import reviews_generate as generate
from lianjing.reviews.tests.conftest import leadership
from lianjing.risklib.reference import sync_library
from lianjing.risks import grading, services
from lianjing.risks.models import GradingFactor, GradingModel, RiskPoint
from lianjing.risks.models_separation import DutyRole, IncompatiblePair, SeparationDomain
from lianjing.risks.reference import FACTORS, sync_default_model
from lianjing.risks.separation import sync_domains

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# a modest point: graded 三级 or 二级, so that the unit's register keeps to the 10% rule at signing
CHOSEN = {
    "post_weight": 1,
    "resources": 1,
    "discretion": 1,
    "public_relevance": 0,
    "complaints": 0,
    "media": 0,
    "consequences": 1,
    "probability": 1,
    "harm": 1,
}
FACTOR_LABELS = {code: name for code, name, *_ in FACTORS} | {
    "probability": "发生可能性",
    "harm": "危害程度",
}
DESCRIPTION = "预算调剂审核中为关系单位违规调增预算"
MEASURE = "预算调剂实行科长复核、分管领导审批，每季度抽查调剂台账"
OPINION = "建议补充专项资金拨付环节的风险点"
ANSWER = "已核实：专项资金拨付由国库科办理，本岗位在预算调剂措施中增加拨付前核对"
RETURN_REASON = "整改答复未说明核对由谁负责、何时完成，请补充后再报"
ANSWER_AGAIN = ANSWER + "；由本人在每笔调剂拨付前核对，科长每月复查"


@pytest.fixture(autouse=True)
def _procedure_reference(_reference_data):  # noqa: F811
    # a transactional test starts from a flushed database: put back what the migrations load,
    # the risk libraries and grading model version 1 included
    sync_reference_data(Rank, KeyPostKind)
    sync_categories(PowerCategory)
    sync_circumstances(Circumstance)
    sync_library(apps)
    sync_default_model(GradingModel, GradingFactor)
    sync_domains(SeparationDomain, DutyRole, IncompatiblePair)


def open_page(browser: Browser, errors: list[str]) -> Page:  # noqa: F811
    page = browser.new_page(locale="zh-CN")
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


def submit(page: Page, button: Locator) -> None:
    """Click a form's button and wait for the page the server redirects to (often the same
    address, so waiting for the URL alone would not wait at all)."""
    with page.expect_navigation():
        button.click()


def flash(page: Page) -> str:
    return page.locator("#messages").inner_text()


def act(page: Page, button: str, note_label: str = "", note: str = "") -> str:
    """Take a move from the review's 办理 card (each move is its own form with hidden action,
    version and step fields); returns the message shown after the redirect."""
    actions = page.locator("#actions")
    if note_label:
        actions.get_by_label(note_label, exact=True).fill(note)
    submit(page, actions.get_by_role("button", name=button, exact=True))
    return flash(page)


def status_of(page: Page) -> str:
    return page.locator("#review-status").inner_text()


def test_one_posts_review_walks_the_eight_steps_to_the_archive_and_the_public_list(
    browser,  # noqa: F811
    live_server,
    monkeypatch,
):
    # the round's job is held back (the test settings run Huey immediately) so that the page's
    # polling of the progress is seen; the test runs the job as the worker would
    queued: list[int] = []
    monkeypatch.setattr("lianjing.reviews.tasks.reviews_generate", queued.append)
    world: World = build_world()
    deputy, _deputy_user = leadership(world)
    year = timezone.localdate().year
    round_name = f"{year}年度廉政风险排查"
    base = live_server.url
    errors: list[str] = []

    # 1. 确定对象: the discipline inspector opens the round in the pages
    inspector = open_page(browser, errors)
    log_in(inspector, base, "w_inspector")
    inspector.get_by_role("link", name="排查与专项治理").click()
    inspector.wait_for_url(f"{base}/reviews/")
    inspector.get_by_role("link", name="发起风险排查").click()
    inspector.wait_for_url(f"{base}/reviews/rounds/new/")
    submit(inspector, inspector.get_by_role("button", name="发起", exact=True))  # empty: told
    assert inspector.locator(".invalid-feedback").count() >= 1
    assert not Round.objects.exists()
    inspector.get_by_label("名称", exact=True).fill(round_name)
    assert inspector.get_by_label("台账年度", exact=True).input_value() == str(year)
    inspector.get_by_label("范围单位", exact=True).select_option(label="甲区财政局")
    inspector.get_by_label("岗位", exact=True).select_option(label="全部岗位")
    inspector.get_by_role("button", name="发起", exact=True).click()
    inspector.wait_for_url(re.compile(rf"{re.escape(base)}/reviews/rounds/\d+/$"))
    # the job is queued, not yet run: the page shows the progress bar and polls it (htmx) ...
    assert len(queued) == 1
    assert "正在生成排查对象" in inspector.locator("#round-progress").inner_text()
    assert inspector.get_by_role("progressbar", name="生成进度").is_visible()
    assert inspector.locator("#round-ready").count() == 0
    # ... until the worker has created the reviews
    generate(queued[0])
    ready = inspector.locator("#round-ready")
    ready.wait_for(state="visible", timeout=15_000)
    assert inspector.locator("#round-progress-bar").count() == 0
    # 局长, 预算科科员, 绩效组科员, 国库科科员, 副局长, and 支付中心主任 of the sub-unit
    assert "已生成排查对象：岗位 6 个" in ready.inner_text()
    round_ = Round.objects.get()
    assert round_.state == Round.State.OPEN and round_.name == round_name
    review = Review.objects.get(round=round_, post=world.post_budget_clerk)
    assert review.step == Step.SELF_CHECK
    review_url = f"{base}/reviews/{review.pk}/"
    inspector.close()

    # 2. 自查自找 and 制定措施: the cadre finds the task on the workbench
    cadre = open_page(browser, errors)
    log_in(cadre, base, "w_cadre")
    tasks = cadre.locator("#home-review-tasks")
    assert tasks.get_by_text("风险排查任务").is_visible()
    tasks.get_by_role("link", name=f"预算科科员 · {round_name}").click()
    cadre.wait_for_url(review_url)
    assert "自查自找" in status_of(cadre)
    assert "李科员" in cadre.locator("dl").first.inner_text()
    assert "刘副局长" in cadre.locator("dl").first.inner_text()
    # nothing found yet: the move shows why it would be refused
    assert "还没有查找出风险点" in cadre.locator("#actions").inner_text()

    cadre.get_by_role("link", name="登记风险点").click()
    cadre.wait_for_url(f"{review_url}points/new/")
    cadre.get_by_label("风险类型", exact=True).select_option(label="岗位职责")
    cadre.get_by_label("风险点描述", exact=True).fill(DESCRIPTION)
    assert cadre.get_by_label("自己找").is_checked()
    for code, index in CHOSEN.items():
        cadre.get_by_label(FACTOR_LABELS[code], exact=True).select_option(str(index))
    cadre.get_by_role("button", name="保存").click()
    cadre.wait_for_url(review_url)
    assert cadre.get_by_text("已登记风险点。").is_visible()
    point = RiskPoint.objects.get()
    expected = grading.grade(services.active_model().scheme(), CHOSEN)
    assert expected.level != 1  # the 10% rule must not stop the signature
    assert point.post == world.post_budget_clerk and point.year == year
    assert point.description == DESCRIPTION and point.level == expected.level
    row = cadre.locator(f'[data-point="{point.pk}"]')
    assert DESCRIPTION in row.inner_text() and "尚未制定防控措施" in row.inner_text()

    row.get_by_role("link", name="制定措施").click()
    cadre.wait_for_url(f"{review_url}points/{point.pk}/measures/")
    cadre.get_by_label("措施类别", exact=True).select_option(label="制度流程")
    cadre.get_by_label("措施内容", exact=True).fill(MEASURE)
    cadre.get_by_label("责任人", exact=True).select_option(label="李科员")
    cadre.get_by_label("落实情况", exact=True).select_option(label="落实中")
    cadre.get_by_role("button", name="保存").click()
    cadre.wait_for_url(review_url)
    assert cadre.get_by_text("已添加防控措施。").is_visible()
    assert MEASURE in cadre.locator(f'[data-point="{point.pk}"]').inner_text()

    assert "进入“制定措施”环节" in act(cadre, "提交，制定措施")
    assert "制定措施" in status_of(cadre)
    assert "进入“征求意见”环节" in act(cadre, "提交，征求意见")
    assert "征求意见" in status_of(cadre)
    # the holder does not give opinions on their own register, nor edits it while it is asked
    assert cadre.get_by_role("button", name="提交意见").count() == 0
    assert cadre.get_by_role("link", name="登记风险点").count() == 0

    # 3. 征求意见: the leader in charge is asked through the inbox and gives an opinion
    deputy_page = open_page(browser, errors)
    log_in(deputy_page, base, "w_deputy")
    bell = deputy_page.locator("#inbox-unread")
    assert bell.is_visible() and int(bell.inner_text()) >= 1
    deputy_page.locator("#inbox-link").click()
    deputy_page.wait_for_url(f"{base}/inbox/")
    consult_title = "征求意见：甲区财政局 预算科科员 的廉政风险点"
    consult = deputy_page.locator('[data-kind="reviews.consult"]')
    assert consult.count() == 1 and consult_title in consult.inner_text()
    consult.get_by_role("button", name=consult_title).click()
    deputy_page.wait_for_url(review_url)
    assert DESCRIPTION in deputy_page.locator("#points").inner_text()
    deputy_page.get_by_role("button", name="提交意见").click()  # empty: the browser's required
    assert not ReviewComment.objects.exists()
    deputy_page.get_by_label(re.compile(r"^提出意见（")).fill(OPINION)
    submit(deputy_page, deputy_page.get_by_role("button", name="提交意见"))
    assert deputy_page.get_by_text("意见已提交。").is_visible()
    assert OPINION in deputy_page.locator("#comments").inner_text()
    comment = ReviewComment.objects.get()
    assert comment.author_name == "刘副局长" and comment.author == deputy.user

    # 4. 对照整改: the cadre ends the consultation, answers the opinion, sends it for review
    cadre.goto(review_url)
    assert OPINION in cadre.locator("#comments").inner_text()
    assert "进入“对照整改”环节" in act(cadre, "结束征求意见")
    assert "对照整改" in status_of(cadre)
    # the opinion is not answered yet: the move says so
    assert "还有 1 条意见未答复" in cadre.locator("#actions").inner_text()
    cadre.get_by_label("整改答复", exact=True).fill(ANSWER)
    submit(cadre, cadre.locator("#comments").get_by_role("button", name="答复", exact=True))
    assert cadre.get_by_text("已答复。").is_visible()
    assert ANSWER in cadre.locator("#comments").inner_text()
    assert "进入“组织审查”环节" in act(cadre, "报组织审查")
    assert "组织审查" in status_of(cadre)

    # 5. 组织审查: the deputy returns it with a reason (required), then approves it
    deputy_page.goto(f"{base}/")
    waiting = deputy_page.locator("#home-review-tasks")
    waiting.get_by_role("link", name=re.compile(r"预算科科员.*待组织审查")).click()
    deputy_page.wait_for_url(review_url)
    refusal = act(deputy_page, "退回对照整改")  # no reason: refused
    assert "请写明退回理由。" in refusal
    review.refresh_from_db()
    assert review.step == Step.REVIEW
    message = act(deputy_page, "退回对照整改", "退回理由（必填）", RETURN_REASON)
    assert "进入“对照整改”环节" in message
    review.refresh_from_db()
    assert review.step == Step.RECTIFY and review.returned

    # the cadre sees the return on the workbench and its reason on the page, answers again
    cadre.goto(f"{base}/")
    task = cadre.locator("#home-review-tasks").get_by_role(
        "link", name=re.compile(f"预算科科员 · {round_name}")
    )
    assert "被退回" in task.inner_text() and "对照整改" in task.inner_text()
    task.click()
    cadre.wait_for_url(review_url)
    assert RETURN_REASON in cadre.locator("#return-reason").inner_text()
    assert "被退回" in status_of(cadre)
    cadre.get_by_label("整改答复", exact=True).fill(ANSWER_AGAIN)
    submit(cadre, cadre.locator("#comments").get_by_role("button", name="修改答复"))
    assert ANSWER_AGAIN in cadre.locator("#comments").inner_text()
    assert "进入“组织审查”环节" in act(cadre, "报组织审查")

    deputy_page.goto(review_url)
    assert "进入“修改完善”环节" in act(deputy_page, "审查通过", "意见", "同意，报主要领导签字")
    assert "修改完善" in status_of(deputy_page)
    deputy_page.close()

    # 6. 修改完善 and 签字备案: the cadre sends it to sign, the main leader signs
    cadre.goto(review_url)
    assert "进入“签字备案”环节" in act(cadre, "报主要领导签字")
    assert "签字备案" in status_of(cadre)

    leader = open_page(browser, errors)
    log_in(leader, base, "w_leader")
    leader.locator("#home-review-tasks").get_by_role(
        "link", name=re.compile(r"预算科科员.*待签字备案")
    ).click()
    leader.wait_for_url(review_url)
    assert "签字备案" in leader.locator("#actions").inner_text()
    signed = act(leader, "签字备案")
    assert "已签字备案：台账已锁定，并已归入廉政档案、在单位内公示。" in signed
    assert "已签字备案" in status_of(leader)
    assert "已锁定" in leader.locator(f'[data-point="{point.pk}"]').inner_text()
    leader.close()

    review.refresh_from_db()
    snapshot = Snapshot.objects.get()
    assert review.status == Review.Status.SIGNED and review.signed_by == world.users["unit_leader"]
    assert snapshot.review == review and snapshot.signer_name == "张局长"
    assert snapshot.title == f"甲区财政局 预算科科员 {year} 年廉政风险台账"
    point.refresh_from_db()
    assert point.locked and point.status == RiskPoint.Status.CONFIRMED
    steps = list(
        ReviewEvent.objects.filter(review=review).values_list("action", "step_from", "step_to")
    )
    assert steps == [
        ("submit", 2, 3),
        ("submit", 3, 4),
        ("submit", 4, 5),
        ("submit", 5, 6),
        ("return", 6, 5),
        ("submit", 5, 6),
        ("approve", 6, 7),
        ("submit", 7, 8),
        ("sign", 8, 8),
    ]

    # 7. the cadre finds the signed register in the archive and in the unit's 公示
    cadre.goto(f"{base}/")
    cadre.get_by_role("link", name="我的廉政档案").click()
    cadre.wait_for_url(f"{base}/archives/me/")
    section = cadre.locator("#section-risk_register")
    assert "廉政风险防控" in section.inner_text()
    assert snapshot.title in section.inner_text() and "风险点 1 个" in section.inner_text()
    assert ArchiveEntry.objects.filter(person=world.clerk, source_id=snapshot.pk).exists()

    cadre.get_by_role("link", name="单位公示").click()
    cadre.wait_for_url(f"{base}/reviews/public/")  # the 公示 of the cadre's own unit
    assert "甲区财政局 风险台账公示" in cadre.locator(".page-title").inner_text()
    public = cadre.locator("#public-list")
    row = public.locator("tbody tr").filter(has_text=snapshot.title)
    assert row.count() == 1 and "张局长" in row.inner_text()
    row.get_by_role("link", name=snapshot.title).click()
    cadre.wait_for_url(f"{base}/reviews/snapshots/{snapshot.pk}/")
    body = cadre.locator(".page-body").inner_text()
    assert DESCRIPTION in body and MEASURE in body
    assert expected.level_name in body
    assert "张局长" in cadre.locator("#signed-by").inner_text()
    assert snapshot.digest in body
    assert "刘副局长" in body and OPINION in body and ANSWER_AGAIN in body

    # and from the archive too
    cadre.goto(f"{base}/archives/me/")
    cadre.locator("#section-risk_register").get_by_role("link", name=snapshot.title).click()
    cadre.wait_for_url(f"{base}/reviews/snapshots/{snapshot.pk}/")

    assert not errors, errors
    cadre.close()
