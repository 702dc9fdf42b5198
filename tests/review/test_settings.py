"""Settings: the bundled file, a file over it, rule sets by year and region, bad files."""

from dataclasses import replace
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form

from jixiao.errors import InputError
from jixiao.review import load_settings, review_form


def test_the_default_settings_hold_the_grade_bands_of_the_domain():
    settings = load_settings()
    assert [(int(low), g) for low, g in settings.grade_bands] == [
        (90, "优"),
        (80, "良"),
        (60, "中"),
        (0, "差"),
    ]
    assert settings.name == "default"


def test_a_file_changes_only_what_it_says(tmp_path):
    path = tmp_path / "district.toml"
    path.write_text("[thresholds]\ngoal_min_chars = 30\n", encoding="utf-8")
    settings = load_settings(str(path))
    assert settings.get("thresholds.goal_min_chars") == 30
    assert settings.get("thresholds.satisfaction_max_percent") == 95
    assert settings.name == str(path)


def test_the_2021_scheme_ruleset_applies_from_2022_and_requires_a_cost_indicator():
    assert load_settings(budget_year=2021).get("scheme") == "classic"
    settings = load_settings(budget_year=2022)
    assert settings.name == "default+mof2021"
    form = clean_form("exhibition")
    half_a_million = replace(
        form.funds,
        **{
            k: Decimal(500000)
            for k in ("project_total", "project_fiscal", "annual_request", "annual_appropriation")
        },
    )
    form = form.with_changes(
        funds=half_a_million,  # below the funds that call for a cost indicator in any scheme
        indicators=tuple(i for i in form.indicators if i.level2 != "成本指标"),
    )
    assert [f.rule for f in review_form(form, settings).findings] == ["coverage.W001"]


def test_a_region_ruleset_is_data(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        '[rulesets.pudong]\nregion = "pudong"\n[rulesets.pudong.thresholds]\n'
        "satisfaction_max_percent = 100\n",
        encoding="utf-8",
    )
    assert (
        load_settings(str(path), region="pudong").get("thresholds.satisfaction_max_percent") == 100
    )
    assert (
        load_settings(str(path), region="jinshan").get("thresholds.satisfaction_max_percent") == 95
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [("grades = [", "不是有效的 TOML"), (None, "审核设置文件不存在")],
)
def test_a_bad_settings_file_says_what_and_where(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_settings(str(path))
    assert str(path) in str(info.value)


def test_settings_missing_a_table_are_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("grades = 1\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_settings(str(path))


def test_settings_with_a_bad_value_are_refused(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[thresholds]\ngoal_min_chars = "many"\n', encoding="utf-8")
    with pytest.raises(InputError, match="无效"):
        load_settings(str(path))
