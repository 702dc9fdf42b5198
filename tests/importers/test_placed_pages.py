"""A PDF shown as a web page of placed text (烟台's portal): its pages read as the PDF's.

The pages here are made as such portals make them: from a PDF (the seed written by jixiao, and
published budget PDFs kept as fixtures), each run of text a box placed at its first character,
each rule a box of no height or no width with a border. Read as a web page, they give what the
PDF gives. The published page itself (烟台市退役军人事务局 2026) is read exactly in
tests/templates/test_real_forms.py.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html
from tests.documents.test_pdf_html import need_cjk_font

from jixiao.errors import InputError
from jixiao.exporters.html_export import render_pdf
from jixiao.importers import placed, read_bytes, read_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "templates"
WHITE = re.compile(r"\s+")


def placed_page(pdf: bytes) -> bytes:
    """The PDF as a page of placed boxes: a box per run of text (its first character's place and
    the font's size), a bordered box per rule."""
    import pdfplumber

    out = ['<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>']
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            out.append(
                f'<div class="page" style="width:{page.width}pt;height:{page.height}pt;'
                'position:relative;">'
            )
            for e in page.edges:
                if e["orientation"] == "h":
                    size = f"width:{e['x1'] - e['x0']}pt;height:0pt;border-bottom:0.5pt solid #000"
                else:
                    size = f"width:0pt;height:{e['bottom'] - e['top']}pt;border-right:0.5pt solid"
                out.append(
                    f'<div class="r" style="position:absolute;left:{e["x0"]}pt;top:{e["top"]}pt;'
                    f'{size};">&nbsp;</div>'
                )
            for word in page.extract_words(
                keep_blank_chars=True, x_tolerance=1.5, extra_attrs=["size"], return_chars=True
            ):
                chars = [c for c in word["chars"]]
                while chars and not chars[0]["text"].strip():
                    chars.pop(0)
                while chars and not chars[-1]["text"].strip():
                    chars.pop()
                if chars:
                    text = html.escape("".join(c["text"] for c in chars))
                    out.append(
                        f'<div class="p" style="top:{chars[0]["top"]}pt;left:{chars[0]["x0"]}pt;'
                        f'font-size:{word["size"]}pt;position:absolute;">{text}</div>'
                    )
            out.append("</div>")
    out.append("</body></html>")
    return "".join(out).encode()


def _same(a, b, *, exact: bool) -> None:
    """Two reads of one document give the same forms: exactly, or but for white space (a web
    page shows a run of spaces as one)."""

    def text(value):
        return value if exact or not isinstance(value, str) else WHITE.sub("", value)

    assert len(a.forms) == len(b.forms)
    for x, y in zip(a.forms, b.forms, strict=True):
        for name in (
            "title",
            "budget_year",
            "project_name",
            "supervising_department",
            "implementing_unit",
            "planned_start",
            "planned_end",
            "overall_goal",
            "annual_goal",
        ):
            assert text(getattr(x, name)) == text(getattr(y, name)), (x.project_name, name)
        assert x.funds == y.funds
        assert [
            (i.level1, i.level2, text(i.name), text(i.target), i.period, dict(i.extra))
            for i in x.indicators
        ] == [
            (i.level1, i.level2, text(i.name), text(i.target), i.period, dict(i.extra))
            for i in y.indicators
        ]


def test_the_seed_as_a_pdf_shown_as_placed_text_reads_as_the_pdf(seed_batch) -> None:
    """jixiao's PDF of the seed (思源黑体, whose figures are wider than half an em): its fifteen
    forms, their goals with the lines the cells' width broke joined, exactly as from the PDF."""
    need_cjk_font()
    pdf = render_pdf(seed_batch)
    from_pdf = read_bytes(pdf, "seed.pdf")
    from_page = read_bytes(placed_page(pdf), "seed.html")
    assert from_page.sources[0].format == "html"
    _same(from_pdf, from_page, exact=True)
    assert [f.project_name for f in from_page.forms] == [f.project_name for f in seed_batch.forms]
    said = [n.message for n in from_page.notes if n.code == "layout"]
    assert said and "逐页排版" in said[0]


@pytest.mark.parametrize(
    ("document", "exact"),
    [
        ("central/guojia-xinfangju-2026-budget.pdf", True),
        ("chongqing/chongqing-water-2026-budget.pdf", True),
        # 西南大学 writes runs of spaces (`教育部      105`), which a web page shows as one
        ("central/swu-2023-budget.pdf", False),
    ],
)
def test_a_published_budget_pdf_shown_as_placed_text_reads_as_the_pdf(
    document: str, exact: bool
) -> None:
    path = FIXTURES / document
    _same(read_path(path), read_bytes(placed_page(path.read_bytes()), "budget.html"), exact=exact)


# Pages made here, box by box ----------------------------------------------------------------

HEAD = ["一级指标", "二级指标", "三级指标", "指标值"]
COLUMNS = [(40.0, 110.0), (110.0, 180.0), (180.0, 330.0), (330.0, 420.0)]  # each column's edges
SIZE = 10.0
ROW = 16.0  # points a line of text takes


def _wrapped(text: str, width: float, narrow: float) -> list[str]:
    """The lines a cell `width` wide breaks `text` into, as a word processor breaks them: a
    Chinese character an em wide and a figure `narrow` em (the font the page was made with), a
    number never broken, no line starting with `，`, `、` or `%`."""
    lines, line, used = [], "", 0.0
    for word in _BREAKABLE.findall(text):
        w = sum(SIZE * (narrow if char < "\x80" else 1.0) for char in word)
        if line and used + w > width:
            lines.append(line)
            line, used = "", 0.0
        line += word
        used += w
    return [*lines, line]


_BREAKABLE = re.compile(r"(?:[0-9]+|.)[，、%]*")


def _boxes_page(rows: list[list[tuple[str, int]]], narrow: float) -> tuple[str, str]:
    """One form as a placed page and as an HTML table. `rows` are cells (text, columns
    spanned) over the four columns; a cell's text wraps in its width."""
    boxes, top = [], 100.0
    boxes.append(f'<div style="position:absolute;top:70pt;left:150pt;font-size:14pt">{TITLE}</div>')
    rules = []
    for row in rows:
        lines_of = []
        column = 0
        for text, span in row:
            left, right = COLUMNS[column][0], COLUMNS[column + span - 1][1]
            lines_of.append((left, right, _wrapped(text, right - left - 4, narrow)))
            column += span
        height = ROW * max(len(lines) for _, _, lines in lines_of) + 4
        for left, right, lines in lines_of:
            for k, line in enumerate(lines):
                boxes.append(
                    f'<div style="position:absolute;top:{top + 2 + k * ROW}pt;left:{left + 2}pt;'
                    f'font-size:{SIZE}pt">{html.escape(line)}</div>'
                )
            rules.append((left, top, right - left, 0.0))  # above
            rules.append((left, top, 0.0, height))  # on the left
        rules.append((COLUMNS[-1][1], top, 0.0, height))  # the table's right edge
        top += height
    rules.append((COLUMNS[0][0], top, COLUMNS[-1][1] - COLUMNS[0][0], 0.0))  # under the table
    for left, rule_top, width, height in rules:
        side = "border-top" if height == 0 else "border-left"
        boxes.append(
            f'<div style="position:absolute;left:{left}pt;top:{rule_top}pt;width:{width}pt;'
            f'height:{height}pt;{side}:0.75pt solid #000">&#160;</div>'
        )
    page = (
        '<html><body><div style="position:relative;width:595pt;height:842pt">'
        + "".join(boxes)
        + "</div></body></html>"
    )
    cells = "".join(
        "<tr>"
        + "".join(f'<td colspan="{span}">{html.escape(text)}</td>' for text, span in row)
        + "</tr>"
        for row in rows
    )
    return page, f"<html><body><p>{TITLE}</p><table>{cells}</table></body></html>"


TITLE = "项目支出绩效目标表"
_HAN = "资金用于采购设备维护运行保障服务质量提升群众满意程度达到以上完成任务建设管理"
_words = st.text(alphabet=_HAN, min_size=2, max_size=12)
_goal = st.lists(
    st.one_of(_words, st.integers(1, 99999).map(str), st.sampled_from(["，", "、", "%"])),
    min_size=1,
    max_size=16,
).map("".join)
_row = st.tuples(
    st.sampled_from(
        [("产出指标", "数量指标"), ("产出指标", "质量指标"), ("效益指标", "社会效益指标")]
    ),
    _words,
    st.one_of(st.integers(0, 100000).map(lambda n: f"≥{n}"), _words),
)


@settings(max_examples=100, deadline=None)
@given(
    name=_words,
    unit=_words,
    amount=st.integers(1, 10**6),
    goal=_goal,
    rows=st.lists(_row, min_size=1, max_size=6),
    narrow=st.floats(0.44, 0.56),
)
def test_a_form_placed_box_by_box_reads_as_the_same_form_in_a_table(
    name: str, unit: str, amount: int, goal: str, rows: list, narrow: float
) -> None:
    """Whatever a form holds and however wide the font sets its figures (0.44–0.56 em where the
    reader reckons half an em), its placed page reads as its HTML table: every cell, and each
    text the cell's width broke over lines joined whole."""
    grid = [
        [("项目名称", 1), (name, 3)],
        [("实施单位", 1), (unit, 3)],
        [("年度资金总额（万元）", 1), (str(amount), 3)],
        [("年度目标", 1), (goal, 3)],
        [(text, 1) for text in HEAD],
        *[[(l1, 1), (l2, 1), (n, 1), (t, 1)] for (l1, l2), n, t in rows],
    ]
    page, table = _boxes_page(grid, narrow)
    from_page = read_bytes(page.encode(), "placed.html")
    from_table = read_bytes(table.encode(), "table.html")
    _same(from_table, from_page, exact=True)
    (form,) = from_page.forms
    assert (form.project_name, form.annual_goal) == (name, goal)


# What makes a page placed --------------------------------------------------------------------


def _pages(body: str) -> list[placed.PlacedPage]:
    return placed.pages(
        lxml_html.document_fromstring(f"<html><body>{body}</body></html>"), "p.html"
    )


def test_lengths_in_pixels_and_a_box_placed_from_the_bottom() -> None:
    (page,) = _pages(
        '<div style="width:800px;height:600px">'
        '<div style="position:absolute;left:40px;bottom:100px;font-size:16px">项目</div>'
        '<div style="position:absolute;left:0;top:40px;width:400px;height:0;'
        'border-bottom:1px solid black">&nbsp;</div></div>'
    )
    assert (page.width, page.height) == (600.0, 450.0)  # points
    first = page.chars[0]
    assert (first["x0"], first["top"], first["size"]) == (30.0, 450.0 - 75 - 12, 12.0)
    assert [(e["orientation"], e["top"], e["x1"]) for e in page.edges] == [("h", 30.0, 300.0)]


def test_the_rules_a_box_draws() -> None:
    (page,) = _pages(
        '<div style="width:500pt;height:500pt">'
        '<div style="position:absolute;left:10pt;top:10pt;width:100pt;height:50pt;'
        'border:0.5pt solid #000"></div>'
        '<div style="position:absolute;left:200pt;top:10pt;width:100pt;height:50pt;'
        'border-width:1pt;border-style:solid"></div>'
        '<div style="position:absolute;left:10pt;top:100pt;width:100pt;height:50pt;'
        'border:0.5pt none #000"></div>'
        '<div style="position:absolute;left:10pt;top:200pt;width:300pt;height:1pt;'
        'background-color:#000"></div>'
        '<div style="position:absolute;left:10pt;top:300pt;width:300pt;height:1pt;'
        'background-color:#fff"></div></div>'
    )
    drawn = sorted((e["orientation"], e["x0"], e["top"]) for e in page.edges)
    assert drawn == sorted(
        [
            ("h", 10.0, 10.0),
            ("h", 10.0, 60.0),
            ("v", 10.0, 10.0),
            ("v", 110.0, 10.0),
            ("h", 200.0, 10.0),
            ("h", 200.0, 60.0),
            ("v", 200.0, 10.0),
            ("v", 300.0, 10.0),
            ("h", 10.0, 200.0),  # a thin black bar; a white one is no rule, nor a border: none
        ]
    )


def test_a_box_of_text_ends_before_the_rule_on_its_right() -> None:
    (page,) = _pages(
        '<div style="width:500pt;height:500pt">'
        '<div style="position:absolute;left:10pt;top:10pt;font-size:10pt">很长很长的一段文字</div>'
        '<div style="position:absolute;left:50pt;top:0pt;width:0pt;height:40pt;'
        'border-right:0.5pt solid">&nbsp;</div></div>'
    )
    assert max(c["x1"] for c in page.chars) <= 50.0
    assert "".join(c["text"] for c in page.chars) == "很长很长的一段文字"


def test_pages_placed_by_a_stylesheet_or_holding_one_box_are_no_placed_pages() -> None:
    assert not _pages(
        "<style>.x{position:absolute;left:10pt;top:10pt}</style>"
        '<div style="width:500pt;height:500pt"><div class="x">项目名称</div>'
        '<div class="x">甲</div></div>'
    )
    assert not _pages(
        '<div style="width:500pt;height:500pt">'
        '<div style="position:absolute;left:10pt;top:10pt">项目名称</div></div>'
    )
    assert not _pages("<table><tr><td>项目名称</td><td>甲</td></tr></table>")


def test_a_placed_page_without_a_form_is_refused_saying_what_was_read() -> None:
    page = (
        '<div style="width:500pt;height:500pt">'
        '<div style="position:absolute;left:10pt;top:10pt">部门预算</div>'
        '<div style="position:absolute;left:10pt;top:40pt">目录</div></div>'
    )
    with pytest.raises(InputError) as caught:
        read_bytes(f"<html><body>{page}</body></html>".encode(), "budget.html")
    assert "budget.html" in str(caught.value)
    assert "逐页排版的文字中没有" in str(caught.value)


def _page_of(boxes: int, top: str = "") -> str:
    texts = "".join(
        f'<div style="position:absolute;left:10pt;top:{20 + k}pt">甲</div>' for k in range(boxes)
    )
    return f'<div style="{top}width:500pt;height:500pt">{texts}</div>'


def test_a_frame_around_placed_pages_is_no_page_of_its_own() -> None:
    pages = _pages(
        '<div style="position:relative;width:600pt;height:2000pt">'
        + _page_of(2, "position:absolute;top:0pt;")
        + _page_of(3, "position:absolute;top:900pt;")
        + "</div>"
    )
    assert [len(page.chars) for page in pages] == [2, 3]


def test_too_many_pages_or_boxes_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(placed, "MAX_PAGES", 2)
    with pytest.raises(InputError, match="版面页数过多"):
        _pages(_page_of(2) * 3)
    monkeypatch.setattr(placed, "MAX_BOXES", 4)
    with pytest.raises(InputError, match="第 2 页的元素过多（5 个，上限 4 个）"):
        _pages(_page_of(2) + _page_of(5))
    assert len(_pages(_page_of(2) + _page_of(4))) == 2


def test_a_box_of_several_lines_places_each_a_line_lower() -> None:
    (page,) = _pages(
        '<div style="width:500pt;height:500pt">'
        '<div style="position:absolute;left:10pt;top:100pt;font-size:10pt;line-height:1.5">'
        "项目<br>名称<p>甲 <b>乙</b></p></div>"
        '<div style="position:absolute;left:10pt;top:300pt;font-size:10pt;line-height:14pt">'
        "一<br>二</div></div>"
    )
    lines: dict[float, str] = {}
    for char in page.chars:
        lines[char["top"]] = lines.get(char["top"], "") + char["text"]
    assert lines == {100.0: "项目", 115.0: "名称", 130.0: "甲 乙", 300.0: "一", 314.0: "二"}
