"""The workbench panel of the catalogue, for those who maintain it: drafts waiting to be
completed and published (new powers and revisions) in their scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lianjing.accounts import permissions as perms
from lianjing.accounts.selectors import user_has_perm
from lianjing.powers.models import Power
from lianjing.powers.selectors import powers_visible

SHOWN = 5


def catalogue_drafts(request: HttpRequest) -> dict[str, Any] | None:
    if not user_has_perm(request.user, perms.POWERS_MANAGE):
        return None
    drafts = powers_visible(request.user, perms.POWERS_MANAGE).filter(status=Power.Status.DRAFT)
    shown = list(drafts.select_related("unit").order_by("-id")[: SHOWN + 1])
    if not shown:
        return None
    count = len(shown) if len(shown) <= SHOWN else drafts.count()
    return {"drafts": shown[:SHOWN], "count": count}
