"""Who handles a power or a step, as a clerk writes it: a post by its code, a department by its
code or its name within the power's unit. Read in a few queries for the whole workbook; each
lookup answers the object or a problem in Chinese that names what was written and why it does
not fit (unknown, ambiguous, or belonging to another unit)."""

from __future__ import annotations

from collections import defaultdict

from lianjing.org.exchange.snapshot import chunks
from lianjing.org.models import Department, Post, Unit

Found = tuple[Department | None, str | None]


def _named(obj: Department | Post) -> str:
    return f"“{obj.name}（{obj.code}）”"


class Handlers:
    def __init__(self, unit_ids: set[int], post_codes: set[str]) -> None:
        self.by_code: dict[int, dict[str, Department]] = defaultdict(dict)
        self.by_name: dict[int, dict[str, list[Department]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for batch in chunks(sorted(unit_ids)):
            for department in Department.objects.filter(unit_id__in=batch):
                self.by_code[department.unit_id][department.code] = department
                self.by_name[department.unit_id][department.name.strip()].append(department)
        self.posts: dict[str, Post] = {}
        for codes in chunks(sorted(post_codes)):
            self.posts.update(
                (p.code, p) for p in Post.objects.filter(code__in=codes).select_related("unit")
            )
        self.elsewhere: dict[str, Department | None] = {}

    def department(self, unit: Unit, text: str) -> Found:
        text = text.strip()
        found = self.by_code[unit.pk].get(text)
        if found is not None:
            return found, None
        named = self.by_name[unit.pk].get(text, [])
        if len(named) == 1:
            return named[0], None
        if named:
            codes = "、".join(d.code for d in named)
            return None, f"单位“{unit.name}”有多个名为“{text}”的内设机构（{codes}），请改填编码。"
        other = self._elsewhere(text)
        if other is not None:
            return None, (
                f"内设机构{_named(other)}属于“{other.unit.name}”，"
                f"不属于职权的实施主体单位“{unit.name}”。"
            )
        return None, f"在单位“{unit.name}”中未找到内设机构“{text}”（可填写内设机构编码或名称）。"

    def _elsewhere(self, code: str) -> Department | None:
        if code not in self.elsewhere:
            self.elsewhere[code] = (
                Department.objects.select_related("unit").filter(code=code).first()
            )
        return self.elsewhere[code]

    def post(self, unit: Unit, code: str) -> tuple[Post | None, str | None]:
        post = self.posts.get(code)
        if post is None:
            return None, f"未找到岗位编码“{code}”。"
        if post.unit_id != unit.pk:
            return None, (
                f"岗位{_named(post)}属于“{post.unit.name}”，不属于职权的实施主体单位“{unit.name}”。"
            )
        return post, None
