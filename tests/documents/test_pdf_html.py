"""HTML and PDF in the standard layout. The PDF must embed a CJK font (WeasyPrint silently
draws boxes without one) and render to an image with real Chinese text in the table.

Needs Debian's fonts-noto-cjk and poppler-utils; skipped with the reason when they are missing,
failed instead when JIXIAO_REQUIRE_ALL=1 (CI)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from jixiao.exporters import render
from jixiao.interchange import Batch


def need(tool: str, package: str) -> None:
    if shutil.which(tool) is not None:
        return
    reason = f"{tool} not installed (apt-get install -y --no-install-recommends {package})"
    if os.environ.get("JIXIAO_REQUIRE_ALL") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def need_cjk_font() -> None:
    need("fc-list", "fontconfig")
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    if "Noto" not in found:
        reason = "no Noto CJK font (apt-get install -y --no-install-recommends fonts-noto-cjk)"
        if os.environ.get("JIXIAO_REQUIRE_ALL") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def pdf(seed_batch, tmp_path_factory) -> Path:
    need_cjk_font()
    two = Batch(seed_batch.sources, seed_batch.forms[:2])
    name, media_type, data = render(two, "pdf")
    assert (name, media_type) == ("000_5de6d4488e662275.pdf", "application/pdf")
    path = tmp_path_factory.mktemp("pdf") / name
    path.write_bytes(data)
    return path


def test_the_pdf_embeds_a_cjk_font(pdf) -> None:
    need("pdffonts", "poppler-utils")
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    cjk = [line for line in listing.splitlines() if "CJK" in line and "Noto" in line]
    assert cjk, listing
    assert all(" yes " in line for line in cjk)  # embedded


def test_the_pdf_text_has_the_form_page_header_and_page_numbers(pdf) -> None:
    need("pdftotext", "poppler-utils")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    assert "上海市松江区科学技术委员会（本部）" in pages[0] and "2021年度" in pages[0]
    assert "第1页/共2页" in pages[0].replace(" ", "")
    assert "东西部扶贫帮困" in pages[0] and "278000.00" in pages[0] and "=30亩" in pages[0]
    assert any("法律咨询与服务" in page for page in pages[1:])


def test_a_pdf_page_renders_to_an_image_with_ink(pdf, tmp_path) -> None:
    need("pdftoppm", "poppler-utils")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    [png] = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    dark = sum(image.histogram()[:128])
    assert image.size[1] > image.size[0]  # A4 portrait
    assert dark > image.size[0] * image.size[1] // 100  # table lines and text, not a blank page


def test_the_html_is_the_same_table_with_merged_headings(seed_batch) -> None:
    _, media_type, data = render(seed_batch, "html")
    html = data.decode("utf-8")
    assert media_type.startswith("text/html")
    assert html.count('<section class="form"') == 15
    assert '<th rowspan="4">项目资金\n（元）</th>' in html
    assert '<td rowspan="5">数量指标</td>' in html  # five 数量指标 rows merged in form 1
    assert 'data-unit="上海市松江区科学技术委员会（本部）" data-year="2021年度"' in html


def test_a_pdf_whose_chinese_would_be_boxes_is_refused() -> None:
    from types import SimpleNamespace

    from jixiao.errors import JixiaoError
    from jixiao.exporters.html_export import check_glyphs

    drawn = SimpleNamespace(missing={})
    check_glyphs([drawn, SimpleNamespace(missing={0x1F600: 1})])  # an emoji alone is no reason
    with pytest.raises(JixiaoError, match="没有中文字体，2 个汉字"):
        check_glyphs([drawn, SimpleNamespace(missing={ord("项"): 1, ord("目"): 2})])
