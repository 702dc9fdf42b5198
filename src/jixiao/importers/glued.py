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

from jixiao.domain import periods
from jixiao.domain.columns import COLUMN_WORDS
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
# A number ending the line, with its unit: 100%, 2个, 1.5万元, 30天, 80M.
_NUMBER_END = re.compile(
    r"(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(%|％|‰|[\u4e00-\u9fff]{1,3}|[A-Za-z]{1,3})?$"
)
# A date: 2024年12月, 2024年6月30日, 2025年年底, 每年12月底; a month alone (12月底) too.
_MONTH = r"\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?"
_WHEN = (
    rf"(?:(?:19|20)\d{{2}}\s*年(?!度)(?:\s*{_MONTH})?|(?:每年|当年|本年)?\s*{_MONTH})"
    r"(?:年?[底末])?"
)
_BEFORE = r"(?:前|以前|之前)"
# A date ending the line, before which or not: 2024年12月底前, 2024年6月30日.
_DATE_END = re.compile(rf"(?<!\d){_WHEN}{_BEFORE}?$")
# Words of a trend ending the line: 稳步提高, 持续改善, 巩固提高, 有所提升.
_TREND_END = re.compile(
    r"(?:(?:稳步|持续|逐步|有所|明显|进一步|不断|显著|大幅|全面|基本|有效)?"
    r"(?:提高|提升|改善|增强|增加|增长|降低|减少|下降|巩固|完善|加强|好转|优化)){1,2}$"
)


def glued(lines: Iterable[str], run_on: bool = False) -> Grid:
    """The rows of `lines` cut at labels, headings and targets; the cuts it is unsure of are
    noted in the grid's `doubts` as its rows are read. `run_on`: whole forms run on over lines
    broken anywhere (`runs_on`)."""
    doubts: dict[int, list[Text]] = {}
    return Grid(_rows(lines, doubts, run_on), LAYOUT, doubts=doubts)


def looks_glued(lines: Iterable[str]) -> bool:
    """Whether a line is an indicator table's head with nothing between its columns
    (`一级指标二级指标三级指标指标值`), alone or with the rest of a form run on around it: no other
    layout prints one so."""
    for line in lines:
        body = line.strip()
        if body.count("指标") >= 2 and len(body) <= L.LONGEST_LABEL and not _SPACES.search(body):
            found = _all_labels(body)
            if found and len(found) >= 3 and sum(map(_in_table_head, found)) >= 2:
                return True
    return False


def runs_on(lines: Iterable[str]) -> bool:
    """Whether a line holds the head of an indicator table with nothing between its columns and
    more of a form besides (`项目名称…一级指标二级指标三级指标指标值产出指标…`): whole forms run on.
    A line of labels alone (`绩效指标一级指标二级指标指标内容指标值`) is a head a line (`looks_glued`),
    however short the form run on is."""
    return any(
        _may_hold_head(body) and _runs_on(body) and _all_labels(body) is None
        for body in map(str.strip, lines)
    )


def _may_hold_head(body: str) -> bool:
    """Whether a line may hold a head's columns: they have 指标 but for a few (山东's 一级二级)."""
    return "指标" in body or any(h in body for h in L.UNMARKED_TABLE_HEADS)


def _rows(
    lines: Iterable[str], doubts: dict[int, list[Text]], run_on: bool
) -> Iterator[list[Cell]]:
    in_table = False
    words: tuple[str, ...] = ()  # the words a column of the table's head holds (`_column_words`)
    row: list[Cell] | None = None  # the row read last, held for a bracket that ends its cell
    numbered = _run_on_lines(lines, doubts) if run_on else _numbered(lines)
    for number, body in numbered:
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
        elif in_table and not opens and not _table_head().fullmatch(body):
            cells.extend(Cell(text, number) for text in _indicator(body, number, doubts, words))
        else:
            for piece in _pieces(body):
                labels = _all_labels(piece)
                if labels is not None:
                    cells.extend(Cell(text, number) for text in labels)
                    if any(_in_table_head(text) for text in labels):
                        in_table, words = True, _column_words(piece)
                else:
                    cells.extend(Cell(text, number) for text in _head(piece))
        if opens:
            in_table = any(_in_table_head(c.text) for c in cells)
        row = cells or None
    if row:
        yield row


# A whole form on one line -------------------------------------------------------------------


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    return ((number, body) for number, body in _all_numbered(lines) if body)


def _run_on_lines(lines: Iterable[str], doubts: dict[int, list[Text]]) -> Iterator[tuple[int, str]]:
    """The lines of a document of run-on forms as the lines they would have had, a row each
    (`_unrun`), each with the number of the line it starts on. A line that starts with no label,
    title or heading is the text of the one before, broken where the page was wrapped
    (`甘财科` | `[2022]78号`): it is read with it; a blank line ends a run."""
    held: tuple[int, str] | None = None  # a run of text, and the line it starts on
    for number, body in _all_numbered(lines):
        if held is not None and body and not _starts_row(body):
            held = (held[0], held[1] + body)
            continue
        if held is not None:
            yield from _unrun(held[1], held[0], doubts)
        held = (number, body) if body else None
    if held is not None:
        yield from _unrun(held[1], held[0], doubts)


def _all_numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(lines, 1):
        yield number, line.strip(" \t\u3000\r")


def _runs_on(body: str) -> bool:
    """Whether a line holds the head of an indicator table with nothing between its columns
    and other text besides: more than one row of a form."""
    head = _table_head().search(body)
    return head is not None and (head.start() > 0 or head.end() < len(body))


def _starts_row(body: str) -> bool:
    """Whether a line starts with what starts a row: a label, a form's title, a heading."""
    return (
        next(_label_ends(body, 0), None) is not None
        or _cuts().match(body) is not None
        or _heading_at(body, 1) is not None
        or _heading_at(body, 2) is not None
    )


@cache
def _table_head() -> re.Pattern[str]:
    """The head of an indicator table with nothing between its columns: two column labels or
    more in a row (`一级指标二级指标三级指标指标值`), each with its block's period in brackets if
    any (`二级指标(长期)`), the label of the table before them if any."""
    columns = _alternation((*L.LEVEL_COLUMNS, *L.VALUE_COLUMNS))
    sections = _alternation(L.INDICATOR_SECTION)
    period = r"(?:[（(][^（()）]{1,6}[）)])?"  # a side-by-side block's column: 指标值(年度)
    return re.compile(f"(?:{sections})?(?:(?:{columns}){period}){{2,}}")


@cache
def _titles() -> str:
    """Every template's form title, with its year in brackets if written: a pattern."""
    from jixiao.templates import templates

    titles = _alternation(t for template in templates().values() for t in template.titles)
    return f"(?P<title>(?:{titles})(?:\\s*[（(]\\s*\\d{{4}}\\s*年度?\\s*[）)])?)"


@cache
def _openers() -> re.Pattern[str]:
    """What ends a run-on indicator table: a title or the label of the project's name, which
    open the next form, or a template's footnote marker (`注：`, `财政部门审核意见`) or what ends
    every form's table (`填表人`, `附件：`: `labels.TABLE_ENDS`), its colon ASCII or full-width."""
    from jixiao.templates import templates

    markers = {*(n for template in templates().values() for n in template.footnotes), *L.TABLE_ENDS}
    notes = _alternation({*markers, *(m[:-1] + "：" for m in markers if m.endswith(":"))})
    return re.compile(f"{_titles()}|{_alternation(L.NAME_LABELS)}|(?<!备){notes}")


@cache
def _cuts() -> re.Pattern[str]:
    """Where a run-on head is cut: at a form's title, and at the label of a field, an amount, a
    goal or a section, four characters or more (a leading 其中 with it), never inside a title (a
    label followed closely by 表)."""
    words = (
        *L.FIELDS, *L.FUNDS, *L.FUNDS_SECTION, *L.GOALS_SECTION, *L.OVERALL_GOAL,
        *L.ANNUAL_GOAL, *L.UNREAD,
    )  # fmt: skip
    labels = _alternation(k for k in words if len(k) >= 4)
    return re.compile(f"{_titles()}|(?:其中\\s*[:：]?\\s*)?(?:{labels})(?![^表。，,；;]{{0,3}}表)")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _unrun(body: str, number: int, doubts: dict[int, list[Text]]) -> Iterator[tuple[int, str]]:
    """A run-on line as the lines it would have had: its head cut at titles and labels, its
    indicator table cut at the headings and after each target (`_table_rows`)."""
    at = 0
    head = _table_head().search(body)
    while at < len(body):
        end = head.start() if head else len(body)
        yield from ((number, piece) for piece in _head_lines(body[at:end]))
        if head is None:
            return
        yield number, head.group()
        # a new form ends the table, or the head of the next table (长期绩效指标 | 年度绩效指标),
        # which is the next head wherever the table ends
        opener = _openers().search(body, head.end())
        following = _table_head().search(body, head.end())
        at = min((m.start() for m in (opener, following) if m), default=len(body))
        ends = _column_words(head.group())
        for line in _table_rows(body[head.end() : at], number, doubts, ends):
            yield number, line
        head = following


def _head_lines(text: str) -> Iterator[str]:
    """The head of a run-on form, cut before each title and label, never inside brackets (an
    amount's remark: `6923.3552万元(其中:上级财政资金:6923.3552万元;…)`)."""
    start = 0
    for cut in _cuts().finditer(text):
        if _in_brackets(text, cut.start()):
            continue
        if cut.start() > start:
            yield text[start : cut.start()]
            start = cut.start()
        if cut.group("title"):  # a title is a line of its own
            yield cut.group()
            start = cut.end()
    if start < len(text):
        yield text[start:]


@cache
def _strong_headings() -> re.Pattern[str]:
    """The headings of the indicator table that end with 指标 (`产出指标`, `社会效益指标`): those
    a run-on table is cut at. A heading without it (`数量`) is a word a name may hold."""
    words = [h for level in (1, 2) for h in _headings(level) if h.endswith(("指标", "值"))]
    return re.compile(f"(?:{_alternation(words)})+")


_UNIT_WORDS = (
    "百分比", "个百分点", "个工作日", "工作日", "个月", "小时", "分钟", "人次", "万人次", "万元",
    "亿元", "元", "平方米", "平方公里", "立方米", "公里", "千米", "米", "公顷", "亩", "公斤",
    "千克", "吨", "天", "日", "周", "月", "年", "人", "次", "个", "件", "项", "户", "家", "场",
    "台", "套", "篇", "份", "期", "所", "座", "名", "批", "条", "处", "分", "本", "册", "辆",
)  # fmt: skip
_UNIT = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))
# A target inside a run-on row: a comparison and its figure with a unit (`≥3所`, `≤475元/亩`), a
# percentage, or a date before which (`2024年12月底前`, `每年12月底前`, `2025年年底前`).
_TARGET_IN = re.compile(
    rf"(?P<sign>{_COMPARISON.pattern})\s*\d[\d,]*(?:\.\d+)?\s*"
    rf"(?P<unit>%|％|‰|(?:{_UNIT})(?:/(?:{_UNIT}))?|[A-Za-z]{{1,3}}(?![A-Za-z]))?"
    r"|(?<![\d.,])\d[\d,]*(?:\.\d+)?\s*(?:%|％|‰)"
    rf"|(?P<date>(?<!\d){_WHEN}{_BEFORE})"
)
_NO_ROW_START = frozenset(",，、;；:：.。)）")  # what the text after a row's end never starts with
_TAIL = 4  # characters after a run-on table's last target kept with it (`以上`); more is page text


def _table_rows(
    text: str, number: int, doubts: dict[int, list[Text]], ends: tuple[str, ...]
) -> Iterator[str]:
    """A run-on indicator table as a line per row: cut before each heading that ends with 指标,
    and between the rows under one heading after each target (a comparison and its figure, a
    percentage, a date before which) or after a word of a column of the head that holds only
    such words (`ends`: a 绩效标准 column's 计划标准). A cut after a unit in words or a date is
    uncertain, and said in `doubts`; text after the last target that has none of its own is kept
    with it."""
    start = 0
    for heading in _strong_headings().finditer(text):
        if heading.start() > start:
            yield from _group_rows(text[start : heading.start()], number, doubts, ends)
        start = heading.start()
    if start < len(text):
        yield from _group_rows(text[start:], number, doubts, ends)


def _group_rows(
    text: str, number: int, doubts: dict[int, list[Text]], ends: tuple[str, ...]
) -> Iterator[str]:
    """The rows under one heading: the headings and the first row's name and target, then a
    line for each other row."""
    headings = _strong_headings().match(text)
    lead = headings.end() if headings else 0
    rows: list[str] = []
    start = lead
    sure = True
    for cut in _row_ends(text, lead, ends):
        if cut.start() <= start:
            continue  # no name before it
        if cut.re is _TARGET_IN and (
            _in_brackets(text, cut.start())
            or _comparison(text[cut.end() : cut.end() + 1]) == 0
            or any(text.startswith(word, cut.end()) for word in ends)
        ):
            continue  # a name's (in brackets, a target right after it), or its column's word's
        if not sure:
            _doubt_cut(doubts, number, text[start : cut.end()])
        rows.append(text[start : cut.end()])
        start = cut.end()
        sure = cut.re is not _TARGET_IN or (
            not cut.group("date") and cut.group("unit") in (None, "%", "％", "‰")
        )
        if text[start : start + 1] in _NO_ROW_START:  # `返本20%,分红按8%`: the row goes on
            _doubt_cut(doubts, number, rows[-1])
            sure = False
    rest = text[start:]
    if rest and rows and len(rest) <= _TAIL and _name_and_target(rest)[1] is None:
        rows[-1] += rest  # no target of its own: the end of the last one (`以上`)
        _doubt_cut(doubts, number, rows[-1])
    elif rest:
        rows.append(rest)  # a row of its own, or page text: `_indicator` tells
    if not rows:
        yield text
        return
    rows[0] = text[:lead] + rows[0]
    yield from rows


def _row_ends(text: str, lead: int, ends: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """Where rows of a run-on table may end, in order: its targets, and the words of a column
    that holds only such words."""
    found = list(_TARGET_IN.finditer(text, lead))
    if ends:
        found += _words(ends).finditer(text, lead)
        found.sort(key=lambda m: m.start())
    return iter(found)


@cache
def _words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_alternation(words))


def _column_words(head: str) -> tuple[str, ...]:
    """The words of the columns named in a table's head that hold only such words
    (`COLUMN_WORDS`: a 绩效标准 column's 计划标准, 行业标准 …)."""
    return tuple(word for column, words in COLUMN_WORDS.items() if column in head for word in words)


def _doubt_cut(doubts: dict[int, list[Text]], number: int, row: str) -> None:
    doubts.setdefault(number, []).append(
        Text(
            f"“{row[:30]}”前后没有分隔：按指标值的写法划为一行，请核对",
            f"“{row[:30]}” has nothing around it: cut as one row where the targets end; "
            "please check",
        )
    )


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
    """The headings of a level as a run-on row may start with them, the longest first; each
    written with 指标 also as 值 (山东: 产出值, 数量值; `domain.taxonomy`)."""
    names = (*LEVEL1_NAMES, *LEVEL1_SYNONYMS) if level == 1 else (*LEVEL2_NAMES, *LEVEL2_SYNONYMS)
    names = (*names, *(n.removesuffix("指标") + "值" for n in names if n.endswith("指标")))
    return tuple(sorted({n for n in names if len(n) >= 2}, key=len, reverse=True))


def _heading_at(text: str, level: int) -> str | None:
    for heading in _headings(level):
        if text.startswith(heading):
            return heading
    return None


def _indicator(
    body: str, line: int, doubts: dict[int, list[Text]], words: tuple[str, ...] = ()
) -> list[str]:
    """A line of the indicator table: the headings it starts with, its name and its target, and
    the word of a column of the head that holds only such words (`words`: 计划标准) it ends
    with. A line of headings alone gives them; a line in which no target can be told apart is
    no row of the table (page text under it: 附件, 打印): its text is left out and said in
    `doubts`, its headings kept for the rows under them."""
    cells: list[str] = []
    rest = body
    last = next((w for w in words if body.endswith(w) and len(body) > len(w)), None)
    if last is not None:
        rest = body[: -len(last)]
    for level in (1, 2):
        heading = _heading_at(rest, level)
        if heading is not None:
            cells.append(heading)
            rest = rest[len(heading) :].lstrip(" \t\u3000")
    level2 = heading  # the loop's last
    while level2 is not None and (after := _heading_at(rest, 2)) and after.endswith("指标"):
        # another level-2 heading right after one: the one before has no rows (经济效益指标 |
        # 社会效益指标 …), or is printed again (the central form's 二级指标(长期) | 二级指标(年度), a
        # side-by-side block run together: its row's cells fewer than the head's columns, which
        # the table reader notes); the last is this row's, and the reading is said
        doubts.setdefault(line, []).append(
            Text(
                f"“{level2}”后紧接“{after}”：本行按“{after}”读取，请核对",
                f"“{level2}” is followed right away by “{after}”: the row is read under "
                f"“{after}”; please check",
            )
        )
        cells[-1] = level2 = after
        rest = rest[len(after) :].lstrip(" \t\u3000")
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
        return cells
    if not sure:
        doubts.setdefault(line, []).append(
            Text(
                f"“{body[:30]}”中没有分隔：按写法分为指标“{name[:20]}”和指标值“{target}”，请核对",
                f"“{body[:30]}” has no separator: read as the indicator “{name[:20]}” with "
                f"the target “{target}”; please check",
            )
        )
    return [*cells, name, target, *([last] if last else [])]


def _name_and_target(text: str) -> tuple[str, str | None, bool]:
    """(name, target, whether the cut is certain): at a comparison, a number ending the text,
    or a trend ending it; (text, None, False) when none stands after a name."""
    sign = _comparison(text)
    if sign is not None and sign > 0:
        return _apart(text, sign, True)
    date = periods.PERIOD_END.search(text) or _DATE_END.search(text)
    if date is not None and date.start() > 0:
        return _apart(text, date.start(), False)
    number = _NUMBER_END.search(text)
    if number is not None and number.start() > 0:
        return _apart(text, number.start(), number.group(2) in (None, "%", "％", "‰"))
    trend = _TREND_END.search(text)
    if trend is not None and trend.start() > 0:
        return _apart(text, trend.start(), False)
    return text, None, False


def _comparison(text: str) -> int | None:
    """Where the first comparison outside brackets stands, one before a figure first: one
    inside brackets, or before no figure, is the template's placeholder left in a name
    (`资产入股贫困人口总数(≥**人)`, `受益人口数≥**人>=29人`)."""
    signs = [s for s in _COMPARISON.finditer(text) if not _in_brackets(text, s.start())]
    for sign in signs:
        if _FIGURE.match(text, sign.end()):
            return sign.start()
    return signs[0].start() if signs else None


_FIGURE = re.compile(r"[=\s]*[\d.]")


def _in_brackets(text: str, at: int) -> bool:
    opened = sum(text.count(c, 0, at) for c in "（(")
    return opened > sum(text.count(c, 0, at) for c in "）)")


def _apart(text: str, at: int, sure: bool) -> tuple[str, str | None, bool]:
    name = text[:at].rstrip(" \t\u3000")
    return (name, text[at:], sure) if name else (text, None, False)
