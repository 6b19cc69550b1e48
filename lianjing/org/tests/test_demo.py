"""The demo organisation: one district like the Chengdu seed (64 units, 2,448 posts), its people
and their post history, the province loader, the command, and the demo accounts anchored in it.

The district is loaded once for the module (through `load_demo`, as `make run` does) inside a
transaction that is rolled back when the module is done; each test runs in a savepoint."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Concat

from lianjing.accounts.demo import ANCHORS, STATIONED_UNITS, DemoResult, load_demo
from lianjing.accounts.models import RoleAssignment, User
from lianjing.core.crypto import blind_index, decrypt
from lianjing.core.models import AuditEvent
from lianjing.org.demo import (
    DistrictStats,
    demo_region,
    demo_unit,
    load_province,
    next_free_index,
)
from lianjing.org.demo.plan import AS_OF, DISTRICT_POSTS, DISTRICT_UNITS, plan_district
from lianjing.org.models import Assignment, Department, KeyPostKind, Person, Post, Unit
from lianjing.org.validation import mask_id_number, validate_id_number

LONG_TENURE_START = AS_OF - datetime.timedelta(days=round(5.5 * 365.25))


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoResult]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def district(demo: DemoResult, db) -> DistrictStats:
    assert demo.district is not None
    return demo.district


@pytest.fixture
def region(district: DistrictStats) -> Unit:
    return district.region


def _holder(username: str) -> tuple[Person, Post]:
    person = User.objects.get(username=username).person
    assert person.post is not None
    return person, person.post


def _units(region: Unit) -> list[int]:
    return list(Unit.objects.descendants(region, include_self=True).values_list("pk", flat=True))


def _people(region: Unit):
    return Person.objects.filter(unit__in=_units(region))


# --- structure ------------------------------------------------------------------------------------


def test_district_has_64_units_below_its_region_and_2448_posts(district, region):
    below = Unit.objects.descendants(region)
    assert below.count() == DISTRICT_UNITS == district.units == 64
    assert Post.objects.filter(unit__in=_units(region)).count() == DISTRICT_POSTS == 2448
    assert region.kind == Unit.Kind.REGION and region.level == Unit.Level.COUNTY
    assert [u.name for u in Unit.objects.ancestors(region)] == ["四川省", "蓉城市"]
    kinds = Counter(below.values_list("kind", flat=True))
    assert set(kinds) == set(Unit.Kind) - {Unit.Kind.REGION}
    assert kinds["village"] == 8 and kinds["new_org"] == 1
    levels = Counter(below.values_list("level", flat=True))
    assert levels == {"county": 52, "township": 4, "village": 8}
    names = set(below.values_list("short_name", flat=True))
    assert {"区纪委监委", "区委组织部", "区财政局", "区住建局", "区人民医院", "区城投集团"} <= names


def test_units_have_offices_and_realistic_posts(region):
    finance = demo_unit(region, "finance")
    offices = set(Department.objects.filter(unit=finance).values_list("name", flat=True))
    assert {"办公室", "预算科", "国库科", "政府采购监督管理科"} <= offices
    posts = Post.objects.filter(unit=finance)
    assert posts.filter(name="党组书记、局长", rank__code="section").exists()
    assert posts.filter(name="预算科科长", department__name="预算科").exists()
    duties = Post.objects.filter(unit__in=_units(region)).values_list("duties", flat=True)
    assert all(1 <= d.count("。") <= 3 and d.endswith("。") for d in duties)
    assert Post.objects.get(unit=region, name="区委书记").rank.code == "deputy_bureau"
    hospital = demo_unit(region, "hospital")
    assert Department.objects.filter(unit=hospital, parent__name="内科").count() == 3


def test_key_posts_of_every_kind(region):
    posts = Post.objects.filter(unit__in=_units(region))
    used = set(posts.values_list("key_kinds__code", flat=True)) - {None}
    assert used == set(KeyPostKind.objects.values_list("code", flat=True))
    assert posts.filter(name="出纳", key_kinds__code="finance").exists()
    assert posts.filter(name="窗口受理员", key_kinds__code="licensing").exists()
    assert posts.filter(name="执法队员", key_kinds__code="penalty").exists()
    assert posts.filter(name="人事专员", key_kinds__code="personnel").exists()
    assert posts.filter(name="区委书记", key_kinds__code="leadership").exists()


def test_main_leaders_and_leaders_in_charge_are_set(region):
    units = Unit.objects.filter(pk__in=_units(region)).select_related("main_leader__post")
    for unit in units:
        leader = unit.main_leader
        assert leader is not None and leader.post is not None, unit
        assert leader.post.unit_id == unit.pk
        assert leader.post.key_kinds.filter(code="leadership").exists()
    finance = demo_unit(region, "finance")
    assert finance.main_leader is not None
    assert finance.main_leader.post == Post.objects.get(unit=finance, name="党组书记、局长")
    offices = Department.objects.filter(unit__in=_units(region))
    assert not offices.filter(leader_in_charge__isnull=True).exists()
    assert not offices.exclude(leader_in_charge__unit_id=F("unit_id")).exists()
    assert not offices.exclude(leader_in_charge__post__key_kinds__code="leadership").exists()


# --- people ---------------------------------------------------------------------------------------


def test_about_2600_people_each_with_one_open_primary_assignment(district, region):
    people = _people(region)
    assert 2500 <= people.count() == district.people <= 2700
    open_primary = Count(
        "assignments", filter=Q(assignments__is_primary=True, assignments__end_date__isnull=True)
    )
    assert not people.annotate(n=open_primary).exclude(n=1).exists()
    current = Assignment.objects.filter(person__in=people, is_primary=True, end_date__isnull=True)
    assert not current.exclude(post_id=F("person__post_id")).exists()
    assert not people.exclude(unit_id=F("post__unit_id")).exists()
    assert (
        not people.exclude(department_id=F("post__department_id"))
        .filter(post__department__isnull=False)
        .exists()
    )
    share = Counter(people.values_list("political_status", flat=True))
    assert share["cpc"] > 0.7 * people.count()
    years = people.values_list("birth_date__year", flat=True)
    assert min(years) >= 1965 and max(years) <= 2000


def test_posts_are_staffed_within_their_headcount(region):
    posts = Post.objects.filter(unit__in=_units(region)).annotate(
        holders=Count(
            "assignments",
            filter=Q(assignments__end_date__isnull=True, assignments__is_primary=True),
        )
    )
    assert not posts.filter(holders__gt=F("headcount")).exists()
    assert posts.filter(headcount__gt=1).exists()
    assert posts.filter(holders__gt=0).count() > 0.9 * posts.count()


def test_id_numbers_are_valid_unique_and_encrypted(region):
    people = _people(region)
    assert not people.filter(id_number_index="").exists()
    assert people.values("id_number_index").distinct().count() == people.count()
    sample = random.Random(7).sample(list(people), 300)
    for person in sample:
        number = decrypt(person.id_number_encrypted)
        validate_id_number(number)
        assert number.startswith("51")
        assert number[6:14] == f"{person.birth_date:%Y%m%d}"
        assert int(number[16]) % 2 == (1 if person.gender == "male" else 0)
        assert person.id_number_masked == mask_id_number(number)
        assert person.id_number_index == blind_index(number)
        assert number not in person.id_number_encrypted


def test_rotation_long_tenure_and_concurrent_posts(district, region):
    people = _people(region)
    history = Assignment.objects.filter(person__in=people)
    ended = history.filter(is_primary=True, end_date__isnull=False)
    assert district.rotated == ended.count()
    assert 0.08 * people.count() <= ended.count() <= 0.12 * people.count()
    for old in ended[:50]:
        new = history.get(person=old.person_id, is_primary=True, end_date__isnull=True)
        assert old.post_id != new.post_id
        assert old.end_date == new.start_date - datetime.timedelta(days=1)
    long_tenure = (
        history.filter(
            is_primary=True,
            end_date__isnull=True,
            start_date__lte=LONG_TENURE_START,
            post__key_kinds__isnull=False,
        )
        .values("person")
        .distinct()
    )
    assert 0.04 * people.count() <= long_tenure.count() <= 0.06 * people.count()
    concurrent = history.filter(is_primary=False, end_date__isnull=True)
    assert concurrent.exists() and set(concurrent.values_list("note", flat=True)) == {"兼任"}
    assert not history.filter(start_date__gt=AS_OF).exists()


def test_the_plan_is_deterministic_for_a_seed(region):
    plan = plan_district(seed=2026)
    again = plan_district(seed=2026)
    assert [(p.code, p.name, p.id_number) for p in plan.people] == [
        (p.code, p.name, p.id_number) for p in again.people
    ]
    assert [(p.code, p.name, p.duties) for p in plan.posts] == [
        (p.code, p.name, p.duties) for p in again.posts
    ]
    stored = list(_people(region).order_by("code").values_list("code", "name"))
    assert stored == [(p.code, p.name) for p in plan.people]
    other = plan_district(seed=2027)
    assert [p.name for p in other.people] != [p.name for p in plan.people]
    assert [p.code for p in other.posts] == [p.code for p in plan.posts]


def test_one_audit_event_records_the_load(district, region):
    events = AuditEvent.objects.filter(action="org.demo.loaded", object_id=str(region.pk))
    assert events.count() == 1
    assert events.get().after == {
        "scale": "district",
        "seed": 2026,
        "index": 0,
        **district.counts(),
    }
    assert district.posts == 2448


# --- demo accounts --------------------------------------------------------------------------------


def _grant(username: str) -> RoleAssignment:
    return RoleAssignment.objects.select_related("unit", "role").get(user__username=username)


def test_load_demo_anchors_the_accounts_in_the_district(demo, region):
    assert len(demo.accounts) == len(ANCHORS) == 7
    assert _grant("admin").unit is None
    assert not Person.objects.filter(user__username="admin").exists()
    finance = demo_unit(region, "finance")

    assert _grant("jiwei").unit == region
    assert _holder("jiwei")[0].unit == demo_unit(region, "discipline")

    paizhu = _grant("paizhu")
    assert paizhu.unit == demo_unit(region, "stationed_1")
    assert set(paizhu.assigned_units.all()) == {demo_unit(region, k) for k in STATIONED_UNITS}
    assert _holder("paizhu")[1].name == "组长"

    assert _grant("caiji").unit == demo_unit(region, "street_1")
    lingdao, _ = _holder("lingdao")
    assert _grant("lingdao").unit == finance
    assert lingdao == finance.main_leader
    assert User.objects.get(username="lingdao").full_name == lingdao.name

    ganbu, post = _holder("ganbu")
    assert _grant("ganbu").unit == finance
    assert ganbu.unit == finance and post.name.endswith("科员") and post.rank.code == "staff"

    assert _grant("zuzhi").unit == region
    assert _holder("zuzhi")[0].unit == demo_unit(region, "organization")


def test_load_demo_command_keeps_existing_data_and_prints_the_anchors(region):
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    text = out.getvalue()
    assert "保留现有数据" in text
    assert "lingdao" in text and "锦华区财政局" in text
    assert "归口联系：区财政局" in text


# --- the command and the province -----------------------------------------------------------------


def test_command_refuses_when_org_data_exists(region):
    units = Unit.objects.count()
    with pytest.raises(CommandError, match="已有组织机构数据"):
        call_command("load_org_demo", stdout=StringIO())
    with pytest.raises(CommandError, match="已有组织机构数据"):
        call_command("load_org_demo", "--scale", "province", "--append", stdout=StringIO())
    assert Unit.objects.count() == units


def test_command_appends_a_second_district(region):
    assert next_free_index() == 1
    out = StringIO()
    call_command("load_org_demo", "--append", "--seed", "5", stdout=out)
    second = demo_region(1)
    assert second is not None and second.parent == region.parent
    assert Unit.objects.descendants(second).count() == 64
    assert "岗位：2,448" in out.getvalue() and "用时" in out.getvalue()
    ids = Person.objects.values("id_number_index").distinct().count()
    assert ids == Person.objects.count()


def test_load_province_builds_cities_and_districts(region):
    # Codes are natural keys: move the module's district aside to load a fresh province.
    for model in (Unit, Department, Post, Person):
        model.objects.update(code=Concat(Value("~"), "code"))
    stats = load_province(seed=2026, districts=2)
    province = stats.province
    assert province is not None and province.name == "四川省" and province.parent is None
    cities = Unit.objects.filter(parent=province)
    assert [c.name for c in cities] == ["蓉城市"]
    districts = Unit.objects.filter(parent=cities[0]).order_by("code")
    assert [d.code for d in districts] == ["510102", "510103"]
    for district in districts:
        assert Unit.objects.descendants(district).count() == 64
        below = _units(district)
        assert Post.objects.filter(unit__in=below).count() == 2448
    assert stats.districts == 2 and stats.cities == 1
    assert stats.units == 1 + 1 + 2 * 65
    assert stats.posts == 2 * 2448
    assert stats.people == Person.objects.filter(code__startswith="5101").count()
    assert Person.objects.values("id_number_index").distinct().count() == Person.objects.count()
    assert (
        AuditEvent.objects.filter(action="org.demo.loaded", object_id=str(province.pk)).count() == 1
    )
