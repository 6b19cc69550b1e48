from __future__ import annotations

from typing import Any

import factory

from lianjing.accounts.models import Role, RoleAssignment, User

DEFAULT_PASSWORD = "Lianjing-test-2026"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        obj.save()
        for code in extracted or []:
            RoleAssignment.objects.get_or_create(user=obj, role=Role.objects.get(code=code))
