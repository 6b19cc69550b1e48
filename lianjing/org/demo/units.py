"""The 64 units of a demo district (the Chengdu seed: "全区64个单位共2448个岗位"): party organs, the
people's congress, government bureaus, the CPPCC, court and procuratorate, people's organisations,
public institutions, state-owned enterprises, four streets (towns in a county) with two communities
(villages) each, and one "两新" organisation."""

from __future__ import annotations

from lianjing.org.demo.catalog import UnitSpec
from lianjing.org.demo.units_government import GOVERNMENT
from lianjing.org.demo.units_local import (
    COMMUNITY_SPEC,
    NEW_ORG_SPEC,
    STREET_SPEC,
    TOWN_SPEC,
    VILLAGE_SPEC,
)
from lianjing.org.demo.units_party import CONGRESS, DISTRICT_LEADERS, PARTY
from lianjing.org.demo.units_public import INSTITUTIONS, JUDICIAL, MASS, SOE

# the county-level organs and institutions, in code order; streets, communities and the "两新"
# organisation follow them
UNIT_SPECS: list[UnitSpec] = [*PARTY, *CONGRESS, *GOVERNMENT, *JUDICIAL, *MASS, *INSTITUTIONS, *SOE]

__all__ = [
    "COMMUNITY_SPEC",
    "DISTRICT_LEADERS",
    "NEW_ORG_SPEC",
    "STREET_SPEC",
    "TOWN_SPEC",
    "UNIT_SPECS",
    "VILLAGE_SPEC",
]
