"""Writes on the libraries (administrators only; the views check the permission). Each function
is one use case: validated, in a transaction, audited. Codes never change once made (the risk
register and documents cite them); entries are switched off, never deleted, so that what was
suggested once can still be read. Concurrent edits are refused (optimistic locking on `version`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from lianjing.core.audit import audit, snapshot
from lianjing.org.models import KeyPostKind
from lianjing.risklib.choices import MeasureKind
from lianjing.risklib.keywords import join_keywords
from lianjing.risklib.models import IndicatorSign, LibraryEntry, RegulationProvision, RiskTemplate

E = TypeVar("E", bound=LibraryEntry)

SIGN_FIELDS = ("code", "group", "title", "description", "order", "is_active")
TEMPLATE_FIELDS = (
    "code",
    "key_post_kind",
    "power_category",
    "risk_type",
    "title",
    "description",
    "manifestations",
    "causes",
    "suggested_level",
    "measures",
    "keywords",
    "is_active",
)
PROVISION_FIELDS = (
    "code",
    "regulation",
    "article",
    "title",
    "text",
    "keywords",
    "order",
    "verified",
    "is_active",
)
MIN_MEASURES = 2
MAX_MEASURES = 12
MEASURE_MAX_LENGTH = 500
MAX_KEYWORDS = 40
KEYWORD_MAX_LENGTH = 20

NOUNS = {IndicatorSign: "sign", RiskTemplate: "template", RegulationProvision: "provision"}


class ConflictError(ValidationError):
    """Somebody else saved the entry since it was read."""


# --- shared ---------------------------------------------------------------------------------------


def _fields_of(entry: LibraryEntry) -> tuple[str, ...]:
    if isinstance(entry, IndicatorSign):
        return SIGN_FIELDS
    if isinstance(entry, RiskTemplate):
        return TEMPLATE_FIELDS
    return PROVISION_FIELDS


def _state(entry: LibraryEntry) -> dict[str, Any]:
    state = snapshot(entry, _fields_of(entry))
    if isinstance(entry, IndicatorSign) and entry.pk:
        state["applies_to"] = sorted(entry.applies_to.values_list("code", flat=True))
    return state


def _action(entry: LibraryEntry, verb: str) -> str:
    return f"risklib.{NOUNS[type(entry)]}.{verb}"


def _insert(entry: LibraryEntry) -> None:
    entry.full_clean()
    try:
        with transaction.atomic():
            entry.save(force_insert=True)
    except IntegrityError as exc:  # two administrators creating the same code at once
        raise ValidationError({"code": _("该编码已被使用，请换一个。")}) from exc


def _save_versioned(entry: LibraryEntry, expected_version: int | None) -> None:
    """Save an existing entry only if nobody changed it since `expected_version` was read."""
    if expected_version is not None and expected_version != entry.version:
        raise ConflictError(_("该条目已被他人修改，请刷新页面后重新编辑。"))
    entry.full_clean()
    model = type(entry)
    entry.updated_at = timezone.now()
    names = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
    values = {name: getattr(entry, name) for name in names if name != "version"}
    updated = model._default_manager.filter(pk=entry.pk, version=entry.version).update(
        **values, version=F("version") + 1
    )
    if updated != 1:
        raise ConflictError(_("该条目已被他人修改，请刷新页面后重新编辑。"))
    entry.version += 1


def _apply(entry: LibraryEntry, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "code":
            continue  # a code never changes
        setattr(entry, name, value)


@transaction.atomic
def entry_set_active(*, actor: Any, entry: E, active: bool) -> bool:
    """Switch an entry on or off. Done as one conditional UPDATE, so that a double click or two
    administrators record one change; returns whether anything changed."""
    model = type(entry)
    changed = model._default_manager.filter(pk=entry.pk, is_active=not active).update(
        is_active=active, version=F("version") + 1, updated_at=timezone.now()
    )
    entry.refresh_from_db()
    if changed:
        verb = "activated" if active else "deactivated"
        audit(
            _action(entry, verb),
            actor=actor,
            obj=entry,
            before={"is_active": not active},
            after={"is_active": active},
        )
    return bool(changed)


# --- indicator signs ------------------------------------------------------------------------------


@transaction.atomic
def sign_create(
    *, actor: Any, applies_to: Iterable[KeyPostKind] = (), **fields: Any
) -> IndicatorSign:
    sign = IndicatorSign(**fields)
    _insert(sign)
    sign.applies_to.set(list(applies_to))
    audit(_action(sign, "created"), actor=actor, obj=sign, after=_state(sign))
    return sign


@transaction.atomic
def sign_update(
    *,
    actor: Any,
    sign: IndicatorSign,
    version: int | None = None,
    applies_to: Iterable[KeyPostKind],
    **fields: Any,
) -> IndicatorSign:
    """`applies_to` replaces the sign's key-post kinds (empty: every post)."""
    before = _state(sign)
    _apply(sign, fields)
    _save_versioned(sign, version)
    sign.applies_to.set(list(applies_to))
    audit(_action(sign, "updated"), actor=actor, obj=sign, before=before, after=_state(sign))
    return sign


# --- risk templates -------------------------------------------------------------------------------


def clean_measures(measures: Sequence[Any]) -> list[dict[str, str]]:
    """Measures as stored: [{"kind", "text"}], each of a known kind with a text; at least two,
    because a risk nobody knows how to control is not yet a template."""
    kinds = set(MeasureKind.values)
    cleaned: list[dict[str, str]] = []
    for measure in measures:
        kind = str(measure.get("kind", "")) if isinstance(measure, dict) else ""
        text = str(measure.get("text", "")).strip() if isinstance(measure, dict) else ""
        if kind not in kinds:
            raise ValidationError({"measures": _("防控措施的类别无效。")})
        if not text:
            continue
        if len(text) > MEASURE_MAX_LENGTH:
            raise ValidationError(
                {"measures": _("每条防控措施不能超过 %(n)d 个字。") % {"n": MEASURE_MAX_LENGTH}}
            )
        cleaned.append({"kind": kind, "text": text})
    if len(cleaned) < MIN_MEASURES:
        raise ValidationError({"measures": _("请至少填写 2 条防控措施。")})
    if len(cleaned) > MAX_MEASURES:
        raise ValidationError({"measures": _("防控措施不能超过 %(n)d 条。") % {"n": MAX_MEASURES}})
    return cleaned


def clean_keywords(words: Iterable[str], field: str = "keywords") -> str:
    """At least one keyword (they are what the "3+X" matcher works with), each short."""
    stored = join_keywords(words)
    items = [w for w in stored.split("、") if w]
    if not items:
        raise ValidationError({field: _("请至少填写 1 个关键词。")})
    if len(items) > MAX_KEYWORDS:
        raise ValidationError({field: _("关键词不能超过 %(n)d 个。") % {"n": MAX_KEYWORDS}})
    if any(len(w) > KEYWORD_MAX_LENGTH for w in items):
        raise ValidationError(
            {field: _("每个关键词不能超过 %(n)d 个字。") % {"n": KEYWORD_MAX_LENGTH}}
        )
    return stored


def _template_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if fields.get("key_post_kind") is None and fields.get("power_category") is None:
        raise ValidationError({"key_post_kind": _("请至少选择重点岗位类别或职权类别中的一项。")})
    return {
        **fields,
        "measures": clean_measures(fields.get("measures", [])),
        "keywords": clean_keywords(fields.get("keywords", [])),
    }


@transaction.atomic
def template_create(*, actor: Any, **fields: Any) -> RiskTemplate:
    """`measures` is a list of {"kind", "text"}; `keywords` a list of words."""
    template = RiskTemplate(**_template_fields(fields))
    _insert(template)
    audit(_action(template, "created"), actor=actor, obj=template, after=_state(template))
    return template


@transaction.atomic
def template_update(
    *, actor: Any, template: RiskTemplate, version: int | None = None, **fields: Any
) -> RiskTemplate:
    before = _state(template)
    _apply(template, _template_fields(fields))
    _save_versioned(template, version)
    audit(
        _action(template, "updated"),
        actor=actor,
        obj=template,
        before=before,
        after=_state(template),
    )
    return template


# --- regulation provisions ------------------------------------------------------------------------


def _provision_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {**fields, "keywords": clean_keywords(fields.get("keywords", []))}


@transaction.atomic
def provision_create(*, actor: Any, **fields: Any) -> RegulationProvision:
    """`keywords` is a list of topic words."""
    provision = RegulationProvision(**_provision_fields(fields))
    _insert(provision)
    audit(_action(provision, "created"), actor=actor, obj=provision, after=_state(provision))
    return provision


@transaction.atomic
def provision_update(
    *,
    actor: Any,
    provision: RegulationProvision,
    version: int | None = None,
    **fields: Any,
) -> RegulationProvision:
    before = _state(provision)
    _apply(provision, _provision_fields(fields))
    _save_versioned(provision, version)
    audit(
        _action(provision, "updated"),
        actor=actor,
        obj=provision,
        before=before,
        after=_state(provision),
    )
    return provision
