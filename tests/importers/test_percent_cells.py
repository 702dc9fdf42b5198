"""Percent cells of a workbook read as Excel shows them: `0%` scales the value, a quoted `"%"`
(the format the self-evaluation writer gives 86.18) is a literal sign."""

from __future__ import annotations

import pytest

from jixiao.importers.xlsx_long import cell_text


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.95, "0%", "95%"),
        (0.8619, "0.00%", "86.19%"),
        (86.18, '0.00"%"', "86.18%"),
        (86.0, '0"%"', "86%"),
    ],
)
def test_percent_formats(value, number_format, shown) -> None:
    assert cell_text(value, number_format) == shown
