"""The Word and Excel files of the seed's form 1 as people open them: converted to PDF by
LibreOffice (what printing gives), every value of the form is on the page. Before the sheet was
set to print one page wide, the 年度指标值 column fell off the page.

Needs LibreOffice (Debian's libreoffice-writer-nogui, libreoffice-calc-nogui) and poppler-utils;
skipped with the reason when they are missing, failed instead when JIXIAO_REQUIRE_ALL=1 (CI)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from tests.documents.test_pdf_html import need

from jixiao.domain.form import Form
from jixiao.domain.target import format_decimal
from jixiao.exporters import render
from jixiao.interchange import Batch

SPACE = re.compile(r"\s+")
# a wrapped cell's next line may come a few lines further down in pdftotext's layout, where
# a neighbouring cell is centred between them
NEXT_LINES = 3


def printed(path: Path, tmp: Path) -> list[str]:
    """The lines of `pdftotext -layout` of the file converted to PDF by LibreOffice, in a fresh
    profile of its own (parallel runs do not share one)."""
    need("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
    need("pdftotext", "poppler-utils")
    profile = (tmp / "profile").as_uri()
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(tmp), str(path)]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    pdf = tmp / (path.stem + ".pdf")
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return result.stdout.splitlines()


def values(form: Form) -> list[str]:
    """Every value the form carries, as written."""
    texts = [form.project_name, form.project_category, form.supervising_department]
    texts += [form.implementing_unit, form.overall_goal, form.annual_goal]
    texts += [str(d) for d in (form.planned_start, form.planned_end) if d is not None]
    texts += [format_decimal(v) for _, v in form.funds.items() if v is not None]
    for indicator in form.indicators:
        texts += [indicator.level1, indicator.level2, indicator.name, indicator.target]
    return [SPACE.sub("", t) for t in texts if t]


def _pieces(line: str) -> list[str]:
    """What of one cell may stand on a line: any run of its words, white space removed (a cell's
    line may have spaces of its own, as Word puts between Chinese and digits)."""
    words = line.split()
    return ["".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)]


def _continues(rest: str, lines: list[list[str]], after: int) -> bool:
    """Whether `rest` is written on from line `after` on: a piece of one of the next lines is
    its start (and the rest goes on below) or its whole end."""
    for n in range(after + 1, min(after + 1 + NEXT_LINES, len(lines))):
        for piece in lines[n]:
            if piece.startswith(rest):
                return True
            if rest.startswith(piece) and _continues(rest[len(piece) :], lines, n):
                return True
    return False


def on_the_page(value: str, text: list[str]) -> bool:
    """Whether the value is on the page: on one line, or wrapped in its cell over lines where
    the cells beside it are printed between its pieces (white space ignored)."""
    if value in SPACE.sub("", "".join(text)):
        return True
    lines = [_pieces(line) for line in text]
    for n, pieces in enumerate(lines):
        for piece in pieces:
            for cut in range(len(piece)):
                start = piece[cut:]
                if value.startswith(start) and _continues(value[len(start) :], lines, n):
                    return True
    return False


@pytest.fixture(scope="module")
def form_one(seed_batch) -> Batch:
    return Batch(seed_batch.sources, seed_batch.forms[:1])


@pytest.mark.parametrize("identifier", ["docx", "xlsx"])
def test_every_value_of_the_seed_form_1_is_on_the_printed_page(
    identifier, form_one, tmp_path
) -> None:
    _, _, data = render(form_one, identifier)
    path = tmp_path / f"form.{identifier}"
    path.write_bytes(data)
    text = printed(path, tmp_path)
    missing = [v for v in values(form_one.forms[0]) if not on_the_page(v, text)]
    assert not missing, "\n".join(text)


def test_a_value_wrapped_beside_another_is_found_and_a_cut_one_is_not() -> None:
    page = [
        "  1.建立30亩标准    1.建立30亩标准智能",
        "   智能温室大棚    温室大棚，采用",
        "  ，采用铁皮石斛",
    ]
    assert on_the_page("1.建立30亩标准智能温室大棚，采用铁皮石斛", page)
    assert on_the_page("1.建立30亩标准智能温室大棚，采用", page)
    assert not on_the_page("1.建立30亩标准智能温室大棚，采用铁皮石斛种植", page)
    assert not on_the_page("=30亩", page)
