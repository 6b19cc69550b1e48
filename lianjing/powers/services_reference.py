"""Writes on the catalogue's reference lists: power categories and circumstances (情节). Codes
are what rules refer to (penalty powers carry benchmarks), so a code never changes once made."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Model

from lianjing.core.audit import audit, snapshot
from lianjing.powers.models import Circumstance, PowerCategory

FIELDS = ("code", "name", "order")


def _save(actor: Any, obj: Model, action: str, before: dict[str, Any] | None) -> None:
    obj.full_clean()
    obj.save()
    audit(action, actor=actor, obj=obj, before=before, after=snapshot(obj, FIELDS))


@transaction.atomic
def category_create(*, actor: Any, code: str, name: str, order: int) -> PowerCategory:
    category = PowerCategory(code=code, name=name, order=order)
    _save(actor, category, "powers.category.created", None)
    return category


@transaction.atomic
def category_update(*, actor: Any, category: PowerCategory, name: str, order: int) -> None:
    before = snapshot(category, FIELDS)
    category.name, category.order = name, order
    _save(actor, category, "powers.category.updated", before)


@transaction.atomic
def circumstance_create(*, actor: Any, code: str, name: str, order: int) -> Circumstance:
    circumstance = Circumstance(code=code, name=name, order=order)
    _save(actor, circumstance, "powers.circumstance.created", None)
    return circumstance


@transaction.atomic
def circumstance_update(*, actor: Any, circumstance: Circumstance, name: str, order: int) -> None:
    before = snapshot(circumstance, FIELDS)
    circumstance.name, circumstance.order = name, order
    _save(actor, circumstance, "powers.circumstance.updated", before)
