"""The import page names formats by their human name (the importers' registry), in the page's
language, and its list of recent imports is a fragment the upload script fetches again."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jixiao.importers import format_label, formats

pytestmark = pytest.mark.django_db


def test_every_format_has_a_name_in_both_languages_and_no_code_is_shown_for_it():
    for name, fmt in formats().items():
        assert fmt.label.zh and fmt.label.en and format_label(name) == fmt.label
        assert name not in (fmt.label.zh, fmt.label.en) or name == "json"
    assert format_label("odt").zh == "odt"  # a name no reader has (any more) stays readable


def test_the_page_and_the_report_show_format_names_not_codes(admin, seed_bytes):
    page = admin.get(reverse("imports:page")).content.decode()
    assert all(f.label.zh in page for f in formats().values())
    upload = SimpleUploadedFile("seed.txt", seed_bytes)
    report = admin.post(reverse("imports:page"), {"files": [upload]}).content.decode()
    assert "<td>文本（Word 表格导出的文本）</td>" in report and "<td>seed-text</td>" not in report
    admin.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = admin.get(reverse("imports:page"))
    assert "Text (Word tables saved as text)" in english.content.decode()


def test_the_recent_list_is_its_own_fragment_with_the_latest_import(admin, other_documents):
    from jixiao_web.imports.models import ImportBatch

    fragment = admin.get(reverse("imports:recent")).content.decode()
    assert 'id="recent"' in fragment and fragment.count("<li>") == ImportBatch.objects.count()
    name, data = other_documents[0]
    admin.post(reverse("imports:page"), {"files": [SimpleUploadedFile(name, data)]})
    latest = ImportBatch.objects.first()
    fragment = admin.get(reverse("imports:recent")).content.decode()
    first = fragment[fragment.index("<li>") :].split("</li>")[0]
    assert f"#{latest.pk}</a>" in first and name in first and "1 张表" in first


def test_without_imports_the_recent_list_is_there_but_hidden(db, people):
    from django.test import Client

    client = Client()
    client.force_login(people.staff)  # the seed was imported by nobody: no batch of theirs
    fragment = client.get(reverse("imports:recent")).content.decode()
    assert 'id="recent"' in fragment and " hidden>" in fragment and "<li>" not in fragment
