"""The English mode says everything in English: each page rendered in English has no Chinese
outside what users wrote (project names, units, goal texts, file names ...), which the pages
mark as such with `translate="no"` (the HTML attribute for text not to be translated).

Two kinds of text are the core's own, in English through `Text(zh, en)`: the review's findings
(`ul.findings`: the test checks they are the English ones) and the import notes (`.note-text`:
what they quote of the document, in “…”, (…) or after a colon, is as written). The page's
`<title>` can hold no mark: the form's project name there is compared against the data."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.conftest import put_in

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60]")
QUOTED = re.compile(r"“[^”]*”|\([^)]*\)|:.*$|\[[^\]]*\]")
SPOKEN = ("title", "placeholder", "aria-label", "alt", "label")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Said(HTMLParser):
    """The texts a page says to people, without the parts marked as users' data."""

    def __init__(self, data: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.data = data
        self.stack: list[str] = []  # per open element: "skip", "note", "title" or ""
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        outer = self.stack[-1] if self.stack else ""
        classes = (a.get("class") or "").split()
        skipped = a.get("translate") == "no" or tag in ("script", "style") or "findings" in classes
        kind = "skip" if outer == "skip" or skipped else outer
        kind = "note" if kind == "" and "note-text" in classes else kind
        kind = "title" if tag == "title" else kind
        if kind != "skip":
            self.texts += [a[k] or "" for k in SPOKEN if k in a]
        if tag not in VOID:
            self.stack.append(kind)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        kind = self.stack[-1] if self.stack else ""
        if kind == "note":
            data = QUOTED.sub("", data)
        if kind == "title":
            for text in self.data:
                data = data.replace(text, "")
        if kind != "skip":
            self.texts.append(data)


def chinese_said(html: str, data: tuple[str, ...] = ()) -> list[str]:
    parser = Said(data)
    parser.feed(html)
    return [t.strip() for t in parser.texts if CJK.search(t)]


def project_names() -> tuple[str, ...]:
    from jixiao_web.forms.models import Form

    return tuple(n for n in Form.objects.values_list("project_name", flat=True) if n)


def english(client: Client) -> Client:
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


@pytest.fixture
def pages(people, imported, other_documents):
    """Every page of a signed-in user, with data on each: a form published, one with a history."""
    from jixiao_web.services.imports import import_files

    form = imported.forms[0]
    put_in(imported.forms[1], "published")
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
        said = chinese_said(client.get(url).content.decode(), project_names())
        if said:
            found[name] = said
    assert found == {}


def test_the_pages_of_someone_not_signed_in_are_in_english_too(db, imported):
    put_in(imported.forms[1], "published")
    client = english(Client())
    urls = [reverse("accounts:login"), reverse("portal:index"), "/public/999999/"]
    urls.append(reverse("portal:form", args=[imported.forms[1].pk]))
    portal = client.get(reverse("portal:index")).content.decode()
    assert f'translate="no">{imported.forms[1].project_name}</a>' in portal  # data on the page
    said = {u: chinese_said(client.get(u).content.decode(), project_names()) for u in urls}
    assert said == {u: [] for u in urls}


def test_findings_on_the_english_pages_are_the_reviews_english(admin, imported):
    from jixiao_web.reviews.models import Finding

    form = imported.forms[0]
    html = english(admin).get(reverse("forms:detail", args=[form.pk])).content.decode()
    findings = Finding.objects.filter(form_id=form.pk, run_id=form.review_run_id)
    assert findings and all(f.message_en in html.replace("&quot;", '"') for f in findings)
    assert not any(f.message in html for f in findings if f.message != f.message_en)


def test_the_checker_sees_chinese_outside_the_marked_data():
    html = '<p title="总览">x</p><p translate="no">河道<b>治理</b></p><p>表单</p><br><i>ok</i>'
    assert chinese_said(html) == ["总览", "表单"]
    notes = '<span class="note-text">line 3 (河道) merged: 河道</span><span class="note-text">已合并</span>'
    assert chinese_said(notes) == ["已合并"]
    assert chinese_said("<title>河道 · 编辑</title>", ("河道",)) == ["· 编辑"]


def test_the_history_names_actions_in_words_in_both_languages(admin, imported):
    url = reverse("forms:detail", args=[imported.forms[0].pk])
    history = re.compile(r"<h2>(?:记录|History)</h2>(.*?)</section>", re.S)
    chinese = history.search(admin.get(url).content.decode()).group(1)
    assert " · 导入 · v1</li>" in chinese and " · import · " not in chinese
    said = history.search(english(admin).get(url).content.decode()).group(1)
    assert " · Import · v1</li>" in said
