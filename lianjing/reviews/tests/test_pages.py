"""The procedure's pages through the test client: the workspace and its moves, opinions, the
board, the inbox, the archive and the unit's 公示; out of scope answers 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lianjing.inbox.models import Notification
from lianjing.reviews.models import Review, Snapshot, Step
from lianjing.reviews.tally import tally_rebuild
from lianjing.reviews.tests.test_workflow import to_step

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def post_act(client, review, action, note=""):
    review.refresh_from_db()
    return client.post(
        reverse("reviews:review_act", args=[review.pk]),
        {"action": action, "version": review.version, "step": review.step, "note": note},
        follow=True,
    )


def test_the_cadre_walks_the_holder_steps_in_the_pages(client, procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    login(client, p.cadre)
    page = client.get(reverse("reviews:review_detail", args=[review.pk]))
    assert page.status_code == 200
    assert "提交，制定措施" in page.content.decode()
    # nothing found yet: refused with the reason, nothing changes
    response = post_act(client, review, "submit")
    assert "还没有查找出风险点" in response.content.decode()
    review.refresh_from_db()
    assert review.step == Step.SELF_CHECK
    # a point through the review's own form
    form = client.get(reverse("reviews:point_add", args=[review.pk]))
    assert form.status_code == 200
    data = {
        "risk_type": "post_duty",
        "description": "违规审批资金拨付",
        "found_by": ["self"],
    }
    for field in form.context["form"].factor_names:
        data[field] = "0"
    response = client.post(reverse("reviews:point_add", args=[review.pk]), data)
    assert response.status_code == 302
    point = review.round.year and review.post.risk_points.get()
    response = client.post(
        reverse("reviews:measure_add", args=[review.pk, point.pk]),
        {"kind": "supervision", "content": "科长每月抽查", "status": "planned"},
    )
    assert response.status_code == 302
    post_act(client, review, "submit")
    post_act(client, review, "submit")
    review.refresh_from_db()
    assert review.step == Step.CONSULT


def test_bad_version_or_step_is_told_and_changes_nothing(client, procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.REVIEW)
    login(client, p.deputy_user)
    response = client.post(
        reverse("reviews:review_act", args=[review.pk]),
        {"action": "approve", "version": review.version - 1, "step": review.step},
        follow=True,
    )
    assert "已被他人办理" in response.content.decode()
    response = client.post(
        reverse("reviews:review_act", args=[review.pk]),
        {"action": "approve", "version": "x", "step": ""},
        follow=True,
    )
    assert "表单已过期" in response.content.decode()
    review.refresh_from_db()
    assert review.step == Step.REVIEW


def test_colleague_comments_in_the_window_and_the_holder_answers(client, procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.CONSULT)
    # 王组员 (no account) — use the deputy, leader in charge, who was asked
    assert Notification.objects.filter(recipient=p.deputy_user, kind="reviews.consult").exists()
    login(client, p.deputy_user)
    page = client.get(reverse("reviews:review_detail", args=[review.pk]))
    assert "提交意见" in page.content.decode()
    response = client.post(
        reverse("reviews:comment_add", args=[review.pk]), {"text": ""}, follow=True
    )
    assert "请填写意见内容" in response.content.decode()
    client.post(reverse("reviews:comment_add", args=[review.pk]), {"text": "补充政府采购风险"})
    assert review.comments.count() == 1


def test_board_and_late_list(client, procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    Review.objects.filter(pk=review.pk).update(due_on="2020-01-01")
    tally_rebuild(p.round.pk)  # a direct UPDATE bypasses the kept counts
    login(client, p.world.users["discipline_inspector"])
    page = client.get(reverse("reviews:round_detail", args=[p.round.pk]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "甲区财政局" in body and "预算科科员" in body  # the late list names the post
    board = page.context["board"]
    assert board.totals.total == 6 and board.totals.late == 1
    drill = client.get(
        reverse("reviews:round_detail", args=[p.round.pk]) + f"?unit={p.world.district_a.pk}"
    )
    assert drill.context["board"].rows[0].unit == p.world.finance


def test_out_of_scope_answers_404(client, procedure):
    p = procedure
    review = p.review_of(p.world.post_budget_clerk)
    other = p.review_of(p.world.post_director)
    login(client, p.cadre)
    # the cadre sees their own review, not the director's (not at 征求意见)
    assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 200
    assert client.get(reverse("reviews:review_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:round_detail", args=[p.round.pk])).status_code == 403
    login(client, p.world.users["collector"])
    assert client.get(reverse("reviews:review_detail", args=[review.pk])).status_code == 404


def test_signed_register_in_archive_and_public_list(client, procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.SIGN)
    login(client, p.leader)
    post_act(client, review, "sign")
    snapshot = Snapshot.objects.get()
    login(client, p.cadre)
    archive = client.get(reverse("archives:my_archive"))
    assert snapshot.title in archive.content.decode()
    public = client.get(reverse("reviews:my_public"), follow=True)
    assert snapshot.title in public.content.decode()
    assert client.get(reverse("reviews:snapshot_detail", args=[snapshot.pk])).status_code == 200
    login(client, p.world.users["collector"])  # housing bureau: not the finance bureau's people
    assert client.get(reverse("reviews:snapshot_detail", args=[snapshot.pk])).status_code == 404


def test_inbox_marks_read_and_follows(client, procedure):
    p = procedure
    login(client, p.cadre)
    message = Notification.objects.filter(recipient=p.cadre).get()
    page = client.get(reverse("inbox:inbox"))
    assert message.title in page.content.decode()
    assert 'id="inbox-unread"' in page.content.decode()
    response = client.post(reverse("inbox:open", args=[message.pk]))
    assert response.status_code == 302 and response["Location"] == message.url
    message.refresh_from_db()
    assert message.read_at is not None
    other = Notification.objects.create(recipient=p.leader, kind="x", title="别人的")
    assert client.post(reverse("inbox:open", args=[other.pk])).status_code == 404


def test_open_a_round_in_the_page(client, procedure, django_capture_on_commit_callbacks):
    p = procedure
    login(client, p.leader)
    response = client.post(
        reverse("reviews:round_create"),
        {"name": "", "year": "abc", "units": ["999999"], "posts": "key", "comment_days": "0"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "year", "units", "comment_days"} <= set(errors)
    data = {
        "name": "2027年度排查",
        "year": "2027",
        "units": [str(p.world.finance.pk)],
        "include_subunits": "on",
        "posts": "all",
        "comment_days": "5",
        **{f"days_{s}": "5" for s in range(2, 9)},
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:round_create"), data)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "已生成排查对象" in page.content.decode()
