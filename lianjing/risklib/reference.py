"""Loads the seed content of the libraries (lianjing/risklib/data) by code. Idempotent: an entry
whose code exists is left exactly as it is (administrators may have edited it), a missing one is
created. Called by a data migration with the historical models, and usable with the real ones."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lianjing.risklib.data import PROVISIONS, SIGNS, TEMPLATES
from lianjing.risklib.keywords import join_keywords


def _missing(model: Any, codes: Iterable[str]) -> set[str]:
    existing = set(model.objects.filter(code__in=list(codes)).values_list("code", flat=True))
    return set(codes) - existing


def sync_signs(sign_model: Any, kind_model: Any) -> int:
    missing = _missing(sign_model, [s.code for s in SIGNS])
    kinds = {k.code: k for k in kind_model.objects.all()}
    created = 0
    for order, spec in enumerate(SIGNS, start=1):
        if spec.code not in missing:
            continue
        sign = sign_model.objects.create(
            code=spec.code,
            group=spec.group,
            title=spec.title,
            description=spec.description,
            order=order * 10,
        )
        sign.applies_to.set([kinds[c] for c in spec.kinds if c in kinds])
        created += 1
    return created


def sync_templates(template_model: Any, kind_model: Any, category_model: Any) -> int:
    missing = _missing(template_model, [t.code for t in TEMPLATES])
    kinds = {k.code: k for k in kind_model.objects.all()}
    categories = {c.code: c for c in category_model.objects.all()}
    rows = []
    for spec in TEMPLATES:
        kind = kinds.get(spec.kind or "")
        category = categories.get(spec.category or "")
        if spec.code not in missing or (kind is None and category is None):
            continue
        rows.append(
            template_model(
                code=spec.code,
                key_post_kind=kind,
                power_category=category,
                risk_type=spec.risk_type,
                title=spec.title,
                description=spec.description,
                manifestations=spec.manifestations,
                causes=spec.causes,
                suggested_level=spec.level,
                measures=[{"kind": kind_, "text": text} for kind_, text in spec.measures],
                keywords=join_keywords(spec.keyword_list),
            )
        )
    template_model.objects.bulk_create(rows)
    return len(rows)


def sync_provisions(provision_model: Any) -> int:
    missing = _missing(provision_model, [p.code for p in PROVISIONS])
    taken = set(provision_model.objects.values_list("regulation", "article"))
    rows = [
        provision_model(
            code=spec.code,
            regulation=spec.regulation,
            article=spec.article,
            title=spec.title,
            text=spec.text,
            keywords=join_keywords(spec.keyword_list),
            order=spec.order,
        )
        for spec in PROVISIONS
        if spec.code in missing and (spec.regulation, spec.article) not in taken
    ]
    provision_model.objects.bulk_create(rows)
    return len(rows)


def sync_library(apps: Any) -> dict[str, int]:
    """Everything, from an app registry (the migration's `apps`, or django.apps.apps)."""
    kind = apps.get_model("org", "KeyPostKind")
    category = apps.get_model("powers", "PowerCategory")
    return {
        "signs": sync_signs(apps.get_model("risklib", "IndicatorSign"), kind),
        "templates": sync_templates(apps.get_model("risklib", "RiskTemplate"), kind, category),
        "provisions": sync_provisions(apps.get_model("risklib", "RegulationProvision")),
    }
