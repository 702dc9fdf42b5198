"""The labels printed on the paper form, and the names real documents use for them.

A label is matched after folding: white space removed, full-width punctuation made ASCII, a
leading 其中 and a trailing colon or bracketed unit dropped. What the label says in brackets (the
unit of the funds, the period of a goal) is read separately.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import TypeVar

from jixiao.domain.columns import LEVEL_COLUMNS as _LEVEL_COLUMNS
from jixiao.domain.columns import VALUE_COLUMNS as _VALUE_COLUMNS

T = TypeVar("T")


def memo(function: Callable[[str], T]) -> Callable[[str], T]:
    """A memo for functions of a cell's text. Labels and headings repeat in every form; names
    and goals mostly do not, so when full it is emptied at once rather than evicting one entry
    at a time (an LRU cache spends more on that than it saves)."""
    store: dict[str, T] = {}
    _STORES.append(store)

    def cached(text: str) -> T:
        try:
            return store[text]
        except KeyError:
            value = function(text)
            if len(store) >= MEMO_SIZE:
                store.clear()  # start again: what repeats comes straight back
            store[text] = value
            return value

    cached.__doc__ = function.__doc__
    cached.__wrapped__ = function  # type: ignore[attr-defined]
    return cached


MEMO_SIZE = 1 << 20  # entries per function; a document's texts are looked up several times
_STORES: list[dict] = []


def memo_store() -> dict:
    """An empty memo of the reader's own keys, emptied with the others (`forget`) when a
    document has been read."""
    store: dict = {}
    _STORES.append(store)
    return store


def forget() -> None:
    """Empty the memos: called when a document has been read, so a long-running process keeps
    no texts of documents it is done with."""
    for store in _STORES:
        store.clear()


LONGEST_LABEL = 60  # characters, a bracketed suffix such as （2021 年- 2021年） included


# The label tables are the union of every template's (`jixiao.templates`, docs/templates.md): the
# reader knows every region's labels, the default template's meaning first where two differ.
def _union() -> dict[str, dict[str, str]]:
    from jixiao.templates import templates

    tables: dict[str, dict[str, str]] = {
        "fields": {},
        "funds": {},
        "funds_section": {},
        "goals": {},
        "table": {},
        "extra": {},
        "unread": {},
    }
    own: dict[str, dict[str, tuple[str, str]]] = {}
    for template in templates().values():
        mine = own.setdefault(template.id, {})
        for part, name, labels in template.label_lists():
            if part == "funds" and name == "section":
                part = "funds_section"
            for label in labels:
                key = _fold_plain(label)
                tables[part].setdefault(key, name)
                mine.setdefault(key, (part, name))
    for template_id, mine in own.items():
        OVERRIDES[template_id] = {
            key: (part, name)
            for key, (part, name) in mine.items()
            if part in ("fields", "funds", "goals") and tables[part].get(key) != name
        }
    return tables


# Per template: the labels whose meaning in that template differs from the union's (the same
# label naming another field in another region): (part, canonical name) by folded label.
OVERRIDES: dict[str, dict[str, tuple[str, str]]] = {}


def _fold_plain(text: str) -> str:
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text)).rstrip(":")
    return _LEAD.sub("", folded)


_BRACKET = re.compile(r"\(([^()]*)\)$")
_LEAD = re.compile(r"^(其中|含)[:]?")
_SPACE = re.compile(r"\s+")
_TABLES = _union()

FIELDS: dict[str, str] = _TABLES["fields"]
FUNDS: dict[str, str] = _TABLES["funds"]
FUNDS_SECTION = tuple(_TABLES["funds_section"])
_GOALS = _TABLES["goals"]
GOALS_SECTION = tuple(k for k, v in _GOALS.items() if v == "section")
OVERALL_GOAL = tuple(k for k, v in _GOALS.items() if v == "overall_goal")
ANNUAL_GOAL = tuple(k for k, v in _GOALS.items() if v == "annual_goal")
_TABLE = _TABLES["table"]
INDICATOR_SECTION = tuple(k for k, v in _TABLE.items() if v == "section")
# Columns of the indicator table: the writer's own (`domain.columns`) and every template's.
LEVEL_COLUMNS: dict[str, str] = {
    **{k: v for k, v in _TABLE.items() if v in ("level1", "level2", "name")},
    **_LEVEL_COLUMNS,
}
# Headings of the tables that hold no indicators (`table.other_tables`: 项目预算成本构成): labels,
# which only the template that has them skips (`formreader._without_other_tables`).
OTHER_TABLES = frozenset(k for k, v in _TABLE.items() if v == "other_tables")
# The column headings some template prints without 标 (山东: 一级 | 二级 | 三级): the few heads of
# an indicator table a test for 标 would miss; each has 级 (`cell_kind`).
UNMARKED_TABLE_HEADS = frozenset(k for k in LEVEL_COLUMNS if "标" not in k)
# Labels of what no field holds (`Template.unread`): known as labels, never read as values.
UNREAD: frozenset[str] = frozenset(_TABLES["unread"])
VALUE_COLUMNS: dict[str, str] = {
    **{k: v for k, v in _TABLE.items() if v in ("target", "midterm")},
    **{k: v for k, v in _TABLES["extra"].items()},
    **_VALUE_COLUMNS,
}


def fold_label(text: str) -> str:
    """A label as the tables hold it: folded, without a leading 其中 or a bracketed suffix."""
    return bare_label(text)[0]


@memo
def fold(text: str) -> str:
    """The text as compared with labels: NFKC, no white space, no trailing colon."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return folded.rstrip(":")


@memo
def label_key(text: str) -> tuple[str, str | None]:
    """The folded label without its leading 其中 and its bracketed suffix, and that suffix;
    ("", None) for a text that cannot be a label."""
    if len(text) > LONGEST_LABEL or not _may_be_label(text):
        return "", None  # names, values, goal texts: nothing to fold
    return bare_label(text)


def _may_be_label(text: str) -> bool:
    """False when the text, before any bracket, has a character no label is written with."""
    return _LABEL_CHARS.issuperset(text.partition("（")[0].partition("(")[0])


def bare_label(text: str) -> tuple[str, str | None]:
    """`label_key` without its test of the characters: for the labels of other tables (the
    self-evaluation table's, `selfeval_labels`)."""
    folded = _LEAD.sub("", fold(text))
    suffix = None
    match = _BRACKET.search(folded)
    if match and match.start() > 0:
        suffix = match.group(1)
        folded = folded[: match.start()]
    return folded, suffix


@memo
def is_label(text: str) -> bool:
    """True when the text is one of the form's labels (a bracketed suffix allowed)."""
    if not _may_be_label(text):
        return False
    key, _ = label_key(text)
    return key in ALL_LABELS or fold(text) in FIELDS


ALL_LABELS: frozenset[str] = frozenset(
    [
        *FIELDS,
        *FUNDS,
        *FUNDS_SECTION,
        *GOALS_SECTION,
        *OVERALL_GOAL,
        *ANNUAL_GOAL,
        *INDICATOR_SECTION,
        *LEVEL_COLUMNS,
        *VALUE_COLUMNS,
        *UNREAD,
        *OTHER_TABLES,
    ]
)

# Every character a label may be written with: labels, white space, colons, 其中, full width.
_LABEL_CHARS = frozenset(
    "".join(ALL_LABELS)
    + "".join(unicodedata.normalize("NFKC", t) for t in ALL_LABELS)
    + " \t\n\r\u3000:：其中含"
)

# What ends every form's indicator table, whatever its template: the lines of who filled the form
# in and when (填表人：…, 经办人及联系电话：…, 上报时间：…) and a page's list of attachments under
# it (附件：), read as the form's footnotes, never as indicators (`indicators.IndicatorTable`,
# `glued`).
TABLE_ENDS: tuple[str, ...] = (
    "填表人", "填报人", "经办人", "单位负责人", "审核人", "填表日期", "填报日期", "上报时间", "报送时间",
    "附件:", "附件下载",
)  # fmt: skip

# What ends a table on a saved web page, whatever its template: the site's footer (its record
# numbers 鲁ICP备…, 公网安备…, 网站标识码, 版权所有, 主办单位) and, where each cell of the page is a
# line of its own, a line of links (`内容保障 | 公务邮箱`): read as footnotes, never indicators.
PAGE_FOOTER = re.compile("ICP备|公网安备|网站标识码|版权所有|主办单位")
# A table's number printed over it (表十二, 附表3-2): the page's, in no form's field or table.
TABLE_NUMBER = re.compile(r"(?:附)?表\s*[一二三四五六七八九十百\d]+(?:[-—－]\d+)?\s*[:：]?")
LINK_LINE = " | "

# The labels of a project's name in every template (项目名称, 项目支出名称): one after another label of
# a form opens the next form (`formreader.split_forms`).
NAME_LABELS: frozenset[str] = frozenset(k for k, v in FIELDS.items() if v == "project_name")

# Labels followed by a colon inside running text mark where a run-together form splits.
INLINE_LABELS: tuple[str, ...] = tuple(
    sorted(
        {*FIELDS, *FUNDS, *OVERALL_GOAL, *ANNUAL_GOAL} - {"财政资金", "其他资金"},
        key=len,
        reverse=True,
    )
)


# Form titles: 《财政项目支出绩效目标填报表》, numbered or not, with the year in brackets or not.
TITLE = re.compile(
    r"^(?:第?[0-9一二三四五六七八九十]+[、.．)）]\s*)?"
    # what kind of project it is (打捆项目, 一级项目) is part of the title, its year is not
    r"(?P<title>[^\n]{0,40}?(?:绩效(?:目标|指标)|支出目标)[^\n]{0,12}?表"
    r"(?:\s*[（(][^（）()\d]{2,8}项目[）)])?)"
    r"\s*(?:[（(][^（）()]*年[^（）()]*[）)])?$"
)
KIND_TITLE, KIND_NAME, KIND_TABLE = 1, 2, 3


def cell_kind(text: str) -> int:
    """What a cell says for finding forms and their parts: a form title, the label of the
    project's name (项目名称, 项目支出名称), the head of an indicator table, or none of these (0)."""
    if len(text) > 2 * LONGEST_LABEL or (
        "表" not in text and "称" not in text and "标" not in text and "级" not in text
    ):
        return 0  # a title has 表, 项目名称 has 称, a table heading 指标 or 级 (山东's 一级)
    return _cell_kind(text)


@memo
def _cell_kind(text: str) -> int:
    if not text.strip():
        return 0
    if TITLE.match(fold(text)):
        return KIND_TITLE
    key = label_key(text)[0]
    if key in NAME_LABELS:
        return KIND_NAME
    return KIND_TABLE if key in LEVEL_COLUMNS or key in INDICATOR_SECTION else 0
