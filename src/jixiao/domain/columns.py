"""The column headings of the indicator table and what each column holds: a reader takes a
column by these names, and the paper layout (`domain.paper`) writes only further columns a reader
takes back. One table for both, so that what is written is what is read (docs/imports.md)."""

from __future__ import annotations

import re

LEVEL_COLUMNS = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标名称": "name"}
# The head of a flat list's names (重庆: 指标 | 指标权重 | 计量单位 | 指标性质 | 指标值): the names'
# column only in a head with no name or level column, never a label (a heading's cell broken
# before its 指标 holds the same word).
FLAT_NAME = "指标"
# The key an indicator keeps its value over the project's term under, beside its target (its
# extra column `中期指标值`: the importer writes it, the writers print it).
MIDTERM_KEY = "中期指标值"
VALUE_COLUMNS = {
    "年度指标值": "target",
    "指标值": "target",
    "目标值": "target",
    "年度目标值": "target",
    "绩效指标值": "target",
    # 江苏 (镇江 2024): 半年(程) 指标值 | 全年(程) 指标值, the year's (or the project's) value and
    # the half's beside it, kept as a column of the row; 东莞 2019: 计划指标值(或计划水平)
    "全年(程)指标值": "target",
    "全年指标值": "target",
    "全程指标值": "target",
    "计划指标值": "target",
    "半年(程)指标值": "半年指标值",
    "半年指标值": "半年指标值",
    "中期指标值": "midterm",
    "长期指标值": "midterm",
    "中长期指标值": "midterm",
    "绩效标准": "绩效标准",
    "指标性质": "指标性质",
    "度量单位": "度量单位",
    "计量单位": "度量单位",
    "分值": "分值",
    "权重": "分值",
    "分值权重": "分值",  # 国家信访局 2026: 分值权重（90）
    "备注": "备注",
    "指标值说明": "指标值说明",
}

# Columns whose every cell is one of a few words: the kinds of 绩效标准 the Ministry of Finance
# names (a planned, a sector's, a past or another standard). A reader of text with nothing between
# its cells knows a row's end by them (docs/templates.md, *Inputs*).
COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "绩效标准": ("计划标准", "行业标准", "历史标准", "其他标准"),
}


# The code a budget system writes before a department's or a unit's name in a table of many
# projects (820-马踏镇部门 over 820001-井研县马踏镇人民政府): a unit is of the department whose
# code begins its own (`importers.ledger` reads it so, `domain.paper.ledger_page` writes it).
_SYSTEM_CODE = re.compile(r"^\s*([0-9]+)\s*[-－—_]")


def system_code(text: str | None) -> str | None:
    found = _SYSTEM_CODE.match(text or "")
    return found.group(1) if found else None


def holds(over: str, unit: str) -> bool:
    """Whether the code `over` is a department's over the unit of code `unit`."""
    return over != unit and unit.startswith(over)
