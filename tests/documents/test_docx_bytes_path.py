"""The docx importer's bytes path (`docx_grid.bytes_grid`) against its tree paths: the same grid,
forms and notes on every document it reads, and the tree paths for every document it does not."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from tests.conftest import SEED
from tests.documents.builder import C, comparable, docx, paragraph, seed_as_docx, table
from tests.documents.test_docx_shapes import GOALS, HEAD, INDICATORS, funds, tracked_document

from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.importers import docx_reader, read_bytes
from jixiao.importers.docx_grid import body_grid, bytes_grid, walked_grid
from jixiao.importers.docx_reader import document_body, document_xml
from jixiao.interchange import to_canonical

TITLE = paragraph("1、项目支出绩效目标表")
FORM = table(HEAD + funds("万元", "854.50", "120") + GOALS + INDICATORS)


def with_xml(data: bytes, edit) -> bytes:
    """The package with its document.xml passed through `edit` (bytes to bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package, zipfile.ZipFile(out, "w") as new:
        for info in package.infolist():
            member = package.read(info)
            if info.filename == "word/document.xml":
                member = edit(member)
            new.writestr(info, member, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def replaced(data: bytes, old: str, new: str) -> bytes:
    def edit(xml: bytes) -> bytes:
        assert old.encode() in xml, old
        return xml.replace(old.encode(), new.encode())

    return with_xml(data, edit)


def tree_grid(data: bytes):
    """The grid the tree paths read (the XSLT one and the Python walk agree on it)."""
    body, xml = document_body(data, "x.docx")
    grid = body_grid(body, xml)
    assert grid == walked_grid(body)
    return grid


def canonical(data: bytes) -> str:
    return json.dumps(to_canonical(read_bytes(data, "x.docx")), ensure_ascii=False, sort_keys=True)


def assert_read_alike(data: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bytes path reads the document, to the grid and the batch the tree paths read."""
    found = bytes_grid(document_xml(data, "x.docx"))
    assert found is not None, "the bytes path should read this document"
    assert found == tree_grid(data)
    fast = canonical(data)
    with monkeypatch.context() as patch:
        patch.setattr(docx_reader, "bytes_grid", lambda xml, lazy=False: None)
        assert canonical(data) == fast


def assert_left_to_tree(data: bytes) -> None:
    assert bytes_grid(document_xml(data, "x.docx")) is None
    read_bytes(data, "x.docx")  # the tree paths read it


def seed_documents(seed_batch) -> list[bytes]:
    text = SEED.read_text(encoding="utf-8")
    return [render(seed_batch, "docx")[2], seed_as_docx(text), seed_as_docx(text, split_form=4)]


def test_the_seed_in_both_shapes_reads_alike(seed_batch, monkeypatch) -> None:
    for data in seed_documents(seed_batch):
        assert_read_alike(data, monkeypatch)


def test_merged_cells_text_around_tables_and_several_tables_read_alike(monkeypatch) -> None:
    data = docx(
        paragraph("附件2"),
        TITLE,
        paragraph("（2022年度）"),
        table(HEAD + funds("万元", "854.50", "120")),
        paragraph("（续表）", page_break=True),
        table(GOALS + INDICATORS),
        paragraph("填报人：张三    联系电话：12345678"),
        paragraph("2、项目支出绩效目标表"),
        FORM,
        paragraph(""),
    )
    assert_read_alike(data, monkeypatch)


def test_tracked_changes_fields_links_and_content_controls_read_alike(monkeypatch) -> None:
    assert_read_alike(tracked_document(), monkeypatch)


def test_tabs_breaks_and_tab_stops_read_alike(monkeypatch) -> None:
    runs = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
        "<w:r><w:t>前</w:t><w:tab/><w:t>后</w:t><w:br/><w:t>下一行</w:t></w:r>"
        '<w:r><w:br w:type="page"/><w:t>分页</w:t><w:br w:type="column"/><w:cr/>'
        '<w:br w:type="textWrapping" w:clear="all"/><w:t xml:space="preserve"> 末 </w:t></w:r>'
        "</w:p><w:p/>"
    )
    cell = f"<w:tbl><w:tr><w:tc>{runs}</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    data = docx(TITLE, cell, FORM)
    assert_read_alike(data, monkeypatch)
    texts = [c.text for c in bytes_grid(document_xml(data, "x.docx"))[0].rows[1]]
    assert texts == ["前\t后\n下一行分页\n\n 末 \n", ""]  # page and column breaks: none


def test_entities_and_character_references_read_alike(monkeypatch) -> None:
    data = replaced(
        docx(TITLE, FORM),
        "社区科普讲座",
        "社区&amp;科普&lt;讲座&gt;&quot;&apos;&#20013;&#x4E2D;&#13;行&#10;尾",
    )
    assert_read_alike(data, monkeypatch)
    [form] = read_bytes(data, "x.docx").forms
    assert form.project_name.startswith("社区&科普<讲座>\"'中中")


def test_private_use_characters_read_alike(monkeypatch) -> None:
    name = "社区\ue000科普\ue003讲座"  # the XSLT path's markers, ordinary text to the bytes path
    head = [["项目名称", C(name, span=2), "项目类别", "一次性项目"], *HEAD[1:]]
    data = docx(TITLE, table(head + INDICATORS))
    assert_read_alike(data, monkeypatch)
    assert read_bytes(data, "x.docx").forms[0].project_name == name


def test_tags_written_otherwise_read_alike(monkeypatch) -> None:
    """Attributes, single quotes, white space in tags, empty elements written as such."""
    data = docx(TITLE, FORM)
    for old, new in [
        ("<w:p>", '<w:p w:rsidR="00A1B2C3" w14:paraId="1A2B3C4D">'),
        ("</w:p>", "</w:p\n>"),
        ("<w:tbl>", "<w:tbl >"),
        ('<w:vMerge w:val="restart"/>', "<w:vMerge w:val='restart' />"),
        ("<w:vMerge/>", '<w:vMerge w:val="continue"/>'),
        ('<w:t xml:space="preserve"/>', "<w:t/>"),
        ('<w:t xml:space="preserve">', "<w:t xml:space='preserve'>"),
    ]:
        data = replaced(data, old, new)
    assert_read_alike(data, monkeypatch)
    crlf = replaced(docx(TITLE, FORM), "社区科普讲座", "社区\r\n科普\r讲座")
    assert_read_alike(crlf, monkeypatch)


@pytest.mark.parametrize(
    "old, new",
    [
        # a table inside a cell
        ("<w:tc><w:tcPr/>", "<w:tc><w:tcPr/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"),
        # a text box: paragraphs inside a paragraph
        (
            "<w:t>项目名称</w:t></w:r>",
            "<w:t>项目名称</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t>"
            "</w:r></w:p></w:txbxContent></w:pict></w:r>",
        ),
        ("<w:t>项目名称</w:t>", "<w:t>项目<!-- 注释 -->名称</w:t>"),
        ("<w:t>项目名称</w:t>", "<w:t><![CDATA[项目名称]]></w:t>"),
        ("<w:tbl>", "<?pi 处理指令?><w:tbl>"),
        ("<w:t>项目名称</w:t>", '<w:t xmlns:w="urn:other">项目名称</w:t>'),
        (
            "<w:t>项目名称</w:t>",
            '<x:t xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "项目名称</x:t>",
        ),
        ("<w:t>项目名称</w:t>", "<w:t>项目<w:x/>名称</w:t>"),  # an element inside w:t
        (  # an equation with a tab in its run: not a run's tab to the tree paths
            "<w:t>项目名称</w:t></w:r>",
            "<w:t>项目名称</w:t></w:r><m:oMath><m:r><w:tab/><m:t>x</m:t></m:r></m:oMath>",
        ),
        ("<w:tab/>", "<w:tab></w:tab>"),
        ("<w:tab/>", '<w:tab w:x="1"/>'),  # neither a tab character nor a tab stop
        (
            "<w:tc><w:tcPr/><w:p>",
            "<w:tc><w:p/><w:tcPr><w:vMerge/></w:tcPr><w:p>",  # properties after a paragraph
        ),
    ],
)
def test_documents_the_bytes_path_cannot_read_exactly_go_to_the_tree(old, new) -> None:
    tabbed = table([["<tab>"]]).replace("&lt;tab&gt;", "</w:t><w:tab/><w:t>")
    data = replaced(raw_names(docx(TITLE, FORM, tabbed)), old, new)
    assert_left_to_tree(data)


def raw_names(data: bytes) -> bytes:
    """The 项目名称 label as a plain `<w:t>` element."""
    return replaced(data, '<w:t xml:space="preserve">项目名称</w:t>', "<w:t>项目名称</w:t>")


def test_a_document_in_another_encoding_goes_to_the_tree() -> None:
    data = with_xml(
        docx(TITLE, FORM),
        lambda xml: xml.decode().replace("UTF-8", "UTF-16").encode("utf-16"),
    )
    assert_left_to_tree(data)
    assert comparable(read_bytes(data, "x.docx")) == comparable(read_bytes(docx(TITLE, FORM), "x"))


@pytest.mark.parametrize(
    "old, new",
    [
        ("<w:t>项目名称</w:t>", "<w:t>项目名称</w:t><y:x/>"),  # an undeclared prefix
        ("<w:tbl>", '<w:tbl w:a="1" w:a="2">'),  # an attribute twice
        ("<w:t>项目名称</w:t>", "<w:t>项目&nbsp;名称</w:t>"),  # an entity XML does not define
        ("<w:t>项目名称</w:t>", "<w:t>项目名称</w:x>"),
        ("<w:t>项目名称</w:t>", "<w:t>项目&#99999999999;名称</w:t>"),  # no such character
        ("<w:t>项目名称</w:t>", "<w:t>项目&#1;名称</w:t>"),  # not a character of XML 1.0
        ("<w:t>项目名称</w:t>", "<w:t>项目\x02名称</w:t>"),
    ],
)
def test_broken_xml_is_refused_on_the_line_the_tree_parse_names(old, new) -> None:
    data = replaced(raw_names(docx(TITLE, FORM)), old, "\n" + new)
    with pytest.raises(InputError, match="内容已损坏") as fast:
        read_bytes(data, "x.docx")
    with pytest.raises(InputError, match="内容已损坏") as tree:
        document_body(data, "x.docx")
    assert str(fast.value) == str(tree.value)
