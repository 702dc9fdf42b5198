"""text.W001, text.W002 (text_brackets), text.W003 (text_markup), text.I004 (text_space)."""

from dataclasses import replace

import pytest
from tests.review.conftest import clean_batch, clean_form, run, where, with_indicator

from jixiao.domain.form import Note
from jixiao.exporters.review_html import render_html
from jixiao.exporters.review_text import render_text
from jixiao.review import review_form, review_forms, to_json

RULES = ("text.W001", "text.W002", "text.W003", "text.I004")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_an_unclosed_bracket_in_the_unit():
    form = clean_form().with_changes(implementing_unit="上海市松江区科技创新服务中心（大数据中心")
    found = run("text.W001", form)
    assert where(found) == [("text.W001", "implementing_unit", None)]
    assert "（" in found[0].message.zh


def test_it_finds_a_lone_opening_quote_in_the_goal_once_when_both_goals_say_it():
    goal = '"建设政务云平台，完成迁移系统20个。'
    found = run("text.W001", clean_form().with_changes(overall_goal=goal, annual_goal=goal))
    assert where(found) == [("text.W001", "annual_goal", None)]


@pytest.mark.parametrize("char", ['"', "“"])
def test_a_stray_quote_in_the_goal_is_a_note_elsewhere_a_warning(char):
    goal = f"{char}建设政务云平台，完成迁移系统20个。"
    form = clean_form().with_changes(
        overall_goal=goal, annual_goal=goal, implementing_unit=f"{char}上海市松江区科学技术委员会"
    )
    found = run("text.W001", form)
    assert [(f.location.field, f.severity.value, f.basis.setting) for f in found] == [
        ("implementing_unit", "warning", None),
        ("annual_goal", "info", "text.quote_note_fields"),
    ]


def test_it_does_not_take_list_numbers_for_brackets():
    goal = "1）完成评估报告2份。2）完成需求清单1份。"
    assert run("text.W001", clean_form().with_changes(annual_goal=goal, overall_goal=goal)) == []


def test_it_reports_a_closing_bracket_left_after_the_goal():
    goal = "审核合同40件，每件800元）。"
    found = run("text.W001", clean_form().with_changes(annual_goal=goal, overall_goal=goal))
    assert [f.basis.text for f in found] == ["…件，每件800元）。"]  # the text around the mark
    assert found[0].severity.value == "warning"  # a lone bracket in a goal stays a warning
    assert "“）”" in found[0].message.zh


def test_it_reports_a_value_made_only_of_punctuation_not_as_unbalanced():
    form = clean_form().with_changes(supervising_department="）")
    assert where(run("text.W002", form)) == [("text.W002", "supervising_department", None)]
    assert run("text.W001", form) == []


def test_what_the_importer_cleaned_is_an_import_note_not_a_finding():
    form = clean_form()
    line = form.line_of("implementing_unit")
    notes = (
        Note("markup-removed", "已删除文字处理软件标记 [bookmark: _GoBack]", line),
        Note("whitespace-trimmed", "已删除“上海市松江区科学技术委员会”首尾的全角空格", line),
    )
    review = review_form(form.with_changes(notes=notes))
    assert review.findings == ()
    assert review.import_notes == notes
    assert review.score == review_form(form).score


def test_import_notes_are_said_in_every_format():
    note = Note("markup-removed", "已删除文字处理软件标记 [bookmark: _GoBack]", 14)
    batch = clean_batch()
    batch = replace(batch, forms=(batch.forms[0].with_changes(notes=(note,)),))
    report = review_forms(batch.forms)
    assert "导入说明  已删除文字处理软件标记 [bookmark: _GoBack]（第 14 行）" in render_text(report)
    assert to_json(report)["forms"][0]["import_notes"] == [
        {"code": "markup-removed", "message": note.message, "line": 14}
    ]
    assert "导入说明" in render_html(report, batch)


def test_the_seed_markup_and_white_space_are_import_notes(seed_review):
    notes = [n.message for r in seed_review.forms for n in r.import_notes]
    assert "已删除文字处理软件标记 [bookmark: _GoBack]" in notes
    assert not [f for r in seed_review.forms for f in r.findings if f.rule == "text.W003"]


def test_it_finds_markup_the_importer_did_not_know():
    form = with_indicator(clean_form(), 1, name="项目验收数<w:t>")
    assert where(run("text.W003", form)) == [("text.W003", "indicators", 1)]


def test_it_notes_a_space_inside_an_indicator_name():
    form = with_indicator(clean_form(), 0, name="终止、 撤销项目数")
    found = run("text.I004", form)
    assert where(found) == [("text.I004", "indicators", 0)]
    assert found[0].severity.value == "info"
