"""The people of a planned district: one person per filled slot of a post, with a realistic name,
birth date and ID number; their post history (rotation, long tenure) and concurrent posts."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from lianjing.org.demo.names import FEMALE_NEW, FEMALE_OLD, MALE_NEW, MALE_OLD, SURNAMES
from lianjing.org.demo.rows import (
    AS_OF,
    DISTRICTS_PER_CITY,
    AssignmentRow,
    DistrictPlan,
    PersonRow,
    PostRow,
    region_code,
)
from lianjing.org.reference import RANKS
from lianjing.org.validation import id_number_check_digit

FILL_RATE = 0.95  # share of staff slots that are filled; leaders and office heads always are
ROTATED_SHARE = 0.10
LONG_TENURE_SHARE = 0.05
LONG_TENURE_DAYS = round(5.5 * 365.25) + 15
CONCURRENT_SHARE = 0.5  # of vacant posts, held by a colleague as a concurrent post (兼任)

RANK_ORDER = {code: order for order, (code, _) in enumerate(RANKS)}
# Birth years by rank: nobody is past retirement age (60) on AS_OF, leaders are older.
_BIRTH_YEARS = {
    "bureau": (1967, 1974),
    "deputy_bureau": (1967, 1976),
    "division": (1967, 1978),
    "deputy_division": (1967, 1982),
    "section": (1967, 1986),
    "deputy_section": (1970, 1990),
    "staff": (1970, 2000),
    "clerk": (1975, 2000),
}
_ORGANS = {"region", "party", "congress", "government", "cppcc", "court", "procuratorate"}
_SURNAME_LIST = [s for s, _ in SURNAMES]
_SURNAME_WEIGHTS = [w for _, w in SURNAMES]


class Staffing:
    """Fills the posts of `plan` (drawing from the planner's random generator, so the whole
    district stays deterministic)."""

    def __init__(
        self,
        plan: DistrictPlan,
        rng: random.Random,
        unit_kind: dict[str, str],
        used_ids: set[str],
    ) -> None:
        self.plan = plan
        self.rng = rng
        self.region = plan.region_code
        self.unit_kind = unit_kind
        self.used_ids = used_ids
        self.person_seq = 0
        self.holders: dict[str, list[str]] = {}  # post code -> person codes

    def staff(self) -> None:
        """Staff every post, then decide who rotated, who stayed long in a key post, who leads
        each unit and office, and who holds a vacant post besides their own."""
        primary, vacant = self._fill()
        self._history(primary)
        self._leaders()
        self._concurrent(vacant, primary)

    def _fill(self) -> tuple[dict[str, PostRow], list[PostRow]]:
        """One person per filled slot. Leaders and office heads are always in place; other slots
        are filled at FILL_RATE."""
        primary: dict[str, PostRow] = {}  # person code -> their post
        vacant: list[PostRow] = []
        for post in self.plan.posts:
            always = post.role in ("top", "deputy", "head")
            slots = [always or self.rng.random() < FILL_RATE for _ in range(post.headcount)]
            filled = [self._person(post) for slot in slots if slot]
            self.holders[post.code] = [person.code for person in filled]
            primary.update((person.code, post) for person in filled)
            if not filled:
                vacant.append(post)
        return primary, vacant

    def _history(self, primary: dict[str, PostRow]) -> None:
        """Start dates, and an earlier post for the rotated: nobody starts before 22; key posts
        are held for under five years except by the long-tenure sample."""
        rng, plan = self.rng, self.plan
        births = {person.code: person.birth_date for person in plan.people}
        people = list(births)
        rotated = self._pick(
            people, ROTATED_SHARE, lambda c: births[c] <= datetime.date(1996, 1, 1)
        )
        long_tenure = self._pick(
            people,
            LONG_TENURE_SHARE,
            lambda c: (
                c not in rotated
                and bool(primary[c].kinds)
                and births[c] <= datetime.date(1997, 1, 1)
            ),
        )
        plan.rotated, plan.long_tenure = len(rotated), len(long_tenure)
        by_rank: dict[str, list[PostRow]] = {}
        for post in plan.posts:
            by_rank.setdefault(post.rank, []).append(post)
        for code in people:
            post = primary[code]
            earliest = _add_years(births[code], 22)
            if code in long_tenure:
                start = AS_OF - _days(rng, LONG_TENURE_DAYS, 10 * 365)
            elif code in rotated:
                start = AS_OF - _days(rng, 60, 3 * 365)
                end = start - datetime.timedelta(days=1)
                earlier = self._earlier_post(post, by_rank)
                begun = max(end - _days(rng, 540, 6 * 365), earliest)
                plan.assignments.append(
                    AssignmentRow(code, earlier.code, begun, end, True, "轮岗交流")
                )
            elif post.kinds:
                start = AS_OF - _days(rng, 45, round(4.5 * 365))
            else:
                start = AS_OF - _days(rng, 45, 12 * 365)
            plan.assignments.append(
                AssignmentRow(code, post.code, max(start, earliest), None, True)
            )

    def _leaders(self) -> None:
        """Each unit's main leader holds its top post; each office is in the charge of the
        holder of the deputy post the planner gave it."""
        plan = self.plan
        for post in plan.posts:
            if post.role == "top":
                plan.main_leaders[post.unit] = self.holders[post.code][0]
        for dept in plan.departments:
            if dept.leader_post:
                plan.department_leaders[dept.code] = self.holders[dept.leader_post][0]

    def _pick(self, people: list[str], share: float, eligible: Callable[[str], bool]) -> set[str]:
        pool = [c for c in people if eligible(c)]
        return set(self.rng.sample(pool, min(len(pool), round(share * len(people)))))

    def _earlier_post(self, post: PostRow, by_rank: dict[str, list[PostRow]]) -> PostRow:
        """The post held before a rotation: same rank or one below, in the same unit half of the
        time (internal rotation), elsewhere in the district otherwise."""
        order = RANK_ORDER[post.rank]
        ranks = [code for code, o in RANK_ORDER.items() if order - 1 <= o <= order]
        pool = [p for r in ranks for p in by_rank.get(r, []) if p.code != post.code]
        same_unit = [p for p in pool if p.unit == post.unit]
        if same_unit and self.rng.random() < 0.5:
            return self.rng.choice(same_unit)
        return self.rng.choice(pool)

    def _concurrent(self, vacant: list[PostRow], primary: dict[str, PostRow]) -> None:
        """Some vacant posts are held by a colleague of the same unit besides their own post."""
        by_unit: dict[str, list[str]] = {}
        for code, post in primary.items():
            if post.role in ("staff", "head"):
                by_unit.setdefault(post.unit, []).append(code)
        taken: set[str] = set()
        for post in vacant:
            if self.rng.random() >= CONCURRENT_SHARE:
                continue
            colleagues = [c for c in by_unit.get(post.unit, []) if c not in taken]
            if not colleagues:
                continue
            code = self.rng.choice(colleagues)
            taken.add(code)
            start = AS_OF - _days(self.rng, 30, 2 * 365)
            self.plan.assignments.append(AssignmentRow(code, post.code, start, None, False, "兼任"))
        self.plan.concurrent = len(taken)

    def _person(self, post: PostRow) -> PersonRow:
        rng = self.rng
        self.person_seq += 1
        female = rng.random() < post.female
        first, last = _BIRTH_YEARS[post.rank]
        if post.role in ("top", "deputy"):
            last = min(last, 1988)
        year = rng.randint(first, last)
        birth = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        person = PersonRow(
            code=f"{self.region}{self.person_seq:05d}",
            name=self._name(female, year),
            gender="female" if female else "male",
            birth_date=birth,
            id_number=self._id_number(birth, female),
            political_status=self._political_status(post, year),
            phone=f"1{rng.choice('35789')}{rng.randrange(10**9):09d}",
        )
        self.plan.people.append(person)
        return person

    def _name(self, female: bool, year: int) -> str:
        rng = self.rng
        surname = rng.choices(_SURNAME_LIST, _SURNAME_WEIGHTS)[0]
        if female:
            pool = FEMALE_OLD if year < 1980 else FEMALE_NEW
        else:
            pool = MALE_OLD if year < 1980 else MALE_NEW
        return surname + rng.choice(pool)

    def _id_number(self, birth: datetime.date, female: bool) -> str:
        """GB 11643: region (mostly this district, else another county of the province), birth
        date, a sequence whose last digit is odd for men, and the check digit."""
        rng = self.rng
        while True:
            if rng.random() < 0.8:
                region = self.region
            else:
                region = region_code(rng.randrange(10 * DISTRICTS_PER_CITY))
            seq = rng.randrange(1000)
            if (seq % 2 == 1) == female:
                seq = seq - 1 if female else seq + 1
            first17 = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = first17 + id_number_check_digit(first17)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def _political_status(self, post: PostRow, year: int) -> str:
        if post.role in ("top", "deputy"):
            return "cpc"
        kind = self.unit_kind[post.unit]
        r = self.rng.random()
        if kind in ("party", "region"):
            return "cpc" if r < 0.96 else "cpc_probationary"
        cpc = 0.84 if kind in _ORGANS else 0.55 if kind in ("institution", "soe") else 0.42
        young = year >= AS_OF.year - 28
        for share, status in (
            (cpc, "cpc"),
            (0.02, "cpc_probationary"),
            (0.04, "democratic_party"),
            (0.01, "non_party"),
        ):
            if r < share:
                return status
            r -= share
        return "cyl" if young and r < 0.1 else "masses"


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))
