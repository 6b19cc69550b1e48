"""Deterministic demo power catalogue (M2) for the demo district of `lianjing.org.demo`.

spec                 the shape of a demo power, its flow and its benchmarks (no database)
handlers             step handlers found among the real posts and offices of a unit
procedures           flows that many powers share (行政许可, 行政处罚, 监督检查)
roles, internal_*    the internal powers every unit has (内部管理)
market, housing,     the sector catalogues of 市场监管局, 住建局, 财政局, 人社局, 交通局
finance, human_resources, transport
catalog              which unit lists which powers
loader               the catalogue written with bulk inserts, one audit event per load
"""

from lianjing.powers.demo.loader import PowerDemoStats, load_powers

__all__ = ["PowerDemoStats", "load_powers"]
