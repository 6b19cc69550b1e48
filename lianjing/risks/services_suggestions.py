"""The "3+X" suggestions for a post: accepting one makes a risk point of the post from the
template (as the user edited it, graded by the user's inputs, with the template's measures);
rejecting one records why. Either way the suggestion is not offered again that year."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lianjing.core.audit import audit
from lianjing.org.models import Post
from lianjing.risklib.models import RiskTemplate
from lianjing.risks.models import RiskPoint, SuggestionDecision
from lianjing.risks.services import Override, risk_point_create


def _undecided(post: Post, template: RiskTemplate, year: int) -> None:
    if SuggestionDecision.objects.filter(post=post, template=template, year=year).exists():
        raise ValidationError(_("这条建议已经处理过了。"))


@transaction.atomic
def suggestion_accept(
    *,
    actor: Any,
    post: Post,
    template: RiskTemplate,
    year: int,
    inputs: dict[str, Any],
    override: Override | None = None,
    **fields: Any,
) -> RiskPoint:
    _undecided(post, template, year)
    measures = [{"kind": m["kind"], "content": m["text"]} for m in template.measures]
    point = risk_point_create(
        actor=actor,
        inputs=inputs,
        override=override,
        measures=measures,
        **{**fields, "unit": post.unit, "year": year, "target_kind": "post", "post": post},
    )
    SuggestionDecision.objects.create(
        post=post,
        template=template,
        year=year,
        decision=SuggestionDecision.Decision.ACCEPTED,
        risk_point=point,
        decided_by=actor,
    )
    audit(
        "risks.suggestion.accepted",
        actor=actor,
        obj=point,
        after={"template": template.code, "post": post.pk, "year": year},
    )
    return point


@transaction.atomic
def suggestion_reject(
    *, actor: Any, post: Post, template: RiskTemplate, year: int, reason: str
) -> None:
    _undecided(post, template, year)
    decision = SuggestionDecision.objects.create(
        post=post,
        template=template,
        year=year,
        decision=SuggestionDecision.Decision.REJECTED,
        reason=reason.strip()[:500],
        decided_by=actor,
    )
    audit(
        "risks.suggestion.rejected",
        actor=actor,
        obj=decision,
        after={"template": template.code, "post": post.pk, "year": year, "reason": reason},
    )
