"""What the detail pages show besides the entry itself."""

from __future__ import annotations

from typing import Any

from lianjing.risklib import matching
from lianjing.risklib.choices import MeasureKind
from lianjing.risklib.models import IndicatorSign, RegulationProvision, RiskTemplate


def sign_context(sign: IndicatorSign) -> dict[str, Any]:
    return {"kinds": list(sign.applies_to.order_by("id"))}


def template_context(template: RiskTemplate) -> dict[str, Any]:
    rows = template.measure_rows
    return {
        "measure_groups": [
            (label, [m["text"] for m in rows if m["kind"] == kind])
            for kind, label in MeasureKind.choices
        ],
        "keywords": template.keyword_list,
        "groundings": matching.groundings_for_template(template),
    }


def provision_context(provision: RegulationProvision) -> dict[str, Any]:
    return {
        "keywords": provision.keyword_list,
        "templates": matching.templates_grounded_by(provision),
    }
