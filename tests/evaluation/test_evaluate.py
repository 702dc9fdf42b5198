"""A table scored: weights, achievement, findings of stated figures (docs/evaluation.md)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from jixiao.domain.target import parse_target
from jixiao.evaluation import EvalRow, FundsLine, SelfEvaluation, evaluate, evaluation_settings
from jixiao.evaluation.achieved import achievement
from jixiao.evaluation.model import Achievement
from jixiao.review.model import Severity

SETTINGS = evaluation_settings()


def row(level1: str, level2: str, name: str, target: str, actual: str, **kw) -> EvalRow:
    return EvalRow(level1, level2, name, target, actual, **kw)


def table(*rows: EvalRow, **kw) -> SelfEvaluation:
    funds = kw.pop("funds", (FundsLine("年度资金总额", D(100000), D(100000), D(100000)),))
    return SelfEvaluation("测试项目", funds=funds, rows=rows, **kw)


FULL = (
    row("产出指标", "数量指标", "培训人次", ">=100人次", "100人次"),
    row("产出指标", "质量指标", "合格率", ">=95%", "96%"),
    row("效益指标", "社会效益指标", "知晓率", ">=90%", "92%"),
    row("满意度指标", "服务对象满意度指标", "满意度", ">=90%", "95%"),
)


def test_rows_share_their_headings_points_and_everything_met_scores_100() -> None:
    ev = evaluate(table(*FULL), SETTINGS)
    assert [r.weight for r in ev.rows] == [D(25), D(25), D(30), D(10)]
    assert ev.score == 100 and ev.grade == "优"
    assert ev.findings == ()


def test_headings_left_empty_by_merged_cells_follow_the_row_above() -> None:
    rows = (FULL[0], replace(FULL[1], level1="", level2=""), *FULL[2:])
    assert [r.weight for r in evaluate(table(*rows), SETTINGS).rows] == [D(25), D(25), D(30), D(10)]


def test_without_satisfaction_rows_their_points_go_to_output_and_benefit_in_proportion() -> None:
    ev = evaluate(table(*FULL[:3]), SETTINGS)
    assert [r.weight for r in ev.rows] == [D("28.13"), D("28.12"), D("33.75")]
    assert sum(r.weight for r in ev.rows) == 90
    assert [f.rule for f in ev.findings] == ["evaluation.I002"]
    assert "满意度指标" in ev.findings[0].message.zh


def test_a_row_not_applicable_is_dropped_and_the_others_rescaled() -> None:
    stated = tuple(
        replace(r, weight=w) for r, w in zip(FULL, (D(20), D(30), D(30), D(10)), strict=True)
    )
    dropped = (replace(stated[0], applicable=False), *stated[1:])
    ev = evaluate(table(*dropped), SETTINGS)
    assert ev.rows[0].weight is None and ev.rows[0].score is None
    assert [r.weight for r in ev.rows[1:]] == [D("38.57"), D("38.57"), D("12.86")]
    assert ev.score == 100


def test_stated_weights_are_kept_and_a_sum_other_than_100_is_a_warning() -> None:
    stated = tuple(replace(r, weight=D(20)) for r in FULL)
    ev = evaluate(table(*stated), SETTINGS)
    assert [r.weight for r in ev.rows] == [D(20)] * 4
    assert [f.rule for f in ev.findings] == ["evaluation.W004"]
    assert "90" in ev.findings[0].message.zh


def test_the_execution_weight_the_table_states_is_used() -> None:
    funds = (FundsLine("年度资金总额", D(100), D(100), D(50), stated_weight=D(20)),)
    ev = evaluate(table(*FULL, funds=funds), SETTINGS)
    assert ev.execution.weight == 20 and ev.execution.score == 10


def test_a_stated_figure_within_rounding_is_a_note_above_the_formula_a_warning() -> None:
    funds = (
        FundsLine(
            "年度资金总额", D("1000000"), D("1000000"), D("861900"), None, D("86.2"), D("8.62")
        ),
    )
    rows = (replace(FULL[0], actual="90人次", stated_score=D(25)), *FULL[1:])
    ev = evaluate(table(*rows, funds=funds, stated_total=D("98.62")), SETTINGS)
    by_rule = {(f.rule, f.location.field, f.location.indicator): f for f in ev.findings}
    note = by_rule[("evaluation.I001", "execution", None)]
    assert (
        note.severity is Severity.INFO
        and "86.2%" in note.message.zh
        and "86.19%" in note.message.zh
    )
    over = by_rule[("evaluation.W001", None, 0)]
    assert over.severity is Severity.WARNING and "高于" in over.message.zh
    assert (
        "25" in over.message.zh
        and "22.50" in over.message.zh
        and "min(1, 90 ÷ 100)" in over.basis.text
    )
    total = by_rule[("evaluation.W001", "total", None)]
    assert "98.62" in total.message.zh and str(ev.score) in total.message.zh


def test_a_stated_score_below_the_formula_beyond_rounding_is_a_warning_too() -> None:
    rows = (replace(FULL[0], stated_score=D(20)), *FULL[1:])
    found = [f for f in evaluate(table(*rows), SETTINGS).findings if f.location.indicator == 0]
    assert [(f.rule, f.severity) for f in found] == [("evaluation.W001", Severity.WARNING)]
    assert "不符" in found[0].message.zh


def test_far_over_target_needs_a_reason() -> None:
    over = replace(FULL[0], actual="130人次")
    ev = evaluate(table(over, *FULL[1:]), SETTINGS)
    assert [f.rule for f in ev.findings] == ["evaluation.W002"]
    assert "130" in ev.findings[0].message.zh
    explained = replace(over, reason="报名人数超出预期")
    assert evaluate(table(explained, *FULL[1:]), SETTINGS).findings == ()
    just_below = replace(FULL[0], actual="129人次")
    assert evaluate(table(just_below, *FULL[1:]), SETTINGS).findings == ()


def test_a_lower_is_better_row_far_below_its_target_is_no_excess() -> None:
    fast = row("产出指标", "时效指标", "响应时间", "≤4小时", "1小时")
    assert evaluate(table(fast, *FULL[1:]), SETTINGS).findings == ()


def test_a_shortfall_without_reason_is_a_note() -> None:
    short = replace(FULL[0], actual="90人次")
    ev = evaluate(table(short, *FULL[1:]), SETTINGS)
    assert [(f.rule, f.severity) for f in ev.findings] == [("evaluation.I003", Severity.INFO)]


def test_an_actual_in_another_unit_keeps_the_units_score_and_says_why() -> None:
    other = replace(FULL[0], actual="3场", stated_score=D(24))
    ev = evaluate(table(other, *FULL[1:]), SETTINGS)
    assert ev.rows[0].computed is False and ev.rows[0].score == 24
    assert [f.rule for f in ev.findings] == ["evaluation.W003"]
    none_stated = evaluate(table(replace(other, stated_score=None), *FULL[1:]), SETTINGS)
    assert none_stated.rows[0].score == 0


def test_qualitative_wordings_say_how_far_the_target_was_met() -> None:
    cases = {
        ("提升", "提升"): Achievement.MET,
        ("提升", "有所提升"): Achievement.MET,
        ("及时", "不及时"): Achievement.NOT_MET,
        ("健全", "基本健全"): Achievement.PARTLY,
        ("公开", "部分公开"): Achievement.PARTLY,
        ("是", "否"): Achievement.NOT_MET,
        ("有效", "未实现"): Achievement.NOT_MET,
        ("2021年12月底前", "2021年11月30日"): Achievement.MET,
        ("2021年12月底前", "2022年1月15日"): Achievement.NOT_MET,
        ("9月30日前完成", "按时完成"): Achievement.MET,
        ("良好", "天气晴朗"): None,
    }
    for (target, actual), level in cases.items():
        assert achievement(parse_target(target), actual) is level, (target, actual)


def test_a_qualitative_row_without_a_readable_level_keeps_the_units_score() -> None:
    vague = row("效益指标", "社会效益指标", "社会影响", "良好", "各方反响", stated_score=D(25))
    ev = evaluate(table(*FULL[:2], vague, FULL[3]), SETTINGS)
    assert ev.rows[2].computed is False and ev.rows[2].score == 25
    stated_level = replace(vague, achievement=Achievement.PARTLY)
    ev = evaluate(table(*FULL[:2], stated_level, FULL[3]), SETTINGS)
    assert ev.rows[2].score == D("24.00")  # 部分达成 band 60–80% of 30: 25 is above it


def test_a_table_without_budget_scores_no_execution() -> None:
    ev = evaluate(table(*FULL, funds=()), SETTINGS)
    assert ev.execution.score is None and ev.score == 90


def test_a_bare_actual_figure_is_in_the_unit_the_target_is_written_in() -> None:
    cost = row("产出指标", "成本指标", "委托费用", "≤90万元", "95")
    ev = evaluate(table(cost, *FULL[1:]), SETTINGS)
    assert ev.rows[0].score == D("23.61")  # 25 × (1 − 5 ÷ 90): 950,000 against 900,000 元
    rate = row("产出指标", "数量指标", "覆盖率", "≥95%", "76")
    assert evaluate(table(rate, *FULL[1:]), SETTINGS).rows[0].score == D("20.00")
