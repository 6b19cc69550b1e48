"""Rules the organisation services enforce whatever page or import calls them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from lianjing.accounts.models import Role
from lianjing.accounts.tests.factories import UserFactory
from lianjing.core.models import AuditEvent
from lianjing.org import services
from lianjing.org.models import Post, Unit

pytestmark = pytest.mark.django_db


def test_an_occupied_post_cannot_be_abolished(world):
    with pytest.raises(ValidationError, match="还有在岗人员"):
        services.post_update(actor=None, post=world.post_budget_clerk, status="closed")
    assert Post.objects.get(pk=world.post_budget_clerk.pk).status == "active"


def test_only_account_administrators_link_accounts_to_people(world):
    Role.objects.filter(code="unit_leader").update(permissions=["org.view", "org.manage"])
    leader = type(world.users["unit_leader"]).objects.get(pk=world.users["unit_leader"].pk)
    stranger = UserFactory.create(username="someone")
    with pytest.raises(ValidationError, match="只有系统管理员"):
        services.person_update(actor=leader, person=world.colleague_sub_dept, user=stranger)
    admin = world.users["system_admin"]
    services.person_update(actor=admin, person=world.colleague_sub_dept, user=stranger)
    assert AuditEvent.objects.filter(action="org.person.updated").exists()


def test_a_unit_cannot_move_under_its_own_subtree(world):
    with pytest.raises(ValidationError, match="自己的下级"):
        services.unit_move(actor=None, unit=world.finance, parent=world.sub_unit)
    assert Unit.objects.get(pk=world.finance.pk).parent_id == world.district_a.pk


def test_a_scoped_manager_cannot_attach_units_outside_their_scope(world):
    Role.objects.filter(code="unit_leader").update(permissions=["org.view", "org.manage"])
    leader = type(world.users["unit_leader"]).objects.get(pk=world.users["unit_leader"].pk)
    with pytest.raises(ValidationError, match="不在您的管理范围内"):
        services.unit_move(actor=leader, unit=world.sub_unit, parent=world.housing)
    with pytest.raises(ValidationError, match="不在您的管理范围内"):
        services.unit_close(actor=leader, unit=world.sub_unit, merged_into=world.housing)
