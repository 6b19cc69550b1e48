"""The rules of discretion benchmarks (裁量权基准), as a pure function: every grade's range is
well-formed, and within one violation and measure the ranges of different circumstances do not
overlap (else two officers could pick different grades for the same facts)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations


@dataclass(frozen=True)
class Grade:
    row: int  # the row number shown to the user (form row or spreadsheet row)
    violation: str
    measure: str
    circumstance: str
    amount_from: Decimal | None
    amount_to: Decimal | None
    other_measure: str = ""


def grade_problems(grades: list[Grade]) -> list[str]:
    problems: list[str] = []
    for g in grades:
        where = f"第 {g.row} 行（{g.violation} · {g.measure} · {g.circumstance}）"
        if not g.violation.strip() or not g.measure.strip():
            problems.append(f"第 {g.row} 行：违法行为和处罚种类都必须填写")
        if g.amount_from is None and g.amount_to is None and not g.other_measure.strip():
            problems.append(f"{where}：请填写裁量幅度（下限、上限）或其他裁量方式")
        for value in (g.amount_from, g.amount_to):
            if value is not None and value < 0:
                problems.append(f"{where}：裁量幅度不能为负数")
                break
        if (g.amount_from is None) != (g.amount_to is None):
            problems.append(f"{where}：裁量幅度的下限和上限须同时填写")
        elif g.amount_from is not None and g.amount_to is not None and g.amount_from > g.amount_to:
            problems.append(f"{where}：下限 {g.amount_from} 大于上限 {g.amount_to}")
    problems.extend(_overlaps(grades))
    return problems


def _overlaps(grades: list[Grade]) -> list[str]:
    problems = []
    ranged = [g for g in grades if g.amount_from is not None and g.amount_to is not None]
    for a, b in combinations(ranged, 2):
        same = (a.violation.strip(), a.measure.strip()) == (b.violation.strip(), b.measure.strip())
        if not same:
            continue
        if a.circumstance == b.circumstance:
            problems.append(
                f"第 {a.row} 行与第 {b.row} 行：同一违法行为、处罚种类的“{a.circumstance}”情节重复"
            )
        elif a.amount_from < b.amount_to and b.amount_from < a.amount_to:  # type: ignore[operator]
            problems.append(
                f"第 {a.row} 行（{a.circumstance}：{a.amount_from}–{a.amount_to}）与第 {b.row} 行"
                f"（{b.circumstance}：{b.amount_from}–{b.amount_to}）的裁量幅度重叠"
            )
    return problems
