"""Reference domains of structural prevention, and the conflicts in a unit: a post that plays
both duties of an incompatible pair, or a person whose current posts together do."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from lianjing.org.models import Assignment, Person, Post, Unit

DOMAINS: list[tuple[str, str, str, list[tuple[str, str]]]] = [
    (
        "procurement",
        "政府采购",
        "管采分离、采监分离（政府采购法、政府采购法实施条例）",
        [("manage", "采购管理"), ("purchase", "采购执行"), ("supervise", "采购监督")],
    ),
    (
        "penalty",
        "行政处罚",
        "调查、审核、决定、执行相分离（行政处罚法）",
        [("investigate", "调查取证"), ("decide", "审核决定"), ("execute", "执行")],
    ),
    (
        "investment",
        "政府投资项目",
        "投资、建设、监管、使用相分离",
        [("invest", "投资"), ("build", "建设"), ("regulate", "监管"), ("use", "使用")],
    ),
    (
        "finance",
        "财务资金",
        "不相容岗位分离（会计基础工作规范：出纳不得兼管稽核、会计档案保管和收入、费用、债权债务账目的登记）",
        [("approve", "审批"), ("cashier", "出纳"), ("account", "记账"), ("audit", "稽核")],
    ),
]


def sync_domains(domain_model: Any, role_model: Any, pair_model: Any) -> None:
    """Every two duties of a seeded domain are incompatible."""
    for order, (code, name, basis, roles) in enumerate(DOMAINS):
        domain, _created = domain_model.objects.get_or_create(
            code=code, defaults={"name": name, "basis": basis, "order": order}
        )
        made = []
        for position, (role_code, role_name) in enumerate(roles):
            role, _ = role_model.objects.get_or_create(
                domain=domain, code=role_code, defaults={"name": role_name, "order": position}
            )
            made.append(role)
        for first, second in combinations(made, 2):
            pair_model.objects.get_or_create(domain=domain, first=first, second=second)


@dataclass(frozen=True)
class Conflict:
    domain: str
    pair: str
    post: Post | None  # a post that plays both duties
    person: Person | None  # or a person whose posts together do
    posts: list[Post]


def unit_conflicts(unit: Unit) -> list[Conflict]:
    from lianjing.risks.models_separation import IncompatiblePair, PostDuty

    duties = PostDuty.objects.filter(post__unit=unit).select_related("post", "role__domain")
    roles_of_post: dict[int, set[int]] = defaultdict(set)
    posts: dict[int, Post] = {}
    for duty in duties:
        roles_of_post[duty.post_id].add(duty.role_id)
        posts[duty.post_id] = duty.post
    pairs = list(IncompatiblePair.objects.select_related("domain", "first", "second"))
    conflicts: list[Conflict] = []
    for post_id, roles in roles_of_post.items():
        for pair in pairs:
            if {pair.first_id, pair.second_id} <= roles:
                conflicts.append(
                    Conflict(pair.domain.name, str(pair), posts[post_id], None, [posts[post_id]])
                )
    holders: dict[int, list[int]] = defaultdict(list)
    people: dict[int, Person] = {}
    for a in Assignment.objects.filter(
        post_id__in=list(posts), end_date__isnull=True
    ).select_related("person"):
        holders[a.person_id].append(a.post_id)
        people[a.person_id] = a.person
    for person_id, post_ids in holders.items():
        for pair in pairs:
            first = {p for p in post_ids if pair.first_id in roles_of_post[p]}
            second = {p for p in post_ids if pair.second_id in roles_of_post[p]}
            # two different posts of the person carry the two sides (one post carrying both is
            # reported above as a post conflict)
            if any(a != b for a in first for b in second):
                conflicts.append(
                    Conflict(
                        pair.domain.name,
                        str(pair),
                        None,
                        people[person_id],
                        [posts[p] for p in sorted(first | second)],
                    )
                )
    return conflicts
