#!/usr/bin/env python3
"""The 廉政风险防范手册 of a big unit: 40 published powers with flow charts (8–11 steps, risk
points pinned to their steps so the charts are coloured) and 300 risk points on 32 posts with
two control measures each and their responsibility chains. Times the download end to end
(GET /risks/units/<pk>/<year>/manual.docx through Django's test client, in this process):

  cold   the cache emptied first: every flow chart drawn again by Graphviz
  warm   flow-chart PNGs from the cache (the usual case: charts change rarely)

Usage (a throwaway database; the unit is built on first use, about a minute):
  DATABASE_URL=sqlite:////tmp/lianjing-manual.sqlite3 .venv/bin/python bench/risk_manual.py
  createdb -h 127.0.0.1 -U postgres lianjing_bench_manual
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/lianjing_bench_manual \
    .venv/bin/python bench/risk_manual.py
Target (issue 5): the manual of a unit with 300 risk points and 40 flow charts in ≤ 10 s."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault(
    "LIANJING_DATA_DIR", str(Path(tempfile.gettempdir()) / "lianjing-bench-manual")
)
if not os.environ.get("DATABASE_URL"):
    sys.exit("set DATABASE_URL to a throwaway database (see the docstring)")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from lianjing.accounts.models import User  # noqa: E402
from lianjing.org.models import Assignment, Department, Person, Post, Rank, Unit  # noqa: E402
from lianjing.powers import services as power_services  # noqa: E402
from lianjing.powers.flow import DECISION, END, START, STEP, EdgeLink  # noqa: E402
from lianjing.powers.models import Power, PowerCategory  # noqa: E402
from lianjing.powers.services import StepInput  # noqa: E402
from lianjing.risks import services as risk_services  # noqa: E402
from lianjing.risks.models import RiskPoint  # noqa: E402
from lianjing.risks.reference import FACTORS  # noqa: E402

POWERS, POINTS, YEAR, TARGET_S = 40, 300, 2026, 10.0
UNIT_CODE = "BENCH-MANUAL-FIN"
CATEGORIES = ["licensing", "penalty", "enforcement", "inspection", "confirmation"]


def _inputs(i: int) -> dict[str, int]:
    # one point in twelve at the top of every scale (一级), the others spread below
    if i % 12 == 0:
        top = {code: len(options) - 1 for code, _, _, options in FACTORS}
        return top | {"probability": 4, "harm": 4}
    return {code: (i + n) % 3 for n, (code, *_rest) in enumerate(FACTORS)} | {
        "probability": i % 4,
        "harm": (i // 3) % 4,
    }


def ensure_unit() -> Unit:
    call_command("migrate", verbosity=0)
    region, _ = Unit.objects.get_or_create(
        code="BENCH-MANUAL",
        defaults={"name": "基准区", "level": Unit.Level.COUNTY, "kind": Unit.Kind.REGION},
    )
    unit, _ = Unit.objects.get_or_create(
        code=UNIT_CODE,
        defaults={
            "name": "基准区财政局",
            "parent": region,
            "level": Unit.Level.COUNTY,
            "kind": Unit.Kind.GOVERNMENT,
        },
    )
    if RiskPoint.objects.filter(unit=unit, year=YEAR).count() >= POINTS:
        return unit
    started = time.perf_counter()
    posts = _posts(unit)
    powers = [_power(unit, i, posts) for i in range(POWERS)]
    for i in range(POINTS):
        power = powers[i % POWERS]
        steps = list(power.steps.filter(kind=STEP).order_by("order", "id"))
        post = posts[i % len(posts)]
        risk_services.risk_point_create(
            actor=None,
            inputs=_inputs(i),
            measures=[
                {
                    "kind": kind,
                    "content": f"{text}（第{i + 1}项风险）",
                    "owner": post.assignments.first().person,  # type: ignore[union-attr]
                    "due_date": date(YEAR, 6 + i % 6, 28),
                    "status": "planned",
                    "check_method": "查阅台账、抽查记录",
                }
                for kind, text in [
                    ("system", "完善审批流程，实行集体研究和双人复核"),
                    ("supervision", "纪检组每季度抽查办理记录并通报"),
                ]
            ],
            unit=unit,
            year=YEAR,
            target_kind="post",
            post=post,
            power=power,
            flow_step=steps[i % len(steps)],
            risk_type="process",
            description=f"{power.name}中违规操作、优亲厚友（{i + 1:03d}）",
            manifestations="对不符合条件的事项予以办理；收受好处后加快或拖延办理；泄露工作秘密",
            causes="自由裁量空间大，审批权相对集中，事后监督不到位",
            found_by=["self", "leader", "organisation"],
        )
    print(f"unit built in {time.perf_counter() - started:.0f} s")
    return unit


def _posts(unit: Unit) -> list[Post]:
    rank = Rank.objects.order_by("order").first()
    assert rank is not None
    posts = []
    for d in range(8):
        office, _ = Department.objects.get_or_create(
            code=f"{UNIT_CODE}-D{d}", defaults={"unit": unit, "name": f"第{d + 1}业务科"}
        )
        for p, name in enumerate(["受理岗", "审核岗", "审批岗", "资金支付岗"]):
            post, _ = Post.objects.get_or_create(
                code=f"{UNIT_CODE}-D{d}-P{p}",
                defaults={"unit": unit, "department": office, "name": name, "rank": rank},
            )
            person, _ = Person.objects.get_or_create(
                code=f"{UNIT_CODE}-{d}-{p}",
                defaults={
                    "name": f"干部{d}{p}",
                    "gender": "male",
                    "unit": unit,
                    "department": office,
                    "post": post,
                },
            )
            Assignment.objects.get_or_create(
                person=person, post=post, defaults={"start_date": date(2020, 1, 1)}
            )
            posts.append(post)
    return posts


def _power(unit: Unit, i: int, posts: list[Post]) -> Power:
    category = CATEGORIES[i % len(CATEGORIES)]
    power = power_services.power_create(
        actor=None,
        legal_bases=[("中华人民共和国预算法", f"第{i + 1}条")],
        code=f"BM-{i:03d}",
        name=f"财政专项资金管理事项（{i + 1:02d}）",
        category=PowerCategory.objects.get(code=category),
        unit=unit,
        content="依法对本级财政专项资金的分配、拨付和使用实施管理。",
        time_limit_value=20,
        time_limit_unit="working_days",
        fee="不收费",
        effective_year=YEAR,
    )
    size = 8 + i % 4
    steps = [StepInput("s", "申请", START), StepInput("d", "材料是否齐全", DECISION)]
    edges = [EdgeLink("d", "b", "不齐全"), EdgeLink("b", "a")]
    steps.append(StepInput("b", "补正材料", STEP))
    keys = ["a"] + [f"k{n}" for n in range(size - 5)]
    for n, key in enumerate(keys):
        handler = {"handler_post": posts[(i + n) % len(posts)]}
        steps.append(StepInput(key, "受理" if n == 0 else f"第{n}级审核", STEP, handler))
    steps.append(StepInput("e", "办结", END))
    edges += [EdgeLink("s", "a"), EdgeLink("a", "d"), EdgeLink("d", keys[1], "齐全")]
    edges += [EdgeLink(a, b) for a, b in zip(keys[1:], keys[2:], strict=False)]
    edges.append(EdgeLink(keys[-1], "e"))
    power_services.flow_save(actor=None, power=power, steps=steps, edges=edges)
    power_services.power_publish(actor=None, power=power)
    return power


def main() -> None:
    unit = ensure_unit()
    admin, _ = User.objects.get_or_create(username="bench-manual-admin", is_superuser=True)
    client = Client()
    client.force_login(admin)
    url = reverse("risks:manual_docx", args=[unit.pk, YEAR])
    points = RiskPoint.objects.filter(unit=unit, year=YEAR).count()
    charts = Power.objects.filter(unit=unit, is_current=True, status="published").count()
    print(f"database: {connection.vendor}; {points} risk points, {charts} flow charts")
    failures = 0
    for mode in ("cold", "warm", "warm"):
        if mode == "cold":
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
        ok = response.status_code == 200 and elapsed <= TARGET_S
        failures += not ok
        print(
            f"manual.docx {mode:<5} {elapsed:5.2f} s  {len(response.content) / 1024:,.0f} KiB  "
            f"status {response.status_code}  {'ok' if ok else 'OVER TARGET'}"
        )
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
