"""The rows of a planned district (plain dataclasses, no database) and the naming of districts:
region codes, full names and the codes of their units."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from lianjing.org.demo.names import district_name
from lianjing.org.demo.units import UNIT_SPECS

AS_OF = datetime.date(2026, 11, 1)  # the demo's "today": every date is relative to it
DISTRICT_UNITS = 64
DISTRICT_POSTS = 2448
DISTRICTS_PER_CITY = 10
STREETS_PER_DISTRICT = 4
COMMUNITIES_PER_STREET = 2
MAX_DISTRICTS = 99 * DISTRICTS_PER_CITY


# --- rows ------------------------------------------------------------------------------------


@dataclass(slots=True)
class UnitRow:
    code: str
    name: str
    short_name: str
    level: str
    kind: str
    parent: str | None
    position: int
    key: str


@dataclass(slots=True)
class DeptRow:
    code: str
    unit: str
    parent: str | None
    name: str
    position: int
    leader_post: str | None


@dataclass(slots=True)
class PostRow:
    code: str
    name: str
    unit: str
    department: str | None
    duties: str
    rank: str
    kinds: tuple[str, ...]
    headcount: int
    role: str  # top | deputy | head | staff
    female: float


@dataclass(slots=True)
class PersonRow:
    code: str
    name: str
    gender: str
    birth_date: datetime.date
    id_number: str
    political_status: str
    phone: str


@dataclass(slots=True)
class AssignmentRow:
    person: str
    post: str
    start: datetime.date
    end: datetime.date | None
    primary: bool
    note: str = ""


@dataclass
class DistrictPlan:
    index: int
    region_code: str
    name: str
    units: list[UnitRow] = field(default_factory=list)  # the region node first
    departments: list[DeptRow] = field(default_factory=list)  # parents before children
    posts: list[PostRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    assignments: list[AssignmentRow] = field(default_factory=list)
    main_leaders: dict[str, str] = field(default_factory=dict)  # unit code -> person code
    department_leaders: dict[str, str] = field(default_factory=dict)  # dept code -> person code
    rotated: int = 0
    long_tenure: int = 0
    concurrent: int = 0


# --- naming ---------------------------------------------------------------------------------------


def region_code(index: int) -> str:
    """Six-digit region code of the district at `index`: 51 (Sichuan), city, county."""
    if not 0 <= index < MAX_DISTRICTS:
        raise ValueError(f"district index must be between 0 and {MAX_DISTRICTS - 1}")
    city, county = divmod(index, DISTRICTS_PER_CITY)
    return f"51{city + 1:02d}{county + 2:02d}"


def city_code(city_index: int) -> str:
    return f"51{city_index + 1:02d}00"


def is_county(index: int) -> bool:
    """Half the districts of each city are 县 (counties, with towns and villages)."""
    return index % DISTRICTS_PER_CITY >= DISTRICTS_PER_CITY // 2


def district_full_name(index: int) -> str:
    return district_name(index) + ("县" if is_county(index) else "区")


def unit_keys() -> list[str]:
    """The keys of a district's units in code order: unit `i` (1-based) has code
    f"{region}-{i:03d}"."""
    keys = [spec.key for spec in UNIT_SPECS]
    keys += [f"street_{s}" for s in range(1, STREETS_PER_DISTRICT + 1)]
    keys += [
        f"community_{s}_{c}"
        for s in range(1, STREETS_PER_DISTRICT + 1)
        for c in range(1, COMMUNITIES_PER_STREET + 1)
    ]
    return [*keys, "new_org"]


def unit_code(region: str, key: str) -> str:
    return f"{region}-{unit_keys().index(key) + 1:03d}"
