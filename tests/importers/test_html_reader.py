"""Web pages: decoded as a browser decodes a saved page, their tables read into the same grid of
rows and cells as a Word table, and bad pages refused with a clear message."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from tests.conftest import SEED

from jixiao.errors import InputError
from jixiao.exporters.html_export import render_html
from jixiao.importers import html_reader, read_bytes
from jixiao.importers.html_reader import read_grid
from jixiao.interchange import to_canonical


def _without_places(value):
    """Canonical JSON without where things were read (lines differ between two documents)."""
    if isinstance(value, dict):
        return {
            k: _without_places(v)
            for k, v in value.items()
            if k not in ("source_lines", "notes", "lines")
        }
    if isinstance(value, list):
        return [_without_places(v) for v in value]
    return value


def test_the_seed_written_as_html_reads_back_the_same(seed_batch) -> None:
    page = render_html(seed_batch).encode("utf-8")
    back = read_bytes(page, "seed.html")
    assert back.sources[0].format == "html"
    assert _without_places(to_canonical(back)["forms"]) == _without_places(
        to_canonical(seed_batch)["forms"]
    )


PAGE = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>部门预算公开</title></head>
<body><div class="nav">首页 &gt; 信息公开</div>
<h2>项目支出绩效目标表</h2>
<p>（2023年度）</p>
<p style="text-align:right">单位：万元</p>
<table border="1">
<tr><td>项目名称</td><td colspan="3">社区  养老
服务补贴</td></tr>
<tr><td>主管部门</td><td>某区民政局</td><td>实施单位</td><td>某区民政局</td></tr>
<tr><td rowspan="2">项目资金</td><td>项目资金总额</td><td colspan="2">125.5</td></tr>
<tr><td>其中：财政资金</td><td colspan="2">125.5</td></tr>
<tr><td>项目总目标</td><td colspan="3">第一段<br>第二段<p>第三段</p></td></tr>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td rowspan="2">数量指标</td><td>补贴人数</td><td>≥500人</td></tr>
<tr><td>走访次数</td><td>≥12次</td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>老人生活质量</td><td>提高</td></tr>
</table>
<div class="footer">版权所有</div>
</body></html>
"""


def _texts(grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def test_a_gb2312_page_is_decoded_by_its_meta_and_its_cells_laid_out_as_in_word() -> None:
    data = PAGE.encode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the page is not UTF-8: only its meta tells
    grid, tables, notes = read_grid(data, "page.html")
    assert tables == 1 and notes == []
    assert (
        _texts(grid)
        == [
            ["项目支出绩效目标表"],
            ["（2023年度）"],
            ["单位：万元"],
            [
                "项目名称",
                "社区 养老服务补贴",
            ],  # white space folded as a browser shows it: a source line break between Chinese characters is nothing
            ["主管部门", "某区民政局", "实施单位", "某区民政局"],
            ["项目资金", "项目资金总额", "125.5"],
            ["", "其中：财政资金", "125.5"],  # a cell spanning rows: empty below, as in Word
            ["项目总目标", "第一段\n第二段\n第三段"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "补贴人数", "≥500人"],
            ["", "", "走访次数", "≥12次"],
            ["效益指标", "社会效益指标", "老人生活质量", "提高"],
        ]
    )
    assert [row[0].line for row in grid.rows][:4] == [5, 6, 7, 9]  # the page's lines


def test_a_gb2312_page_is_read_as_a_form() -> None:
    batch = read_bytes(PAGE.encode("gb2312"), "page.html")
    (form,) = batch.forms
    assert form.project_name == "社区 养老服务补贴"
    assert form.funds.project_total == Decimal("125.5")
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "数量指标", "补贴人数", "≥500人"),
        ("产出指标", "数量指标", "走访次数", "≥12次"),
        ("效益指标", "社会效益指标", "老人生活质量", "提高"),
    ]


def test_without_a_meta_the_page_is_utf8_else_gb18030() -> None:
    page = PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    for encoding in ("utf-8", "gb18030", "utf-8-sig", "utf-16"):
        grid, _, _ = read_grid(page.encode(encoding), "page.htm")
        assert _texts(grid)[3] == ["项目名称", "社区 养老服务补贴"], encoding


def test_a_wrong_meta_is_noted_and_the_page_read_by_default() -> None:
    page = PAGE.replace("charset=gb2312", "charset=utf-8")
    grid, _, notes = read_grid(page.encode("gb18030"), "page.html")
    assert _texts(grid)[3] == ["项目名称", "社区 养老服务补贴"]
    assert [n.code for n in notes] == ["encoding"]
    assert "utf-8" in str(notes[0].message) and "gb18030" in str(notes[0].message)


def test_a_table_inside_a_layout_table_is_read_in_its_place() -> None:
    page = (
        "<html><body><table><tr><td>导航</td></tr><tr><td>"
        "<h3>项目支出绩效目标表</h3>"
        "<table><tr><td>项目名称</td><td>甲</td></tr>"
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
        "<tr><td>产出指标</td><td>数量指标</td><td>人数</td><td>=5人</td></tr></table>"
        "</td><td>右栏</td></tr></table></body></html>"
    )
    grid, tables, _ = read_grid(page.encode(), "layout.html")
    assert tables == 2
    assert _texts(grid) == [
        ["项目支出绩效目标表"],
        ["项目名称", "甲"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "人数", "=5人"],
    ]  # the layout table's own text (导航, 右栏) is text outside the tables
    (form,) = read_bytes(page.encode(), "layout.html").forms
    assert form.project_name == "甲"
    assert [i.name for i in form.indicators] == ["人数"]


def test_a_cell_spanning_rows_and_columns_is_one_empty_cell_below() -> None:
    page = (
        "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr>"
        "<tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>"
    )
    grid, _, _ = read_grid(page.encode(), "t.html")
    assert _texts(grid) == [["A", "B"], ["", "C"], ["D", "E", "F"]]


def test_a_page_is_told_by_its_content_whatever_its_name() -> None:
    assert html_reader.sniff_html(b"<!DOCTYPE html><html>", "download.php")
    assert html_reader.sniff_html(b"\xef\xbb\xbf<!-- source: x -->\n<table>", "x")
    assert html_reader.sniff_html(b"", "page.HTM")
    assert not html_reader.sniff_html("项目名称\t甲".encode(), "form.txt")


def test_a_page_without_a_table_or_a_form_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes("<html><body><p>通知公告</p></body></html>".encode(), "p.html")
    assert str(caught.value).startswith("p.html: 网页中未找到绩效目标表（网页文字中没有")


def test_a_form_written_as_paragraphs_is_read_as_text_and_said_so() -> None:
    page = (
        "<html><body><h3>项目支出绩效目标表</h3><p>项目名称 社区养老服务补贴</p>"
        "<p>项目资金总额 125.5</p><p>一级指标 二级指标 三级指标 指标值</p>"
        "<p>产出指标 数量指标 补贴人数 ≥500人</p></body></html>"
    )
    batch = read_bytes(page.encode(), "p.html")
    (form,) = batch.forms
    assert (form.project_name, form.funds.project_total) == ("社区养老服务补贴", Decimal("125.5"))
    assert _rows_of(form) == [("产出指标", "数量指标", "补贴人数", "≥500人")]
    assert [str(n.message) for n in batch.notes] == ["网页中没有表格：按文字的“spaced”版式读取"]


def test_the_seed_kept_in_a_pre_reads_as_the_seed(seed_batch) -> None:
    text = html.escape(SEED.read_text("utf-8"))
    back = read_bytes(f"<html><body><pre>{text}</pre></body></html>".encode(), "pre.html")
    assert _without_places(to_canonical(back)["forms"]) == _without_places(
        to_canonical(seed_batch)["forms"]
    )


def _rows_of(form) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target) for i in form.indicators]


def test_a_page_whose_tables_hold_no_form_is_refused() -> None:
    with pytest.raises(InputError, match="网页中未找到绩效目标表"):
        read_bytes(b"<table><tr><td>a</td><td>b</td></tr></table>", "t.html")


def test_tables_nested_too_deep_are_refused_naming_the_line() -> None:
    depth = html_reader.MAX_TABLE_DEPTH + 1
    page = "<table><tr><td>\n" * depth + "x" + "</td></tr></table>" * depth
    with pytest.raises(InputError) as caught:
        read_bytes(page.encode(), "deep.html")
    assert str(caught.value) == (
        f"deep.html:{depth}: 网页的表格嵌套过深（超过 {html_reader.MAX_TABLE_DEPTH} 层）"
    )


def test_too_many_cells_are_refused(monkeypatch) -> None:
    monkeypatch.setattr(html_reader, "MAX_CELLS", 10)
    page = "<table>" + "<tr><td>项目名称</td><td>甲</td></tr>\n" * 6 + "</table>"
    with pytest.raises(InputError, match="单元格过多（超过 10 个）"):
        read_bytes(page.encode(), "big.html")


def test_an_empty_page_is_refused() -> None:
    with pytest.raises(InputError, match="文件为空"):
        read_bytes(b"  \n", "empty.html")


def test_bytes_no_encoding_decodes_are_replaced_as_a_browser_shows_them_and_noted() -> None:
    page = PAGE.replace("charset=gb2312", "charset=utf-8").replace(
        "某区民政局</td><td>实施", "某区民政局\xff</td><td>实施"
    )
    data = page.encode("utf-8").replace("\xff".encode(), b"\xff")  # a byte no UTF-8 has
    grid, _, notes = read_grid(data, "page.html")
    assert _texts(grid)[4] == ["主管部门", "某区民政局\ufffd", "实施单位", "某区民政局"]
    assert [(n.code, n.line) for n in notes] == [("encoding", 11)]
    assert "utf-8" in str(notes[0].message) and "第 11 行" in str(notes[0].message)


def test_a_gbk_page_without_a_meta_and_with_a_stray_byte_is_read_as_gbk() -> None:
    page = PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    data = page.encode("gb18030").replace("版权所有".encode("gb18030"), b"\x80\x80")
    grid, _, notes = read_grid(data, "page.html")
    assert _texts(grid)[3] == ["项目名称", "社区 养老服务补贴"]
    assert [n.code for n in notes] == ["encoding"] and "gb18030" in str(notes[0].message)


def test_a_binary_file_called_html_is_refused() -> None:
    with pytest.raises(InputError, match="二进制"):
        read_bytes(bytes(range(256)) * 40, "blob.html")


WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=gb2312">
<!--[if gte mso 9]><xml><o:DocumentProperties></o:DocumentProperties></xml><![endif]-->
</head><body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><b><span style='font-size:16.0pt'>项目支出绩效目标申报表<o:p></o:p></span></b></p>
<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
 <tr><td width=120><p class=MsoNormal><span>项目名称<o:p></o:p></span></p></td>
  <td colspan=3><p class=MsoNormal><span>农村公路养护工程补助资
金<o:p></o:p></span></p></td></tr>
 <tr><td><p class=MsoNormal><span>年度目标<o:p></o:p></span></p></td>
  <td colspan=3><p class=MsoNormal><span>1.完成养护里程<span lang=EN-US>120</span>公里；<o:p></o:p></span></p>
  <p class=MsoNormal><span>2.优良路率达到<span lang=EN-US>85%</span>。<o:p></o:p></span></p></td></tr>
 <tr><td><p class=MsoNormal><span lang=EN-US>&nbsp;<o:p></o:p></span></p></td><td>x</td></tr>
</table></div></body></html>"""


def test_a_page_saved_by_word_reads_its_paragraphs_and_runs() -> None:
    grid, tables, notes = read_grid(WORD_PAGE.encode("gb2312"), "word.htm")
    assert (tables, notes) == (1, [])
    assert _texts(grid) == [
        ["项目支出绩效目标申报表"],
        ["项目名称", "农村公路养护工程补助资金"],  # Word broke its source line inside the word
        ["年度目标", "1.完成养护里程120公里；\n2.优良路率达到85%。"],
        ["\xa0", "x"],  # a no-break space is text: the form reader trims it and says so
    ]


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("单位：万元", True),
        ("（金额单位：元）", True),
        ("填报单位（盖章）：某区民政局　　单位：万元", True),
        ("单位：万元以上的项目另行公开", False),
        ("首页 > 信息公开 > 预算", False),
    ],
)
def test_a_line_above_the_table_stating_the_unit_reaches_the_reader(line: str, kept: bool) -> None:
    page = f"<p>{line}</p><table><tr><td>项目名称</td><td>甲</td></tr></table>"
    grid, _, _ = read_grid(page.encode(), "unit.html")
    assert (_texts(grid)[0] == [line]) is kept
