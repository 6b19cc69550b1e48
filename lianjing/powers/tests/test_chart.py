import pytest

from lianjing.powers.chart import render_svg
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink, StepNode

STEPS = [
    StepNode("s", "申请", START),
    StepNode("a", "受理", STEP),
    StepNode("d", "材料是否齐全", DECISION),
    StepNode("e", "办结", END),
]
EDGES = [
    EdgeLink("s", "a"),
    EdgeLink("a", "d"),
    EdgeLink("d", "e", "齐全"),
    EdgeLink("d", "a", "补正"),
]


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


def test_svg_has_the_chinese_step_names_time_limits_and_branch_labels():
    svg = render_svg(STEPS, EDGES, limits={"a": "5个工作日"})
    assert svg.startswith("<svg")
    for text in ("申请", "受理", "材料是否齐全", "办结", "补正", "5个工作日"):
        assert text in svg
    assert 'id="step_a"' in svg


def test_risk_levels_colour_the_steps():
    plain = render_svg(STEPS, EDGES)
    coloured = render_svg(STEPS, EDGES, risk_levels={"a": 1})
    assert "#d63939" in coloured
    assert "#d63939" not in plain


def test_names_that_look_like_markup_or_escapes_are_drawn_as_text():
    from lianjing.powers.chart import render_svg
    from lianjing.powers.flow import END, START, EdgeLink, StepNode

    steps = [StepNode("s", "<b>开始</b>", START), StepNode("e", "办结\\\\N", END)]
    svg = render_svg(steps, [EdgeLink("s", "e", "<i>是</i>")])
    assert (
        "&lt;b&gt;开始&lt;/b&gt;" in svg and "办结\\\\N" in svg and "&lt;i&gt;是&lt;/i&gt;" in svg
    )
