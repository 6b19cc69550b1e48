"""Control measures edited and deleted, and their evidence (佐证材料) uploaded, downloaded through
the scoped view and deleted: bad files refused with a reason, out of scope answers 404, a
retired point refuses every change, each write audited. Files land in a temporary MEDIA_ROOT on
the real file system storage."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lianjing.core.models import AuditEvent
from lianjing.risks import services, services_measures
from lianjing.risks.models import ControlMeasure, MeasureEvidence
from lianjing.risks.services_measures import evidence_name, measure_fingerprint
from lianjing.risks.tests.factories import post_risk

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
CHINESE_NAME = "预算调剂复核记录（2026年一季度）.pdf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def client_for(world, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def a_measure(point, **extra) -> ControlMeasure:
    return services.measure_add(
        actor=None,
        risk_point=point,
        **{"kind": "system", "content": "建立预算调剂复核制度", **extra},
    )


def an_evidence(measure, name: str = CHINESE_NAME, content: bytes = PDF) -> MeasureEvidence:
    return services_measures.evidence_add(
        actor=None, measure=measure, upload=ContentFile(content, name=name)
    )


def edit_data(world, measure, **extra) -> dict[str, str]:
    return {
        "kind": "supervision",
        "content": "预算调剂事项每季度由财务科复核并向党组报告",
        "owner": str(world.director.pk),
        "due_date": "2026-12-31",
        "check_method": "查阅季度复核记录",
        "status": "in_progress",
        "fingerprint": measure_fingerprint(measure),
        **extra,
    }


def url(name: str, measure, *more) -> str:
    return reverse(f"risks:{name}", args=[measure.risk_point_id, measure.pk, *more])


# --- edit -----------------------------------------------------------------------------------------


def test_a_measure_is_edited_and_the_change_audited(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    client = client_for(world, "unit_leader")
    page = client.get(url("measure_edit", measure))
    assert page.status_code == 200 and "建立预算调剂复核制度" in page.content.decode()
    response = client.post(url("measure_edit", measure), edit_data(world, measure))
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.kind, measure.owner, str(measure.due_date), measure.status) == (
        "supervision",
        world.director,
        "2026-12-31",
        "in_progress",
    )
    event = AuditEvent.objects.get(action="risks.measure.updated")
    assert event.before is not None and event.after is not None
    assert event.before["kind"] == "system" and event.after["kind"] == "supervision"
    assert event.after["owner"] == world.director.pk
    assert event.actor_id == world.users["unit_leader"].pk


def test_a_stale_edit_is_refused_and_nothing_overwritten(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    client = client_for(world, "unit_leader")
    read = edit_data(world, measure)  # the page as first read
    services_measures.measure_update(actor=None, measure=measure, content="他人先保存的内容")
    page = client.post(url("measure_edit", measure), read).content.decode()
    assert "该措施已被他人修改，请刷新页面后重新编辑。" in page
    measure.refresh_from_db()
    assert measure.content == "他人先保存的内容" and measure.kind == "system"
    stale = client.post(url("measure_edit", measure), {**read, "fingerprint": "x"})
    assert "页面已过期，请刷新后重新编辑。" in stale.content.decode()


def test_bad_edit_input_is_refused_field_by_field(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    client = client_for(world, "unit_leader")
    data = edit_data(
        world,
        measure,
        kind="nonsense",
        content="",
        owner=str(world.housing_person.pk),
        due_date="2026-02-30",
    )
    page = client.post(url("measure_edit", measure), data).content.decode()
    assert "请选择有效的措施类别。" in page
    assert "请填写措施内容。" in page
    assert "请选择有效的责任人。" in page
    assert "请输入有效的日期，格式为 2026-03-01。" in page
    measure.refresh_from_db()
    assert measure.kind == "system" and measure.owner is None
    assert not AuditEvent.objects.filter(action="risks.measure.updated").exists()


def test_the_service_refuses_an_owner_of_another_unit(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    with pytest.raises(ValidationError) as refused:
        services_measures.measure_update(actor=None, measure=measure, owner=world.housing_person)
    assert refused.value.message_dict["owner"] == ["措施责任人须是本单位人员。"]
    measure.refresh_from_db()
    assert measure.owner is None


def test_editing_needs_the_manage_permission_and_the_scope(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    assert client_for(world, "cadre").get(url("measure_edit", measure)).status_code == 403
    foreign = a_measure(post_risk(world.post_housing))
    leader = client_for(world, "unit_leader")
    assert leader.get(url("measure_edit", foreign)).status_code == 404
    # a measure of another point under this point's URL
    mixed = reverse("risks:measure_edit", args=[measure.risk_point_id, foreign.pk])
    assert leader.post(mixed, edit_data(world, foreign)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.kind == "system"


# --- delete ---------------------------------------------------------------------------------------


def test_a_measure_is_deleted_after_confirmation_with_its_evidence(
    world, media, django_capture_on_commit_callbacks
):
    measure = a_measure(post_risk(world.post_budget_clerk))
    an_evidence(measure)
    assert len(stored_files(media)) == 1
    client = client_for(world, "unit_leader")
    page = client.get(url("measure_delete", measure)).content.decode()
    assert "确定删除这项制度流程措施吗？" in page and CHINESE_NAME in page
    assert ControlMeasure.objects.filter(pk=measure.pk).exists()  # showing asks, never deletes
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("measure_delete", measure))
    assert response.status_code == 302
    assert not ControlMeasure.objects.filter(pk=measure.pk).exists()
    assert not MeasureEvidence.objects.exists()
    assert stored_files(media) == []
    event = AuditEvent.objects.get(action="risks.measure.deleted")
    assert event.before is not None
    assert event.before["content"] == "建立预算调剂复核制度"
    assert event.before["evidence"] == [CHINESE_NAME]


# --- upload ---------------------------------------------------------------------------------------


def test_a_good_file_is_uploaded_and_can_mark_the_measure_done(world, media):
    measure = a_measure(post_risk(world.post_budget_clerk))
    client = client_for(world, "unit_leader")
    assert client.get(url("evidence_upload", measure)).status_code == 200
    upload = SimpleUploadedFile(CHINESE_NAME, PDF, content_type="application/pdf")
    response = client.post(url("evidence_upload", measure), {"file": upload, "mark_done": "on"})
    assert response.status_code == 302
    evidence = MeasureEvidence.objects.get()
    assert evidence.name == CHINESE_NAME
    assert evidence.uploaded_by == world.users["unit_leader"]
    # stored under a fresh name, never the uploader's
    assert evidence.file.name.startswith("evidence/") and evidence.file.name.endswith(".pdf")
    assert "预算" not in evidence.file.name
    assert (media / evidence.file.name).read_bytes() == PDF
    measure.refresh_from_db()
    assert measure.status == "done"
    added = AuditEvent.objects.get(action="risks.evidence.added").after
    assert added is not None and added["name"] == CHINESE_NAME
    assert AuditEvent.objects.filter(action="risks.measure.status").count() == 1
    page = client.get(reverse("risks:point_detail", args=[measure.risk_point_id])).content
    assert url("evidence_download", measure, evidence.pk) in page.decode()


def test_uploading_without_marking_leaves_the_status(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    upload = SimpleUploadedFile("现场照片.PNG", PNG, content_type="image/png")
    client_for(world, "unit_leader").post(url("evidence_upload", measure), {"file": upload})
    measure.refresh_from_db()
    assert measure.status == "planned" and MeasureEvidence.objects.get().name == "现场照片.PNG"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("木马.exe", b"MZ\x90\x00", "不支持该文件类型，只能上传 .pdf、.doc、.docx"),
        ("没有扩展名", PDF, "不支持该文件类型"),
        ("伪装.pdf", b"<html>not a pdf</html>", "文件内容不是有效的 PDF 文件（.pdf）"),
        ("伪装.docx", PDF, "文件内容不是有效的 Word 文件（.docx）"),
        ("空文件.pdf", b"", "文件是空的，请重新选择。"),
        ("太大.pdf", PDF + b"0" * 200, "文件不能超过 0.00 MB。"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_stored(
    world, media, settings, name, content, message
):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 100
    measure = a_measure(post_risk(world.post_budget_clerk))
    upload = SimpleUploadedFile(name, content)
    response = client_for(world, "unit_leader").post(
        url("evidence_upload", measure), {"file": upload, "mark_done": "on"}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MeasureEvidence.objects.exists() and stored_files(media) == []
    measure.refresh_from_db()
    assert measure.status == "planned"


def test_no_file_at_all_is_refused(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    page = client_for(world, "unit_leader").post(url("evidence_upload", measure), {"file": "x"})
    assert "请选择要上传的文件。" in page.content.decode()
    assert not MeasureEvidence.objects.exists()


def test_the_size_limit_comes_from_the_setting(world, settings):
    settings.EVIDENCE_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
    measure = a_measure(post_risk(world.post_budget_clerk))
    upload = SimpleUploadedFile("大.pdf", PDF + b"0" * (2 * 1024 * 1024))
    page = client_for(world, "unit_leader").post(url("evidence_upload", measure), {"file": upload})
    assert "文件不能超过 2 MB。" in page.content.decode()
    page = client_for(world, "unit_leader").get(url("evidence_upload", measure))
    assert "不超过 2 MB" in page.content.decode()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/报告.pdf", "报告.pdf"),
        ("C:\\Users\\张三\\桌面\\记录.docx", "记录.docx"),
        ('a<b>:"c"|?*.pdf', "a_b___c____.pdf"),
        ("\x00\x1f名单.xlsx", "名单.xlsx"),
        (".pdf", "佐证材料.pdf"),
        ("长" * 300 + ".pdf", "长" * 196 + ".pdf"),
    ],
)
def test_file_names_are_cleaned(raw, clean):
    assert evidence_name(raw) == clean


# --- download -------------------------------------------------------------------------------------


def test_download_in_scope_returns_the_bytes_and_the_chinese_name(world):
    measure = a_measure(post_risk(world.post_budget_clerk))
    evidence = an_evidence(measure)
    for role in ("unit_leader", "cadre", "discipline_inspector"):  # cadre: it is their own post
        response = client_for(world, role).get(url("evidence_download", measure, evidence.pk))
        assert response.status_code == 200, role
        assert response.getvalue() == PDF
        disposition = response["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert f"filename*=utf-8''{quote(CHINESE_NAME)}" in disposition
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"


def test_download_out_of_scope_is_404(world):
    foreign_measure = a_measure(post_risk(world.post_housing))
    foreign = an_evidence(foreign_measure, "住建局材料.pdf")
    own_measure = a_measure(post_risk(world.post_budget_clerk))
    own = an_evidence(own_measure)
    leader = client_for(world, "unit_leader")
    assert leader.get(url("evidence_download", foreign_measure, foreign.pk)).status_code == 404
    # the foreign file reached through a measure in scope
    assert leader.get(url("evidence_download", own_measure, foreign.pk)).status_code == 404
    # the stationed team reads the finance bureau's register, not the housing bureau's
    team = client_for(world, "stationed_team")
    assert team.get(url("evidence_download", own_measure, own.pk)).status_code == 200
    assert team.get(url("evidence_download", foreign_measure, foreign.pk)).status_code == 404
    # a cadre reads the points of their own post only
    director_measure = a_measure(post_risk(world.post_director))
    director_file = an_evidence(director_measure)
    cadre = client_for(world, "cadre")
    assert (
        cadre.get(url("evidence_download", director_measure, director_file.pk)).status_code == 404
    )
    anonymous = Client().get(url("evidence_download", own_measure, own.pk))
    assert anonymous.status_code == 302


def test_a_row_whose_file_is_gone_answers_404(world, media):
    measure = a_measure(post_risk(world.post_budget_clerk))
    evidence = an_evidence(measure)
    (media / evidence.file.name).unlink()
    response = client_for(world, "unit_leader").get(url("evidence_download", measure, evidence.pk))
    assert response.status_code == 404


# --- evidence delete ------------------------------------------------------------------------------


def test_evidence_is_deleted_after_confirmation(world, media, django_capture_on_commit_callbacks):
    measure = a_measure(post_risk(world.post_budget_clerk))
    evidence = an_evidence(measure)
    client = client_for(world, "unit_leader")
    assert (
        client_for(world, "cadre").post(url("evidence_delete", measure, evidence.pk)).status_code
        == 403
    )
    page = client.get(url("evidence_delete", measure, evidence.pk)).content.decode()
    assert f"确定删除佐证材料“{CHINESE_NAME}”吗？" in page
    assert MeasureEvidence.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("evidence_delete", measure, evidence.pk))
    assert not MeasureEvidence.objects.exists() and stored_files(media) == []
    event = AuditEvent.objects.get(action="risks.evidence.deleted")
    assert event.before is not None
    assert event.before["name"] == CHINESE_NAME and event.object_id == str(evidence.pk)


# --- a retired point is closed --------------------------------------------------------------------


def test_a_retired_point_refuses_every_change(world, media, django_capture_on_commit_callbacks):
    point = post_risk(world.post_budget_clerk)
    measure = a_measure(point)
    evidence = an_evidence(measure)
    services.risk_point_retire(actor=None, point=point, reason="职能划转")
    risk_events = AuditEvent.objects.filter(action__startswith="risks.")
    before = risk_events.count()
    client = client_for(world, "unit_leader")
    refused = "已撤销的风险点不能再修改防控措施。"
    with django_capture_on_commit_callbacks(execute=True):
        edit = client.post(url("measure_edit", measure), edit_data(world, measure), follow=True)
        assert refused in edit.content.decode()
        client.post(url("measure_delete", measure))
        client.post(url("evidence_upload", measure), {"file": SimpleUploadedFile("a.pdf", PDF)})
        client.post(url("evidence_delete", measure, evidence.pk))
        client.post(url("measure_status", measure), {"status": "done"})
        client.post(reverse("risks:measure_add", args=[point.pk]), edit_data(world, measure))
    measure.refresh_from_db()
    assert (measure.kind, measure.status) == ("system", "planned")
    assert list(MeasureEvidence.objects.all()) == [evidence]
    assert ControlMeasure.objects.count() == 1
    assert len(stored_files(media)) == 1
    assert risk_events.count() == before
    # the services refuse by themselves, whoever calls them
    for call in (
        lambda: services_measures.measure_update(actor=None, measure=measure, content="改"),
        lambda: services_measures.measure_delete(actor=None, measure=measure),
        lambda: an_evidence(measure),
        lambda: services_measures.evidence_delete(actor=None, evidence=evidence),
        lambda: services.measure_update_status(actor=None, measure=measure, status="done"),
        lambda: a_measure(point),
    ):
        with pytest.raises(ValidationError, match=refused):
            call()
    assert len(stored_files(media)) == 1
