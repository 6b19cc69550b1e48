"""Which powers each unit of the demo district lists: the sector catalogues of five bureaus, and
in every unit its own copies of the five internal powers (财务报销, 物资采购, 人事招录 or 干部选拔
任用, 公车使用, “三重一大”事项集体决策)."""

from __future__ import annotations

from dataclasses import replace

from lianjing.powers.demo import finance, housing, human_resources, market, transport
from lianjing.powers.demo.internal_admin import car_use, hiring, selection
from lianjing.powers.demo.internal_decisions import major_decisions
from lianjing.powers.demo.internal_money import expense, purchase
from lianjing.powers.demo.roles import COMPANY, ORGAN, profile
from lianjing.powers.demo.spec import DRAFT, PowerT

SECTORS: dict[str, tuple[PowerT, ...]] = {
    "market": market.POWERS,
    "housing": housing.POWERS,
    "finance": finance.POWERS,
    "human_resources": human_resources.POWERS,
    "transport": transport.POWERS,
}


def internal_powers(unit_kind: str, unit_name: str, top_post: str) -> list[PowerT]:
    p = profile(unit_kind, unit_name, top_post)
    people = selection(p) if p.kind == ORGAN else hiring(p)
    powers = [expense(p), purchase(p), people, car_use(p), major_decisions(p, top_post)]
    if p.kind == COMPANY:
        # the “两新” organisation is still drafting its catalogue
        powers = [replace(t, status=DRAFT, published_on=None) for t in powers]
    return powers


def unit_catalogue(
    key: str, unit_kind: str, unit_name: str, top_post: str
) -> list[tuple[PowerT, bool]]:
    """The unit's powers, each with whether its handlers must resolve exactly as written
    (sector catalogues) or may fall back along their chain (internal powers)."""
    sector = [(t, True) for t in SECTORS.get(key, ())]
    return sector + [(t, False) for t in internal_powers(unit_kind, unit_name, top_post)]
