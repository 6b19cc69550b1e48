"""Writes on the grading model. A model in force is never edited: a change is a new draft
version, and putting a version in force regrades nothing by itself. Regrading risk points under
the version in force is a separate, explicit and audited action, with a preview first."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.core.audit import audit
from lianjing.risks import grading
from lianjing.risks.models import GradingFactor, GradingModel, RiskPoint
from lianjing.risks.responsibility import responsibility_refresh
from lianjing.risks.services import active_model


@dataclass(frozen=True)
class FactorInput:
    code: str
    name: str
    weight: Decimal
    options: list[dict[str, Any]]  # [{label, score}]


def _summary(model: GradingModel) -> dict[str, Any]:
    return {
        "version_no": model.version_no,
        "likelihood_share": str(model.likelihood_share),
        "level1_min": str(model.level1_min),
        "level2_min": str(model.level2_min),
        "factors": [(f.code, f.name, str(f.weight), f.options) for f in model.factors.all()],
    }


@transaction.atomic
def grading_model_new_version(*, actor: Any, source: GradingModel) -> GradingModel:
    if GradingModel.objects.filter(status=GradingModel.Status.DRAFT).exists():
        raise ValidationError(_("已有一个草稿版本，请先完成或启用它。"))
    number = (GradingModel.objects.aggregate(n=Max("version_no"))["n"] or 0) + 1
    draft = GradingModel.objects.create(
        version_no=number,
        name=source.name,
        status=GradingModel.Status.DRAFT,
        probability_scale=source.probability_scale,
        harm_scale=source.harm_scale,
        likelihood_share=source.likelihood_share,
        level1_min=source.level1_min,
        level2_min=source.level2_min,
        note=source.note,
    )
    GradingFactor.objects.bulk_create(
        GradingFactor(
            model=draft, code=f.code, name=f.name, weight=f.weight, options=f.options, order=f.order
        )
        for f in source.factors.all()
    )
    audit("risks.grading_model.drafted", actor=actor, obj=draft, after=_summary(draft))
    return draft


@transaction.atomic
def grading_model_update(
    *,
    actor: Any,
    model: GradingModel,
    name: str,
    note: str,
    likelihood_share: Decimal,
    level1_min: Decimal,
    level2_min: Decimal,
    factors: Sequence[FactorInput],
) -> None:
    """Change a draft version; refused whole, with every problem named, unless usable."""
    if model.status != GradingModel.Status.DRAFT:
        raise ValidationError(_("只有草稿版本可以修改；现行版本请先新建版本。"))
    scheme = grading.Scheme(
        factors=[
            grading.Factor(f.code, f.name, f.weight, [_option(o) for o in f.options])
            for f in factors
        ],
        probability=[_option(o) for o in model.probability_scale],
        harm=[_option(o) for o in model.harm_scale],
        likelihood_share=likelihood_share,
        level1_min=level1_min,
        level2_min=level2_min,
    )
    problems = grading.scheme_problems(scheme)
    if problems:
        raise ValidationError(problems)
    before = _summary(model)
    model.name, model.note = name, note
    model.likelihood_share, model.level1_min, model.level2_min = (
        likelihood_share,
        level1_min,
        level2_min,
    )
    model.save()
    model.factors.all().delete()
    GradingFactor.objects.bulk_create(
        GradingFactor(
            model=model, code=f.code, name=f.name, weight=f.weight, options=f.options, order=i
        )
        for i, f in enumerate(factors)
    )
    audit(
        "risks.grading_model.updated",
        actor=actor,
        obj=model,
        before=before,
        after=_summary(model),
    )


def _option(raw: dict[str, Any]) -> grading.Option:
    return grading.Option(str(raw["label"]), int(raw["score"]))


@transaction.atomic
def grading_model_activate(*, actor: Any, model: GradingModel) -> None:
    """Put a draft in force; the one in force is retired. No risk point changes level."""
    if model.status != GradingModel.Status.DRAFT:
        raise ValidationError(_("只有草稿版本可以启用。"))
    problems = grading.scheme_problems(model.scheme())
    if problems:
        raise ValidationError(problems)
    GradingModel.objects.filter(status=GradingModel.Status.ACTIVE).update(
        status=GradingModel.Status.RETIRED
    )
    model.status = GradingModel.Status.ACTIVE
    model.activated_at = timezone.now()
    model.save(update_fields=["status", "activated_at"])
    audit("risks.grading_model.activated", actor=actor, obj=model, after=_summary(model))


@dataclass(frozen=True)
class Regrade:
    point: RiskPoint
    old_score: Decimal
    old_level: int
    new_score: Decimal | None
    new_level: int | None  # the level in force after regrading (an override is kept)
    problems: list[str]

    @property
    def changes_level(self) -> bool:
        return self.new_level is not None and self.new_level != self.old_level


def regrade_preview(points: QuerySet[RiskPoint]) -> list[Regrade]:
    """What regrading `points` (graded under an earlier version) would do, without writing.
    Inputs are kept by factor code and option position; a factor the new version added, or an
    option it removed, leaves the point to be graded by hand (named in `problems`)."""
    model = active_model()
    scheme = model.scheme()
    result = []
    stale = points.exclude(grading_model=model).exclude(status=RiskPoint.Status.RETIRED)
    for point in stale.select_related("unit", "post").order_by("unit__code", "id"):
        graded = grading.grade(scheme, point.factor_inputs)
        if graded.problems:
            result.append(
                Regrade(point, point.computed_score, point.level, None, None, graded.problems)
            )
            continue
        level = point.level if point.is_overridden else graded.level
        result.append(Regrade(point, point.computed_score, point.level, graded.score, level, []))
    return result


@transaction.atomic
def regrade_apply(*, actor: Any, point_ids: Iterable[int]) -> int:
    """Regrade the given points under the version in force (those whose inputs fit it);
    a level confirmed collectively is kept, its computed score and level refreshed."""
    model = active_model()
    preview = regrade_preview(RiskPoint.objects.filter(pk__in=list(point_ids)))
    changed = []
    for item in preview:
        if item.problems or item.new_score is None or item.new_level is None:
            continue
        point = item.point
        graded = grading.grade(model.scheme(), point.factor_inputs)
        point.grading_model = model
        point.computed_score = graded.score
        point.computed_level = graded.level
        point.level = item.new_level
        point.version += 1
        point.save(
            update_fields=["grading_model", "computed_score", "computed_level", "level", "version"]
        )
        responsibility_refresh(point)
        changed.append((point.pk, item.old_level, item.new_level, str(graded.score)))
    audit(
        "risks.points.regraded",
        actor=actor,
        obj=model,
        after={"model": model.version_no, "points": changed},
    )
    return len(changed)
