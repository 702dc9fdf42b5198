"""The labels of the self-evaluation table (财政项目支出绩效自评表, docs/evaluation.md, *Reading
self-evaluation tables*): what its reader places the cells by, and what tells the goal-form reader
that a document is a self-evaluation table and no goal form.

A label is compared folded, as the goal form's labels are (`labels.bare_label`): white space
removed, full-width punctuation made ASCII, a leading 其中 and a trailing colon or bracketed unit
dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.importers.grid import Cell
from jixiao.importers.labels import FIELDS, bare_label, memo

# The header's labels are the goal form's own (`labels.FIELDS`), for the fields the table has.
HEADER: dict[str, str] = {
    label: name
    for label, name in FIELDS.items()
    if name in ("project_name", "supervising_department", "implementing_unit")
}
FUNDS_SECTION = "项目资金"
# The columns of the funds block, as `FundsLine` names them.
FUNDS_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "全年预算数": "budget",
    "调整后预算数": "budget",
    "全年执行数": "spent",
    "分值": "stated_weight",
    "执行率": "stated_rate",
    "预算执行率": "stated_rate",
    "得分": "stated_score",
}
FUNDS_ORDER = ("initial", "budget", "spent", "stated_weight", "stated_rate", "stated_score")
# The lines of the funds block, by the names of `model.FUNDS_LINES`.
FUNDS_LINES: dict[str, str] = {
    "年度资金总额": "年度资金总额",
    "当年财政拨款": "当年财政拨款",
    "本年财政拨款": "当年财政拨款",
    "财政拨款": "当年财政拨款",
    "上年结转资金": "上年结转资金",
    "上年结转": "上年结转资金",
    "其他资金": "其他资金",
}
GOALS_SECTION = "年度总体目标"
GOALS: dict[str, str] = {"预期目标": "expected", "实际完成情况": "actual"}
# The columns of the indicator rows, as `EvalRow` names them; 绩效指标 heads the merged column
# on their left.
ROW_COLUMNS: dict[str, str] = {
    "绩效指标": "section",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标名称": "name",
    "年度指标值": "target",
    "指标值": "target",
    "实际完成值": "actual",
    "全年实际值": "actual",
    "分值": "weight",
    "得分": "stated_score",
    "偏差原因分析及改进措施": "reason",
    "未完成原因分析": "reason",
    "偏差原因分析": "reason",
}
TOTAL = ("总分", "合计", "总计")
# Labels no goal form has: one of them in a form's header or table head marks a
# self-evaluation table (the goal-form reader refuses it, naming `jixiao selfeval`).
MARKERS = frozenset({"全年执行数", "实际完成值", "全年实际值", "偏差原因分析及改进措施"})
ALL = frozenset(
    [
        *HEADER,
        *FUNDS_COLUMNS,
        *FUNDS_LINES,
        *GOALS,
        *ROW_COLUMNS,
        *TOTAL,
        FUNDS_SECTION,
        GOALS_SECTION,
    ]
)
LONGEST = 40  # characters: a longer cell is a value, never a label


@memo
def key(text: str) -> str:
    """The folded label of a cell; "" for a cell too long to be one."""
    return bare_label(text)[0] if 0 < len(text) <= LONGEST else ""


def label(text: str) -> str:
    """The label a cell states, folded; "" for a cell that is no label of the table."""
    found = key(text)
    return found if found in ALL else ""


def is_title(text: str) -> bool:
    """A table's title: 财政项目支出绩效自评表, 项目支出绩效自评表 ..."""
    return "自评" in text and text.rstrip().endswith("表")


def unit_of(text: str) -> str | None:
    """The unit a label states in brackets: `项目资金（万元）` → 万元."""
    return bare_label(text)[1] if len(text) <= LONGEST else None


def marker(rows: Iterable[Sequence[Cell]]) -> Cell | None:
    """The first cell of `rows` that only a self-evaluation table has, else None. Cheap for the
    goal forms it is asked about: a cell is folded only when it holds 执行, 完成 or 偏差."""
    for row in rows:
        for cell in row:
            text = cell.text
            if ("执行" in text or "完成" in text or "偏差" in text) and key(text) in MARKERS:
                return cell
    return None
