"""The import page takes web pages and PDF files as it takes the other formats: read by the same
core readers, their forms stored, a scanned PDF refused with the reader's message."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.web.conftest import CLEAN

from jixiao.exporters import render
from jixiao.importers import formats, read_path

pytestmark = pytest.mark.django_db


def test_the_page_lists_web_pages_and_pdf_among_the_formats(admin):
    page = admin.get(reverse("imports:page")).content.decode()
    for name in ("html", "pdf"):
        fmt = formats()[name]
        assert fmt.label.zh in page and " ".join(fmt.extensions) in page


def test_a_web_page_and_a_pdf_are_imported_and_their_forms_stored(admin):
    from jixiao_web.forms.models import Form

    first, second = read_path(CLEAN[0]), read_path(CLEAN[1])
    page = SimpleUploadedFile("first.htm", render(first, "html")[2])
    pdf = SimpleUploadedFile("second.pdf", render(second, "pdf")[2])
    response = admin.post(reverse("imports:page"), {"files": [page, pdf], "on_match": "separate"})
    report = response.content.decode()
    assert response.status_code == 200
    assert "<td>网页（.html）</td>" in report and "<td>PDF（有文字层）</td>" in report
    for batch, name, fmt in ((first, "first.htm", "html"), (second, "second.pdf", "pdf")):
        stored = Form.objects.filter(source_file__path=name)
        assert [(f.project_name, f.source_file.format) for f in stored] == [
            (batch.forms[0].project_name, fmt)
        ]
        assert stored[0].indicators.count() == len(batch.forms[0].indicators)


def test_a_scanned_pdf_is_refused_with_the_readers_message(admin):
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(scan, format="PDF")
    upload = SimpleUploadedFile("scan.pdf", scan.getvalue())
    response = admin.post(reverse("imports:page"), {"files": [upload]})
    assert response.status_code == 422
    assert "PDF 没有文字层（可能是扫描件）" in response.content.decode()
