"""Demo accounts, one per built-in role, anchored in the demo district (`lianjing.org.demo`):
each account gets its role's anchor unit and, except the administrator, the person record of a
cadre who would hold that role there. `load_demo` also loads the district's power catalogue
(`lianjing.powers.demo`) while the catalogue is empty."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction

from lianjing.accounts import services
from lianjing.accounts.models import Role, RoleAssignment, User
from lianjing.core.audit import audit
from lianjing.org.demo import DistrictStats, demo_region, demo_unit, load_district
from lianjing.org.models import Person, Unit

if TYPE_CHECKING:
    from lianjing.powers.demo import PowerDemoStats
    from lianjing.reviews.demo import DemoReviews
    from lianjing.risks.demo import DemoRegister

DEMO_PASSWORD = "Lianjing@2026"

DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    # (username, name until linked to a person, role code)
    ("admin", "系统管理员", "system_admin"),
    ("jiwei", "王纪检", "discipline_inspector"),
    ("paizhu", "李派驻", "stationed_team"),
    ("caiji", "赵采集", "collector"),
    ("lingdao", "陈局长", "unit_leader"),
    ("ganbu", "刘干部", "cadre"),
    ("zuzhi", "孙组织", "org_personnel"),
]

# the 归口联系单位 of the demo stationed team (派驻第一纪检监察组)
STATIONED_UNITS = ("finance", "housing", "transport", "natural_resources")


@dataclass(frozen=True)
class Anchor:
    """Where a demo account sits: the unit its role is anchored at (None: everywhere) and the
    person it belongs to, found by unit key and post name in the demo district."""

    unit: str | None  # "region" or a unit key
    person_unit: str | None
    post_names: tuple[str, ...] = ()  # preferred post names, first match wins
    assigned: tuple[str, ...] = ()


ANCHORS: dict[str, Anchor] = {
    "admin": Anchor(None, None),
    "jiwei": Anchor("region", "discipline", ("党风政风监督室主任", "纪检监察员")),
    "paizhu": Anchor("stationed_1", "stationed_1", ("组长",), STATIONED_UNITS),
    "caiji": Anchor("street_1", "street_1", ("文秘", "党政办公室科员")),
    "lingdao": Anchor("finance", "finance", ("党组书记、局长",)),
    "ganbu": Anchor("finance", "finance", ("预算科科员", "国库科科员", "办公室科员")),
    "zuzhi": Anchor("region", "organization", ("干部科科长", "干部考察员")),
}


@dataclass(frozen=True)
class DemoResult:
    accounts: list[User]
    district: DistrictStats | None
    powers: PowerDemoStats | None = None
    risks: DemoRegister | None = None
    reviews: DemoReviews | None = None


@transaction.atomic
def load_demo() -> DemoResult:
    """The demo: the district (when the organisation is still empty), the accounts, each
    account anchored in the district, the district's power catalogue (when no power has been
    entered yet), its risk register (while empty) and a round of the eight-step procedure
    (while no round exists)."""
    # the demo assembles every app's demo data, so here (and only here) accounts reaches up
    # to the power catalogue, which itself builds on accounts and org
    from lianjing.powers.demo import load_powers
    from lianjing.powers.models import Power
    from lianjing.reviews.demo import load_reviews
    from lianjing.reviews.models import Round
    from lianjing.risks.demo import load_register

    district = load_district() if not Unit.objects.exists() else None
    accounts = load_demo_accounts()
    region = demo_region()
    powers = None
    risks = None
    reviews = None
    if region is not None:
        anchor_demo_accounts(region)
        if not Power.objects.exists():
            powers = load_powers(region)
        risks = load_register(region)  # only when the district's register is empty
        if not Round.objects.exists():
            reviews = load_reviews(region)
    return DemoResult(accounts, district, powers, risks, reviews)


@transaction.atomic
def load_demo_accounts() -> list[User]:
    created = []
    for username, full_name, role_code in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        created.append(
            services.user_create(
                actor=None,
                username=username,
                full_name=full_name,
                password=DEMO_PASSWORD,
                roles=[Role.objects.get(code=role_code)],
            )
        )
    return created


@transaction.atomic
def anchor_demo_accounts(region: Unit) -> dict[str, str]:
    """Anchor the demo accounts' roles and link them to persons of the demo district. Accounts
    already anchored or linked are left as they are. Returns username -> anchor unit name."""

    def unit_of(key: str) -> Unit:
        return region if key == "region" else demo_unit(region, key)

    done: dict[str, str] = {}
    for username, _, role_code in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        anchor = ANCHORS[username]
        if user is None or anchor.unit is None:
            continue
        grant = RoleAssignment.objects.filter(user=user, role__code=role_code).first()
        if grant is None or grant.unit_id is not None:
            continue
        grant.unit = unit_of(anchor.unit)
        grant.save(update_fields=["unit"])
        if anchor.assigned:
            grant.assigned_units.set([unit_of(key) for key in anchor.assigned])
        person = _person_for(unit_of(anchor.person_unit or anchor.unit), anchor.post_names)
        if person is not None and not Person.objects.filter(user=user).exists():
            person.user = user
            person.save(update_fields=["user"])
            user.full_name = person.name
            user.save(update_fields=["full_name"])
        done[username] = grant.unit.name
    if done:
        audit("accounts.demo.anchored", after=done)
    return done


def _person_for(unit: Unit, post_names: tuple[str, ...]) -> Person | None:
    people = Person.objects.filter(unit=unit, user__isnull=True).order_by("code")
    for name in post_names:
        person = people.filter(post__name=name).first()
        if person is not None:
            return person
    return people.first()


@transaction.atomic
def link_people_accounts(people: dict[int, tuple[str, int]]) -> dict[int, User]:
    """Accounts for persons of the demo district who take part in a demo procedure, linked to
    them as `anchor_demo_accounts` links the demo accounts: `people` maps a person's id to the
    built-in role (cadre or unit_leader) and the unit that role is anchored at. The login is
    the person's code; the password is left unusable (an administrator sets one before the
    person signs in), so no shared secret is written. Persons who already have an account keep
    it (and its roles). Returns person id -> account for all of `people`."""
    persons = {p.pk: p for p in Person.objects.filter(pk__in=list(people)).select_related("user")}
    result: dict[int, User] = {pk: p.user for pk, p in persons.items() if p.user is not None}
    missing = [persons[pk] for pk in sorted(people) if pk in persons and pk not in result]
    taken = set(
        User.objects.filter(username__in=[p.code for p in missing]).values_list(
            "username", flat=True
        )
    )
    missing = [p for p in missing if p.code not in taken]
    if not missing:
        return result
    users = []
    for person in missing:
        user = User(username=person.code, full_name=person.name[:50])
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=500)
    created = dict(
        User.objects.filter(username__in=[p.code for p in missing]).values_list("username", "pk")
    )
    roles = dict(Role.objects.values_list("code", "pk"))
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(
                user_id=created[p.code], role_id=roles[people[p.pk][0]], unit_id=people[p.pk][1]
            )
            for p in missing
        ),
        batch_size=500,
    )
    for person in missing:
        person.user_id = created[person.code]
    Person.objects.bulk_update(missing, ["user"], batch_size=500)
    accounts = {u.pk: u for u in User.objects.filter(pk__in=created.values())}
    result.update({p.pk: accounts[created[p.code]] for p in missing})
    by_role: dict[str, int] = {}
    for person in missing:
        by_role[people[person.pk][0]] = by_role.get(people[person.pk][0], 0) + 1
    audit("accounts.demo.linked", after={"accounts": len(missing), "roles": by_role})
    return result
