"""Seed content of the libraries, written for Lianjing (not copied from any source): warning
signs, risk templates and regulation provisions. Loaded by migration through
`lianjing.risklib.reference`; administrators edit them afterwards in the pages."""

from __future__ import annotations

from lianjing.risklib.data import (
    provisions_discipline,
    provisions_integrity,
    provisions_sanctions,
    signs,
    templates_finance,
    templates_leadership,
    templates_licensing,
    templates_penalty,
    templates_personnel,
    templates_procurement,
    templates_public,
    templates_regulatory,
    templates_units,
)
from lianjing.risklib.data.spec import ProvisionSpec, SignSpec, TemplateSpec

SIGNS: list[SignSpec] = signs.SIGNS

TEMPLATES: list[TemplateSpec] = [
    *templates_leadership.TEMPLATES,
    *templates_personnel.TEMPLATES,
    *templates_finance.TEMPLATES,
    *templates_procurement.TEMPLATES,
    *templates_licensing.TEMPLATES,
    *templates_penalty.TEMPLATES,
    *templates_regulatory.TEMPLATES,
    *templates_public.TEMPLATES,
    *templates_units.TEMPLATES,
]

PROVISIONS: list[ProvisionSpec] = [
    *provisions_discipline.PROVISIONS,
    *provisions_sanctions.PROVISIONS,
    *provisions_integrity.PROVISIONS,
]
