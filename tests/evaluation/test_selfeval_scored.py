"""Published tables scored (docs/evaluation.md): a table whose figures agree gives no warning;
copies edited by the tests show the notes and warnings of figures that do not."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.evaluation.selfeval_fixtures import LANGFANG, PUTUO, edited

from jixiao.errors import InputError
from jixiao.evaluation import evaluate, evaluation_settings
from jixiao.evaluation.reader import read_bytes, read_path
from jixiao.review.model import Severity

SETTINGS = evaluation_settings()


def scored(path):
    (table,) = read_path(path)
    return evaluate(table, SETTINGS)


def said(ev) -> list[tuple[str, Severity, str]]:
    return [(f.rule, f.severity, f.message.zh) for f in ev.findings]


def test_the_putuo_table_agrees_with_the_formulas() -> None:
    ev = scored(PUTUO)
    assert (ev.execution.rate, ev.execution.score) == (D("86.18"), D("8.62"))
    assert [r.score for r in ev.rows] == [D(10), D(20), D(20), D(30), D(10)]
    assert ev.score == ev.table.stated_total == D("98.62") and ev.grade == "优"
    # 215,457.6 ÷ 250,000 is 86.18304%: the table's 86.19% is within rounding, a note
    assert said(ev) == [
        (
            "evaluation.I001",
            Severity.INFO,
            "执行率填报 86.19%，按公式为 86.18%，差异在舍入范围内",
        )
    ]


def test_a_copy_with_a_total_above_the_formula_is_warned(tmp_path) -> None:
    ev = scored(edited(tmp_path, PUTUO, "\t98.62", "\t99.62"))
    assert ("evaluation.W001", Severity.WARNING, "总分填报 99.62，高于按公式计算的 98.62") in said(
        ev
    )


def test_a_copy_with_a_score_off_by_a_hundredth_is_a_note(tmp_path) -> None:
    ev = scored(edited(tmp_path, PUTUO, "\t8.62", "\t8.63"))
    notes = [m for rule, severity, m in said(ev) if severity is Severity.INFO]
    assert "预算执行得分填报 8.63，按公式为 8.62，差异在舍入范围内" in notes
    assert all(severity is Severity.INFO for _, severity, _ in said(ev))


def test_the_langfang_table_gave_itself_more_than_the_formula() -> None:
    ev = scored(LANGFANG)
    warned = [
        (m, f.location.indicator)
        for f in ev.findings
        if f.severity is Severity.WARNING
        for m in [f.message.zh]
    ]
    assert warned == [
        ("执行率填报 86%，与按公式计算的 86.20% 不符", None),
        ("预算执行得分填报 9，高于按公式计算的 8.62", None),
        ("“指标1工程资金金额”得分填报 9，高于按公式计算的 8.62", 0),
    ]
    assert ev.score == D("97.24")  # 8.62 + 8.62 + 8 × 10


_CELLS = st.sampled_from(
    [
        "项目名称",
        "全年执行数",
        "年度资金总额",
        "三级指标",
        "一级指标",
        "二级指标",
        "实际完成值",
        "分值",
        "得分",
        "总分",
        "其中：当年财政拨款",
        "项目资金（万元）",
        "1e30",
        "86.19%",
        "10",
        "-5",
        "NaN",
        "=100%",
        "",
        "财政项目支出绩效自评表",
        "（2022年度）",
        "　",
    ]
) | st.text(max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=9), max_size=25), st.sampled_from("\t|p"))
def test_any_text_is_read_or_refused_with_a_clear_error(rows, layout) -> None:
    """Whatever the cells, the reader gives tables or an InputError naming the file: never
    another exception."""
    if layout == "\t":
        text = "\n\n".join("\n".join("\t" + c for c in row) for row in rows)
    elif layout == "p":  # one cell per paragraph
        text = "\n\n".join(c for row in rows for c in row)
    else:
        text = "\n".join("| " + " | ".join(row) + " |" for row in rows)
    try:
        tables = read_bytes(text.encode("utf-8"), "any.txt")
    except InputError as exc:
        assert exc.path == "any.txt"
        return
    for table in tables:
        ev = evaluate(table, SETTINGS)
        assert ev.score <= 100
