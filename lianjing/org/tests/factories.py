from __future__ import annotations

import datetime

import factory

from lianjing.org.models import Assignment, Department, Person, Post, Rank, Unit


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"测试单位{n}")
    level = Unit.Level.COUNTY
    kind = Unit.Kind.GOVERNMENT


class DepartmentFactory(factory.django.DjangoModelFactory[Department]):
    class Meta:
        model = Department

    unit = factory.SubFactory(UnitFactory)
    code = factory.Sequence(lambda n: f"D{n:05d}")
    name = factory.Sequence(lambda n: f"测试科室{n}")


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post

    code = factory.Sequence(lambda n: f"P{n:06d}")
    name = factory.Sequence(lambda n: f"测试岗位{n}")
    unit = factory.SubFactory(UnitFactory)
    department = None
    duties = "负责本岗位工作。"
    rank = factory.LazyFunction(lambda: Rank.objects.get(code="staff"))


class PersonFactory(factory.django.DjangoModelFactory[Person]):
    class Meta:
        model = Person

    code = factory.Sequence(lambda n: f"R{n:06d}")
    name = factory.Sequence(lambda n: f"测试人员{n}")
    gender = Person.Gender.MALE


def assign(person: Person, post: Post, start: datetime.date | None = None) -> Assignment:
    """Put a person on a post as their primary assignment (through the service)."""
    from lianjing.org.services import assignment_start

    return assignment_start(
        actor=None, person=person, post=post, start_date=start or datetime.date(2020, 1, 1)
    )
