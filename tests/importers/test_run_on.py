"""Whole forms run on one line with nothing between anything (issue 15: "forms flattened to one
line with no separators are read as far as labels allow, and what is uncertain is noted, never
guessed silently"; docs/templates.md, *Inputs*)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import InputError
from jixiao.importers import read_bytes, read_path
from jixiao.importers.grid import detect
from jixiao.review import review_form

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QINGSHAN = FIXTURES / "templates/wuhan-district/qingshan-2021-rural-schools"
NANYUE = FIXTURES / "templates/hunan-county/nanyue-2018-tourism"
JIAYUGUAN = FIXTURES / "run_on/jiayuguan-2023-museum-ocr.txt"
NINGXIANG = FIXTURES / "run_on/ningxiang-2021-infrastructure.txt"
SPACE = re.compile(r"[\s|]+")


def expected(stem: Path) -> dict:
    return json.loads(stem.with_name(stem.name + ".expected.json").read_text("utf-8"))["forms"][0]


def rows(form) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target) for i in form.indicators]


def wanted_rows(wanted: dict) -> list[tuple]:
    # a flat list's rows (重庆) have no headings: None as read
    return [
        tuple(c if c is None else SPACE.sub("", c) for c in row[:4]) for row in wanted["indicators"]
    ]


def run_together_targets(wanted: dict) -> list[tuple]:
    """Rows whose sign and unit stand in columns of their own (指标性质 | 指标值 | 度量单位): run
    together, `≥`, `95` and `%` are one target, `≥95%`, as a form of one column writes it."""
    out = []
    for row in wanted["indicators"]:
        extra = row[5] if len(row) > 5 else {}
        if extra.get("指标性质") or extra.get("度量单位"):
            target = extra.get("指标性质", "") + row[3] + extra.get("度量单位", "")
            out.append((*(c if c is None else SPACE.sub("", c) for c in row[:3]), target))
    return out


def test_a_published_form_joined_on_one_line_reads_as_it_did_a_row_a_line() -> None:
    # The Wuhan page keeps a row a line with nothing between its cells; the same text with its
    # form's lines joined (title to last row) is one line holding everything.
    lines = QINGSHAN.with_suffix(".txt").read_text("utf-8").split("\n")
    last = next(k for k, line in enumerate(lines) if line.startswith("学校满意度"))
    first = max(k for k, line in enumerate(lines[:last]) if line.strip() == "绩效目标表")
    joined = "".join(line.strip() for line in lines[first : last + 1])
    text = "\n".join([*lines[:first], joined, *lines[last + 1 :]])
    assert detect(text.split("\n")).layout == "glued"
    (form,) = read_bytes(text.encode("utf-8"), "one-line.txt").forms
    wanted = expected(QINGSHAN)
    assert form.template is not None and form.template.id == "wuhan-district"
    assert form.project_name == wanted["project_name"]
    assert form.supervising_department == "青山区教育局"
    assert form.implementing_unit == "化工区学校"
    assert {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v} == {
        k: Decimal(v) for k, v in wanted["funds_yuan"].items()
    }
    assert form.annual_goal == wanted["annual_goal"]
    assert rows(form) == wanted_rows(wanted)
    doubts = [n.message for n in form.notes if n.code == "cut-uncertain"]
    assert any("稳步提高" in d for d in doubts)  # the trend cut from its name, said
    assert any("附件" in d and "未作为指标导入" in d for d in doubts)  # page text, left out


def test_the_review_shows_the_doubtful_cuts_as_import_notes_not_findings() -> None:
    # the reviewer reads the rows the importer was unsure of beside the review; they are not
    # the unit's writing, so no finding and no point comes of them
    form = read_path(QINGSHAN.with_suffix(".txt")).forms[0]
    review = review_form(form)
    shown = [n for n in review.import_notes if n.code == "cut-uncertain"]
    assert shown and {n.message for n in shown} <= {
        n.message for n in form.notes if n.code == "cut-uncertain"
    }
    assert any("稳步提高" in n.message for n in shown)
    assert review_form(form.with_changes(notes=())).score == review.score


def test_a_published_form_with_every_separator_dropped_keeps_its_rows() -> None:
    # The Nanyue page with every space and line break of its form removed: names with the
    # template's placeholder in brackets (`(≥**个)`), a percentage in a name right before the
    # target (`达标率100%>=98%`), units per unit (`元/亩`).
    lines = NANYUE.with_suffix(".txt").read_text("utf-8").split("\n")
    text = lines[0] + "\n" + "".join(SPACE.sub("", line) for line in lines[1:])
    (form,) = read_bytes(text.encode("utf-8"), "flat.txt").forms
    wanted = expected(NANYUE)
    assert form.project_name == SPACE.sub("", wanted["project_name"])
    assert {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v} == {
        k: Decimal(v) for k, v in wanted["funds_yuan"].items()
    }
    assert rows(form) == wanted_rows(wanted)
    assert ("产出指标", "成本指标", "流转土地补助标准", "<=475元/亩") in rows(form)


def test_an_ocr_copy_of_two_forms_on_one_line_is_read_as_far_as_its_labels_allow() -> None:
    # Gansu's 省级部门预算项目支出绩效目标表 as a document-sharing site keeps it: OCR text, both
    # forms on one line broken where the page wrapped, `=100百分比`, `二100` for `=100`, a
    # `*` inside 一级项目名称, the second form cut in its funds.
    batch = read_path(JIAYUGUAN)
    first, second = batch.forms
    assert [f.template.id for f in batch.forms if f.template] == ["gansu", "gansu"]
    assert first.project_name == "博物馆纪念馆市级免费开放补助资金"
    assert second.project_name == "博物馆提升改造项目"
    # the 二级项目名称 the template prints wins over the 项目名称 the `*` left bare, noted
    assert any(
        n.code == "repeated-field" and "文化事业发展专项资金" in n.message for n in first.notes
    )
    assert first.supervising_department == "嘉峪关市文化和旅游局"
    assert first.implementing_unit == "嘉峪关城市博物馆"
    assert first.annual_goal == "进一步提高博物馆纪念馆运行效率和免费开放服务水平"
    assert {n: first.funds.in_yuan(n) for n, v in first.funds.items() if v} == {
        "project_total": Decimal("200000"),
        "project_other": Decimal("200000"),
        "annual_request": Decimal("200000"),
    }
    # a value wrapped onto the next line is read whole, and a field no form holds is said
    assert any(n.code == "unread-field" and "甘财科[2022]78号" in n.message for n in first.notes)
    got = rows(first)
    for clean in (
        ("产出指标", "数量指标", "免费开放天数", "=300天"),
        ("产出指标", "质量指标", "博物馆绩效考核指标完成率", "=100百分比"),
        ("效益指标", "社会效益指标", "免费开放接待观众人数", "=30000人次"),
    ):
        assert clean in got
    # what the text does not tell apart is noted, never made an indicator silently
    doubts = " ".join(n.message for n in first.notes if n.code == "cut-uncertain")
    for unclear in ("资金使用效率二100百分比", "对当地文物保护", "LJUI", "历史文化传承"):
        assert unclear in doubts
    assert all("LJUI" not in (i.name or "") + (i.target or "") for i in first.indicators)
    # the second form is cut inside its funds: what it has is read, the rest said
    assert second.planned_start is not None and second.planned_start.isoformat() == "2023-01-01"
    assert {n.code for n in second.notes} >= {"bad-amount", "no-indicator-table"}


def test_a_county_form_on_one_line_reads_its_head_and_both_tables() -> None:
    # 宁乡 2021's 项目绩效目标表 (the county 财政支出项目绩效目标申报表) as a document-sharing site
    # keeps it: the whole form on one line, its text damaged, an amount with a remark in
    # brackets that holds labels, a 长期 and a 年度 table whose rows (`数量指标88100`) give no
    # target that can be told apart.
    (form,) = read_path(NINGXIANG).forms
    assert form.template is not None and form.template.id == "project-declaration"
    assert form.project_name == "镇域内基础设施建设"
    assert (form.supervising_department, form.implementing_unit) == ("坝塘镇", "坝塘镇")
    # the labels inside the remark do not cut it: the amount is read, its remark said
    assert form.funds.in_yuan("annual_appropriation") == Decimal("69233552")
    assert form.funds.in_yuan("annual_other") == Decimal("36833970")
    codes = [n.code for n in form.notes]
    assert "amount-remark" in codes
    # the total's label run into the damaged date before it is said, not guessed
    assert any(n.code == "bad-amount" and "10606.7522" in n.message for n in form.notes)
    # 长期目标年度目标 and one text after them: the text is the first goal's, and the second's
    # emptiness is said (the text may hold both)
    assert form.overall_goal is not None and form.overall_goal.startswith("改善镇域内基础设施")
    assert form.annual_goal is None
    assert any(n.code == "cut-uncertain" and "年度目标" in n.message for n in form.notes)
    # both tables are read as tables: each row is said once per table, no head is taken for one
    said = [n.message for n in form.notes if n.code == "cut-uncertain"]
    assert sum("产出指标数量指标88100" in m for m in said) == 2
    assert not any("一级指标" in m or "备注" in m for m in said)
    assert form.indicators == ()


# Templates whose forms print no labels: flattened, nothing tells one part from the next.
LABELLESS = {
    "ningxia": "an indented tree (项目 | 指标值 | 绩效金额): its depths are its only separators",
}
# Templates whose project fields stand in a head over many projects' values (a ledger): flattened,
# no value is beside its label, so none is read, and the rows are read as far as they tell.
HEADED = {
    "sichuan-ledger": "one table of many projects: 项目名称 | 预算数 | 年度目标 head their columns",
}
TEXT_FORMS = sorted(
    p.with_name(p.name.removesuffix(".expected.json") + ".txt")
    for p in (FIXTURES / "templates").glob("*/*.expected.json")
    if p.with_name(p.name.removesuffix(".expected.json") + ".txt").exists()
)


def flattened(path: Path) -> str:
    """The document with every space, bar and line break after its source line removed."""
    lines = path.read_text("utf-8").split("\n")
    return lines[0] + "\n" + "".join(SPACE.sub("", line) for line in lines[1:])


@pytest.mark.parametrize("path", TEXT_FORMS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_published_form_flattened_reads_its_name_and_says_each_doubtful_row(
    path: Path,
) -> None:
    # Every published text form of every template with every separator removed: its name is
    # read, its funds are right or said to be unreadable, and every row read that is not the
    # document's is said (its name in a note of a doubtful cut or of cells missing).
    wanted = expected(path.with_suffix(""))
    if path.parent.name in LABELLESS:
        with pytest.raises(InputError, match="未找到绩效目标表"):  # refused, never guessed
            read_bytes(flattened(path).encode("utf-8"), "flat.txt")
        return
    (form, *_) = read_bytes(flattened(path).encode("utf-8"), "flat.txt").forms
    funds = {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v}
    if path.parent.name in HEADED:  # never a value taken from under another head
        assert (form.project_name, funds) == (None, {})
    else:
        assert form.project_name == SPACE.sub("", wanted["project_name"])
        assert funds == {k: Decimal(v) for k, v in wanted["funds_yuan"].items()} or any(
            n.code == "bad-amount" for n in form.notes
        )
    said = [n.message for n in form.notes if n.code in ("cut-uncertain", "missing-cell")]
    right = wanted_rows(wanted) + run_together_targets(wanted)
    if path.parent.name in HEADED:  # nothing tells where a project's rows end: any project's
        every = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))["forms"]
        right = [r for w in every for r in wanted_rows(w) + run_together_targets(w)]
    wrong = [r for r in rows(form) if r not in right]
    assert all(any(name[:6] in m for m in said) for _, _, name, _ in wrong), wrong


def test_a_hunan_form_flattened_keeps_its_performance_standard_column() -> None:
    # 湘潭 2023's 项目支出绩效目标申报表 with every separator removed: each row ends with its
    # 绩效标准 (计划标准), which ends the row and is kept in its column; a period is a target
    # (`2023.07-2024.01`), a unit in letters too (`≥80M`); the one target in words (优良) is said.
    stem = FIXTURES / "templates/hunan/xiangtan-2023-dust-spraying"
    (form,) = read_bytes(flattened(stem.with_suffix(".txt")).encode("utf-8"), "flat.txt").forms
    wanted = expected(stem)
    got = [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in form.indicators]
    want = [(*row[:4], row[5]) for row in wanted["indicators"]]
    assert got == [row for row in want if row[3] != "优良"]
    assert any(
        n.code == "cut-uncertain" and "服务周期内空气质量优良" in n.message for n in form.notes
    )


def test_a_run_on_table_of_side_by_side_blocks_and_empty_headings() -> None:
    # the head's columns with their block in brackets, a level-2 heading printed again (each
    # block has its own), level-2 headings with no rows: the row is under the last heading
    text = (
        "项目名称某项目年度目标完成某项目一级指标二级指标(长期)三级指标(长期)指标值(长期)"
        "二级指标(年度)三级指标(年度)指标值(年度)产出指标数量指标数量指标培训人数≥90%"
        "效益指标经济效益指标社会效益指标受益人口≥300人"
    )
    (form,) = read_bytes(text.encode("utf-8"), "blocks.txt").forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "数量指标", "培训人数", "≥90%"),
        ("效益指标", "社会效益指标", "受益人口", "≥300人"),
    ]
    # the run-on text cannot say which block a row is of: its missing cells are said
    assert [n.code for n in form.notes].count("missing-cell") == 2


# Property: rows whose targets end where the text says (a comparison with its figure, a
# percentage), joined with nothing between them, read back as the same rows.

NAMES = st.sampled_from(
    ["培训人数", "群众满意度", "资金到位率", "宣传活动场次", "验收合格率", "受益人口", "设备完好率"]
)
TARGETS = st.sampled_from(["≥90%", "=300天", "100%", "≤475元/亩", "≥3所", ">=60000人", "95%"])
GROUPS = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        # a row repeated whole is merged and noted (duplicate-row-merged): names differ in a group
        st.lists(st.tuples(NAMES, TARGETS), min_size=1, max_size=4, unique_by=lambda r: r[0]),
        min_size=1,
        max_size=len(GROUPS),
    )
)
def test_rows_run_on_one_line_read_back_the_same(groups: list[list[tuple[str, str]]]) -> None:
    want = []
    text = "绩效目标表项目名称某项目年度资金总额:20年度目标完成某项目一级指标二级指标三级指标指标值"
    last_level1 = None
    for (level1, level2), group in zip(GROUPS, groups, strict=False):
        text += ("" if level1 == last_level1 else level1) + level2
        last_level1 = level1
        for name, target in group:
            text += name + target
            want.append((level1, level2, name, target))
    (form,) = read_bytes(text.encode("utf-8"), "run-on.txt").forms
    assert form.project_name == "某项目"
    assert form.annual_goal == "完成某项目"
    assert rows(form) == want
