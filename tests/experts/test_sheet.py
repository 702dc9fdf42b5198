"""The expert score sheet (jixiao.experts.sheet) and the weights of the criteria it reads from
the rules file (jixiao.review.criteria, checked by load_settings)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.errors import InputError
from jixiao.experts import sheet
from jixiao.review import load_settings

SETTINGS = load_settings()


def test_the_sheet_has_the_four_criteria_of_the_rules_file_with_25_points_each():
    lines = sheet.lines(SETTINGS)
    assert [ln.criterion.name for ln in lines] == ["完整性", "相关性", "适当性", "可行性"]
    assert [ln.criterion.english for ln in lines] == [
        "Completeness",
        "Relevance",
        "Appropriateness",
        "Feasibility",
    ]
    assert [ln.weight for ln in lines] == [Decimal(25)] * 4
    assert all(ln.criterion.checks.zh and ln.criterion.checks.en for ln in lines)


def test_a_worked_sheet_sums_its_scores_and_takes_the_grade_of_the_review():
    typed = {
        "completeness": "22.5",
        "relevance": " 20 ",
        "appropriateness": "18.125",
        "feasibility": "24",
    }
    read = sheet.read_sheet(typed, {"relevance": "指标未量化"}, SETTINGS)
    assert read.scores["appropriateness"] == Decimal("18.13")  # two places, half up
    assert read.total == Decimal("84.63") and read.complete
    assert sheet.grade(read.total, SETTINGS) == "良"
    assert sheet.grade(Decimal("90.00"), SETTINGS) == "优"
    assert sheet.grade(Decimal("59.99"), SETTINGS) == "差"
    assert read.comments == {
        "completeness": "",
        "relevance": "指标未量化",
        "appropriateness": "",
        "feasibility": "",
    }


def test_a_draft_sheet_may_leave_scores_blank():
    read = sheet.read_sheet({"completeness": "10"}, {}, SETTINGS)
    assert not read.complete and read.total == Decimal("10.00")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("25.01", "应在 0 到 25 之间"),
        ("-0.5", "应在 0 到 25 之间"),
        ("abc", "“abc”不是数字"),
        ("NaN", "不是数字"),
        ("Infinity", "不是数字"),
        ("1" * 30, "不是数字"),
    ],
)
def test_a_bad_score_is_refused_naming_its_criterion(typed, says):
    with pytest.raises(InputError) as raised:
        sheet.read_sheet({"relevance": typed}, {}, SETTINGS)
    assert raised.value.field == "relevance"
    assert "相关性的评分" in str(raised.value) and says in str(raised.value)


@given(st.decimals(min_value=-50, max_value=50, places=3))
def test_a_score_is_kept_only_when_from_0_to_the_weight(value):
    line = sheet.lines(SETTINGS)[0]
    if 0 <= value <= line.weight:
        kept = sheet.read_score(str(value), line)
        assert (
            kept is not None and 0 <= kept <= line.weight and abs(kept - value) <= Decimal("0.005")
        )
    else:
        with pytest.raises(InputError):
            sheet.read_score(str(value), line)


def _settings_file(tmp_path, weights: str):
    path = tmp_path / "rules.toml"
    path.write_text(f"[criteria]\nweights = {{ {weights} }}\n", encoding="utf-8")
    return str(path)


def test_weights_that_add_up_to_100_are_read_from_the_rules_file(tmp_path):
    path = _settings_file(tmp_path, '"完整性" = 40, "相关性" = 20, "适当性" = 20, "可行性" = 20')
    lines = sheet.lines(load_settings(path))
    assert [ln.weight for ln in lines] == [40, 20, 20, 20]
    with pytest.raises(InputError, match="应在 0 到 20 之间"):
        sheet.read_score("21", lines[1])


@pytest.mark.parametrize(
    ("weights", "says"),
    [
        (
            '"完整性" = 30, "相关性" = 25, "适当性" = 25, "可行性" = 25',
            "合计应为 100，实际合计 105",
        ),
        ('"完整性" = 110, "相关性" = -10, "适当性" = 0, "可行性" = 0', "不得为负"),
        # a file is merged over the bundled one: the two left out keep their 25
        ('"完整性" = 50, "相关性" = 50', "实际合计 150"),
        (
            '"效益性" = 0',
            "应恰好列出四项准则（完整性、相关性、适当性、可行性），实际为：完整性、相关性、适当性、可行性、效益性",
        ),
    ],
)
def test_weights_that_do_not_fit_are_refused_when_the_settings_are_read(tmp_path, weights, says):
    path = _settings_file(tmp_path, weights)
    with pytest.raises(InputError) as raised:
        load_settings(path)
    assert says in str(raised.value) and raised.value.path == path
    assert raised.value.field == "criteria.weights"
