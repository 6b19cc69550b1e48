"""The library pages and the "3+X" trial: who may read, who may write (everyone else 403, an
object out of scope 404), Chinese field errors, nothing half-saved, audit rows, Excel export."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from lianjing.core.listing import XLSX_CONTENT_TYPE
from lianjing.core.models import AuditEvent
from lianjing.org.models import KeyPostKind
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate

pytestmark = pytest.mark.django_db

LISTS = ["risklib:sign_list", "risklib:template_list", "risklib:provision_list", "risklib:trial"]


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _template_post(**overrides):
    data = {
        "code": "LIC-901",
        "key_post_kind": KeyPostKind.objects.get(code="licensing").pk,
        "power_category": "",
        "risk_type": "process",
        "title": "证照打印设备私用",
        "description": "使用证照打印设备私自制作证照。",
        "manifestations": "打印记录与发证记录不符。",
        "causes": "设备无人登记。",
        "suggested_level": "2",
        "measures_system": "打印设备专人保管\n打印记录每日核对",
        "measures_personnel": "",
        "measures_education": "",
        "measures_supervision": "",
        "keywords": "证照、打印，设备 私制",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("name", LISTS)
def test_readers_see_the_lists(world, name):
    assert _client(world.users["cadre"]).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_detail_pages_show_the_entry_and_its_groundings(admin_client):
    template = RiskTemplate.objects.get(code="LEAD-006")
    page = admin_client.get(reverse("risklib:template_detail", args=[template.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "收受管理服务对象礼品礼金" in html and "第九十七条" in html
    provision = RegulationProvision.objects.get(code="CPC-097")
    html = admin_client.get(reverse("risklib:provision_detail", args=[provision.pk])).content
    assert "待核对" in html.decode() and "LEAD-006" in html.decode()
    sign = IndicatorSign.objects.get(code="SG-D-12")
    html = admin_client.get(reverse("risklib:sign_detail", args=[sign.pk])).content.decode()
    assert "采购方式和中标结果反常" in html and "财务/物资采购" in html


def test_filters_narrow_the_list_and_garbage_gives_an_error_not_a_500(admin_client):
    url = reverse("risklib:template_list")
    category = RiskTemplate.objects.get(code="PEN-001").power_category_id
    html = admin_client.get(url, {"category": category, "q": "减免"}).content.decode()
    assert "违规减免罚款" in html and "选择性执法" not in html
    for value in ["9" * 40, "-1", "abc", "\x00"]:
        response = admin_client.get(url, {"kind": value, "level": value, "active": value})
        assert response.status_code == 200
        assert "筛选条件有误" in response.content.decode()


def test_the_export_holds_every_field(admin_client):
    response = admin_client.get(
        reverse("risklib:template_list"), {"export": "xlsx", "q": "虚报冒领"}
    )
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert {"风险描述", "表现形式", "成因", "建议防控措施", "关键词"} <= set(header)
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "FIN-001" in rows
    assert "【制度流程】" in rows["FIN-001"][header.index("建议防控措施")]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("risklib:template_create", "get"),
        ("risklib:template_edit", "get"),
        ("risklib:template_edit", "post"),
        ("risklib:template_active", "post"),
        ("risklib:sign_create", "post"),
        ("risklib:provision_edit", "get"),
    ],
)
def test_readers_may_not_write(world, name, method):
    template = RiskTemplate.objects.get(code="FIN-001")
    provision = RegulationProvision.objects.get(code="CPC-097")
    kwargs = {}
    if name.endswith(("_edit", "_active")):
        kwargs["pk"] = provision.pk if name.startswith("risklib:provision") else template.pk
    client = _client(world.users["unit_leader"])
    response = getattr(client, method)(reverse(name, kwargs=kwargs), {"active": "no"})
    assert response.status_code == 403
    assert RiskTemplate.objects.get(code="FIN-001").is_active


def test_an_administrator_creates_a_template_and_it_is_audited(admin_client):
    response = admin_client.post(reverse("risklib:template_create"), _template_post())
    template = RiskTemplate.objects.get(code="LIC-901")
    assert response.status_code == 302
    assert response["Location"] == reverse("risklib:template_detail", args=[template.pk])
    assert template.keyword_list == ["证照", "打印", "设备", "私制"]
    assert [m["kind"] for m in template.measures] == ["system", "system"]
    assert AuditEvent.objects.filter(action="risklib.template.created").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"key_post_kind": ""}, "请至少选择重点岗位类别或职权类别中的一项。"),
        ({"measures_system": "只有一条"}, "请至少填写 2 条防控措施。"),
        ({"code": "许可-1"}, "编码只能包含英文字母、数字、下划线或连字符"),
        ({"code": "FIN-001"}, "已存在"),
        ({"title": ""}, "请填写风险名称。"),
        ({"title": "长" * 51}, "风险名称不能超过 50 个字。"),
        ({"keywords": "，，、 "}, "请至少填写 1 个关键词。"),
        ({"key_post_kind": "9" * 30}, "所选重点岗位类别不存在。"),
        ({"suggested_level": "7"}, "所选建议等级无效。"),
        ({"risk_type": "x"}, "所选风险类型无效。"),
    ],
)
def test_bad_template_input_is_refused_in_chinese(admin_client, overrides, message):
    count = RiskTemplate.objects.count()
    response = admin_client.post(reverse("risklib:template_create"), _template_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert RiskTemplate.objects.count() == count
    assert not AuditEvent.objects.filter(action__startswith="risklib.").exists()


def test_editing_keeps_the_code_and_a_stale_form_is_refused(admin_client):
    template = RiskTemplate.objects.get(code="FIN-002")
    url = reverse("risklib:template_edit", args=[template.pk])
    form = admin_client.get(url).content.decode()
    assert "FIN-002" in form and "违规报销" in form
    data = _template_post(code="OTHER", title="违规报销（修订）", version=template.version)
    assert admin_client.post(url, data).status_code == 302
    template.refresh_from_db()
    assert (template.code, template.title) == ("FIN-002", "违规报销（修订）")
    stale = admin_client.post(url, {**data, "title": "又改了"})
    assert "该条目已被他人修改" in stale.content.decode()
    assert RiskTemplate.objects.get(code="FIN-002").title == "违规报销（修订）"


def test_switching_off_and_on(admin_client):
    template = RiskTemplate.objects.get(code="FIN-003")
    url = reverse("risklib:template_active", args=[template.pk])
    assert admin_client.get(url).status_code == 405
    assert admin_client.post(url, {"active": "maybe"}).status_code == 302
    assert RiskTemplate.objects.get(code="FIN-003").is_active
    admin_client.post(url, {"active": "no"})
    admin_client.post(url, {"active": "no"})
    assert not RiskTemplate.objects.get(code="FIN-003").is_active
    assert AuditEvent.objects.filter(action="risklib.template.deactivated").count() == 1
    html = admin_client.get(reverse("risklib:template_list"), {"active": "no"}).content.decode()
    assert "FIN-003" in html and "FIN-001" not in html


def test_signs_and_provisions_are_edited_too(admin_client):
    sign = IndicatorSign.objects.get(code="SG-C-03")
    kinds = list(
        KeyPostKind.objects.filter(code__in=["licensing", "penalty"]).values_list("pk", flat=True)
    )
    response = admin_client.post(
        reverse("risklib:sign_edit", args=[sign.pk]),
        {
            "code": "x",
            "group": "conduct",
            "title": "收受或索要节礼",
            "description": "节日前后收受购物卡。",
            "applies_to": kinds,
            "order": "5",
            "version": sign.version,
        },
    )
    assert response.status_code == 302
    assert set(sign.applies_to.values_list("code", flat=True)) == {"licensing", "penalty"}
    provision = RegulationProvision.objects.get(code="PSL-36")
    response = admin_client.post(
        reverse("risklib:provision_edit", args=[provision.pk]),
        {
            "code": "x",
            "regulation": "sanctions",
            "article": provision.article,
            "title": provision.title,
            "text": provision.text,
            "keywords": "营利活动；兼职，取酬",
            "order": provision.order,
            "verified": "on",
            "version": provision.version,
        },
    )
    assert response.status_code == 302
    provision.refresh_from_db()
    assert provision.verified and provision.keyword_list == ["营利活动", "兼职", "取酬"]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"risklib.sign.updated", "risklib.provision.updated"} <= actions


@pytest.mark.parametrize("pk", ["0", "99999999", "9" * 25])
def test_missing_entries_are_404(admin_client, pk):
    for name in ("risklib:template_detail", "risklib:sign_edit", "risklib:provision_active"):
        url = reverse(name, args=[1]).replace("/1/", f"/{pk}/")
        assert admin_client.post(url, {"active": "no"}).status_code in (404, 405)
        assert admin_client.get(url).status_code in (404, 405)


def test_the_trial_shows_a_cadre_only_their_own_post(world):
    client = _client(world.users["cadre"])
    html = client.get(reverse("risklib:trial")).content.decode()
    assert world.post_budget_clerk.name in html and world.post_director.name not in html
    own = client.get(reverse("risklib:trial_post", args=[world.post_budget_clerk.pk]))
    assert own.status_code == 200
    other = client.get(reverse("risklib:trial_post", args=[world.post_director.pk]))
    assert other.status_code == 404


def test_the_trial_page_lists_suggestions_with_their_provisions(world):
    post = world.post_budget_clerk
    post.duties = "负责单位经费报销审核和资金支付，审核报销单据和发票的真实性、合规性。"
    post.save()
    post.key_kinds.set(KeyPostKind.objects.filter(code="finance"))
    html = _client(world.users["cadre"]).get(reverse("risklib:trial_post", args=[post.pk]))
    text = html.content.decode()
    assert "违规报销" in text and "虚报冒领" in text
    assert "岗位职责含“" in text and "《中华人民共和国公职人员政务处分法》" in text
    assert "重点岗位：财务/物资采购" in text


GARBAGE = ["", " ", "x" * 5000, "\x00\x01", "' OR 1=1 --", "<script>", "-1", "9" * 40, "NaN"]


@pytest.mark.parametrize(
    "name",
    [
        "risklib:sign_create",
        "risklib:template_create",
        "risklib:provision_create",
        "risklib:sign_edit",
        "risklib:template_edit",
        "risklib:provision_edit",
        "risklib:template_active",
        "risklib:trial",
    ],
)
def test_garbage_never_causes_a_server_error(admin_client, name):
    entries = {
        "sign": IndicatorSign.objects.earliest("pk"),
        "template": RiskTemplate.objects.earliest("pk"),
        "provision": RegulationProvision.objects.earliest("pk"),
    }
    kind = name.split(":")[1].split("_")[0]
    args = [entries[kind].pk] if name.endswith(("_edit", "_active")) else []
    url = reverse(name, args=args)
    fields = [
        "code", "group", "title", "description", "applies_to", "order", "version", "key_post_kind",
        "power_category", "risk_type", "manifestations", "causes", "suggested_level",
        "measures_system", "measures_supervision", "keywords", "regulation", "article", "text",
        "verified", "active", "q", "kind", "page",
    ]  # fmt: skip
    counts = (IndicatorSign.objects.count(), RiskTemplate.objects.count())
    for value in GARBAGE:
        payload = dict.fromkeys(fields, value)
        assert admin_client.post(url, payload).status_code < 500
        assert (
            admin_client.get(url, {k: v for k, v in payload.items() if k != "export"}).status_code
            < 500
        )
    assert (IndicatorSign.objects.count(), RiskTemplate.objects.count()) == counts
