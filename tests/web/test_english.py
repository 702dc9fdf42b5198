"""The English mode says everything in English: each page rendered in English has no Chinese
outside what users wrote (project names, units, goal texts, file names ...), which the pages
mark as such with `translate="no"` (the HTML attribute for text not to be translated)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]")
SPOKEN = ("title", "placeholder", "aria-label", "alt", "label")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Said(HTMLParser):
    """The texts a page says to people, without the parts marked as users' data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: whether it is skipped
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        skipped = bool(self.stack and self.stack[-1])
        skipped = skipped or a.get("translate") == "no" or tag in ("script", "style")
        if not skipped:
            self.texts += [a[k] or "" for k in SPOKEN if k in a]
        if tag not in VOID:
            self.stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.texts.append(data)


def chinese_said(html: str) -> list[str]:
    parser = Said()
    parser.feed(html)
    return [t.strip() for t in parser.texts if CJK.search(t)]


def english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.fixture
def pages(people, imported, other_documents):
    """Every page of a signed-in user, with data on each: a form published, one with a history."""
    from jixiao_web.forms.models import Form
    from jixiao_web.services.imports import import_files

    form = imported.forms[0]
    Form.objects.filter(pk=imported.forms[1].pk).update(status="published")
    batch = import_files(other_documents[:1], people.admin).batch
    return {
        "dashboard": reverse("dashboard"),
        "list": reverse("forms:list"),
        "detail": reverse("forms:detail", args=[form.pk]),
        "editor": reverse("forms:edit", args=[form.pk]),
        "import": reverse("imports:page"),
        "batch": reverse("imports:batch", args=[batch.pk]),
        "tokens": reverse("accounts:tokens"),
        "password": reverse("accounts:password"),
        "portal": reverse("portal:index"),
        "portal form": reverse("portal:form", args=[imported.forms[1].pk]),
        "not found": "/forms/999999/",
        "bad parameter": reverse("forms:list") + "?year=abc",
    }


def test_every_page_in_english_says_nothing_in_chinese_but_users_data(admin, pages):
    client = english(admin)
    found = {}
    for name, url in pages.items():
        said = chinese_said(client.get(url).content.decode())
        if said:
            found[name] = said
    assert found == {}


def test_the_pages_of_someone_not_signed_in_are_in_english_too(db, imported):
    from jixiao_web.forms.models import Form

    Form.objects.filter(pk=imported.forms[1].pk).update(status="published")
    client = english(Client())
    urls = [reverse("accounts:login"), reverse("portal:index"), "/public/999999/"]
    urls.append(reverse("portal:form", args=[imported.forms[1].pk]))
    assert {u: chinese_said(client.get(u).content.decode()) for u in urls} == {u: [] for u in urls}


def test_the_checker_sees_chinese_outside_the_marked_data():
    html = '<p title="总览">x</p><p translate="no">河道<b>治理</b></p><p>表单</p><br><i>ok</i>'
    assert chinese_said(html) == ["总览", "表单"]
