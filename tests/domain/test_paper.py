"""The one grid of the standard table (`jixiao.domain.paper`), the places its cells show, the
findings grouped by those places (`jixiao.review.places`), and two of the writers that draw it:
`jixiao show` in the terminal and the Excel template's row heights and print setup."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.documents.strategies import forms

from jixiao.cli.papertext import draw
from jixiao.cli.show_cmd import WIDTH, render
from jixiao.domain.form import FIELD_LABELS, FUNDS_FIELDS, HEADER_FIELDS, Form, Indicator
from jixiao.domain.paper import FORM_PLACE, form_table, indicator_place, place_of, text_width
from jixiao.exporters import render as export
from jixiao.exporters.xlsx_export import LINE_HEIGHT, row_heights, text_lines
from jixiao.interchange import Batch
from jixiao.review.model import Location
from jixiao.review.places import by_place, unplaced

FIELD_PLACES = (*HEADER_FIELDS, *FUNDS_FIELDS, "funds", "overall_goal", "annual_goal", "indicators")


@settings(max_examples=60, deadline=None)
@given(forms(1))
def test_every_field_and_every_indicator_row_is_shown_at_one_cell(form: Form) -> None:
    table = form_table(form)
    cells = [c for row in table.rows for c in row.cells if c.place is not None]
    places = [c.place for c in cells]
    assert sorted(places) == sorted({*places}), "a place is shown at one cell only"
    assert set(FIELD_PLACES) | {indicator_place(n) for n in range(len(form.indicators))} == set(
        places
    )
    by = {c.place: c for c in cells}
    for n, indicator in enumerate(form.indicators):
        assert by[indicator_place(n)].text == indicator.name
    assert by["project_name"].text == form.project_name
    rows = [row.place for row in table.rows if row.place]
    assert rows == [indicator_place(n) for n in range(len(form.indicators))]


locations = st.builds(
    Location,
    field=st.none() | st.sampled_from([*FIELD_LABELS, "lines", FORM_PLACE]),
    indicator=st.none() | st.integers(0, 30),
)


@settings(max_examples=60, deadline=None)
@given(forms(1), st.lists(locations, max_size=12))
def test_every_finding_is_shown_once_at_its_place_or_apart_from_the_table(
    form: Form, found: list[Location]
) -> None:
    numbered = list(enumerate(found))
    shown = form_table(form).places()
    groups = by_place(numbered, lambda p: p[1])
    apart = unplaced(groups, shown)
    placed = [item for place, items in groups.items() if place in shown for item in items]
    assert sorted(placed + apart) == numbered  # none lost, none twice
    for _, loc in apart:
        assert place_of(loc.field, loc.indicator) not in shown
    for items in groups.values():
        assert [n for n, _ in items] == sorted(n for n, _ in items)  # in order


def _empty_headings() -> Form:
    rows = [
        ("产出指标", None, "甲"),
        ("产出指标", None, "乙"),
        (None, None, "丙"),
        (None, None, "丁"),
    ]
    return Form(seq=1, indicators=tuple(Indicator(a, b, n, "=1") for a, b, n in rows))


def test_empty_headings_are_cells_of_their_own_and_equal_ones_merge() -> None:
    table = form_table(_empty_headings())
    body = [row.cells for row in table.rows if row.place]
    level1 = [[c for c in cells if c.col == 1] for cells in body]
    level2 = [[c for c in cells if c.col == 2] for cells in body]
    assert [(c.text, c.rows) for cs in level1 for c in cs] == [("产出指标", 2), ("", 1), ("", 1)]
    assert [(c.text, c.rows) for cs in level2 for c in cs] == [("", 1)] * 4


@settings(max_examples=40, deadline=None)
@given(forms(1))
def test_show_draws_every_row_of_the_grid_in_a_box_of_its_width(form: Form) -> None:
    lines = draw(form_table(form), WIDTH)
    assert {text_width(line) for line in lines} == {WIDTH}
    assert lines[0].startswith("┌") and lines[-1].startswith("└")


def test_show_merges_headings_as_the_grid_does(seed_batch) -> None:
    lines = render(seed_batch.forms[0]).splitlines()
    funds = next(n for n, line in enumerate(lines) if "项目资金总额" in line)
    assert lines[funds].startswith("│ 项目资金 ")
    # the rule under 项目资金总额 does not cross the cell of 项目资金, merged down four rows
    assert lines[funds + 1].startswith("│" + " " * 15 + "├")
    row = next(line for line in lines if "│ 实现就业人员" in line)
    assert row.startswith("│" + " " * 15 + "│" + " " * 15 + "│" + " " * 15 + "│ 实现就业人员")


@settings(max_examples=40, deadline=None)
@given(forms(1))
def test_every_xlsx_row_is_as_high_as_the_text_of_its_cells(form: Form) -> None:
    table = form_table(form)
    heights = row_heights(table)
    widths = [w * 5 for w in table.widths]
    for r, row in enumerate(table.rows):
        for cell in row.cells:
            lines = text_lines(cell.text, sum(widths[cell.col : cell.col + cell.span]))
            assert sum(heights[r : r + cell.rows]) >= lines * LINE_HEIGHT


def test_the_xlsx_template_prints_one_page_wide_with_its_heading_on_every_page(seed_batch) -> None:
    _, _, data = export(Batch(seed_batch.sources, seed_batch.forms[:1]), "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    setup = sheet.page_setup
    assert (setup.fitToWidth, setup.fitToHeight, setup.orientation) == (1, 0, "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    goals = next(
        r for r in range(1, sheet.max_row + 1) if "1.建立30亩" in str(sheet.cell(r, 2).value)
    )
    assert sheet.row_dimensions[goals].height >= 5 * LINE_HEIGHT  # five lines of the goal


def test_a_wide_table_prints_landscape() -> None:
    form = Form(
        seq=1, indicators=(Indicator("产出指标", "数量指标", "甲", "=1", extra={"备注": "乙"}),)
    )
    _, _, data = export(Batch(forms=(form,)), "xlsx")
    assert load_workbook(io.BytesIO(data)).worksheets[0].page_setup.orientation == "landscape"
    # the PDF alike: its section is laid out on a landscape page (standard.css, `@page wide`)
    assert '<section class="form wide"' in export(Batch(forms=(form,)), "html")[2].decode()
    narrow = Form(seq=1, indicators=(Indicator("产出指标", "数量指标", "甲", "=1"),))
    assert '<section class="form"' in export(Batch(forms=(narrow,)), "html")[2].decode()
