"""What other modules do when the organisation changes hands, without org depending on them:
the risk register recomputes who answers for which risk point when people change posts or a
unit's leaders change. Callbacks run after the transaction commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import transaction

PeopleMoved = Callable[[set[int]], object]
_PEOPLE_MOVED: list[PeopleMoved] = []


def on_people_moved(callback: PeopleMoved) -> None:
    if callback not in _PEOPLE_MOVED:
        _PEOPLE_MOVED.append(callback)


def people_moved(person_ids: Iterable[int | None]) -> None:
    ids = {pk for pk in person_ids if pk}
    if not ids or not _PEOPLE_MOVED:
        return

    def run() -> None:
        for callback in _PEOPLE_MOVED:
            callback(ids)

    transaction.on_commit(run)
