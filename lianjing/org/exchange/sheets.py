"""The organisation workbook: five sheets, their columns with Chinese headers, and how a cell is
read. The same definitions make the template, the export and the reader, so that an export can be
imported again unchanged.

Codes are the natural keys (单位编码, 内设机构编码, 岗位编码, 人员编号); an assignment (任职)
is known by 人员编号 + 岗位编码 + 开始日期. Headers and enumeration values stay in Chinese
whatever the page language: the file is a contract with the offices that fill it in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Choices
from django.utils import translation

from lianjing.org.models import Department, KeyPostKind, Person, Post, Rank, Status, Unit

FILE_LANGUAGE = "zh-hans"

TEXT = "text"
CODE = "code"
ENUM = "enum"
NAMES = "names"  # several names from a list, separated by 、 or ,
DATE = "date"
BOOL = "bool"
INT = "int"

# (value stored, label shown) pairs for an enumeration, read once per import
ChoiceSource = Callable[[], list[tuple[object, str]]]


def text_choices(choices: type[Choices]) -> ChoiceSource:
    def load() -> list[tuple[object, str]]:
        with translation.override(FILE_LANGUAGE):
            return [(value, str(label)) for value, label in choices.choices]

    return load


def rank_choices() -> list[tuple[object, str]]:
    return [(pk, name) for pk, name in Rank.objects.order_by("order").values_list("pk", "name")]


def key_kind_choices() -> list[tuple[object, str]]:
    return [(pk, name) for pk, name in KeyPostKind.objects.values_list("pk", "name")]


@dataclass(frozen=True)
class Field:
    key: str
    header: str
    kind: str = TEXT
    required: bool = False
    max_length: int | None = None
    choices: ChoiceSource | None = None
    default: object = None  # stored when the cell is empty
    minimum: int = 0
    maximum: int = 32767
    hint: str = ""
    width: int = 16


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    fields: tuple[Field, ...]
    natural_key: tuple[str, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)

    @property
    def key_headers(self) -> str:
        return "+".join(self.field(k).header for k in self.natural_key)


STATUS = Field(
    "status",
    "状态",
    ENUM,
    choices=text_choices(Status),
    default=Status.ACTIVE.value,
    hint="正常、已合并或已撤销；留空为“正常”。",
    width=10,
)
POSITION = Field(
    "position",
    "排序",
    INT,
    default=0,
    maximum=2_147_483_647,
    hint="同级之间的先后，数字小的在前；可留空。",
)

UNITS = Sheet(
    "units",
    "单位",
    (
        Field("code", "单位编码", CODE, True, 32, hint="单位的唯一编码；再次导入时按编码更新。"),
        Field("name", "单位名称", TEXT, True, 100, width=28),
        Field("short_name", "简称", TEXT, max_length=50),
        Field("parent", "上级单位编码", CODE, max_length=32, hint="留空表示最上级单位。"),
        Field("level", "层级", ENUM, True, choices=text_choices(Unit.Level), width=14),
        Field("kind", "单位性质", ENUM, True, choices=text_choices(Unit.Kind), width=14),
        Field(
            "main_leader",
            "主要领导人员编号",
            CODE,
            max_length=32,
            hint="填写“人员”表或系统中已有的人员编号；应为本单位在岗人员。",
        ),
        STATUS,
        Field(
            "merged_into",
            "并入单位编码",
            CODE,
            max_length=32,
            hint="仅状态为“已合并”时填写。",
        ),
        POSITION,
    ),
    ("code",),
)

DEPARTMENTS = Sheet(
    "departments",
    "内设机构",
    (
        Field("code", "内设机构编码", CODE, True, 40, hint="内设机构的唯一编码。"),
        Field("name", "内设机构名称", TEXT, True, 100, width=24),
        Field("unit", "所属单位编码", CODE, True, 32),
        Field(
            "parent",
            "上级内设机构编码",
            CODE,
            max_length=40,
            hint="留空表示直属单位；上级须属于同一单位。",
        ),
        Field("leader_in_charge", "分管领导人员编号", CODE, max_length=32),
        STATUS,
        POSITION,
    ),
    ("code",),
)

POSTS = Sheet(
    "posts",
    "岗位",
    (
        Field("code", "岗位编码", CODE, True, 40, hint="岗位的唯一编码。"),
        Field("name", "岗位名称", TEXT, True, 100, width=24),
        Field("unit", "单位编码", CODE, True, 32),
        Field(
            "department",
            "内设机构编码",
            CODE,
            max_length=40,
            hint="留空表示不属于任何内设机构（如单位领导岗位）；须属于同一单位。",
        ),
        Field("rank", "职级", ENUM, True, choices=rank_choices, width=12),
        Field(
            "key_kinds",
            "重点岗位类别",
            NAMES,
            choices=key_kind_choices,
            hint="可填多个，用“、”或“,”分隔；不是重点岗位则留空。",
            width=24,
        ),
        Field("headcount", "编制人数", INT, default=1, hint="留空为 1。", width=10),
        Field("duties", "岗位职责", TEXT, max_length=5000, width=40),
        STATUS,
    ),
    ("code",),
)

PEOPLE = Sheet(
    "people",
    "人员",
    (
        Field("code", "人员编号", CODE, True, 32, hint="人员的唯一编号。"),
        Field("name", "姓名", TEXT, True, 50, width=12),
        Field("gender", "性别", ENUM, True, choices=text_choices(Person.Gender), width=8),
        Field("birth_date", "出生日期", DATE, hint="格式 YYYY-MM-DD，或 Excel 日期。", width=12),
        Field(
            "id_number",
            "身份证号",
            TEXT,
            max_length=18,
            hint="18 位身份证号，可留空。导出时只给出脱敏号码；"
            "留空或保留脱敏号码则不改变已登记的号码。",
            width=22,
        ),
        Field(
            "political_status",
            "政治面貌",
            ENUM,
            choices=text_choices(Person.PoliticalStatus),
            default=Person.PoliticalStatus.MASSES.value,
            hint="留空为“群众”。",
            width=14,
        ),
        Field("phone", "联系电话", TEXT, max_length=20, width=14),
    ),
    ("code",),
)

ASSIGNMENTS = Sheet(
    "assignments",
    "任职",
    (
        Field("person", "人员编号", CODE, True, 32),
        Field("post", "岗位编码", CODE, True, 40),
        Field(
            "start_date",
            "开始日期",
            DATE,
            True,
            hint="格式 YYYY-MM-DD。人员编号、岗位编码和开始日期相同的行视为同一条任职记录。",
            width=12,
        ),
        Field("end_date", "结束日期", DATE, hint="仍在任则留空。", width=12),
        Field(
            "is_primary",
            "是否主要岗位",
            BOOL,
            default=True,
            hint="“是”或“否”（兼职）；留空为“是”。每人只能有一条未结束的主要岗位任职。",
            width=12,
        ),
        Field("note", "备注", TEXT, max_length=200, width=24),
    ),
    ("person", "post", "start_date"),
)

SHEETS: tuple[Sheet, ...] = (UNITS, DEPARTMENTS, POSTS, PEOPLE, ASSIGNMENTS)
SHEETS_BY_KEY = {sheet.key: sheet for sheet in SHEETS}
SHEETS_BY_TITLE = {sheet.title: sheet for sheet in SHEETS}
MODELS = {"units": Unit, "departments": Department, "posts": Post, "people": Person}


def sheet_named(name: str | None) -> Sheet | None:
    """A sheet by its key (units…) or its Chinese title (单位…)."""
    if not name:
        return None
    return SHEETS_BY_KEY.get(name) or SHEETS_BY_TITLE.get(name)
