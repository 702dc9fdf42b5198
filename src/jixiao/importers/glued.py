"""Rows whose cells were run together with nothing between them (docs/templates.md, *Inputs*).

Some saved pages keep a table's text a row a line but drop every separator between its cells:
`项目名称农村义务教育薄弱学校改造补助资金`, `产出指标数量指标农村义务教育学校改造覆盖率100%`. A
document is read through this layout when its indicator table's head has nothing between its
columns (`looks_glued`, asked by `grid.detect`), and only as far as the labels allow:

- a line made of labels alone (`总体目标年度目标`, `绩效指标一级指标二级指标指标内容指标值`) is one
  cell per label;
- a line that starts with a label of the form's head gives the label and its value, the value cut
  again where the label of another field or amount stands in it (`项目主管部门…项目执行单位…`);
- under the indicator table's head, a line gives the level-1 and level-2 headings it starts with,
  then the indicator's name and its target value, cut where the target begins: at a comparison
  sign (`≥90%`), at a date ending the line (`2024年12月底前`), at a number ending it (`100%`,
  `2个`), or at words of a trend ending it (`稳步提高`).

A cut that the text does not make certain (a date, a number with a unit in words, a trend, a
line of the table with no target found) is said in a note on that row (`Grid.doubts`), never
guessed silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from jixiao.domain.taxonomy import LEVEL1_NAMES, LEVEL1_SYNONYMS, LEVEL2_NAMES, LEVEL2_SYNONYMS
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers.grid import Cell, Grid

LAYOUT = "glued"

_SPACES = re.compile(r"[ \t\u3000]+")
_BRACKET = re.compile(r"[（(][^（）()]{0,12}[）)]")
_LEAD = re.compile(r"(?:其中|含)\s*[:：]?\s*")
# What a target begins with: a comparison (≥90%, ＝100%, 不低于…).
_COMPARISON = re.compile(r"[≥≤＞＜＝>=<≧≦]|不低于|不高于|不少于|不多于|不超过|小于|大于|高于|低于")
# A number ending the line, with its unit: 100%, 2个, 1.5万元, 30天.
_NUMBER_END = re.compile(r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(%|％|‰|[\u4e00-\u9fff]{1,3})?$")
# A date ending the line: 2024年12月, 2024年12月底前, 2024年6月30日.
_DATE_END = re.compile(
    r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:底|末)?(?:前|以前|之前)?$"
)
# Words of a trend ending the line: 稳步提高, 持续改善, 巩固提高, 有所提升.
_TREND_END = re.compile(
    r"(?:(?:稳步|持续|逐步|有所|明显|进一步|不断|显著|大幅|全面|基本|有效)?"
    r"(?:提高|提升|改善|增强|增加|增长|降低|减少|下降|巩固|完善|加强|好转|优化)){1,2}$"
)


def glued(lines: Iterable[str]) -> Grid:
    """The rows of `lines` cut at labels, headings and targets; the cuts it is unsure of are
    noted in the grid's `doubts` as its rows are read."""
    doubts: dict[int, list[Text]] = {}
    return Grid(_rows(lines, doubts), LAYOUT, doubts=doubts)


def looks_glued(lines: Iterable[str]) -> bool:
    """Whether a line is an indicator table's head with nothing between its columns
    (`一级指标二级指标三级指标指标值`): no other layout prints one so."""
    for line in lines:
        body = line.strip()
        if body.count("指标") >= 2 and len(body) <= L.LONGEST_LABEL and not _SPACES.search(body):
            found = _all_labels(body)
            if found and len(found) >= 3 and sum(map(_in_table_head, found)) >= 2:
                return True
    return False


def _rows(lines: Iterable[str], doubts: dict[int, list[Text]]) -> Iterator[list[Cell]]:
    in_table = False
    row: list[Cell] | None = None  # the row read last, held for a bracket that ends its cell
    for number, line in enumerate(lines, 1):
        body = line.strip(" \t\u3000\r")
        if not body:
            continue
        if row and not in_table and _BRACKET.fullmatch(body):
            # a label's unit on the line below it, its cell broken (资金情况 / (万元))
            last = row[-1]
            row[-1] = Cell(last.text + "\n" + body, last.line)
            continue
        if row:
            yield row
            row = None
        cells: list[Cell] = []
        opens = _opens_form(body)
        if L.cell_kind(body) == L.KIND_TITLE:
            cells.append(Cell(body, number))  # a form's title, whatever labels it holds
        elif in_table and not opens:
            cells.extend(Cell(text, number) for text in _indicator(body, number, doubts))
        else:
            for piece in _pieces(body):
                labels = _all_labels(piece)
                if labels is not None:
                    cells.extend(Cell(text, number) for text in labels)
                    in_table = in_table or any(_in_table_head(text) for text in labels)
                else:
                    cells.extend(Cell(text, number) for text in _head(piece))
        if opens:
            in_table = any(_in_table_head(c.text) for c in cells)
        row = cells or None
    if row:
        yield row


def _pieces(body: str) -> list[str]:
    """The pieces of a line between its white space, a lone 其中 kept with the piece after it."""
    pieces: list[str] = []
    for piece in _SPACES.split(body):
        if pieces and _LEAD.fullmatch(pieces[-1]):
            pieces[-1] += " " + piece
        elif piece:
            pieces.append(piece)
    return pieces


# Labels ------------------------------------------------------------------------------------


@cache
def _labels() -> tuple[str, ...]:
    """Every label of every template, longest first."""
    return tuple(sorted(L.ALL_LABELS, key=len, reverse=True))


@cache
def _head_labels() -> re.Pattern[str]:
    """The labels of fields and amounts that may stand inside a run of text: four characters
    or more (a shorter one, 年度 or 资金, is too often a word of a name)."""
    words = sorted(
        (k for k in (*L.FIELDS, *L.FUNDS, *L.OVERALL_GOAL, *L.ANNUAL_GOAL) if len(k) >= 4),
        key=len,
        reverse=True,
    )
    return re.compile("|".join(re.escape(w) for w in words))


def _all_labels(piece: str) -> list[str] | None:
    """The labels `piece` is made of, each with its bracketed suffix, a leading 其中 and a
    trailing colon as written; None when it is not labels alone."""
    if len(piece) > _LONGEST_RUN:
        return None
    found: list[str] = []
    failed: set[int] = set()  # where no run of labels to the end starts: each tried once
    at = 0
    while at < len(piece):
        taken = _label_at(piece, at, failed)
        if taken is None:
            return None
        found.append(piece[at:taken])
        at = taken
    return found or None


_LONGEST_RUN = 4 * L.LONGEST_LABEL  # characters of a line of labels alone, at most


def _label_at(piece: str, at: int, failed: set[int]) -> int | None:
    """Where the label that starts at `at` ends, the longest that lets the rest of `piece` be
    labels too (a colon after it taken with it); None when none does."""
    if at in failed:
        return None
    for end in _label_ends(piece, at):
        while end < len(piece) and piece[end] in ":：":
            end += 1
        if end == len(piece) or _label_at(piece, end, failed) is not None:
            return end
    failed.add(at)
    return None


def _label_ends(text: str, at: int) -> Iterator[int]:
    """Where each label that starts at `at` ends, its lead (其中) and bracketed suffix with it,
    the longest first."""
    lead = _LEAD.match(text, at)
    start = lead.end() if lead else at
    for label in _labels():
        if text.startswith(label, start):
            end = start + len(label)
            bracket = _BRACKET.match(text, end)
            yield bracket.end() if bracket else end


def _head(piece: str) -> list[str]:
    """A piece of the form's head: a label it starts with and the value after it, the value cut
    again where the label of a field or an amount stands in it."""
    cells: list[str] = []
    rest = piece
    while rest:
        label_end = next(_label_ends(rest, 0), None)
        if label_end is None:
            cells.append(rest)
            break
        value = rest[label_end:]
        if value[:1] in ":：":  # `label：value`: the form reader splits it as written
            cells.append(rest)
            break
        cells.append(rest[:label_end])
        inner = _head_labels().search(value)
        while inner is not None and inner.start() == 0:
            inner = _head_labels().search(value, 1)
        if inner is None:
            if value:
                cells.append(value)
            break
        cells.append(value[: inner.start()])
        rest = value[inner.start() :]
    return cells


def _in_table_head(text: str) -> bool:
    key = L.label_key(text)[0]
    return key in L.LEVEL_COLUMNS or key in L.INDICATOR_SECTION


def _opens_form(body: str) -> bool:
    """Whether a line opens a form: a title, or the label of the project's name first."""
    if L.cell_kind(body) == L.KIND_TITLE:
        return True
    end = next(_label_ends(body, 0), None)
    return end is not None and L.label_key(body[:end])[0] in L.NAME_LABELS


# Indicator rows ----------------------------------------------------------------------------


@cache
def _headings(level: int) -> tuple[str, ...]:
    names = (*LEVEL1_NAMES, *LEVEL1_SYNONYMS) if level == 1 else (*LEVEL2_NAMES, *LEVEL2_SYNONYMS)
    return tuple(sorted({n for n in names if len(n) >= 2}, key=len, reverse=True))


def _heading_at(text: str, level: int) -> str | None:
    for heading in _headings(level):
        if text.startswith(heading):
            return heading
    return None


def _indicator(body: str, line: int, doubts: dict[int, list[Text]]) -> list[str]:
    """A line of the indicator table: the headings it starts with, its name and its target. A
    line of headings alone gives them; a line in which no target can be told apart is no row
    of the table (page text under it: 附件, 打印): it is left out and said in `doubts`."""
    cells: list[str] = []
    rest = body
    for level in (1, 2):
        heading = _heading_at(rest, level)
        if heading is not None:
            cells.append(heading)
            rest = rest[len(heading) :].lstrip(" \t\u3000")
    if not rest:
        return cells
    name, target, sure = _name_and_target(rest)
    if target is None:
        doubts.setdefault(line, []).append(
            Text(
                f"“{body[:30]}”中未能分出指标值：未作为指标导入，请核对",
                f"no target value could be told apart in “{body[:30]}”: not imported as an "
                "indicator; please check",
            )
        )
        return []
    if not sure:
        doubts.setdefault(line, []).append(
            Text(
                f"“{body[:30]}”中没有分隔：按写法分为指标“{name[:20]}”和指标值“{target}”，请核对",
                f"“{body[:30]}” has no separator: read as the indicator “{name[:20]}” with "
                f"the target “{target}”; please check",
            )
        )
    return [*cells, name, target]


def _name_and_target(text: str) -> tuple[str, str | None, bool]:
    """(name, target, whether the cut is certain): at a comparison, a number ending the text,
    or a trend ending it; (text, None, False) when none stands after a name."""
    sign = _COMPARISON.search(text)
    if sign is not None and sign.start() > 0:
        return _apart(text, sign.start(), True)
    date = _DATE_END.search(text)
    if date is not None and date.start() > 0:
        return _apart(text, date.start(), False)
    number = _NUMBER_END.search(text)
    if number is not None and number.start() > 0:
        return _apart(text, number.start(), number.group(2) in (None, "%", "％", "‰"))
    trend = _TREND_END.search(text)
    if trend is not None and trend.start() > 0:
        return _apart(text, trend.start(), False)
    return text, None, False


def _apart(text: str, at: int, sure: bool) -> tuple[str, str | None, bool]:
    name = text[:at].rstrip(" \t\u3000")
    return (name, text[at:], sure) if name else (text, None, False)
