"""Yearly dynamic management and special campaigns: next year's round starts from this year's
registers; the years are compared; a campaign reaches only the posts it concerns and keeps its
own risk points apart from the yearly register."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lianjing.org.models import KeyPostKind
from lianjing.reviews.compare import compare_years, diff_snapshot
from lianjing.reviews.models import Review, Round, Step
from lianjing.reviews.selectors import covered_points
from lianjing.reviews.services import RoundSpec, revision_open, snapshot_content
from lianjing.reviews.tests.conftest import open_round
from lianjing.reviews.tests.test_workflow import move, to_step, with_measure
from lianjing.risks import services as risk_services
from lianjing.risks.models import RiskPoint
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db


def test_next_year_starts_from_this_years_register(procedure, django_capture_on_commit_callbacks):
    p = procedure
    kept = with_measure(post_risk(p.world.post_budget_clerk, description="违规拨付资金"))
    retired = post_risk(p.world.post_budget_clerk, description="已撤销的风险")
    risk_services.risk_point_retire(actor=None, point=retired, reason="岗位职责调整")
    spec = RoundSpec(
        name="2027年度排查", year=2027, units=[p.world.finance], posts="all", copy_from_year=2026
    )
    round_ = open_round(p.world.users["system_admin"], spec, django_capture_on_commit_callbacks)
    assert round_.result["copied_points"] == 1
    copy = RiskPoint.objects.get(year=2027)
    assert copy.carried_from == kept and copy.status == "draft" and not copy.locked
    assert copy.description == kept.description
    assert [m.content for m in copy.measures.all()] == [m.content for m in kept.measures.all()]
    assert copy.responsibilities.exists()
    # the new review covers the copy
    review = Review.objects.get(round=round_, post=p.world.post_budget_clerk)
    assert list(covered_points(review)) == [copy]
    # compared: one regraded after a change, one added, none removed
    risk_services.risk_point_update(actor=None, point=copy, inputs=HIGHEST)
    post_risk(p.world.post_budget_clerk, year=2027, description="新增的政府采购风险")
    rows = compare_years(RiskPoint.objects.filter(unit=p.world.finance), 2026, 2027)
    assert sorted(r.change for r in rows) == ["added", "regraded"]


def test_copy_forward_year_must_be_earlier(procedure):
    from django.core.exceptions import ValidationError

    from lianjing.reviews.services import round_open

    spec = RoundSpec(
        name="x", year=2026, units=[procedure.world.finance], posts="all", copy_from_year=2026
    )
    with pytest.raises(ValidationError) as caught:
        round_open(actor=procedure.world.users["system_admin"], spec=spec)
    assert "copy_from_year" in caught.value.message_dict


def test_year_compare_page(client, procedure):
    p = procedure
    post_risk(p.world.post_budget_clerk, year=2025, description="旧风险")
    post_risk(p.world.post_budget_clerk, year=2026, description="新风险")
    client.force_login(p.leader)
    page = client.get(
        reverse("reviews:year_compare", args=[p.world.finance.pk]) + "?from=2025&to=2026"
    )
    assert page.status_code == 200
    assert page.context["counts"] == {"added": 1, "removed": 1, "regraded": 0, "same": 0}
    client.force_login(p.world.users["collector"])
    url = reverse("reviews:year_compare", args=[p.world.finance.pk])
    assert client.get(url).status_code in (403, 404)


def test_a_campaign_reaches_the_posts_it_concerns_with_its_own_points(
    procedure, django_capture_on_commit_callbacks
):
    p = procedure
    p.world.post_budget_clerk.key_kinds.add(KeyPostKind.objects.get(code="finance"))
    spec = RoundSpec(
        name="工程建设领域突出问题专项治理",
        year=2026,
        units=[p.world.district_a],
        kind=Round.Kind.CAMPAIGN,
        posts="all",
        key_post_kinds=["finance"],
    )
    campaign = open_round(
        p.world.users["discipline_inspector"], spec, django_capture_on_commit_callbacks
    )
    reviews = Review.objects.filter(round=campaign)
    assert list(reviews.values_list("post", flat=True)) == [p.world.post_budget_clerk.pk]
    review = reviews.get()
    yearly = with_measure(post_risk(p.world.post_budget_clerk, description="年度台账的风险"))
    assert list(covered_points(review)) == []  # the yearly point is not the campaign's
    own = with_measure(
        post_risk(p.world.post_budget_clerk, description="工程款拨付风险", campaign=campaign)
    )
    assert list(covered_points(review)) == [own]
    assert own not in covered_points(p.review_of(p.world.post_budget_clerk))
    assert yearly in covered_points(p.review_of(p.world.post_budget_clerk))


def test_keywords_filter_posts_by_name_or_duties(procedure, django_capture_on_commit_callbacks):
    p = procedure
    spec = RoundSpec(
        name="财政资金专项",
        year=2026,
        units=[p.world.finance],
        kind=Round.Kind.CAMPAIGN,
        posts="all",
        keywords=["国库"],
    )
    campaign = open_round(p.world.users["system_admin"], spec, django_capture_on_commit_callbacks)
    names = set(Review.objects.filter(round=campaign).values_list("post__name", flat=True))
    assert names == {"国库科科员"}


def test_revision_diff_shows_added_changed_and_removed(procedure, client):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.SIGN)
    review = move(review, p.leader, "sign")
    revision = revision_open(actor=p.cadre, review=review, cause="law", reason="新法规施行")
    point = covered_points(revision).get()
    risk_services.risk_point_update(
        actor=None, point=point, inputs=HIGHEST, description="审核把关不严（修订）"
    )
    with_measure(post_risk(p.world.post_budget_clerk, description="新增风险"))
    rows = diff_snapshot(review.snapshot.content["points"], snapshot_content(revision)["points"])
    assert sorted(r.change for r in rows) == ["added", "changed"]
    changed = next(r for r in rows if r.change == "changed")
    assert "description" in changed.fields and "level_label" in changed.fields
    client.force_login(p.cadre)
    page = client.get(reverse("reviews:revision_diff", args=[revision.pk]))
    assert page.status_code == 200 and "审核把关不严（修订）" in page.content.decode()
