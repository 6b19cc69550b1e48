"""What the documents say, read once into plain rows: the risk points of a unit's register (for
the 廉政风险防范手册) or of the posts a person holds (for the 廉政风险提示单), with their
measures and the open links of their responsibility chain. The .docx and PDF writers only lay
these rows out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet

from lianjing.org.models import Assignment, Person, Post, Unit
from lianjing.risks.choices import Level
from lianjing.risks.models import ControlMeasure, Responsibility, RiskPoint

LEVEL_HEADINGS = {1: "一级风险", 2: "二级风险", 3: "三级风险"}


@dataclass(frozen=True)
class MeasureRow:
    kind: str
    content: str
    owner: str
    due: str
    status: str
    check_method: str


@dataclass(frozen=True)
class ChainRow:
    role: str
    person: str
    basis: str


@dataclass
class PointRow:
    number: int
    level: int
    level_label: str
    description: str
    manifestations: str
    causes: str
    risk_type: str
    target: str
    place: str
    measures: list[MeasureRow] = field(default_factory=list)
    chain: list[ChainRow] = field(default_factory=list)

    @property
    def chain_text(self) -> str:
        return "；".join(f"{c.person}（{c.basis}，{c.role}）" for c in self.chain) or "（未明确）"


def _target(point: RiskPoint) -> str:
    if point.post is not None:
        department = point.post.department
        return f"{department.name} · {point.post.name}" if department else point.post.name
    if point.department is not None:
        return point.department.name
    if point.sector:
        return point.sector
    return point.unit.name


def _place(point: RiskPoint) -> str:
    if point.power is None:
        return ""
    if point.flow_step is not None:
        return f"{point.power.name} · {point.flow_step.name}"
    return point.power.name


def _measure(m: ControlMeasure) -> MeasureRow:
    return MeasureRow(
        kind=m.get_kind_display(),
        content=m.content,
        owner=m.owner.name if m.owner is not None else "",
        due=m.due_date.isoformat() if m.due_date else "",
        status=m.get_status_display(),
        check_method=m.check_method,
    )


def point_rows(points: QuerySet[RiskPoint]) -> list[PointRow]:
    """The rows of `points` (ordered by level), three queries whatever their number."""
    measures = ControlMeasure.objects.select_related("owner").order_by("order", "id")
    chain = Responsibility.objects.filter(until__isnull=True).select_related("person")
    queryset = (
        points.exclude(status=RiskPoint.Status.RETIRED)
        .select_related("unit", "post__department", "department", "power", "flow_step")
        .prefetch_related(
            Prefetch("measures", queryset=measures),
            Prefetch("responsibilities", queryset=chain.order_by("role", "id")),
        )
        .order_by("level", "id")
    )
    rows: list[PointRow] = []
    for number, point in enumerate(queryset, start=1):
        rows.append(
            PointRow(
                number=number,
                level=point.level,
                level_label=str(Level(point.level).label),
                description=point.description,
                manifestations=point.manifestations,
                causes=point.causes,
                risk_type=point.get_risk_type_display(),
                target=_target(point),
                place=_place(point),
                measures=[_measure(m) for m in point.measures.all()],
                chain=[
                    ChainRow(r.get_role_display(), r.person.name, r.basis)
                    for r in point.responsibilities.all()
                ],
            )
        )
    return rows


def by_level(rows: list[PointRow]) -> list[tuple[int, str, list[PointRow]]]:
    return [
        (level, heading, [r for r in rows if r.level == level])
        for level, heading in LEVEL_HEADINGS.items()
    ]


# --- the prompt sheet -------------------------------------------------------------------------


@dataclass
class PromptSheet:
    person: Person
    unit: Unit | None
    posts: list[Post]
    year: int | None
    points: list[PointRow]
    generated: date

    @property
    def post_names(self) -> str:
        return "、".join(p.name for p in self.posts) or "（无在岗记录）"


def prompt_sheet(person: Person, today: date) -> PromptSheet:
    """The risk points of the posts `person` holds now, of the latest register year that has
    any (a new year's register replaces last year's)."""
    posts = [
        a.post
        for a in Assignment.objects.filter(person=person, end_date__isnull=True)
        .select_related("post__department")
        .order_by("-is_primary", "start_date", "id")
    ]
    points = RiskPoint.objects.filter(post__in=[p.pk for p in posts]).exclude(
        status=RiskPoint.Status.RETIRED
    )
    year = points.order_by("-year").values_list("year", flat=True).first()
    rows = point_rows(points.filter(year=year)) if year is not None else []
    unit = Unit.objects.filter(pk=person.unit_id).first()
    return PromptSheet(person, unit, posts, year, rows, today)
