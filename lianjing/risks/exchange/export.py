"""The template and the export of a register in the template's layout, so that an exported
file can be edited and imported again: the export fills 系统编号 and 措施编号, so the rows update
those points and measures instead of adding copies. The grading columns follow the
model in force, with drop-down lists of the option labels; a point graded under another version
is written with that version's labels (an option the model in force lacks is refused on
re-import, by column). Retired points are left out.

Reading speed (issue 5, item 9): openpyxl's write-only mode writes no <dimension> (it cannot know
the size when it starts streaming), and openpyxl's read-only mode, looking for it when it opens a
workbook, then parses the whole sheet once more before the import reads it: an export of 26,638
points took ~36 s to import against ~25 s for the same rows saved with a dimension. The export
knows its rows before it writes them, so each sheet declares its dimension (`_sized_sheet`).
Empty cells are written as nothing rather than as empty inline strings, too."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import translation
from openpyxl.utils import get_column_letter

from lianjing.org.exchange.sheets import FILE_LANGUAGE, Sheet
from lianjing.org.exchange.snapshot import chunks
from lianjing.org.exchange.writer import Book
from lianjing.risks import grading
from lianjing.risks.choices import FoundBy, Level, MeasureKind, RiskType, TargetKind
from lianjing.risks.exchange.sheets import (
    EXAMPLE_UNIT,
    FACTOR_PREFIX,
    ID,
    LIKELIHOOD,
    MEASURES,
    points_sheet,
)
from lianjing.risks.models import ControlMeasure, GradingModel, RiskPoint
from lianjing.risks.services import active_model

GUIDE_TITLE = "说明"
GUIDE = [
    "廉政风险点导入模板（廉镜）",
    "",
    "1. 本文件有两个工作表：风险点（一行一个风险点）、防控措施（一行一项措施）。“风险点”表必须有。",
    "2. 第 1 行是列标题，请勿删除或改名；红色标题为必填列。把鼠标移到标题上可看到填写提示。",
    "3. 行键（如 R1）在本文件内唯一，防控措施表用“风险点行键”指明措施属于哪个风险点。",
    "4. 单位、岗位用编码填写，内设机构填编码或名称，都须属于同一单位；"
    "单位须在您的风险台账维护范围内。",
    "5. 风险对象为岗位时须填岗位编码；为内设机构时须填内设机构；"
    "为行业（系统）时须填行业（系统）名称。",
    "6. 职权编码填该单位现行职权的编码，环节编号填该职权流程中的环节（如 S2），均可留空。",
    "7. 查找方式可填多个，用“、”分隔：{found_by}。",
    "8. 定级因素各列（{factors}）按现行定级模型（第 {version} 版）从下拉列表选择档次，"
    "系统据此计算得分和等级。定级模型更换后请重新下载模板。",
    "9. 集体审定等级一般留空（以计算等级为准）；填写与计算等级不同的等级时，"
    "须同时填写调整理由、集体审定日期和参加审定人员。",
    "10. 防控措施的类别可选：{kinds}；责任人填风险点所在单位的人员编号；日期写成 YYYY-MM-DD。",
    "11. 导入时先检查全部数据：只要有一处错误，就不会写入任何数据，并列出每一处错误"
    "（工作表、行号、列、单元格内容和原因）。",
    "12. “系统编号”为空的行新增为“查找中”（草稿）的风险点；填有系统编号的行修改系统中的"
    "该风险点（须在您的维护范围内，单位和年度不能改），按现行定级模型重新定级，"
    "没有变化的行不写入。防控措施同理：措施编号为空的行新增措施，填有措施编号的行修改该措施；"
    "文件中没有列出的已有措施保留不变（导入不会删除任何数据）。",
]
EXAMPLE_LINE = (
    "13. 各表第 2 行起是示例（“{unit}”等），导入前请改写或删除示例行。系统编号、措施编号请留空。"
)
EXPORT_LINE = (
    "13. 本文件由系统导出，已填好系统编号和措施编号：修改后导入即更新原风险点和措施，"
    "不会重复新增；请勿改动编号。新增的风险点或措施请将编号留空。"
)


def _labels(choices: Any) -> dict[Any, str]:
    with translation.override(FILE_LANGUAGE):
        return {value: str(label) for value, label in choices.choices}


def add_guide(book: Book, scheme: grading.Scheme, version: int, *, example: bool) -> None:
    sheet = book.workbook.create_sheet(GUIDE_TITLE)
    sheet.column_dimensions["A"].width = 130
    names = {
        "found_by": "、".join(_labels(FoundBy).values()),
        "kinds": "、".join(_labels(MeasureKind).values()),
        "factors": "、".join([f.name for f in scheme.factors] + [n for _c, n in LIKELIHOOD]),
        "version": version,
        "unit": EXAMPLE_UNIT,
    }
    for line in [*GUIDE, EXAMPLE_LINE if example else EXPORT_LINE]:
        sheet.append([line.format(**names)])


def _example(scheme: grading.Scheme) -> tuple[list[Any], list[Any]]:
    sheet = points_sheet(scheme)
    middle = {FACTOR_PREFIX + f.code: f.options[len(f.options) // 2].label for f in scheme.factors}
    middle[FACTOR_PREFIX + grading.PROBABILITY] = scheme.probability[1].label
    middle[FACTOR_PREFIX + grading.HARM] = scheme.harm[2].label
    values = {
        "key": "R1",
        "unit": EXAMPLE_UNIT,
        "year": 2026,
        "target_kind": "岗位",
        "post": "示例岗位编码",
        "risk_type": "岗位职责",
        "description": "审核把关不严，违规办理资金拨付",
        "manifestations": "对不符合条件的申请予以拨付",
        "causes": "审核权集中，缺少复核",
        "found_by": "自己找、领导点",
        **middle,
    }
    point = [values.get(f.key, "") for f in sheet.fields]
    measure = ["R1", "监督检查", "每季度抽查资金拨付凭证", "示例人员编号", "2026-12-31", "未开始"]
    return point, measure + ["抽查记录"]


def _sized_sheet(book: Book, spec: Sheet, rows: list[list[Any]]) -> None:
    """`book.sheet(spec, rows)` with the sheet's <dimension> (A1 to the last column and row)
    declared: openpyxl's writer writes it when the sheet has `calculate_dimension`, which
    write-only sheets lack."""
    workbook = book.workbook
    create = workbook.create_sheet
    ref = f"A1:{get_column_letter(len(spec.fields))}{len(rows) + 1}"

    def create_sized(title: str | None = None, index: int | None = None) -> Any:
        sheet = create(title, index)
        sheet.calculate_dimension = lambda: ref
        return sheet

    setattr(workbook, "create_sheet", create_sized)  # noqa: B010 (shadows the method once)
    try:
        book.sheet(spec, rows)
    finally:
        delattr(workbook, "create_sheet")


def template_workbook() -> bytes:
    model = active_model()
    scheme = model.scheme()
    book = Book()
    add_guide(book, scheme, model.version_no, example=True)
    point, measure = _example(scheme)
    book.sheet(points_sheet(scheme), [point])
    book.sheet(MEASURES, [measure])
    return book.save()


class Export:
    """The rows of both sheets for `points`, read a batch at a time."""

    def __init__(self, points: QuerySet[RiskPoint]) -> None:
        self.model = active_model()
        self.sheet = points_sheet(self.model.scheme())
        self.schemes: dict[int, grading.Scheme] = {}
        self.labels = {
            "target": _labels(TargetKind),
            "type": _labels(RiskType),
            "found": _labels(FoundBy),
            "level": _labels(Level),
            "kind": _labels(MeasureKind),
            "status": _labels(ControlMeasure.Status),
        }
        self.points: list[list[Any]] = []
        self.measures: list[list[Any]] = []
        query = points.exclude(status=RiskPoint.Status.RETIRED).select_related(
            "unit", "post", "department", "power", "flow_step"
        )
        for batch in chunks(query.order_by("unit__code", "year", "id").iterator(2000)):
            self._batch(batch)

    def _scheme(self, model_id: int) -> grading.Scheme:
        if model_id not in self.schemes:
            self.schemes[model_id] = GradingModel.objects.get(pk=model_id).scheme()
        return self.schemes[model_id]

    def _factor_labels(self, point: RiskPoint) -> dict[str, str]:
        scheme = self._scheme(point.grading_model_id)
        options = {f.code: f.options for f in scheme.factors}
        options[grading.PROBABILITY] = scheme.probability
        options[grading.HARM] = scheme.harm
        labels = {}
        for code, chosen in (point.factor_inputs or {}).items():
            try:
                labels[FACTOR_PREFIX + code] = options[code][int(chosen)].label
            except (KeyError, IndexError, TypeError, ValueError):
                continue
        return labels

    def _batch(self, batch: list[RiskPoint]) -> None:
        measures: dict[int, list[ControlMeasure]] = {}
        for m in ControlMeasure.objects.filter(risk_point__in=batch).select_related("owner"):
            measures.setdefault(m.risk_point_id, []).append(m)
        for point in batch:
            key = f"R{len(self.points) + 1}"
            self.points.append(self._point_row(key, point))
            for m in measures.get(point.pk, []):
                self.measures.append(
                    [
                        key,
                        self.labels["kind"][m.kind],
                        m.content,
                        m.owner.code if m.owner else None,
                        m.due_date,
                        self.labels["status"][m.status],
                        m.check_method or None,
                        m.pk,
                    ]
                )

    def _point_row(self, key: str, p: RiskPoint) -> list[Any]:
        overridden = p.is_overridden
        values: dict[str, Any] = {
            "key": key,
            "unit": p.unit.code,
            "year": p.year,
            "target_kind": self.labels["target"][p.target_kind],
            "post": p.post.code if p.post else "",
            "department": p.department.code if p.department else "",
            "sector": p.sector,
            "power": p.power.code if p.power else "",
            "step": p.flow_step.key if p.flow_step else "",
            "risk_type": self.labels["type"][p.risk_type],
            "description": p.description,
            "manifestations": p.manifestations,
            "causes": p.causes,
            "found_by": "、".join(self.labels["found"][c] for c in p.found_by),
            "level": self.labels["level"][p.level] if overridden else "",
            "override_reason": p.override_reason if overridden else "",
            "override_decided_on": p.override_decided_on if overridden else None,
            "override_participants": p.override_participants if overridden else "",
            **self._factor_labels(p),
            ID: p.pk,
        }
        return [values.get(f.key) or None for f in self.sheet.fields]

    def workbook(self) -> bytes:
        book = Book()
        add_guide(book, self.model.scheme(), self.model.version_no, example=False)
        _sized_sheet(book, self.sheet, self.points)
        _sized_sheet(book, MEASURES, self.measures)
        return book.save()

    def counts(self) -> dict[str, int]:
        return {"points": len(self.points), "measures": len(self.measures)}
