"""The rules of a power's flow chart (权力运行流程图), as a pure function over its steps and
edges, so that the editor, the import and publishing all refuse the same things with the same
Chinese messages, each naming the step concerned."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass

START = "start"
STEP = "step"
DECISION = "decision"
END = "end"


@dataclass(frozen=True)
class StepNode:
    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class EdgeLink:
    source: str
    target: str
    label: str = ""


def _reachable(start: Iterable[str], links: dict[str, set[str]]) -> set[str]:
    seen = set(start)
    queue = deque(seen)
    while queue:
        for nxt in links[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def flow_problems(steps: list[StepNode], edges: list[EdgeLink]) -> list[str]:
    """Everything wrong with a flow, in Chinese; an empty list means the flow is sound.

    Exactly one start; every edge joins two existing steps; the start has no way in and an end
    no way out; an ordinary step leads to exactly one next step, a decision to at least two,
    each branch labelled (符合/不符合…); every step is reachable from the start and can reach an
    end. Loops (补正材料 → 受理) are fine as long as there is a way out of them."""
    problems: list[str] = []
    by_key = {s.key: s for s in steps}
    seen_keys: set[str] = set()
    for step in steps:
        if step.key in seen_keys:
            problems.append(f"环节编号 {step.key} 重复（“{step.name}”）")
        seen_keys.add(step.key)
    starts = [s for s in steps if s.kind == START]
    if len(starts) != 1:
        names = "、".join(f"“{s.name}”" for s in starts)
        problems.append(
            "流程必须有且只有一个开始节点"
            + (f"（现有 {len(starts)} 个：{names}）" if starts else "")
        )
    if not any(s.kind == END for s in steps):
        problems.append("流程至少需要一个结束节点")
    out: dict[str, set[str]] = defaultdict(set)
    back: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        missing = [k for k in (edge.source, edge.target) if k not in by_key]
        if missing:
            problems.append(
                f"连线 {edge.source} → {edge.target} 指向不存在的环节：{'、'.join(missing)}"
            )
            continue
        if edge.target in out[edge.source]:
            source, target = by_key[edge.source].name, by_key[edge.target].name
            problems.append(f"“{source}”到“{target}”有两条连线，同一去向只能有一条")
            continue
        out[edge.source].add(edge.target)
        back[edge.target].add(edge.source)
        labels[edge.source].append(edge.label.strip())
    for step in steps:
        problems.extend(_step_problems(step, out[step.key], back[step.key], labels[step.key]))
    if len(starts) == 1:
        reached = _reachable([starts[0].key], out)
        for step in steps:
            if step.key not in reached:
                problems.append(f"环节“{step.name}”无法从开始节点到达")
    ends = [s.key for s in steps if s.kind == END]
    finishing = _reachable(ends, back)
    for step in steps:
        if step.kind != END and step.key not in finishing:
            problems.append(f"环节“{step.name}”无法到达结束节点（死路或没有出口的循环）")
    return problems


def _step_problems(step: StepNode, out: set[str], back: set[str], labels: list[str]) -> list[str]:
    name = step.name
    if step.kind == START and back:
        return [f"开始节点“{name}”不能有前序环节"]
    if step.kind == END and out:
        return [f"结束节点“{name}”不能有后续环节"]
    if step.kind in (START, STEP) and len(out) > 1:
        return [f"环节“{name}”有多个后续环节，请改为判断节点并为每个分支标注条件"]
    if step.kind == DECISION:
        if len(out) < 2:
            return [f"判断节点“{name}”至少需要两个分支"]
        if any(not label for label in labels):
            return [f"判断节点“{name}”的每个分支都要标注条件（如“符合”“不符合”）"]
        if len(set(labels)) != len(labels):
            return [f"判断节点“{name}”的分支条件重复"]
    return []
