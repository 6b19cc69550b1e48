"""What the procedure holds closed in the risk register: a signed register's content (until a
revision), and a register while opinions are gathered, while it is reviewed and while it waits
for the signature. Carrying the measures out (status, evidence) goes on after signing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from lianjing.reviews.models import Step
from lianjing.reviews.services import revision_open
from lianjing.reviews.tests.test_workflow import move, to_step
from lianjing.risks import services as risk_services
from lianjing.risks import services_measures
from lianjing.risks.models import RiskPoint
from lianjing.risks.tests.factories import HIGHEST, post_risk

pytestmark = pytest.mark.django_db

SIGNED = "已签字备案，不能修改"


@pytest.fixture
def signed(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.SIGN)
    return move(review, p.leader, "sign")


def test_a_signed_registers_content_is_closed(procedure, signed):
    p = procedure
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    before = (point.description, point.version, point.measures.count())
    with pytest.raises(ValidationError, match=SIGNED):
        risk_services.risk_point_update(actor=p.leader, point=point, inputs=HIGHEST)
    with pytest.raises(ValidationError, match=SIGNED):
        risk_services.risk_point_retire(actor=p.leader, point=point, reason="不再需要")
    with pytest.raises(ValidationError, match=SIGNED):
        risk_services.measure_add(actor=p.leader, risk_point=point, kind="system", content="新增")
    measure = point.measures.get()
    with pytest.raises(ValidationError, match=SIGNED):
        services_measures.measure_update(actor=p.leader, measure=measure, content="改写")
    with pytest.raises(ValidationError, match=SIGNED):
        services_measures.measure_delete(actor=p.leader, measure=measure)
    # a new point for the signed post's register of that year
    with pytest.raises(ValidationError, match=SIGNED):
        post_risk(p.world.post_budget_clerk, description="签字后补登的风险")
    point.refresh_from_db()
    assert (point.description, point.version, point.measures.count()) == before


def test_carrying_the_measures_out_goes_on_after_signing(procedure, signed, settings, tmp_path):
    p = procedure
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    measure = RiskPoint.objects.get(post=p.world.post_budget_clerk).measures.get()
    risk_services.measure_update_status(actor=p.leader, measure=measure, status="done")
    services_measures.measure_update(actor=p.leader, measure=measure, status="in_progress")
    evidence = services_measures.evidence_add(
        actor=p.leader,
        measure=measure,
        upload=ContentFile(b"%PDF-1.4 evidence", name="抽查记录.pdf"),
    )
    measure.refresh_from_db()
    assert measure.status == "in_progress" and evidence.pk


def test_a_revision_opens_the_register_again(procedure, signed):
    p = procedure
    revision_open(actor=p.cadre, review=signed, cause="duties", reason="职责调整")
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    risk_services.risk_point_update(actor=p.leader, point=point, inputs=HIGHEST)
    post_risk(p.world.post_budget_clerk, description="修订时补登的风险")


@pytest.mark.parametrize("step", [Step.CONSULT, Step.REVIEW, Step.SIGN])
def test_a_register_under_consultation_review_or_signature_is_held(procedure, step):
    p = procedure
    to_step(p, p.review_of(p.world.post_budget_clerk), step)
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    with pytest.raises(ValidationError, match=f"正处于“{Step(step).label}”环节"):
        risk_services.risk_point_update(actor=p.leader, point=point, inputs=HIGHEST)
    with pytest.raises(ValidationError, match="暂不能修改"):
        post_risk(p.world.post_budget_clerk, description="审查中补登")


def test_holder_steps_leave_the_register_open(procedure):
    p = procedure
    review = to_step(p, p.review_of(p.world.post_budget_clerk), Step.RECTIFY)
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    risk_services.risk_point_update(actor=p.cadre, point=point, inputs=HIGHEST)
    assert review.step == Step.RECTIFY


def test_the_point_page_says_why_and_hides_the_edits(client, procedure, signed):
    p = procedure
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    client.force_login(p.leader)
    body = client.get(reverse("risks:point_detail", args=[point.pk])).content.decode()
    assert 'id="locked-reason"' in body and SIGNED in body
    assert reverse("risks:point_edit", args=[point.pk]) not in body
    assert reverse("risks:measure_status", args=[point.pk, point.measures.get().pk]) in body
    response = client.post(reverse("risks:point_retire", args=[point.pk]), {"text": "x"})
    point.refresh_from_db()
    assert point.status != "retired" and response.status_code in (200, 302)


def test_an_import_cannot_write_into_a_signed_register(procedure, signed):
    from lianjing.risks.exchange.export import Export
    from lianjing.risks.exchange.importer import import_register
    from lianjing.risks.tests.test_exchange import edit, set_column

    p = procedure
    point = RiskPoint.objects.get(post=p.world.post_budget_clerk)
    exported = Export(RiskPoint.objects.filter(pk=point.pk)).workbook()
    changed = edit(
        exported, lambda wb: set_column(wb, "风险点", "风险点描述", lambda _n, _v: "改写")
    )
    outcome = import_register(changed, user=p.leader, file_name="台账.xlsx")
    assert not outcome.ok
    assert any(SIGNED in problem.message for problem in outcome.problems)
    point.refresh_from_db()
    assert point.description != "改写"
    # how the measures are carried out is recorded all year
    done = edit(
        exported, lambda wb: set_column(wb, "防控措施", "落实情况", lambda _n, _v: "已落实")
    )
    outcome = import_register(done, user=p.leader, file_name="台账.xlsx")
    assert outcome.ok, outcome.problems
    assert point.measures.get().status == "done"
