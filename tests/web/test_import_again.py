"""Importing again: an identical file is skipped, a form matching one already there is skipped,
replaced as a new version or added as the user chooses, and every page and command says what
matched. Large files are written in parts, hidden until complete, and removed if they fail."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def revised(seed_bytes: bytes) -> bytes:
    """The seed as its units send it again: form 1's annual request changed."""
    text = seed_bytes.decode()
    assert text.count("\t278000\n") >= 1
    return text.replace("\t278000\n", "\t288000\n").encode()


def counts() -> tuple[int, int, int]:
    """Forms (hidden ones too), stored files, and audit events of forms."""
    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.imports.models import SourceFile

    events = AuditEvent.objects.filter(form__isnull=False).count()
    return Form.all_objects.count(), SourceFile.objects.count(), events


def upload(client: Client, name: str, data: bytes, on_match: str | None = None):
    body = {"files": [SimpleUploadedFile(name, data)]}
    if on_match:
        body["on_match"] = on_match
    return client.post(reverse("imports:page"), body)


def test_the_same_file_again_is_skipped_and_the_totals_stay(admin, imported, seed_bytes):
    before = counts()
    totals = admin.get(reverse("dashboard")).context["totals"]
    response = upload(admin, "again.txt", seed_bytes)
    html = response.content.decode()
    assert response.status_code == 200
    assert "内容完全相同，已跳过" in html and f"批次 #{imported.batch.pk}" in html
    assert counts() == before
    assert admin.get(reverse("dashboard")).context["totals"] == totals


def test_matching_forms_are_skipped_by_default_with_links_to_them(admin, imported, seed_bytes):
    before = counts()
    response = upload(admin, "again.txt", revised(seed_bytes))
    html = response.content.decode()
    assert "15 张表与已有表单相同" in html
    first = imported.forms[0]
    assert f'href="/forms/{first.pk}/"' in html and "已跳过" in html
    assert "请选择“替换为新版本”后重新上传" in html
    assert counts()[0] == before[0]


def test_replacing_makes_a_new_version_and_keeps_the_old_in_the_history(
    admin, imported, seed_bytes
):
    from jixiao_web.forms.models import AuditEvent, Form

    first = imported.forms[0]
    response = upload(admin, "again.txt", revised(seed_bytes), "replace")
    html = response.content.decode()
    assert "已替换，成为第 2 版" in html and "新增 0 张，替换 15 张" in html
    assert Form.objects.count() == 15
    form = Form.objects.get(pk=first.pk)
    assert (form.version, form.funds_written["annual_request"]) == (2, "288000")
    history = list(AuditEvent.objects.filter(form=form).order_by("id"))
    assert [(e.action, e.version) for e in history] == [("import", 1), ("reimport", 2)]
    assert history[0].data["funds"]["annual_request"] == "278000"  # the old version stays
    assert history[1].actor_name == "admin1"
    assert form.source_file.path == "again.txt" and form.review_run_id != first.review_run_id


def test_separate_adds_the_forms_beside_the_ones_there(admin, imported, seed_bytes):
    from jixiao_web.forms.models import Form

    response = upload(admin, "again.txt", revised(seed_bytes), "separate")
    assert "已作为单独的表单导入" in response.content.decode()
    assert Form.objects.count() == 30


def test_an_unknown_choice_is_a_400(admin, imported, seed_bytes):
    assert upload(admin, "again.txt", revised(seed_bytes), "overwrite").status_code == 400


def one_form(seed_batch, annual_request: str) -> bytes:
    from decimal import Decimal

    from jixiao.interchange import Batch, dumps

    form = seed_batch.forms[0]
    funds = form.funds.__class__(
        **{**{n: v for n, v in form.funds.items()}, "annual_request": Decimal(annual_request)},
        unit=form.funds.unit,
    )
    return dumps(Batch(seed_batch.sources, (form.with_changes(funds=funds),))).encode()


def test_staff_replace_their_draft_but_not_a_submitted_form(people, imported, seed_batch):
    from jixiao_web.forms.models import Form, Status

    client = Client()
    client.force_login(people.staff)
    first = imported.forms[0]
    Form.objects.filter(pk=first.pk).update(status=Status.SUBMITTED)
    refused = upload(client, "mine.json", one_form(seed_batch, "290000"), "replace")
    assert "只有草稿可以被替换，未替换" in refused.content.decode()
    assert Form.objects.get(pk=first.pk).version == 1
    Form.objects.filter(pk=first.pk).update(status=Status.DRAFT)
    done = upload(client, "mine2.json", one_form(seed_batch, "291000"), "replace")
    assert "已替换，成为第 2 版" in done.content.decode()
    assert Form.objects.get(pk=first.pk).funds_written["annual_request"] == "291000"


def test_a_form_saved_during_the_import_is_not_replaced_and_nothing_is_stored(
    people, imported, seed_bytes, monkeypatch
):
    from jixiao_web.forms.models import Form
    from jixiao_web.services import imports

    planned = imports._plan

    def saved_meanwhile(*args, **kwargs):
        plan = planned(*args, **kwargs)
        Form.objects.filter(pk=imported.forms[0].pk).update(version=7)  # someone's save
        return plan

    monkeypatch.setattr(imports, "_plan", saved_meanwhile)
    before = counts()
    result = imports.import_files(
        [("again.txt", revised(seed_bytes))], people.admin, imports.OnMatch.REPLACE
    )
    assert "被他人修改，此文件未导入" in result.files[0].error
    assert counts() == before
    assert Form.objects.get(pk=imported.forms[0].pk).funds_written["annual_request"] == "278000"


def test_a_large_file_is_written_in_parts_hidden_until_it_is_complete(db, seed_bytes, monkeypatch):
    from jixiao_web.forms.models import Form
    from jixiao_web.services import import_writer, imports

    monkeypatch.setattr(import_writer, "CHUNK", 4)
    seen = []
    part = import_writer.Writer._part

    def watched(self, indexes, pending):
        part(self, indexes, pending)
        seen.append((pending, Form.objects.count(), Form.all_objects.count()))

    monkeypatch.setattr(import_writer.Writer, "_part", watched)
    result = imports.import_files([("seed.txt", seed_bytes)])
    assert seen == [(True, 0, 4), (True, 0, 8), (True, 0, 12), (True, 0, 15)]
    assert len(result.forms) == 15 and Form.objects.count() == 15
    assert not Form.all_objects.filter(pending=True).exists()


def test_a_large_file_that_fails_half_way_leaves_nothing(db, seed_bytes, monkeypatch):
    from jixiao_web.imports.models import ImportNote
    from jixiao_web.reviews.models import Finding, ReviewRun
    from jixiao_web.services import import_writer, imports

    monkeypatch.setattr(import_writer, "CHUNK", 4)
    part = import_writer.Writer._part

    def failing(self, indexes, pending):
        if self.source is not None and self.source.pk and len(self.children) < 8:
            raise OSError("disk full")
        part(self, indexes, pending)

    monkeypatch.setattr(import_writer.Writer, "_part", failing)
    with pytest.raises(OSError, match="disk full"):
        imports.import_files([("seed.txt", seed_bytes)])
    assert counts() == (0, 0, 0)  # the units it created stay (docs/imports.md)
    assert not Finding.objects.exists() and not ReviewRun.objects.exists()
    assert not ImportNote.objects.exists()


def test_the_importfiles_command_says_what_it_did(people, imported, seed_bytes, tmp_path, capsys):
    again = tmp_path / "again.txt"
    again.write_bytes(seed_bytes)
    call_command("importfiles", str(again), "--user", "admin1")
    assert "内容完全相同，已跳过" in capsys.readouterr().out
    again.write_bytes(revised(seed_bytes))
    call_command("importfiles", str(again), "--user", "admin1", "--on-match", "replace")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{again}: 新增 0 张，替换 15 张"
    assert out[1].startswith("  第 1 张表“东西部扶贫帮困”与已有表单 #") and out[1].endswith(
        "相同：已替换为新版本"
    )
    with pytest.raises(CommandError, match="no such user"):
        call_command("importfiles", str(again), "--user", "nobody-here")
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("importfiles", str(tmp_path / "missing.txt"), "--user", "admin1")


def test_an_upload_over_the_request_limit_is_refused_unread(people, seed_bytes, settings):
    from jixiao_web.forms.models import Form

    settings.JIXIAO_MAX_UPLOAD_MB = 0.01  # about 10 kB; the seed has 30 kB
    client = Client()
    client.force_login(people.admin)
    before = Form.objects.count()
    response = upload(client, "big.txt", seed_bytes + b"\n" * 10)
    assert response.status_code == 413
    assert "一次上传的文件总量超过 0.0 MB 的上限" in response.content.decode()
    assert Form.objects.count() == before
    # the browser sends its CSRF token after the files: the refusal is still the page shown
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.admin)
    strict.get(reverse("imports:page"))  # the CSRF cookie, as a browser has it
    page = strict.post(
        reverse("imports:page"), {"files": [SimpleUploadedFile("big.txt", seed_bytes)]}
    )
    assert page.status_code == 413 and "上限" in page.content.decode()


def test_uploaded_files_over_a_few_megabytes_go_to_disk(rf, settings):
    from django.core.files.uploadedfile import TemporaryUploadedFile

    request = rf.post("/imports/", {"files": [SimpleUploadedFile("big.txt", b"x" * 3_000_000)]})
    with request.FILES["files"] as upload_file:
        assert isinstance(upload_file, TemporaryUploadedFile)
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < 3_000_000


def test_a_file_of_another_unit_is_refused_whole_for_staff(db, seed_bytes):
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import Unit

    own = Unit.objects.create(name="上海市松江区科学技术委员会（本部）")
    clerk = make_user("clerk", "staff", own)
    result = import_files([("seed.txt", seed_bytes)], clerk)
    assert "第 12 张表" in result.files[0].error and "整个文件未导入" in result.files[0].error
    assert counts() == (0, 0, 0)


def test_a_form_listed_twice_replaces_the_stored_one_once(people, imported, seed_batch):
    from jixiao.interchange import Batch, dumps
    from jixiao_web.forms.models import Form
    from jixiao_web.services.imports import OnMatch, import_files

    form = seed_batch.forms[0]
    twice = Batch(seed_batch.sources, (form, form.with_changes(seq=2, title="又一份")))
    result = import_files([("twice.json", dumps(twice).encode())], people.admin, OnMatch.REPLACE)
    report = result.files[0]
    assert report.error == "" and (report.created, report.replaced) == (0, 1)
    assert [m["done"] for m in report.matches] == ["replaced", "skipped"]
    assert report.matches[1]["why"] == "同一文件中的另一张表已替换了它。"
    assert Form.objects.get(pk=imported.forms[0].pk).version == 2


def test_an_import_replaces_no_form_past_draft_and_keeps_a_revision_public(imported, seed_bytes):
    """Whoever imports (a command on the server too), only a draft is replaced; a revised
    draft keeps its revision and its publication (docs/workflow.md)."""
    from tests.web.conftest import put_in

    from jixiao.matching import OnMatch
    from jixiao_web.forms.models import Form, Status
    from jixiao_web.services.imports import import_files

    published, revised_draft = imported.forms[0], imported.forms[1]
    put_in(published, Status.PUBLISHED)
    put_in(revised_draft, Status.PUBLISHED)
    Form.objects.filter(pk=revised_draft.pk).update(status=Status.DRAFT, revision=1)
    before = Form.objects.get(pk=revised_draft.pk).publication_id
    report = import_files([("again.txt", revised(seed_bytes))], on_match=OnMatch.REPLACE)
    matches = {m["existing"]: m for f in report.files for m in f.matches}
    assert matches[published.pk]["done"] == "skipped"
    assert "只有草稿可以被替换" in matches[published.pk]["why"]
    assert Form.objects.get(pk=published.pk).version == 1
    row = Form.objects.get(pk=revised_draft.pk)
    assert (row.version, row.revision, row.publication_id) == (2, 1, before)
    assert (row.status, row.publication.version) == (Status.DRAFT, 1)
