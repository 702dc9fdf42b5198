"""What holds for every input (docs/evaluation.md): no score above its weight, no total above
100, scores monotone in the actual value, shares that add up, qualitative scores in their band."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jixiao.evaluation import EvalRow, FundsLine, SelfEvaluation, evaluate, evaluation_settings
from jixiao.evaluation.model import Achievement
from jixiao.evaluation.scoring import qualitative, share

SETTINGS = evaluation_settings()
RATIO_SETTINGS = replace(SETTINGS, negative_formula="ratio")

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
figures = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False)
HEADINGS = [
    ("产出指标", "数量指标"),
    ("产出指标", "时效指标"),
    ("成本指标", "经济成本指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
]
OPS = [">=", "≥", ">", "=", "≤", "<", ""]


@st.composite
def rows(draw) -> EvalRow:
    level1, level2 = draw(st.sampled_from(HEADINGS))
    target = f"{draw(st.sampled_from(OPS))}{draw(figures)}个"
    actual = draw(
        st.one_of(
            figures.map(lambda v: f"{v}个"), st.sampled_from(["", "达成", "部分达成", "良好"])
        )
    )
    stated = draw(st.none() | st.decimals(min_value=-5, max_value=200, places=2))
    return EvalRow(
        level1, level2, "指标", target, actual, stated_score=stated, applicable=draw(st.booleans())
    )


@st.composite
def tables(draw) -> SelfEvaluation:
    budget, spent = draw(amounts), draw(amounts)
    funds = (FundsLine("年度资金总额", budget, budget, spent),)
    return SelfEvaluation("项目", funds=funds, rows=tuple(draw(st.lists(rows(), max_size=12))))


@given(tables())
@settings(max_examples=300)
def test_no_score_above_its_weight_and_no_total_above_100(table: SelfEvaluation) -> None:
    ev = evaluate(table, SETTINGS)
    live = [r for r in ev.rows if r.row.applicable]
    assert all(r.weight is None and r.score is None for r in ev.rows if not r.row.applicable)
    for r in live:
        assert r.weight is not None and r.score is not None
        assert 0 <= r.score <= r.weight
    assert ev.execution.score is None or 0 <= ev.execution.score <= ev.execution.weight
    assert 0 <= ev.score <= 100
    assert sum(r.weight for r in live) in (0, 90)  # shared weights add up exactly


def _score(target: str, actual: D, settings=SETTINGS) -> D:
    table = SelfEvaluation(
        "项目", rows=(EvalRow("产出指标", "数量指标", "指标", target, f"{actual}个"),)
    )
    score = evaluate(table, settings).rows[0].score
    assert score is not None
    return score


@given(st.sampled_from([">=", ">", "", "="]), figures, figures, figures)
def test_positive_scores_never_fall_as_the_actual_value_rises(
    op: str, target: D, a: D, b: D
) -> None:
    # ＝0 (zero accidents) is full at or below 0 and nothing above: lower is better there.
    assume(not (op == "=" and target == 0))
    low, high = sorted((a, b))
    assert _score(f"{op}{target}个", low) <= _score(f"{op}{target}个", high)


@given(st.sampled_from(["≤", "<"]), figures, figures, figures, st.sampled_from(["linear", "ratio"]))
def test_negative_scores_never_rise_as_the_actual_value_rises(op, target, a, b, formula) -> None:
    chosen = RATIO_SETTINGS if formula == "ratio" else SETTINGS
    low, high = sorted((a, b))
    assert _score(f"{op}{target}个", low, chosen) >= _score(f"{op}{target}个", high, chosen)


@given(amounts, amounts, amounts)
def test_the_execution_score_never_falls_as_spending_rises(budget: D, a: D, b: D) -> None:
    low, high = sorted((a, b))

    def score(spent: D) -> D:
        funds = (FundsLine("年度资金总额", budget, budget, spent),)
        return evaluate(SelfEvaluation("项目", funds=funds), SETTINGS).score

    assert score(low) <= score(high) <= 10


@given(
    st.decimals(min_value=0, max_value=1000, places=2),
    st.lists(st.decimals(min_value=0, max_value=100, places=3), max_size=20),
)
def test_shares_add_up_exactly_and_stay_within_a_cent_of_the_exact_share(
    total: D, parts: list[D]
) -> None:
    got = share(total, parts)
    whole = sum(parts, D(0))
    if whole > 0:
        assert sum(got) == total
        for part, value in zip(parts, got, strict=True):
            assert abs(value - total * part / whole) < D("0.01")
    else:
        assert all(v == 0 for v in got)


@given(
    st.sampled_from(list(Achievement)),
    st.decimals(min_value=0, max_value=100, places=2),
    st.none() | st.decimals(min_value=-50, max_value=200, places=2),
)
def test_a_qualitative_score_stays_in_its_levels_band(level, weight, stated) -> None:
    low, high = SETTINGS.qualitative[level]
    value = qualitative(weight, level, stated, SETTINGS).value
    assert weight * low / 100 <= value <= weight * high / 100
    if stated is not None and weight * low / 100 <= stated <= weight * high / 100:
        assert value == stated
