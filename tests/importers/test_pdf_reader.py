"""PDF files: the tables of the text layer read into the grid Word tables give; a table going on
over a page read as one; a scan, an encrypted or a damaged file refused with a clear message.

The PDFs are made here: by jixiao's own PDF export (WeasyPrint), from an HTML table by WeasyPrint,
from an image by Pillow, and from a Word file by LibreOffice (skipped when it is missing, failed
when JIXIAO_REQUIRE_ALL=1)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from tests.documents.test_pdf_html import need

from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.exporters.html_export import render_pdf
from jixiao.importers import pdf_reader, read_bytes
from jixiao.interchange import Batch

WHITE = re.compile(r"\s+")


def _rows(form) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target) for i in form.indicators]


@pytest.fixture(scope="module")
def seed_pdf(seed_batch) -> bytes:
    return render_pdf(seed_batch)


def test_the_seed_written_to_pdf_by_jixiao_reads_back_the_same(seed_batch, seed_pdf) -> None:
    back = read_bytes(seed_pdf, "seed.pdf")
    assert back.sources[0].format == "pdf"
    assert len(back.forms) == len(seed_batch.forms) == 15
    for original, read in zip(seed_batch.forms, back.forms, strict=True):
        assert read.title == original.title
        assert read.budget_year == original.budget_year
        assert read.project_name == original.project_name
        assert read.implementing_unit == original.implementing_unit
        assert (read.planned_start, read.planned_end) == (
            original.planned_start,
            original.planned_end,
        )
        assert read.funds == original.funds
        # every indicator row, its cells as written: the tables go on over pages
        assert _rows(read) == _rows(original), original.seq
        # a PDF keeps no white space at the end of a line: the goals' words are all there
        assert WHITE.sub("", read.overall_goal or "") == WHITE.sub("", original.overall_goal or "")


def test_form_1_in_pdf_has_its_cells_broken_by_the_width_joined(seed_batch) -> None:
    (form,) = read_bytes(render_pdf(Batch(forms=seed_batch.forms[:1])), "1.pdf").forms
    original = seed_batch.forms[0]
    assert form.project_name == "东西部扶贫帮困"
    assert form.implementing_unit == "上海市松江区科学技术委员会（本部）"  # two lines in the cell
    assert form.funds.project_total == Decimal("278000.00")
    assert _rows(form)[0] == ("产出指标", "数量指标", "建立30亩标准智能温室生态种植大棚", "=30亩")
    assert _rows(form) == _rows(original)
    assert form.annual_goal == original.annual_goal.strip()


PAGE = """<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2cm }}
body {{ font-family: "Noto Sans CJK SC"; font-size: 10pt }}
td {{ border: 1px solid black; padding: 2pt }} table {{ border-collapse: collapse }}
</style></head><body>
<h2>项目支出绩效目标表</h2><p>（2023年度）</p><p>单位：万元</p>
<table>
<tr><td>项目名称</td><td colspan="3">社区养老服务补贴</td></tr>
<tr><td>主管部门</td><td>某区民政局</td><td>实施单位</td><td>某区民政局</td></tr>
<tr><td rowspan="2">项目资金</td><td>项目资金总额</td><td colspan="2">125.5</td></tr>
<tr><td>其中：财政资金</td><td colspan="2">125.5</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>
{rows}
</table></body></html>"""


def _weasy(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()


def test_a_table_over_three_pages_is_one_table_with_the_text_above_it() -> None:
    rows = "".join(
        f"<tr><td>产出指标</td><td>数量指标</td><td>第{k}项服务</td><td>≥{k}次</td></tr>"
        for k in range(1, 121)
    )
    data = _weasy(PAGE.format(rows=rows))
    grid, notes = pdf_reader.read_grid(data, "long.pdf")
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[:6] == [
        ["项目支出绩效目标表"],
        ["（2023年度）"],
        ["单位：万元"],
        ["项目名称", "社区养老服务补贴"],
        ["主管部门", "某区民政局", "实施单位", "某区民政局"],
        ["项目资金", "项目资金总额", "125.5"],
    ]
    assert texts[6] == ["", "其中：财政资金", "125.5"]  # the cell spanning two rows
    assert notes == []
    (form,) = read_bytes(data, "long.pdf").forms
    assert [i.name for i in form.indicators] == [f"第{k}项服务" for k in range(1, 121)]
    assert {i.level1 for i in form.indicators} == {"产出指标"}


def _image_pdf() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 250), outline="black")
    out = io.BytesIO()
    image.save(out, format="PDF")
    return out.getvalue()


def test_a_scan_without_text_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(_image_pdf(), "scan.pdf")
    assert str(caught.value) == (
        "scan.pdf: PDF 没有文字层（可能是扫描件）：请提供原始文档或可复制文字的 PDF"
    )


def _picture() -> str:
    import base64

    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (40, 20), "gray").save(png, format="PNG")
    return f'<img src="data:image/png;base64,{base64.b64encode(png.getvalue()).decode()}">'


def test_an_image_in_a_page_without_text_is_refused_too() -> None:
    with pytest.raises(InputError, match="PDF 没有文字层"):
        read_bytes(_weasy(f"<html><body>{_picture()}</body></html>"), "img.pdf")


def test_a_scanned_page_among_pages_with_text_is_noted() -> None:
    rows = "<tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥500人</td></tr>"
    scan = f'<div style="page-break-before: always">{_picture()}</div></body>'
    batch = read_bytes(_weasy(PAGE.format(rows=rows).replace("</body>", scan)), "mixed.pdf")
    assert [f.project_name for f in batch.forms] == ["社区养老服务补贴"]
    assert [str(n.message) for n in batch.notes] == ["第 2 页没有文字层（可能是扫描页），未读取"]


def test_a_damaged_pdf_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "bad.pdf")
    assert str(caught.value).startswith("bad.pdf: PDF 文件已损坏或无法读取")


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler wants a user password (not the empty one)."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> "
            b"/P -4 >>",
        ],
        b"/Encrypt 4 0 R /ID [<00><00>] ",
    )


def test_an_encrypted_pdf_is_refused_asking_for_an_unencrypted_one() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(_encrypted_pdf(), "locked.pdf")
    assert str(caught.value) == "locked.pdf: PDF 已加密，需要密码才能打开：请提供未加密的文件"


def test_too_many_pages_are_refused(monkeypatch, seed_pdf) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)
    with pytest.raises(InputError, match="PDF 页数过多"):
        read_bytes(seed_pdf, "seed.pdf")


def test_a_pdf_is_told_by_its_header_whatever_its_name() -> None:
    assert pdf_reader.sniff_pdf(b"%PDF-1.7\n", "download")
    assert pdf_reader.sniff_pdf(b"", "a.PDF")
    assert not pdf_reader.sniff_pdf("项目名称".encode(), "a.txt")


def test_form_1_from_word_printed_to_pdf_by_libreoffice(seed_batch, tmp_path) -> None:
    need("soffice", "libreoffice-writer-nogui")
    _, _, docx = render(Batch(forms=seed_batch.forms[:1]), "docx")
    path = tmp_path / "form1.docx"
    path.write_bytes(docx)
    command = ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}"]
    command += ["--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    (form,) = read_bytes((tmp_path / "form1.pdf").read_bytes(), "form1.pdf").forms
    original = seed_batch.forms[0]
    assert form.project_name == original.project_name
    assert form.funds == original.funds
    assert _rows(form) == _rows(original)


def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (numbered from 1, the first the catalog), its cross-references
    worked out."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_a_damaged_font_says_nothing_on_stderr(tmp_path) -> None:
    text = b"BT /F1 12 Tf 20 100 Td (no form here) Tj ET"
    data = _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
            b"<< /Type /Font /Subtype /TrueType /BaseFont /Odd /FirstChar 32 /LastChar 126 "
            b"/FontDescriptor 6 0 R >>",
            b"<< /Type /FontDescriptor /FontName /Odd /Flags 32 >>",  # no /FontBBox
        ]
    )
    path = tmp_path / "odd.pdf"
    path.write_bytes(data)
    script = "import sys; from jixiao.cli.main import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-c", script, "import", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    # the reader's message alone: pdfminer's warning of the font is not shown
    assert done.stderr.splitlines() == [
        f"jixiao: {path}: PDF 中未找到绩效目标表（没有“项目名称”“绩效指标”等栏目）"
    ]


def test_a_box_drawn_around_the_page_is_no_table() -> None:
    framed = PAGE.replace("<body>", '<body><div style="border: 1px solid black; padding: 8pt">')
    rows = "<tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥500人</td></tr>"
    grid, _ = pdf_reader.read_grid(_weasy(framed.format(rows=rows)), "framed.pdf")
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts[:4] == [
        ["项目支出绩效目标表"],
        ["（2023年度）"],
        ["单位：万元"],
        ["项目名称", "社区养老服务补贴"],
    ]
    assert texts[-1] == ["产出指标", "数量指标", "补贴人数", "≥500人"]


def test_a_table_head_printed_on_every_page_is_read_once() -> None:
    rows = "".join(
        f"<tr><td>产出指标</td><td>数量指标</td><td>第{k}项服务</td><td>≥{k}次</td></tr>"
        for k in range(1, 121)
    )
    head = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    page = PAGE.replace(head, "").replace(
        "{rows}", f"</table><table><thead>{head}</thead><tbody>{{rows}}</tbody>"
    )
    data = _weasy(page.format(rows=rows))
    grid, _ = pdf_reader.read_grid(data, "head.pdf")
    texts = [[c.text for c in row] for row in grid.rows]
    assert texts.count(["一级指标", "二级指标", "三级指标", "指标值"]) == 1
    (form,) = read_bytes(data, "head.pdf").forms
    assert [i.name for i in form.indicators] == [f"第{k}项服务" for k in range(1, 121)]


def test_a_row_the_page_cuts_is_one_row_its_list_kept_line_by_line() -> None:
    items = [f"第{k}条目标：完成社区养老服务补贴发放工作并提高服务质量。" for k in range(1, 60)]
    head = "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>"
    rows = (
        f'<tr><td>年度目标</td><td colspan="3">{"<br>".join(items)}</td></tr>{head}'
        "<tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥500人</td></tr>"
    )
    data = _weasy(PAGE.replace(head, "").format(rows=rows))
    assert len(pdfplumber_pages(data)) == 2  # the goal goes on over the page's end
    (form,) = read_bytes(data, "cut.pdf").forms
    # every line of the column ends at its edge: the breaks before 第N条 are the author's
    assert form.annual_goal == "\n".join(items)
    assert _rows(form) == [("产出指标", "数量指标", "补贴人数", "≥500人")]
    assert not [n for n in form.notes if "第40条" in str(n.message)]


def pdfplumber_pages(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def test_a_signature_and_a_footnote_under_the_table_are_notes_not_indicators() -> None:
    rows = "<tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥500人</td></tr>"
    after = "<p>填报人：王五　　　　联系电话：12345678</p><p>注：1.“其他资金”是指财政拨款以外的资金。</p>"
    data = _weasy(PAGE.format(rows=rows).replace("</body>", after + "</body>"))
    batch = read_bytes(data, "signed.pdf")
    (form,) = batch.forms
    assert _rows(form) == [("产出指标", "数量指标", "补贴人数", "≥500人")]
    assert [str(n.message) for n in batch.notes] == [
        "第 1 页表格之外的文字未导入：填报人：王五 联系电话：12345678",
        "第 1 页表格之外的文字未导入：注：1.“其他资金”是指财政拨款以外的资金。",
    ]
