"""Every weight, band and formula variant is a named setting (rules.toml [evaluation] and
[monitoring]); a file given with --settings changes them, and a wrong one is refused clearly."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from jixiao.errors import InputError
from jixiao.evaluation import EvalRow, FundsLine, SelfEvaluation, evaluate, evaluation_settings
from jixiao.evaluation.model import Achievement


def _file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_defaults_are_the_domains() -> None:
    s = evaluation_settings()
    assert s.execution_weight == 10
    assert dict(s.weights) == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert s.negative_formula == "linear" and s.exact_formula == "positive"
    assert s.far_over == 130 and s.tolerance == D("0.01")
    assert s.qualitative[Achievement.PARTLY] == (60, 80)
    assert [g for _, g in s.grade_bands] == ["优", "良", "中", "差"]
    assert s.month == 7 and s.budget_lights == (60, 80) and s.indicator_lights == (60, 80, 120)


def test_a_settings_file_changes_the_weights_formulas_and_bands(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        """
[evaluation]
execution_weight = 20
negative_formula = "ratio"
[evaluation.weights]
"产出指标" = 40
"效益指标" = 30
"满意度指标" = 10
[evaluation.qualitative]
"部分达成" = [50, 80]
"未达成" = [0, 50]
[evaluation.grades]
bands = [{ min = 85, grade = "优" }, { min = 0, grade = "差" }]
""",
    )
    s = evaluation_settings(path)
    rows = (
        EvalRow("产出指标", "时效指标", "响应时间", "≤10小时", "12小时"),
        EvalRow("效益指标", "社会效益指标", "制度", "健全", "部分健全"),
        EvalRow("满意度指标", "服务对象满意度指标", "满意度", ">=90%", "95%"),
    )
    funds = (FundsLine("年度资金总额", D(100), D(100), D(50)),)
    ev = evaluate(SelfEvaluation("项目", funds=funds, rows=rows), s)
    assert ev.execution.score == 10  # 20 × 50%
    assert ev.rows[0].weight == 40 and ev.rows[0].score == D("33.33")  # 40 × 10 ÷ 12
    assert ev.rows[1].score == 15  # 部分达成 without a stated score: the bottom of 50–80% of 30
    assert ev.score == D("68.33") and ev.grade == "差"


def test_a_year_rule_set_can_change_them_too(tmp_path: Path) -> None:
    path = _file(tmp_path, '[rulesets.sj]\nregion = "松江"\nevaluation = { far_over = 150 }\n')
    assert evaluation_settings(path).far_over == 130
    assert evaluation_settings(path, region="松江").far_over == 150


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('[evaluation]\nnegative_formula = "cubic"\n', "negative_formula"),
        ("[evaluation]\nexecution_weight = 30\n", "add up to 100"),
        ('[evaluation.qualitative]\n"达成" = [90, 80]\n', "达成"),
        ("[monitoring]\nmonth = 13\n", "month"),
        ('[evaluation]\nfar_over = "many"\n', "many"),
        ('[evaluation.grades]\nbands = [{ min = "x", grade = "优" }]\n', "evaluation.grades.bands"),
    ],
)
def test_wrong_settings_are_refused_with_the_file_and_the_setting(
    tmp_path: Path, text: str, says: str
) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(InputError) as caught:
        evaluation_settings(path)
    assert caught.value.path == path
    assert says in str(caught.value)
