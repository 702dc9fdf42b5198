"""`jixiao/selfeval@1`: every amount, rate and score a two-decimal string (docs/evaluation.md)."""

from __future__ import annotations

import re
from decimal import Decimal as D

import orjson

from jixiao.evaluation import EvalRow, FundsLine, SelfEvaluation, evaluate, evaluation_settings
from jixiao.evaluation.schema import SCHEMA, document

TWO = re.compile(r"^-?\d+\.\d\d$")


def test_figures_are_two_decimal_strings_and_findings_have_the_review_shape() -> None:
    funds = (
        FundsLine("年度资金总额", D("1000000"), D("1000000"), D("861900"), stated_score=D("9")),
    )
    rows = (
        EvalRow("产出指标", "数量指标", "建成场馆", "由40场提高到50场", "45场"),
        EvalRow("产出指标", "时效指标", "完成时间", "2021年12月底前", "2021年12月20日"),
        EvalRow("效益指标", "社会效益指标", "受益人数", "3-5万人", "4万人"),
        EvalRow("满意度指标", "服务对象满意度指标", "满意度", ">=90%", "92%", weight=None),
    )
    ev = evaluate(
        SelfEvaluation("项目", funds=funds, rows=rows, stated_total=D(92)), evaluation_settings()
    )
    data = orjson.loads(orjson.dumps(document([ev])))
    assert data["schema"] == SCHEMA
    form = data["forms"][0]
    execution = form["execution"]
    assert (execution["rate"], execution["score"], execution["weight"]) == (
        "86.19",
        "8.62",
        "10.00",
    )
    assert execution["budget"] == "1000000.00" and execution["stated_score"] == "9.00"
    for row in form["rows"]:
        for key in ("weight", "score"):
            assert TWO.match(row[key]), (key, row)
    # 由40场提高到50场: the target is 50; 45 of it is 90% of the row's 25 points.
    assert form["rows"][0]["score"] == "22.50" and form["rows"][1]["achievement"] == "达成"
    assert form["rows"][2]["score"] == form["rows"][2]["weight"]  # inside the range
    assert TWO.match(form["score"]) and form["stated_score"] == "92.00"
    assert {f["rule"] for f in form["findings"]} >= {"evaluation.W001"}
    finding = form["findings"][0]
    assert set(finding) >= {
        "rule",
        "category",
        "severity",
        "message",
        "hint",
        "location",
        "basis",
        "en",
    }
