"""Bad Word and Excel files: each gets one clear message naming the file, within bounded memory,
and nothing is imported half-way."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile

import pytest
from openpyxl import Workbook
from tests.documents.builder import docx, paragraph

from jixiao.cli.main import main
from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.importers import read_bytes, read_path, read_paths
from jixiao.importers.zipsafe import CFB_MAGIC


def refused(data: bytes, path: str, match: str) -> InputError:
    with pytest.raises(InputError, match=match) as caught:
        read_bytes(data, path)
    assert caught.value.path == path
    return caught.value


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("path", ["broken.docx", "broken.xlsx"])
def test_a_corrupt_zip_is_refused(seed_batch, path) -> None:
    fmt = "docx" if path.endswith("docx") else "xlsx"
    _, _, good = render(seed_batch, fmt)
    refused(good[: len(good) // 2], path, "已损坏")
    refused(b"this is not a zip at all", path, "已损坏")


def test_a_docx_without_a_table_is_refused() -> None:
    refused(
        docx(paragraph("项目经费情况说明"), paragraph("正文没有表格。")), "plain.docx", "没有表格"
    )


def test_a_docx_with_a_table_but_no_form_is_refused() -> None:
    from tests.documents.builder import table

    refused(docx(table([["姓名", "电话"], ["张三", "123"]])), "other.docx", "未找到绩效目标表")


def test_a_docx_with_broken_xml_is_refused(seed_batch) -> None:
    _, _, good = render(seed_batch, "docx")
    with zipfile.ZipFile(io.BytesIO(good)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["word/document.xml"] = members["word/document.xml"][:5000]
    refused(_zip(members), "cut.docx", "内容已损坏")


def test_an_xlsx_without_a_form_is_refused() -> None:
    workbook = Workbook()
    workbook.active["A1"] = "随便写的表格"
    out = io.BytesIO()
    workbook.save(out)
    refused(out.getvalue(), "other.xlsx", "未找到绩效目标表")


def test_an_xlsx_long_table_with_a_bad_amount_names_the_cell(seed_batch) -> None:
    from openpyxl import load_workbook

    _, _, data = render(seed_batch, "xlsx-long")
    for row, match in ((5, "不一致"), (2, "不是金额")):
        workbook = load_workbook(io.BytesIO(data))
        sheet = workbook.active
        column = [c.value for c in sheet[1]].index("项目资金总额") + 1
        sheet.cell(row=row, column=column, value="二十七万")
        out = io.BytesIO()
        workbook.save(out)
        error = refused(out.getvalue(), "long.xlsx", match)
        assert error.field == f"{sheet.title}!{sheet.cell(row, column).coordinate}"


def test_an_xlsx_with_a_broken_sheet_is_refused(seed_batch) -> None:
    _, _, good = render(seed_batch, "xlsx")
    with zipfile.ZipFile(io.BytesIO(good)) as package:
        members = {name: package.read(name) for name in package.namelist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row"
    refused(_zip(members), "broken-sheet.xlsx", "已损坏")


def _cfb(*streams: str) -> bytes:
    """The head of an OLE compound file naming the given streams, as Office writes them."""
    names = b"".join(s.encode("utf-16-le").ljust(128, b"\0") for s in streams)
    return CFB_MAGIC + bytes(504) + names


@pytest.mark.parametrize("path", ["secret.docx", "secret.xlsx"])
def test_a_password_protected_file_is_refused(path) -> None:
    refused(_cfb("EncryptionInfo", "EncryptedPackage"), path, "密码")


def test_an_old_binary_office_file_is_refused() -> None:
    refused(_cfb("WordDocument"), "old.docx", "旧版")


def test_a_zip_with_an_encrypted_member_is_refused(seed_batch) -> None:
    _, _, good = render(seed_batch, "docx")
    data = bytearray(good)
    start = data.find(b"PK\x01\x02")  # the first central directory entry
    flags = struct.unpack_from("<H", data, start + 8)[0]
    struct.pack_into("<H", data, start + 8, flags | 1)
    refused(bytes(data), "locked.docx", "密码")


def test_a_zip_bomb_is_refused_without_inflating_it() -> None:
    bomb = _zip({"word/document.xml": bytes(60 * 1024 * 1024), "_rels/.rels": b""})
    assert len(bomb) < 200 * 1024
    tracemalloc.start()
    try:
        refused(bomb, "bomb.docx", "zip 炸弹")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


def test_a_zip_lying_about_its_sizes_is_refused(seed_batch) -> None:
    _, _, good = render(seed_batch, "docx")
    data = bytearray(good)
    start = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, start + 24, 3_000_000_000)  # declared uncompressed size
    refused(bytes(data), "liar.docx", "zip 炸弹")


def test_a_100_mb_upload_is_refused_before_reading(tmp_path) -> None:
    big = tmp_path / "huge.docx"
    with open(big, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: nothing is written
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="文件过大"):
            read_path(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_one_bad_file_imports_nothing(tmp_path, seed_batch) -> None:
    good = tmp_path / "good.docx"
    good.write_bytes(render(seed_batch, "docx")[2])
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match=r"bad\.docx"):
        read_paths([good, bad])
    out = tmp_path / "out.xlsx"
    assert main(["export", str(good), str(bad), "--to", "xlsx", "-o", str(out)]) == 2
    assert not out.exists()


def test_a_workbook_and_a_document_under_each_others_names_are_read_for_what_they_are(
    seed_batch,
) -> None:
    workbook, document = render(seed_batch, "xlsx")[2], render(seed_batch, "docx")[2]
    assert read_bytes(workbook, "misnamed.docx").sources[0].format == "xlsx"
    assert read_bytes(document, "misnamed.xlsx").sources[0].format == "docx"
    assert len(read_bytes(document, "no-extension").forms) == 15


def test_an_xlsx_merging_a_whole_sheet_is_refused_before_openpyxl_expands_it() -> None:
    workbook = Workbook()
    workbook.active["A1"] = "项目名称"
    workbook.active.merge_cells("A1:B2")
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        members = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = members[sheet].replace(b'ref="A1:B2"', b'ref="A1:XFD1048576"')
    refused(_zip(members), "merged.xlsx", "合并单元格")


def test_an_xlsx_with_a_stray_cell_far_away_is_refused() -> None:
    workbook = Workbook()
    workbook.active["A1"] = "项目名称"
    workbook.active["XFD1048576"] = "x"
    out = io.BytesIO()
    workbook.save(out)
    refused(out.getvalue(), "far.xlsx", "范围过大")
