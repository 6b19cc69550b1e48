from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from lianjing.accounts.tests.factories import UserFactory
from lianjing.org.models import Department, Person, Unit
from lianjing.org.tests.factories import PersonFactory, PostFactory, assign
from lianjing.org.tests.world import World, build_world
from lianjing.reviews.models import Review, Round
from lianjing.reviews.services import RoundSpec, round_open


@dataclass
class Procedure:
    """The district world with a leadership: 张局长 (w_leader) is the finance bureau's main
    leader, 刘副局长 (w_deputy, no role) the leader in charge of 预算科, and a round for 2026 over
    the finance bureau's posts."""

    world: World
    deputy: Person
    deputy_user: Any
    round: Round

    @property
    def cadre(self) -> Any:
        return self.world.users["cadre"]

    @property
    def leader(self) -> Any:
        return self.world.users["unit_leader"]

    def review_of(self, post: Any) -> Review:
        return Review.objects.get(round=self.round, post=post, revision_of__isnull=True)


def leadership(world: World) -> tuple[Person, Any]:
    Unit.objects.filter(pk=world.finance.pk).update(main_leader=world.director)
    deputy_user = UserFactory.create(username="w_deputy")
    deputy_post = PostFactory.create(unit=world.finance, name="副局长", department=None)
    deputy = PersonFactory.create(name="刘副局长", user=deputy_user)
    assign(deputy, deputy_post)
    Department.objects.filter(pk=world.budget.pk).update(leader_in_charge=deputy)
    return deputy, deputy_user


def open_round(actor: Any, spec: RoundSpec, capture: Any) -> Round:
    """Open a round and run its job (queued on commit, run at once by the test Huey)."""
    with capture(execute=True):
        round_ = round_open(actor=actor, spec=spec)
    round_.refresh_from_db()
    return round_


@pytest.fixture
def procedure(db, django_capture_on_commit_callbacks) -> Procedure:
    world = build_world()
    deputy, deputy_user = leadership(world)
    spec = RoundSpec(name="2026年度廉政风险排查", year=2026, units=[world.finance], posts="all")
    round_ = open_round(world.users["system_admin"], spec, django_capture_on_commit_callbacks)
    round_.refresh_from_db()
    return Procedure(world=world, deputy=deputy, deputy_user=deputy_user, round=round_)
