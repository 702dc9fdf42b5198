"""Amounts in 元 in the review's messages (`domain.amounts.yuan_text`): the figure as written, never
the zeros a figure in 万元 gains past the 分 when it is made 元 (蒙城 2024: 2279.048 万元 had been
shown `22,790,480.000 元`)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.amounts import yuan_text
from jixiao.importers import read_path
from jixiao.review import review_batch

MENGCHENG = (
    Path(__file__).resolve().parent.parent / "fixtures/regions/mengcheng-2024-public-health.txt"
)


@given(st.decimals(min_value=0, max_value=10**9, places=6, allow_nan=False))
def test_an_amount_in_wanyuan_made_yuan_reads_as_the_same_figure(wan: Decimal) -> None:
    yuan = wan * 10000
    shown = yuan_text(yuan)
    assert Decimal(shown.replace(",", "")) == yuan
    fraction = shown.partition(".")[2]
    assert len(fraction) <= 2 and not fraction.endswith("0")


def test_an_amount_as_written_in_yuan_is_shown_as_written() -> None:
    assert yuan_text(Decimal("13525902.5")) == "13,525,902.5"
    assert yuan_text(Decimal("2296600.00")) == "2,296,600.00"


def test_a_published_form_in_wanyuan_is_reviewed_with_its_amount_in_yuan() -> None:
    batch = read_path(MENGCHENG)
    (review,) = review_batch(batch).forms
    said = [str(f.message) for f in review.findings] + [f.basis.text for f in review.findings]
    assert any("22,790,480 元" in s for s in said)
    assert not any("22,790,480.0" in s for s in said)
