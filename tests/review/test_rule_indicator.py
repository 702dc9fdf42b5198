"""indicator.W001 and indicator.W002 (duplicate_indicator)."""

from dataclasses import replace

from tests.review.conftest import SEED, add_indicator, clean_form, run, where

from jixiao.domain.form import Note
from jixiao.importers import read_path
from jixiao.review import review_form


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("indicator.W001", form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_the_same_name_twice_in_a_form():
    form = add_indicator(clean_form(), "效益指标", "社会效益指标", "验收合格率", ">=95%")
    found = run("indicator.W001", form)
    assert where(found) == [("indicator.W001", "indicators", 8)]
    assert "第 3 个指标" in found[0].message.zh


def test_names_differing_only_by_white_space_are_the_same():
    form = add_indicator(clean_form(), "产出指标", "数量指标", "项目 验收数", "=30个")
    assert where(run("indicator.W001", form)) == [("indicator.W001", "indicators", 8)]


def _filed_twice(form, indexes):
    """The form as the importer gives a document listing these rows twice, word for word."""
    rows, notes = list(form.indicators), []
    for i in indexes:
        first = rows[i].line
        rows[i] = replace(rows[i], source_lines=(first, first + 1000))
        notes.append(
            Note(
                "duplicate-row-merged", f"与第 {first} 行完全相同的指标行已合并为一行", first + 1000
            )
        )
    return form.with_changes(indicators=tuple(rows), notes=tuple(notes))


def test_rows_filed_twice_are_one_finding_naming_them_and_their_lines():
    form = clean_form()
    spoilt = _filed_twice(form, [0, 2])
    [found] = run("indicator.W002", spoilt)
    assert where([found]) == [("indicator.W002", "indicators", None)]
    first, third = form.indicators[0], form.indicators[2]
    assert f"“{first.name}”（第 {first.line}、{first.line + 1000} 行）" in found.message.zh
    assert f"“{third.name}”（第 {third.line}、{third.line + 1000} 行）" in found.message.zh
    assert found.message.zh.startswith("2 个指标行")
    assert run("indicator.W002", form) == []


def test_rows_edited_away_since_are_not_reported():
    spoilt = _filed_twice(clean_form(), [0])
    edited = spoilt.with_changes(indicators=spoilt.indicators[1:])
    assert run("indicator.W002", edited) == []


def test_twelve_seed_forms_list_every_row_twice():
    forms = read_path(SEED).forms
    reported = [f.seq for f in forms if run("indicator.W002", f)]
    assert reported == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15]
    [form_1] = run("indicator.W002", forms[0])
    assert form_1.message.zh.startswith(
        "11 个指标行在表中重复填写：“建立30亩标准智能温室生态种植大棚”（第 64、70 行）"
    )
    assert "公众满意度”（第 184、190 行）" in form_1.basis.text


def test_the_repetition_does_not_change_the_score():
    form = clean_form()
    assert review_form(_filed_twice(form, [0, 1, 2])).score == review_form(form).score
