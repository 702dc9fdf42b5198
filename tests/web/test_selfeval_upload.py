"""A self-evaluation table uploaded on the import page is refused with the core's message (the
page calls the same importers as `jixiao import`): no form is made of it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from tests.evaluation.selfeval_fixtures import PUTUO

pytestmark = pytest.mark.django_db


def test_an_uploaded_self_evaluation_table_is_refused_and_changes_nothing(admin):
    from jixiao_web.forms.models import Form

    before = Form.objects.count()
    upload = SimpleUploadedFile(PUTUO.name, PUTUO.read_bytes())
    page = admin.post(reverse("imports:page"), {"files": [upload]}, follow=True)
    text = page.content.decode()
    assert page.status_code == 422  # the import page's refusal, as for any document it cannot read
    assert "这是绩效自评表（有“全年执行数”栏），不是绩效目标表：请用 jixiao selfeval 读取" in text
    assert Form.objects.count() == before
