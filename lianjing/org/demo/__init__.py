"""Deterministic demo data for the organisation (M1): one district like the Chengdu seed (64 units,
2,448 posts, about 2,600 people) or a province of 100 such districts.

    names, catalog      names of people and places; templates of posts, offices and units
    units, units_*      the 64 units of a district with their offices and posts
    plan                a district planned in memory, deterministic for a seed
    loader              the plan written with bulk inserts, one audit event per load
"""

from lianjing.org.demo.loader import (
    DistrictStats,
    LoadCounts,
    ProvinceStats,
    demo_region,
    demo_unit,
    load_district,
    load_province,
    next_free_index,
)

__all__ = [
    "DistrictStats",
    "LoadCounts",
    "ProvinceStats",
    "demo_region",
    "demo_unit",
    "load_district",
    "load_province",
    "next_free_index",
]
