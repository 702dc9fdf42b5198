"""Downloads are named after the form's project, the two Excel files apart, every name given
twice in `Content-Disposition`: in full (RFC 5987 `filename*`) and as ASCII (`filename`)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def names(response) -> tuple[str, str]:
    """(the ASCII `filename`, the decoded `filename*`) of a download."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment; ")
    plain = re.search(r'filename="([ -~]+)"', header)
    full = re.search(r"filename\*=UTF-8''(\S+)$", header)
    assert plain and full, header
    return plain.group(1), unquote(full.group(1))


@pytest.mark.parametrize(
    ("identifier", "suffix"),
    [
        ("docx", ".docx"),
        ("pdf", ".pdf"),
        ("xlsx", "-绩效目标表.xlsx"),
        ("xlsx-long", "-指标明细.xlsx"),
    ],
)
def test_a_forms_download_is_named_after_its_project(admin, imported, identifier, suffix):
    form = imported.forms[0]
    response = admin.get(reverse("forms:download", args=[form.pk, identifier]))
    plain, full = names(response)
    assert full == f"{form.project_name}{suffix}"
    assert plain == f"form-{form.pk}-{identifier}.{suffix.rsplit('.', 1)[1]}"


def test_a_project_name_with_forbidden_characters_makes_a_safe_name(admin, imported):
    from jixiao_web.forms.models import Form

    Form.objects.filter(pk=imported.forms[0].pk).update(project_name='河道/治理:"一期"\n项目')
    response = admin.get(reverse("forms:download", args=[imported.forms[0].pk, "docx"]))
    assert names(response)[1] == "河道_治理_一期_ 项目.docx"


def test_the_other_downloads_carry_both_names(admin, imported):
    form = imported.forms[0]
    source = form.source_file.path.rsplit("/", 1)[-1]  # plain ASCII: the same name twice
    assert names(admin.get(reverse("forms:source", args=[form.pk]))) == (source, source)
    template = names(admin.get(reverse("imports:template", args=["xlsx"])))
    assert template == ("jixiao-template.xlsx", "jixiao-template.xlsx")
    assert names(admin.get(reverse("forms:export"))) == ("jixiao-forms.xlsx",) * 2
