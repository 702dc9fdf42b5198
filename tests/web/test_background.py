"""Large imports and whole-batch reviews on the worker (docs/imports.md, background work).

Each test queues through the import page and runs the real worker command in-process
(`python -m jixiao_web worker --batch`: django-tasks-db's database queue), as `make run` does.
"""

from __future__ import annotations

import itertools
import sys
import threading
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web import test_browser
from tests.web.test_editor import page_fields, post, replace, stored

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from corpus import generate

browser, shots = test_browser.browser, test_browser.shots  # the browser tests' fixtures
SEEDS = itertools.count(1000)
LARGE = generate(15, 7).encode()  # over the test's threshold of 100 bytes


pytestmark = pytest.mark.usefixtures("background_above_100_bytes")


def upload(client: Client, *files: tuple[str, bytes], **headers):
    data = {"files": [SimpleUploadedFile(n, b) for n, b in files], "on_match": "separate"}
    return client.post(reverse("imports:page"), data, headers=headers)


def work() -> None:
    call_command("worker", batch=True, verbosity=0)


def batch_of(response):
    from jixiao_web.imports.models import ImportBatch

    return ImportBatch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def imported_forms(batch) -> tuple[int, int]:
    """How many forms of the batch are shown, and how many are stored (hidden ones too)."""
    from jixiao_web.forms.models import Form

    rows = Form.all_objects.filter(import_batch=batch)
    return rows.filter(pending=False).count(), rows.count()


def test_a_large_upload_is_kept_queued_and_imported_by_the_worker(people, admin):
    from django_tasks_db.models import DBTaskResult

    from jixiao_web.imports.models import PendingUpload

    data = LARGE
    response = upload(admin, ("large.txt", data))
    assert response.status_code == 302
    batch = batch_of(response)
    kept = PendingUpload.objects.get(batch=batch)
    assert bytes(kept.content) == data and kept.name == "large.txt"  # the bytes outlive the request
    assert imported_forms(batch) == (0, 0)
    waiting = admin.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' in waiting and "已排队，等待后台处理" in waiting

    work()

    batch.refresh_from_db()
    assert batch.state == "done" and batch.form_count == 15
    assert imported_forms(batch) == (15, 15)
    assert not PendingUpload.objects.filter(batch=batch).exists()
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    page = admin.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert (
        "新增 15 张，替换 0 张" in page and "已导入 15 张表" in page and "后台处理：已完成" in page
    )


def test_the_script_follows_the_status_address_to_the_same_report(people, admin):
    response = upload(admin, ("large.txt", LARGE), HX_Request="true")
    assert response.status_code == 202
    html = response.content.decode()
    assert 'class="card import-progress"' in html
    pk = int(html.split('data-batch="')[1].split('"')[0])
    status = admin.get(reverse("imports:status", args=[pk])).json()
    assert status["finished"] is False and status["state"] == "queued" and "html" not in status

    work()

    status = admin.get(reverse("imports:status", args=[pk])).json()
    assert status["finished"] is True and status["percent"] == 100
    assert "新增 15 张，替换 0 张" in status["html"] and f'data-batch="{pk}"' in status["html"]


def test_the_progress_is_told_in_english_too(people, admin):
    response = upload(admin, ("large.txt", LARGE))
    admin.cookies["django_language"] = "en"
    page = admin.get(reverse("imports:batch", args=[batch_of(response).pk]))
    assert "Queued, waiting for the background worker" in page.content.decode()


def test_only_the_importer_and_administrators_follow_a_batch(people):
    staff = Client()
    staff.force_login(people.staff)
    batch = batch_of(upload(staff, ("large.txt", LARGE)))
    for user, code in [(people.staff, 200), (people.admin, 200), (people.other_staff, 403)]:
        client = Client()
        client.force_login(user)
        assert client.get(reverse("imports:status", args=[batch.pk])).status_code == code
        assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == code


def test_nothing_more_goes_into_a_batch_the_worker_still_has(people, admin):
    from jixiao_web.imports.models import PendingUpload

    batch = batch_of(upload(admin, ("large.txt", LARGE)))
    data = {"files": [SimpleUploadedFile("more.txt", b"x" * 10)], "batch": batch.pk}
    response = admin.post(reverse("imports:page"), data)
    assert response.status_code == 409 and "此批次仍在后台处理" in response.content.decode()
    assert PendingUpload.objects.filter(batch=batch).count() == 1


def test_several_files_are_imported_one_by_one_then_reviewed_as_a_whole(people, admin):
    from jixiao_web.reviews.models import ReviewRun

    files = [(f"part-{n}.txt", generate(4, n).encode()) for n in (1, 2)]
    batch = batch_of(upload(admin, *files))
    work()
    batch.refresh_from_db()
    assert batch.state == "done" and batch.progress["reviewed"] is True
    assert imported_forms(batch) == (8, 8)
    whole = ReviewRun.objects.filter(batch=batch).latest("id")
    assert set(batch.forms.values_list("review_run", flat=True)) == {whole.pk}


def test_the_review_of_a_large_batch_sent_file_by_file_runs_on_the_worker(people, admin, settings):
    from jixiao_web.reviews.models import ReviewRun

    settings.JIXIAO_BACKGROUND_IMPORT_BYTES = 10**9  # the files themselves in the request
    first = admin.post(
        reverse("imports:page"), {"files": [SimpleUploadedFile("a.txt", generate(12, 1).encode())]}
    )
    pk = int(first.content.decode().split('data-batch="')[1].split('"')[0])
    data = {"files": [SimpleUploadedFile("b.txt", generate(12, 2).encode())], "batch": pk}
    assert admin.post(reverse("imports:page"), data).status_code == 200
    runs = ReviewRun.objects.filter(batch_id=pk).count()
    finish = admin.post(
        reverse("imports:page"), {"finish": "1", "batch": pk}, headers={"HX-Request": "true"}
    )
    assert finish.status_code == 202 and ReviewRun.objects.filter(batch_id=pk).count() == runs

    work()

    status = admin.get(reverse("imports:status", args=[pk])).json()
    assert status["finished"] and "已对整个批次重新审核" in status["html"]
    whole = ReviewRun.objects.filter(batch_id=pk).latest("id")
    assert ReviewRun.objects.filter(batch_id=pk).count() == runs + 1
    assert set(whole.batch.forms.values_list("review_run", flat=True)) == {whole.pk}


def test_the_progress_only_moves_forward_to_every_form_stored(people, admin, monkeypatch):
    from jixiao_web.services import background, import_writer

    monkeypatch.setattr(import_writer, "CHUNK", 5)
    seen: list[dict] = []
    tell = background._tell

    def recording(batch, state=None):
        tell(batch, state)
        seen.append(background.describe(type(batch).objects.get(pk=batch.pk)))

    monkeypatch.setattr(background, "_tell", recording)
    files = [(f"part-{n}.txt", generate(13, n).encode()) for n in (1, 2)]
    upload(admin, *files)
    work()
    percents = [s["percent"] for s in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert any("已存入 10 / 13 张表" in s["text"] for s in seen)
    assert seen[-1]["finished"] and seen[-1]["state"] == "done"


class Killed(BaseException):
    """The worker process dying: no handler of the import runs, nothing is cleaned up."""


def _crash_after(monkeypatch, parts: int) -> None:
    """The worker dies after `parts` parts of a file are committed (its own undo never runs)."""
    from jixiao_web.services import import_writer

    told = import_writer.Writer._told
    count = {"parts": 0}

    def dying(self, stored):
        told(self, stored)
        count["parts"] += 1
        if count["parts"] == parts:
            raise Killed

    monkeypatch.setattr(import_writer.Writer, "_told", dying)
    monkeypatch.setattr(import_writer.Writer, "_undo", lambda self: None)


@pytest.mark.parametrize("parts", [1, 2, 3, 4])
def test_an_import_cut_off_by_a_worker_restart_is_undone_then_resumed(
    people, admin, monkeypatch, parts
):
    """A document of 13 forms in parts of 5, and a clean one before it; the worker dies after
    each possible part of the second (4: just after its last transaction). Once the worker
    starts again, the database holds none of the unfinished file, then all of it, once."""
    from jixiao_web.imports.models import ImportNote, SourceFile
    from jixiao_web.services import background, import_writer

    monkeypatch.setattr(import_writer, "CHUNK", 5)
    files = [("clean.txt", generate(3, 1).encode()), ("large.txt", generate(13, 2).encode())]
    batch = batch_of(upload(admin, *files))
    with monkeypatch.context() as m:
        _crash_after(m, 1 + parts)  # the clean file is one part
        work()
    batch.refresh_from_db()
    assert batch.state == "running"  # as a killed worker leaves it
    assert imported_forms(batch)[0] == 3 + (13 if parts == 4 else 0)

    assert background.recover() == [batch.pk]
    batch.refresh_from_db()
    assert batch.state == "queued"
    shown, kept = imported_forms(batch)
    assert shown == kept == 3 + (13 if parts == 4 else 0)  # nothing half-written is left
    assert SourceFile.objects.filter(batch=batch).count() == (1 if parts < 4 else 2)

    work()
    batch.refresh_from_db()
    assert batch.state == "done" and imported_forms(batch) == (16, 16)
    assert SourceFile.objects.filter(batch=batch).count() == 2
    notes = list(ImportNote.objects.filter(batch=batch).values_list("position", flat=True))
    assert notes == list(range(len(notes)))
    page = admin.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "后台进程曾重启，导入中断过 1 次" in page
    assert "新增 13 张，替换 0 张" in page and "已导入 16 张表" in page


def test_the_task_left_running_by_a_dead_worker_is_marked_failed(people, admin, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from jixiao_web.services import import_writer

    monkeypatch.setattr(import_writer, "CHUNK", 5)
    upload(admin, ("large.txt", generate(13, 2).encode()))
    with monkeypatch.context() as m:
        _crash_after(m, 1)
        work()
    DBTaskResult.objects.update(status="RUNNING")  # the worker died before recording anything
    work()
    statuses = sorted(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == ["FAILED", "SUCCESSFUL"]


def test_a_failing_import_is_reported_and_undone(people, admin, monkeypatch):
    from jixiao_web.imports.models import PendingUpload
    from jixiao_web.services import import_writer

    monkeypatch.setattr(import_writer, "CHUNK", 5)

    def broken(self, indexes, pending):
        if self.stored:
            raise RuntimeError("磁盘已满")
        return part(self, indexes, pending)

    part = import_writer.Writer._part
    monkeypatch.setattr(import_writer.Writer, "_part", broken)
    batch = batch_of(upload(admin, ("large.txt", generate(13, 2).encode())))
    work()
    batch.refresh_from_db()
    assert batch.state == "failed" and imported_forms(batch) == (0, 0)
    assert not PendingUpload.objects.filter(batch=batch).exists()
    page = admin.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "失败：磁盘已满" in page


@hypothesis_settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(forms=st.integers(1, 12), chunk=st.integers(1, 5), dies=st.integers(1, 14))
def test_wherever_the_worker_dies_each_file_ends_stored_once_and_whole(
    people, admin, forms, chunk, dies
):
    """Any document size, part size and moment of death (the count of progress reports after
    which the worker dies; past the last one it does not die): after recovery no form of the
    unfinished file is left, and the resumed import stores every form exactly once."""
    from jixiao_web.services import background, import_writer

    seed = next(SEEDS)  # a new document each time: the examples share one database
    with pytest.MonkeyPatch.context() as m:
        m.setattr(import_writer, "CHUNK", chunk)
        batch = batch_of(upload(admin, ("doc.txt", generate(forms, seed).encode())))
        _crash_after(m, dies)
        work()
        background.recover()
        shown, kept = imported_forms(batch)
        assert shown == kept and shown in (0, forms)  # nothing, or all of it
    work()
    batch.refresh_from_db()
    assert batch.state == "done" and imported_forms(batch) == (forms, forms)
    assert batch.form_count == forms and batch.sources.count() == 1


def test_a_file_the_core_cannot_read_is_reported_with_its_line(people, admin):
    batch = batch_of(upload(admin, ("bad.json", b'{"forms": [' + b" " * 2000 + b"\n]]")))
    work()
    batch.refresh_from_db()
    assert batch.state == "done" and imported_forms(batch) == (0, 0)
    report = batch.report["files"][0]
    assert report["error"].startswith("不是有效的 JSON：第 2 行")
    page = admin.get(reverse("imports:batch", args=[batch.pk])).content.decode()
    assert "未导入" in page and "第 2 行第 2 列" in page


@pytest.mark.django_db(transaction=True)
def test_a_save_in_the_editor_goes_through_while_the_worker_imports(people, imported, monkeypatch):
    """The save runs in another thread (its own connection) after the first part of a
    1,000-form import is committed, while the worker waits for it: the import holds no
    transaction between parts, so the save does not wait for the import (SQLite and PostgreSQL)."""
    from jixiao_web.services import import_writer

    admin = Client()
    admin.force_login(people.admin)
    batch = batch_of(upload(admin, ("large.txt", generate(1000, 3).encode())))
    pk = imported.forms[0].pk
    saved: list = []

    def save() -> None:
        try:
            client = Client()
            client.force_login(people.staff)
            data = replace(page_fields(client, pk), "project_name", "导入期间保存的名称")
            saved.append(post(client, pk, data).status_code)
        finally:
            connection.close()

    told = import_writer.Writer._told

    def saving_meanwhile(self, stored):
        told(self, stored)
        if stored == import_writer.CHUNK and not saved:
            thread = threading.Thread(target=save)
            thread.start()
            thread.join()

    monkeypatch.setattr(import_writer.Writer, "_told", saving_meanwhile)
    work()
    batch.refresh_from_db()
    assert saved == [302]
    assert stored(pk).project_name == "导入期间保存的名称" and stored(pk).version == 2
    assert batch.state == "done" and imported_forms(batch) == (1000, 1000)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_import_page_follows_the_worker_to_the_report(live_server, browser, shots, tmp_path):
    """The page's script: the upload answers with a progress card at once, the card follows the
    worker, then gives way to the same report as an import in the request."""
    from tests.web.conftest import make_user
    from tests.web.test_browser import log_in, shot

    make_user("fin-admin", "admin")
    document = tmp_path / "large.txt"
    document.write_bytes(generate(600, 4).encode())
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server.url, "fin-admin")
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("input[name=files]", str(document))
    page.click("#upload button[type=submit]")
    page.wait_for_selector(".import-progress", timeout=60_000)
    assert "已排队，等待后台处理" in page.inner_text(".import-progress")
    shot(page, shots, "11-import-queued")

    work()

    page.wait_for_selector("#import-report", timeout=60_000)
    assert "已导入 600 张表" in page.inner_text("#import-report")
    assert "后台处理：已完成" in page.inner_text("#import-report")
    assert page.locator(".import-progress").count() == 0
    shot(page, shots, "12-import-from-the-worker")
