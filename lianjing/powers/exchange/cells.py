"""Cells of the power workbook that hold more than one plain value: legal bases (one
《法规名称》条款 a line), next steps (S2, or S3:符合；S5:不符合) and amounts. Each parser gives
the value or `CellError` with the reason in Chinese, and its inverse writes the same text, so an
export reads back to the same catalogue."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from lianjing.org.exchange.reader import CellError
from lianjing.powers.flow import EdgeLink

TITLE_MAX = 200
ARTICLE_MAX = 200
LABEL_MAX = 50
KEY = re.compile(r"[-a-zA-Z0-9_]+")
AMOUNT_DIGITS = 12  # DiscretionBenchmark: 14 digits, 2 of them decimals

_BASIS_SPLIT = re.compile(r"\r?\n|\r|[；;]\s*(?=《)")
_BASIS = re.compile(r"《([^《》]+)》\s*(.*)")
_NEXT_SPLIT = re.compile(r"[；;\r\n]+")
_COLON = re.compile(r"[:：]")


def parse_legal_bases(text: str) -> list[tuple[str, str]]:
    """《中华人民共和国行政许可法》第二十九条, one a line (or separated by ；before the next 《)."""
    bases: list[tuple[str, str]] = []
    for line in (part.strip() for part in _BASIS_SPLIT.split(text)):
        if not line:
            continue
        match = _BASIS.fullmatch(line)
        if not match:
            raise CellError(
                f"“{line[:40]}”格式不对：每项法律依据写成《法规名称》条款，"
                "例如《中华人民共和国行政许可法》第二十九条，一行一项。"
            )
        title, article = match.group(1).strip(), match.group(2).strip()
        if len(title) > TITLE_MAX:
            raise CellError(f"法规名称“{title[:20]}…”超过 {TITLE_MAX} 个字符。")
        if len(article) > ARTICLE_MAX:
            raise CellError(f"《{title}》的条款超过 {ARTICLE_MAX} 个字符。")
        if (title, article) in bases:
            raise CellError(f"《{title}》{article}重复填写。")
        bases.append((title, article))
    return bases


def legal_bases_text(bases: Sequence[tuple[str, str]]) -> str:
    return "\n".join(f"《{title}》{article}" for title, article in bases)


def parse_key(key: str) -> str:
    if not KEY.fullmatch(key):
        raise CellError("环节编号只能由字母、数字、“-”或“_”组成，例如 S1。")
    return key


def parse_next(source: str, text: str) -> list[EdgeLink]:
    """The ways out of step `source`: "S2", or for branches "S3:符合；S5:不符合"."""
    edges: list[EdgeLink] = []
    for item in (part.strip() for part in _NEXT_SPLIT.split(text)):
        if not item:
            continue
        parts = _COLON.split(item, maxsplit=1)
        key = parts[0].strip()
        label = parts[1].strip() if len(parts) > 1 else ""
        if not KEY.fullmatch(key):
            raise CellError(
                f"“{item[:40]}”格式不对：写后续环节编号，分支写成 编号:条件，"
                "多个分支用分号分隔，例如 S3:符合；S5:不符合。"
            )
        if len(label) > LABEL_MAX:
            raise CellError(f"分支条件“{label[:20]}…”超过 {LABEL_MAX} 个字符。")
        if any(edge.target == key for edge in edges):
            raise CellError(f"后续环节“{key}”重复填写。")
        edges.append(EdgeLink(source, key, label))
    return edges


def next_text(edges: Sequence[EdgeLink]) -> str:
    return "；".join(f"{e.target}:{e.label}" if e.label else e.target for e in edges)


def parse_amount(text: str) -> Decimal | None:
    """A non-negative amount with at most two decimals; "1,000" is read as 1000."""
    cleaned = text.replace(",", "").replace("，", "").strip()
    if not cleaned:
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellError("应填写数字，例如 5000 或 0.5。") from None
    if not amount.is_finite():
        raise CellError("应填写数字，例如 5000 或 0.5。")
    if amount < 0:
        raise CellError("裁量幅度不能为负数。")
    if amount >= Decimal(10) ** AMOUNT_DIGITS:
        raise CellError("数额过大。")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("最多保留两位小数。")
    return amount.quantize(Decimal("0.01"))
