"""Quantified grading (科学定级), as a pure function of a grading model and a risk point's inputs,
so that the page can show exactly how a level came about and a preview can regrade without
writing anything.

    factor part  F = Σ weightᵢ · scoreᵢ / (Σ weightᵢ · 5) · 100      (each factor scored 1–5)
    likelihood   P = probability · harm / 25 · 100                   (each 1–5: 可能性 × 危害程度)
    score        S = (1 − share) · F + share · P                      (share: the model's P weight)
    level        一级 if S ≥ level1_min, 二级 if S ≥ level2_min, else 三级"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_SCORE = 5
PROBABILITY = "probability"
HARM = "harm"
LEVEL_NAMES = {1: "一级", 2: "二级", 3: "三级"}


@dataclass(frozen=True)
class Option:
    label: str
    score: int


@dataclass(frozen=True)
class Factor:
    code: str
    name: str
    weight: Decimal
    options: Sequence[Option]


@dataclass(frozen=True)
class Scheme:
    """A grading model version, as numbers."""

    factors: Sequence[Factor]
    probability: Sequence[Option]
    harm: Sequence[Option]
    likelihood_share: Decimal  # 0–1
    level1_min: Decimal
    level2_min: Decimal


@dataclass(frozen=True)
class Line:
    name: str
    chosen: str
    score: int
    weight: Decimal
    points: Decimal  # what this line adds to the final score


@dataclass(frozen=True)
class Grading:
    score: Decimal
    level: int
    lines: list[Line]
    factor_part: Decimal
    likelihood_part: Decimal
    problems: list[str]

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES[self.level]


def _q(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pick(options: Sequence[Option], chosen: object) -> Option | None:
    try:
        index = int(str(chosen))
    except (TypeError, ValueError):
        return None
    return options[index] if 0 <= index < len(options) else None


def grade(scheme: Scheme, inputs: Mapping[str, object]) -> Grading:
    """`inputs` maps each factor code (and "probability", "harm") to the index of the chosen
    option. A missing or invalid input is named in `problems` and counts as the lowest option."""
    problems: list[str] = []
    share = scheme.likelihood_share
    total_weight = sum((f.weight for f in scheme.factors), Decimal(0)) or Decimal(1)
    lines: list[Line] = []
    factor_sum = Decimal(0)
    for factor in scheme.factors:
        option = _pick(factor.options, inputs.get(factor.code))
        if option is None:
            problems.append(f"请选择“{factor.name}”")
            option = min(factor.options, key=lambda o: o.score)
        factor_sum += factor.weight * option.score
        points = (1 - share) * factor.weight * option.score / (total_weight * MAX_SCORE) * 100
        lines.append(Line(factor.name, option.label, option.score, factor.weight, _q(points)))
    factor_part = factor_sum / (total_weight * MAX_SCORE) * 100
    likelihood = []
    for code, name, options in (
        (PROBABILITY, "发生可能性", scheme.probability),
        (HARM, "危害程度", scheme.harm),
    ):
        option = _pick(options, inputs.get(code))
        if option is None:
            problems.append(f"请选择“{name}”")
            option = min(options, key=lambda o: o.score)
        likelihood.append((name, option))
    (_, p), (_, h) = likelihood
    likelihood_part = Decimal(p.score * h.score) / (MAX_SCORE * MAX_SCORE) * 100
    for name, option in likelihood:
        lines.append(Line(name, option.label, option.score, Decimal(0), Decimal(0)))
    lines.append(
        Line(
            "可能性 × 危害程度",
            f"{p.score} × {h.score} = {p.score * h.score}",
            p.score * h.score,
            share,
            _q(share * likelihood_part),
        )
    )
    score = _q((1 - share) * factor_part + share * likelihood_part)
    level = 1 if score >= scheme.level1_min else 2 if score >= scheme.level2_min else 3
    return Grading(score, level, lines, _q(factor_part), _q(likelihood_part), problems)


def scheme_problems(scheme: Scheme) -> list[str]:
    """What makes a grading model unusable, in Chinese."""
    problems = []
    if not scheme.factors:
        problems.append("至少需要一个评定因素")
    codes = [f.code for f in scheme.factors]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(f"因素代码 {code} 重复")
    for factor in scheme.factors:
        if factor.weight <= 0:
            problems.append(f"因素“{factor.name}”的权重须大于 0")
        problems += _options_problems(factor.name, factor.options)
    problems += _options_problems("发生可能性", scheme.probability)
    problems += _options_problems("危害程度", scheme.harm)
    if not 0 <= scheme.likelihood_share <= 1:
        problems.append("可能性 × 危害程度的占比须在 0 到 1 之间")
    if not 0 < scheme.level2_min < scheme.level1_min <= 100:
        problems.append("分级线须满足 0 < 二级线 < 一级线 ≤ 100")
    return problems


def _options_problems(name: str, options: Sequence[Option]) -> list[str]:
    problems = []
    if len(options) < 2:
        problems.append(f"“{name}”至少需要两个档次")
    for option in options:
        if not 1 <= option.score <= MAX_SCORE:
            problems.append(f"“{name}”的档次“{option.label}”分值须在 1 到 {MAX_SCORE} 之间")
        if not option.label.strip():
            problems.append(f"“{name}”有未命名的档次")
    return problems
