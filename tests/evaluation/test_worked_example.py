"""The worked example of docs/evaluation.md: the seed's form 1 with made-up results, scored by
`evaluate` exactly as the hand calculation in the docs says."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

from jixiao.evaluation import evaluate, evaluation_settings, from_form

DOC = Path(__file__).resolve().parents[2] / "docs" / "evaluation.md"


def example_rows() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- example:start -->")[1].split("<!-- example:end -->")[0]
    lines = [line for line in block.strip().splitlines()[2:]]
    return [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]


def test_the_docs_example_is_what_evaluate_gives(seed_batch) -> None:
    table = from_form(seed_batch.forms[0])
    rows = example_rows()
    assert [r[1] for r in rows] == [r.name for r in table.rows]
    assert [r[2] for r in rows] == [r.target for r in table.rows]
    entered = tuple(
        replace(row, actual=r[3], stated_score=D(r[4]) if r[4] else None, reason=r[5])
        for row, r in zip(table.rows, rows, strict=True)
    )
    total = replace(table.funds[0], spent=D("239600"))
    ev = evaluate(
        replace(table, funds=(total, *table.funds[1:]), rows=entered), evaluation_settings()
    )
    assert (ev.execution.rate, ev.execution.score) == (D("86.19"), D("8.62"))
    assert [(str(r.weight), str(r.score)) for r in ev.rows] == [(r[6], r[7]) for r in rows]
    assert (ev.score, ev.grade) == (D("93.43"), "优")
    assert "**93.43**" in DOC.read_text(encoding="utf-8")
    assert ev.findings == ()  # every shortfall explained, the excess of row 4 too
    without_reason = replace(
        ev.table, rows=tuple(replace(r, reason="") if i == 3 else r for i, r in enumerate(entered))
    )
    assert "evaluation.W002" in {
        f.rule for f in evaluate(without_reason, evaluation_settings()).findings
    }
