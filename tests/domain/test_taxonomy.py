"""The taxonomy: both schemes and the synonyms real forms use."""

from __future__ import annotations

import pytest

from jixiao.domain.taxonomy import (
    CLASSIC,
    MOF2021,
    canonical_level1,
    canonical_level2,
    level1_of_level2,
)


@pytest.mark.parametrize(
    "written,canonical",
    [
        ("环境效益指标", "生态效益指标"),
        ("社会公众或服务对象满意度指标", "服务对象满意度指标"),
        ("进度指标", "时效指标"),
        ("数量", "数量指标"),
        ("社会 效益指标", "社会效益指标"),
    ],
)
def test_synonyms_map_to_the_scheme(written: str, canonical: str) -> None:
    assert canonical_level2(written) == canonical


def test_level1_names_and_the_effect_heading() -> None:
    assert canonical_level1("产出") == "产出指标"
    assert canonical_level1("效果指标") == "效果指标"
    assert canonical_level1("信息化程度") is None


def test_cost_is_under_output_in_the_classic_scheme_and_level1_in_2021() -> None:
    assert level1_of_level2("成本指标", CLASSIC) == "产出指标"
    assert "成本指标" in MOF2021.headings
    assert level1_of_level2("经济成本指标", MOF2021) == "成本指标"
    assert level1_of_level2("进度指标") == "产出指标"


@pytest.mark.parametrize(
    ("written", "level1", "level2"),
    [
        ("产出值", "产出指标", None),
        ("效益值", "效益指标", None),
        ("数量值", None, "数量指标"),
        ("经济效益值", None, "经济效益指标"),
        ("可持续影响值", None, "可持续影响指标"),
        (
            "成本值",
            "成本指标",
            "成本指标",
        ),  # a level 1 in the 2021 scheme, a level 2 in the classic
        ("产值", None, None),  # 值 for 指标 only where 指标 would make a heading
        ("年度数值", None, None),
    ],
)
def test_a_heading_written_with_zhi_for_zhibiao_is_that_heading(written, level1, level2) -> None:
    # 山东's forms: 产出值 | 数量值 | 小学就读人数 (docs/domain.md)
    assert (canonical_level1(written), canonical_level2(written)) == (level1, level2)


@pytest.mark.parametrize(
    ("written", "level2"),
    [
        ("成本指标(必填硬性指标)", "成本指标"),
        ("时效指标（必填）", "时效指标"),
        ("服务对象满意度指标(必填)", "服务对象满意度指标"),
        ("时效指标(工期指标、形象进度指标)", "时效指标"),
        ("满意度(≥90%)", None),  # a remark after no 指标: a name, not a heading
    ],
)
def test_a_heading_with_a_remark_in_brackets_is_that_heading(written, level2) -> None:
    assert canonical_level2(written) == level2
