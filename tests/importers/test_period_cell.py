"""A period written in one cell (项目起止时间, 项目支出实施期): the planned start and end (issue 15;
docs/templates.md, *What a template file says*, `planned_period`)."""

from __future__ import annotations

from datetime import date

import pytest

from jixiao.importers import read_bytes
from jixiao.importers.values import period_dates


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("2023.07-2024.01", (date(2023, 7, 1), date(2024, 1, 31), False)),
        ("2021年1月至2021年12月", (date(2021, 1, 1), date(2021, 12, 31), False)),
        ("202001-202012", (date(2020, 1, 1), date(2020, 12, 31), False)),
        ("2020.1.1-2020.12.31", (date(2020, 1, 1), date(2020, 12, 31), True)),
        ("2021年01月01日—2021年12月31日", (date(2021, 1, 1), date(2021, 12, 31), True)),
        ("２０２３．０２－２０２４．０２", (date(2023, 2, 1), date(2024, 2, 29), False)),
        ("2021年-2022年", (date(2021, 1, 1), date(2022, 12, 31), False)),
        ("20246-202516", None),  # a month 16: garbled, not guessed
        ("2024.12-2024.01", None),  # ends before it starts
        ("3年", None),  # a length, not a period
        ("2023.07", None),
    ],
)
def test_a_period_in_one_cell(text, read) -> None:
    assert period_dates(text) == read


FORM = """{title}

项目名称

雾炮车降尘抑尘服务

项目起

止时间

{period}

主管部门及其编码

湘潭市城市管理和综合执法局

项目实施单位

湘潭市环境卫生管理处

项目资金申请

(万元)

资金总额: 250

项目绩效目标

长期目标

年度目标

持续改善我市空气质量

2024年持续改善我市空气质量

年度绩效指标

一级指标

二级指标

指标内容

指标值

产出指标

数量指标

配备车辆数

10辆
"""


def read(period: str):
    text = FORM.format(title="2024年项目绩效目标表", period=period)
    (form,) = read_bytes(text.encode(), "period.txt").forms
    return form


def test_a_period_cell_gives_the_planned_start_and_end_and_says_how_it_was_read() -> None:
    form = read("2024.06-2025.01")
    assert form.template is not None and form.template.id == "project-declaration"
    assert (form.planned_start, form.planned_end) == (date(2024, 6, 1), date(2025, 1, 31))
    said = [n.message for n in form.notes if n.code == "period-read"]
    assert said == ["“项目起止时间”“2024.06-2025.01”读作 2024-06-01 至 2025-01-31"]
    assert not [n for n in form.notes if n.code == "unplaced-text"]  # 项目起 | 止时间 is one label


def test_a_period_to_the_day_is_read_without_a_note() -> None:
    form = read("2024年6月1日至2024年12月31日")
    assert (form.planned_start, form.planned_end) == (date(2024, 6, 1), date(2024, 12, 31))
    assert not [n for n in form.notes if n.code == "period-read"]


def test_a_cell_that_is_no_period_is_noted_and_leaves_the_dates_empty() -> None:
    form = read("20246-202516")
    assert (form.planned_start, form.planned_end) == (None, None)
    assert [n.message for n in form.notes if n.code == "bad-date"] == [
        "“项目起止时间”无法识别为起止日期：20246-202516"
    ]
