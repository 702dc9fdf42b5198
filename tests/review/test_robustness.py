"""Rules never raise: any form, however odd, gets findings and no engine.E001."""

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Form, Funds, GoalPeriod, Indicator, Note
from jixiao.interchange import Batch
from jixiao.review import review_batch

WORDS = st.sampled_from(
    [
        "",
        " ",
        "）",
        "（",
        '"',
        "满意度",
        "工作计划完成率",
        "提升",
        "=100",
        ">=8万人次",
        "每件800元",
        "40件",
        "率",
        "完成2次培训",
        "由1提高到2",
        "4小时内修复",
        "[bookmark: x]",
        "\u3000",
        "产出指标",
        "质量指标",
        "效果指标",
        "服务对象满意度指标",
        "*",
        "-5",
        "1e9",
        "﹪",
        "信息化",
    ]
)
TEXT = st.one_of(st.none(), st.lists(WORDS, max_size=6).map("".join), st.text(max_size=30))
MONEY = st.one_of(
    st.none(),
    st.decimals(
        allow_nan=False,
        allow_infinity=False,
        places=2,
        min_value=Decimal("-1e12"),
        max_value=Decimal("1e12"),
    ),
)
DAY = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 1, 1)))
INDICATOR = st.builds(
    Indicator,
    level1=TEXT,
    level2=TEXT,
    name=TEXT.map(lambda t: t or ""),
    target=TEXT.map(lambda t: t or ""),
    source_lines=st.lists(st.integers(1, 9999), max_size=2).map(tuple),
)
FORM = st.builds(
    Form,
    seq=st.integers(0, 99),
    budget_year=st.one_of(st.none(), st.integers(1990, 2100)),
    project_name=TEXT,
    project_category=TEXT,
    supervising_department=TEXT,
    implementing_unit=TEXT,
    planned_start=DAY,
    planned_end=DAY,
    funds=st.builds(
        Funds,
        unit=st.sampled_from(["元", "万元", "?"]),
        project_total=MONEY,
        project_fiscal=MONEY,
        annual_request=MONEY,
        annual_other=MONEY,
    ),
    overall_goal=TEXT,
    annual_goal=TEXT,
    indicators=st.lists(INDICATOR, max_size=8).map(tuple),
    notes=st.lists(
        st.builds(
            Note,
            code=st.sampled_from(["markup-removed", "x"]),
            message=TEXT.map(lambda t: t or ""),
            line=st.one_of(st.none(), st.integers(1, 99)),
        ),
        max_size=2,
    ).map(tuple),
    goal_period=st.one_of(
        st.none(),
        st.builds(
            GoalPeriod,
            st.one_of(st.none(), st.integers(1990, 2100)),
            st.one_of(st.none(), st.integers(1990, 2100)),
            st.just(""),
        ),
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(FORM, min_size=1, max_size=4))
def test_no_rule_raises_on_any_form(forms):
    report = review_batch(Batch(forms=tuple(forms)))
    crashed = [f.basis.text for r in report.forms for f in r.findings if f.rule == "engine.E001"]
    assert crashed == []
    assert all(0 <= r.score <= 100 for r in report.forms)
