"""POST /api/v1/imports and GET /api/v1/imports/{id}: the import page's path, as JSON."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, assume, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web.api_calls import with_token
from tests.web.conftest import SEED
from tests.web.test_background import LARGE, work

from jixiao_web.accounts import tokens

URL = "/api/v1/imports"


def token_of(user, **kwargs) -> str:
    return tokens.issue(user, "测试", **kwargs)[1]


def send(client: Client, raw: str, *files: tuple[str, bytes], on_match: str | None = None):
    data: dict = {"file": [SimpleUploadedFile(name, data) for name, data in files]}
    if on_match is not None:
        data["on_match"] = on_match
    return client.post(URL, data, headers=with_token(raw))


def stored_state() -> tuple[int, ...]:
    """Everything an import writes, counted (all forms, the hidden ones too)."""
    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.imports.models import ImportBatch, PendingUpload, SourceFile

    models = (Form.all_objects, ImportBatch.objects, SourceFile.objects, PendingUpload.objects)
    return (*(m.count() for m in models), AuditEvent.objects.count())


def canonical(forms) -> list[dict]:
    """The forms as `jixiao/forms@1` (the review's score and grade too), without ids."""
    from jixiao.interchange import form_to_json
    from jixiao_web.services.forms import to_core

    rows = sorted(forms, key=lambda f: f.seq)
    return [{**form_to_json(to_core(f)), "score": f.score, "grade": f.grade} for f in rows]


def seed_copy(extra: int) -> tuple[str, bytes]:
    """The seed with `extra` more blank lines at its end: the same forms, other bytes (so that
    it is not skipped as a file imported before)."""
    return SEED.name, SEED.read_bytes() + b"\n" * extra


@pytest.mark.django_db
def test_the_seed_through_the_api_gives_the_same_forms_and_report_as_the_page(people, admin):
    from jixiao_web.forms.models import Form
    from jixiao_web.imports.models import ImportBatch

    name, data = seed_copy(1)
    page = admin.post(
        reverse("imports:page"),
        {"files": [SimpleUploadedFile(name, data)], "on_match": "separate"},
    )
    assert page.status_code == 200
    by_page = ImportBatch.objects.order_by("-pk").first()
    answer = send(Client(), token_of(people.admin), seed_copy(2), on_match="separate")
    assert answer.status_code == 200
    body = answer.json()
    by_api = ImportBatch.objects.get(pk=body["batch"])
    assert by_api.pk != by_page.pk and body["ok"] is True
    assert sorted(body["forms"]) == sorted(by_api.forms.values_list("pk", flat=True))
    assert body["stored"] == len(body["forms"]) == by_page.forms.count() > 0
    assert canonical(Form.objects.filter(import_batch=by_api)) == canonical(
        Form.objects.filter(import_batch=by_page)
    )
    [file], [kept] = body["files"], by_page.report["files"]
    for key in ("name", "format", "forms", "created", "replaced", "notes", "error", "skipped"):
        assert file[key] == kept[key], key


@pytest.mark.django_db
def test_the_same_file_again_is_skipped_and_says_when(people):
    answer = send(Client(), token_of(people.admin), (SEED.name, SEED.read_bytes()))
    assert answer.status_code == 200
    [file] = answer.json()["files"]
    assert answer.json()["stored"] == 0 and "内容完全相同，已跳过" in file["skipped"]


@pytest.mark.django_db
@pytest.mark.parametrize("on_match", ["skip", "replace", "separate", None])
def test_each_choice_for_forms_already_there(people, imported, on_match):
    from jixiao_web.forms.models import Form

    before = {f.pk: f.version for f in Form.objects.all()}
    answer = send(Client(), token_of(people.admin), seed_copy(1), on_match=on_match)
    assert answer.status_code == 200
    body = answer.json()
    [file] = body["files"]
    assert len(file["matches"]) == len(before) == file["forms"]
    assert {m["existing"] for m in file["matches"]} == set(before)
    after = {f.pk: f.version for f in Form.objects.all()}
    if on_match in ("skip", None):  # skip is the default, as on the page
        assert after == before and body["stored"] == 0 and body["forms"] == []
        assert {m["done"] for m in file["matches"]} == {"skipped"}
    elif on_match == "replace":
        assert after == {pk: v + 1 for pk, v in before.items()}
        assert sorted(body["forms"]) == sorted(before) and file["replaced"] == len(before)
        assert {m["version"] for m in file["matches"]} == {2}
    else:
        assert set(after) - set(before) == set(body["forms"]) and file["created"] == len(before)
        assert {m["done"] for m in file["matches"]} == {"separate"}


@pytest.mark.django_db
def test_unit_staff_may_not_import_forms_of_other_units_and_the_report_says_which(people):
    raw = token_of(people.staff)
    before = stored_state()
    answer = send(Client(), raw, seed_copy(1), on_match="separate")
    assert answer.status_code == 200 and answer.json()["ok"] is False
    assert "整个文件未导入" in answer.json()["files"][0]["error"]
    assert stored_state() == before


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_before_it_is_read_and_changes_nothing(
    people, settings
):
    settings.JIXIAO_MAX_UPLOAD_MB = 0.01  # 10 KB
    raw = token_of(people.admin)
    before = stored_state()
    answer = send(Client(), raw, seed_copy(1))
    assert answer.status_code == 413
    assert answer.json()["code"] == "too_large" and "上限" in answer.json()["message"]
    assert stored_state() == before


@pytest.mark.django_db
def test_more_files_than_allowed_are_refused_whole_and_change_nothing(people, settings, admin):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    raw = token_of(people.admin)
    before = stored_state()
    four = [(f"{n}.txt", seed_copy(n)[1]) for n in range(1, 5)]
    answer = send(Client(), raw, *four, on_match="separate")
    assert answer.status_code == 413 and answer.json()["code"] == "too_large"
    assert "最多上传 3 个文件" in answer.json()["message"]
    page = admin.post(reverse("imports:page"), {"files": [SimpleUploadedFile(*f) for f in four]})
    assert page.status_code == 400
    assert stored_state() == before
    assert send(Client(), raw, *four[:3], on_match="separate").json()["stored"] > 0


@pytest.mark.django_db
def test_a_file_over_the_import_limit_is_refused_in_the_report(people, monkeypatch):
    monkeypatch.setenv("JIXIAO_MAX_IMPORT_MB", "0.001")  # 1 KB; the seed is larger
    raw = token_of(people.admin)
    before = stored_state()
    answer = send(Client(), raw, seed_copy(1))
    assert answer.status_code == 200
    body = answer.json()
    assert body["ok"] is False and body["stored"] == 0 and body["batch"] is None
    assert "文件过大" in body["files"][0]["error"] and "too large" in body["files"][0]["error_en"]
    assert stored_state() == before


@pytest.mark.django_db
def test_a_bad_file_is_an_error_with_its_name_and_the_good_one_is_imported(people):
    from jixiao_web.forms.models import Form

    admin = token_of(people.admin)
    bad = ("坏文件.json", b'{"format": "jixiao/forms@1", "forms": [')
    answer = send(Client(), admin, bad)
    assert answer.status_code == 200 and answer.json()["files"][0]["name"] == "坏文件.json"
    assert answer.json()["ok"] is False and answer.json()["forms"] == []
    assert answer.json()["files"][0]["error"]
    count = Form.objects.count()
    both = send(Client(), admin, bad, seed_copy(1), on_match="separate")
    assert both.status_code == 200 and both.json()["ok"] is False
    assert [bool(f["error"]) for f in both.json()["files"]] == [True, False]
    assert Form.objects.count() == count + both.json()["stored"] > count


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["reviewer", "expert", "nobody"])
def test_who_may_not_import_is_refused_and_nothing_changes(people, who):
    raw = token_of(getattr(people, who))
    before = stored_state()
    answer = send(Client(), raw, seed_copy(1))
    assert answer.status_code == 403 and answer.json()["code"] == "forbidden"
    assert stored_state() == before


@pytest.mark.django_db
def test_a_read_only_token_may_not_import(people):
    raw = token_of(people.admin, read_only=True)
    before = stored_state()
    answer = send(Client(), raw, seed_copy(1))
    assert answer.status_code == 403 and answer.json()["code"] == "read_only_token"
    assert stored_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("data", [{}, {"on_match": "overwrite"}], ids=["no file", "bad choice"])
def test_a_request_without_a_file_or_with_an_unknown_choice_is_422(people, data):
    files = {"file": [SimpleUploadedFile("a.txt", b"x")]} if data else {}
    headers = with_token(token_of(people.admin))
    answer = Client().post(URL, {**files, **data}, headers=headers)
    assert answer.status_code == 422 and answer.json()["code"] == "invalid"


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=400),
    # control characters are no name to Django (test_odd_file_names_are_no_500 has one)
    stem=st.text(
        st.characters(exclude_categories=["Cc", "Cs"], exclude_characters='"\\/'), max_size=20
    ),
    suffix=st.sampled_from([".txt", ".json", ".xlsx", ".docx", ""]),
)
def test_any_bytes_are_a_report_never_a_500_and_a_refused_file_stores_nothing(
    people, content, stem, suffix
):
    from jixiao_web.api.imports import ImportOut

    name = stem + suffix
    # Django drops a part whose name has nothing printable (MultiPartParser.sanitize_file_name)
    assume("".join(c for c in html.unescape(name) if c.isprintable()).strip(". "))
    raw = token_of(people.admin)
    before = stored_state()
    answer = send(Client(), raw, (name, content), on_match="separate")
    assert answer.status_code == 200, (repr(name), answer.content)
    report = ImportOut.model_validate(answer.json())
    [file] = report.files
    assert report.ok == (not file.error) and report.stored == file.created == len(report.forms)
    if file.error:  # a refused file leaves nothing behind
        assert stored_state() == before and file.created == 0


# Large uploads: the worker -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_large_upload_answers_202_and_polling_reaches_the_report(
    people, background_above_100_bytes
):
    from jixiao_web.forms.models import Form

    raw = token_of(people.admin)
    answer = send(Client(), raw, ("large.txt", LARGE), on_match="separate")
    assert answer.status_code == 202
    location = answer["Location"]
    assert answer.json()["location"] == location and answer.json()["state"] == "queued"
    waiting = Client().get(location, headers=with_token(raw)).json()
    assert waiting["finished"] is False and waiting["report"] is None
    assert "排队" in waiting["text"]

    work()

    done = Client().get(location, headers=with_token(raw)).json()
    assert done["state"] == "done" and done["finished"] is True and done["percent"] == 100
    report = done["report"]
    assert report["ok"] is True and report["stored"] == 15 == len(report["forms"])
    assert set(report["forms"]) == set(
        Form.objects.filter(import_batch_id=answer.json()["id"]).values_list("pk", flat=True)
    )
    assert report["files"][0]["name"] == "large.txt" and report["files"][0]["created"] == 15


@pytest.mark.django_db
def test_only_the_importer_and_administrators_follow_a_batch(people, background_above_100_bytes):
    answer = send(Client(), token_of(people.staff), ("large.txt", LARGE), on_match="separate")
    location = answer["Location"]
    for user, code in [
        (people.staff, 200),
        (people.admin, 200),
        (people.other_staff, 404),
        (people.reviewer, 403),
    ]:
        assert Client().get(location, headers=with_token(token_of(user))).status_code == code
    missing = location.rstrip("/").rsplit("/", 1)[0] + "/999999"
    assert Client().get(missing, headers=with_token(token_of(people.admin))).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["a\x00b.txt", "长" * 600 + ".txt", "../../etc/passwd.txt"])
def test_odd_file_names_are_no_500(people, name):
    answer = send(Client(), token_of(people.admin), (name, seed_copy(1)[1]), on_match="separate")
    assert answer.status_code == 200, answer.content
    [file] = answer.json()["files"]
    assert file["created"] > 0 and "/" not in file["name"] and "\x00" not in file["name"]


@pytest.mark.django_db
def test_a_body_with_more_fields_than_django_parses_is_400_and_changes_nothing(people, settings):
    """Django refuses to parse such a body (TooManyFieldsSent, a SuspiciousOperation): the API
    says so in its own error shape, not with a 500."""
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 5
    raw = token_of(people.admin)
    before = stored_state()
    data = {f"f{n}": "x" for n in range(10)}
    data["file"] = [SimpleUploadedFile(*seed_copy(1))]
    answer = Client().post(URL, data, headers=with_token(raw))
    assert answer.status_code == 400
    assert answer.json()["code"] == "bad_request"
    assert stored_state() == before
