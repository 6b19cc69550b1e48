"""The shapes of the seed content and the short names the data modules write them with."""

from __future__ import annotations

from dataclasses import dataclass

from lianjing.risklib.choices import MeasureKind, Regulation, RiskType, SignGroup

# measure kinds
S = MeasureKind.SYSTEM.value  # 制度流程
P = MeasureKind.PERSONNEL.value  # 用人管理
E = MeasureKind.EDUCATION.value  # 思想教育
V = MeasureKind.SUPERVISION.value  # 监督检查

# risk types
MORAL = RiskType.MORAL.value
DUTY = RiskType.POST_DUTY.value
PROC = RiskType.PROCESS.value
INST = RiskType.INSTITUTIONAL.value
EXT = RiskType.EXTERNAL.value

# key-post kinds (lianjing/org/reference.py)
LEAD, HR, FIN, LIC, PEN = "leadership", "personnel", "finance", "licensing", "penalty"


@dataclass(frozen=True)
class SignSpec:
    code: str
    group: str
    title: str
    description: str
    kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    kind: str | None  # KeyPostKind code
    category: str | None  # PowerCategory code
    risk_type: str
    level: int
    title: str
    description: str
    manifestations: str
    causes: str
    measures: tuple[tuple[str, str], ...]
    keywords: str  # separated by spaces

    @property
    def keyword_list(self) -> list[str]:
        return self.keywords.split()


@dataclass(frozen=True)
class ProvisionSpec:
    code: str
    regulation: str
    article: str
    title: str
    text: str
    keywords: str  # separated by spaces
    order: int

    @property
    def keyword_list(self) -> list[str]:
        return self.keywords.split()


def sign(code: str, group: str, title: str, description: str, *kinds: str) -> SignSpec:
    return SignSpec(code, group, title, description, kinds)


DUTY_GROUP = SignGroup.DUTY.value
INTERNAL_GROUP = SignGroup.INTERNAL.value
CONDUCT_GROUP = SignGroup.CONDUCT.value

DISCIPLINE = Regulation.DISCIPLINE.value
SANCTIONS = Regulation.SANCTIONS.value
INTEGRITY = Regulation.INTEGRITY.value


# --- the text format of the template and provision modules ----------------------------------------
#
# Each entry starts with a header line "@ field | field | …"; then "标签：值" lines; a line that
# starts with spaces continues the line above. Measure labels (制度流程, 用人管理, 思想教育,
# 监督检查) may repeat. Unknown labels are an error, so that a typo never loses a field.

# the Chinese names written in the data files (fixed here: the choices' labels are translatable)
MEASURE_LABELS = {"制度流程": S, "用人管理": P, "思想教育": E, "监督检查": V}
RISK_TYPE_LABELS = {
    "思想道德": MORAL,
    "岗位职责": DUTY,
    "业务流程": PROC,
    "制度机制": INST,
    "外部环境": EXT,
}
TEMPLATE_LABELS = {"描述", "表现", "成因", "关键词", *MEASURE_LABELS}
PROVISION_LABELS = {"条文", "主题词"}


def _blocks(text: str, labels: set[str]) -> list[tuple[list[str], list[tuple[str, str]]]]:
    blocks: list[tuple[list[str], list[tuple[str, str]]]] = []
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if raw.startswith("@ "):
            blocks.append(([part.strip() for part in raw[2:].split("|")], []))
            continue
        fields = blocks[-1][1]
        if raw[0].isspace():
            label, value = fields[-1]
            glue = " " if label in {"关键词", "主题词"} else ""
            fields[-1] = (label, value + glue + raw.strip())
            continue
        label, sep, value = raw.partition("：")
        if not sep or label not in labels:
            raise ValueError(f"unknown line in {blocks[-1][0][0]}: {raw!r}")
        fields.append((label, value.strip()))
    return blocks


def _one(fields: list[tuple[str, str]], label: str) -> str:
    values = [value for name, value in fields if name == label]
    if len(values) != 1:
        raise ValueError(f"expected one {label}, found {len(values)}")
    return values[0]


def templates_from(text: str) -> list[TemplateSpec]:
    """Header: code | key-post kind code or - | power category code or - | 风险类型 | level |
    title."""
    specs = []
    for header, fields in _blocks(text, TEMPLATE_LABELS):
        code, kind, category, risk_type, level, title = header
        specs.append(
            TemplateSpec(
                code=code,
                kind=None if kind == "-" else kind,
                category=None if category == "-" else category,
                risk_type=RISK_TYPE_LABELS[risk_type],
                level=int(level),
                title=title,
                description=_one(fields, "描述"),
                manifestations=_one(fields, "表现"),
                causes=_one(fields, "成因"),
                measures=tuple(
                    (MEASURE_LABELS[name], value)
                    for name, value in fields
                    if name in MEASURE_LABELS
                ),
                keywords=_one(fields, "关键词"),
            )
        )
    return specs


def provisions_from(text: str, regulation: str, first_order: int) -> list[ProvisionSpec]:
    """Header: code | article | title. Entries are ordered as written."""
    specs = []
    for n, (header, fields) in enumerate(_blocks(text, PROVISION_LABELS)):
        code, article, title = header
        specs.append(
            ProvisionSpec(
                code=code,
                regulation=regulation,
                article=article,
                title=title,
                text=_one(fields, "条文"),
                keywords=_one(fields, "主题词"),
                order=first_order + n * 10,
            )
        )
    return specs
