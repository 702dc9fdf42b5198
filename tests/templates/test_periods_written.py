"""A form with 中期 and 年度 indicators, written in any bundled template, reads back with each row in
its period (docs/exports.md, *Periods in a template of one table*). Most templates head their
one table alike whatever its period (安徽: 绩效指标, 湖南: 本年度绩效指标): written so, the 中期 rows
came back as rows of no period, and a row of one period merged with its twin of the other."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import DATA

from jixiao import templates
from jixiao.domain.form import Indicator
from jixiao.exporters import render
from jixiao.importers import read_path
from jixiao.interchange import Batch

TWO_PERIODS = DATA / "variants" / "midterm_and_annual_tables.txt"
TEMPLATES = sorted(templates.templates())


def rows_of(form) -> list[tuple]:
    """Each row's period, name and target (重庆's flat list prints no headings)."""
    return sorted((i.period, i.name, i.target) for i in form.indicators)


def written_back(batch: Batch, fmt: str, template: str, tmp_path: Path) -> Batch:
    _, _, data = render(batch, fmt, template)
    path = tmp_path / f"written.{fmt}"
    path.write_bytes(data)
    return read_path(path)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_each_row_keeps_its_period_in_every_template(
    template: str, fmt: str, tmp_path: Path
) -> None:
    batch = read_path(TWO_PERIODS)
    (form,) = batch.forms
    assert {i.period for i in form.indicators} == {"midterm", "annual"}
    (again,) = written_back(batch, fmt, template, tmp_path).forms
    assert rows_of(again) == rows_of(form)


def test_a_ledger_prints_a_form_of_two_periods_as_a_page_of_its_own(tmp_path: Path) -> None:
    """四川's one table of many projects prints one period: such a form is not put in it."""
    batch = read_path(TWO_PERIODS)
    (again,) = written_back(batch, "html", "sichuan-ledger", tmp_path).forms
    assert rows_of(again) == rows_of(batch.forms[0])


LEVEL2 = ("数量指标", "质量指标", "时效指标")
NAMES = "接入社区数平台上线时间居民满意度服务覆盖率培训人次设备完好率"


@st.composite
def indicators(draw) -> tuple[Indicator, ...]:
    names = draw(st.lists(st.text(NAMES, min_size=3, max_size=10), min_size=1, max_size=4))
    found = []
    for period in ("midterm", "annual"):
        picked = draw(st.lists(st.sampled_from(names), min_size=1, max_size=4, unique=True))
        for name in picked:
            level2 = draw(st.sampled_from(LEVEL2))
            target = f"≥{draw(st.integers(1, 999))}个"
            found.append(Indicator("产出指标", level2, name, target, period=period))
    return tuple(found)


FORM = read_path(TWO_PERIODS).forms[0]


@settings(max_examples=40, deadline=None)
@given(indicators(), st.sampled_from(TEMPLATES))
def test_rows_of_two_periods_read_back_in_their_periods(rows, template) -> None:
    """Any rows of both periods, the same names in both or not, written in any template."""
    form = replace(FORM, indicators=rows)
    with tempfile.TemporaryDirectory() as folder:
        (again,) = written_back(Batch(forms=[form]), "html", template, Path(folder)).forms
    assert rows_of(again) == rows_of(form)
