"""Open data (/public/data/{year}/…): the published forms of a year as JSON, CSV and a data
package, without login, cached, throttled per address (docs/api.md, "Open data")."""

from __future__ import annotations

import csv
import io
import json

import frictionless
import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tests.web.conftest import SEED, put_in

from jixiao.exporters.indicator_table import HEADER
from jixiao.importers import read_bytes
from jixiao_web.forms.models import Form, Status

pytestmark = pytest.mark.django_db

YEAR = 2021  # the seed's budget year
FORMULA = '=HYPERLINK("http://x","y")'
# positions of the seed's forms (0-based) and the status each gets; the rest stay drafts
STATUSES = {0: Status.PUBLISHED, 1: Status.SUBMITTED, 2: Status.PUBLISHED, 3: Status.APPROVED}
STATUSES |= {4: Status.DEPT_APPROVED, 5: Status.EXPERT_REVIEW, 6: Status.PUBLISHED}


@pytest.fixture(autouse=True)
def fresh_counts():
    """The throttle's counts and the packages' digests are in caches: every test starts afresh."""
    for name in ("default", "throttle"):
        caches[name].clear()


def queries(captured: CaptureQueriesContext) -> list[str]:
    """The queries of a request other than the rate counts' (the database cache, written in a
    savepoint)."""
    sql = [q["sql"] for q in captured.captured_queries]
    return [q for q in sql if "jixiao_rate_counts" not in q and "SAVEPOINT" not in q]


@pytest.fixture
def published(imported) -> list[Form]:
    """Some of the seed's forms published, others in every other state; the published, by id."""
    for place, status in STATUSES.items():
        put_in(imported.forms[place], status)
    return sorted(
        (imported.forms[p] for p, s in STATUSES.items() if s == Status.PUBLISHED),
        key=lambda f: f.pk,
    )


def url(name: str, year: int = YEAR) -> str:
    return reverse(f"portal:data-{name}", args=[year])


def fetch(client: Client, name: str, year: int = YEAR, **headers: str) -> tuple[int, bytes]:
    response = client.get(url(name, year), headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def test_forms_json_holds_the_published_forms_as_read_from_the_document(client, published):
    status, body = fetch(client, "forms")
    assert status == 200
    batch = read_bytes(body, "forms.json")  # the core's importer, by the file's content
    seed = read_bytes(SEED.read_bytes(), SEED.name).forms
    expected = {f.seq for f in published}
    assert sorted(f.seq for f in batch.forms) == sorted(expected)
    assert sorted(batch.forms, key=lambda f: f.seq) == [f for f in seed if f.seq in expected]
    assert json.loads(body)["sources"] == []  # the documents themselves are not published


def test_indicators_csv_has_a_row_per_indicator_of_the_published_forms(client, published):
    status, body = fetch(client, "indicators")
    assert status == 200
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == HEADER
    names = [Form.objects.get(pk=f.pk).project_name for f in published]
    counts = [Form.objects.get(pk=f.pk).indicators.count() for f in published]
    assert len(rows) - 1 == sum(counts) > 0
    column = HEADER.index("项目名称")
    assert sorted(r[column] for r in rows[1:]) == sorted(
        n for n, c in zip(names, counts, strict=True) for _ in range(c)
    )


def test_a_project_name_that_looks_like_a_formula_stays_inert(client, published):
    Form.objects.filter(pk=published[0].pk).update(project_name=FORMULA)
    put_in(published[0], Status.PUBLISHED)  # published again, as renamed
    _, body = fetch(client, "indicators")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    names = {r[HEADER.index("项目名称")] for r in rows[1:]}
    assert "'" + FORMULA in names
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_the_data_package_and_its_data_validate(client, published, tmp_path):
    for name, file in [("package", "datapackage.json"), ("forms", "forms.json")]:
        status, body = fetch(client, name)
        assert status == 200
        (tmp_path / file).write_bytes(body)
    (tmp_path / "indicators.csv").write_bytes(fetch(client, "indicators")[1])
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])
    package = frictionless.Package(tmp_path / "datapackage.json")
    assert [r.path for r in package.resources] == ["forms.json", "indicators.csv"]
    table = package.get_resource("indicators")
    assert [f.name for f in table.schema.fields] == list(HEADER)
    assert len(table.read_rows()) == sum(
        Form.objects.get(pk=f.pk).indicators.count() for f in published
    )


def test_the_package_gives_each_file_its_exact_size_and_digest(client, published, tmp_path):
    import hashlib

    package = json.loads(fetch(client, "package")[1])
    for resource, name in zip(package["resources"], ["forms", "indicators"], strict=True):
        body = fetch(client, name)[1]
        assert resource["bytes"] == len(body)
        assert resource["hash"] == "sha256:" + hashlib.sha256(body).hexdigest()


@pytest.mark.parametrize("name", ["forms", "indicators", "package"])
@pytest.mark.parametrize("year", [YEAR, 1999, 99999], ids=["nothing-published", "unknown", "huge"])
def test_a_year_with_nothing_published_is_the_sites_404(client, imported, name, year):
    Form.objects.filter(pk=imported.forms[0].pk).update(status=Status.APPROVED)
    response = client.get(url(name, year))
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
    assert "resources" not in response.content.decode()


@pytest.mark.parametrize("name", ["forms", "indicators", "package"])
def test_anyone_may_read_without_login_from_any_origin(published, name):
    response = Client().get(url(name))
    assert response.status_code == 200  # no redirect to the login page
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"


@pytest.mark.parametrize("name", ["forms", "indicators", "package"])
def test_a_mirror_with_the_current_etag_gets_304_until_something_changes(client, published, name):
    first = client.get(url(name))
    etag = first["ETag"]
    again = client.get(url(name), headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    put_in(published[0], Status.PUBLISHED)  # a revision published
    changed = client.get(url(name), headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_revision_under_way_changes_nothing_until_it_is_published(client, published):
    from django.db.models import F

    first = client.get(url("forms"))
    etag, body = first["ETag"], b"".join(first.streaming_content)
    Form.objects.filter(pk=published[0].pk).update(
        status=Status.DRAFT, project_name="调整中的名称", version=F("version") + 1
    )
    assert client.get(url("forms"), headers={"If-None-Match": etag}).status_code == 304
    assert fetch(client, "forms")[1] == body  # the public still sees the published copy
    put_in(published[0], Status.PUBLISHED)
    assert client.get(url("forms"), headers={"If-None-Match": etag}).status_code == 200
    assert "调整中的名称" in fetch(client, "forms")[1].decode()


@override_settings(JIXIAO_OPEN_DATA_RATE="3/m")
def test_an_address_past_the_rate_gets_429_with_retry_after(published):
    here, there = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    assert [here.get(url(n)).status_code for n in ("forms", "indicators", "package")] == [200] * 3
    refused = here.get(url("forms"))
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "请求过于频繁" in refused.content.decode()
    assert there.get(url("forms")).status_code == 200  # counted per address


def test_the_portal_links_each_years_open_data(client, published):
    page = client.get(reverse("portal:index")).content.decode()
    for name in ("forms", "indicators", "package"):
        assert f'href="{url(name)}"' in page


def test_the_package_is_described_again_without_writing_the_files(client, published):
    first = fetch(client, "package")[1]
    with CaptureQueriesContext(connection) as captured:
        again = fetch(client, "package")[1]
    assert again == first
    assert len(queries(captured)) == 1  # the year's ids and publications, not the forms


def test_the_files_are_read_in_a_few_queries_however_many_forms(client, imported):
    for form in imported.forms:
        put_in(form, Status.PUBLISHED)
    with CaptureQueriesContext(connection) as captured:
        status, body = fetch(client, "forms")
    assert status == 200 and len(json.loads(body)["forms"]) == len(imported.forms)
    assert len(queries(captured)) == 2  # ids and publications; forms with their publications


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_files_are_only_read(published, method):
    response = getattr(Client(), method)(url("forms"))
    assert response.status_code == 405
    assert Form.objects.filter(status=Status.PUBLISHED).count() == len(published)


@override_settings(JIXIAO_OPEN_DATA_RATE="1/h")
def test_the_portal_link_and_the_refusal_speak_english_when_chosen(published):
    client = Client()
    client.cookies["django_language"] = "en"
    assert "Open data: " in client.get(reverse("portal:index")).content.decode()
    assert client.get(url("package")).status_code == 200
    refused = client.get(url("package"))
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert 3500 < int(refused["Retry-After"]) <= 3600


@override_settings(JIXIAO_OPEN_DATA_RATE="1/h")
def test_a_forwarded_for_header_written_by_the_client_is_no_new_address(published):
    client = Client(REMOTE_ADDR="10.0.0.1")
    assert client.get(url("package"), headers={"X-Forwarded-For": "1.1.1.1"}).status_code == 200
    again = client.get(url("package"), headers={"X-Forwarded-For": "2.2.2.2"})
    assert again.status_code == 429  # no proxy is configured: the address is REMOTE_ADDR


@override_settings(JIXIAO_OPEN_DATA_RATE="1/h")
def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(published, monkeypatch):
    from ninja.conf import settings as ninja_settings

    monkeypatch.setattr(ninja_settings, "NUM_PROXIES", 1)  # JIXIAO_PROXIES=1 (read at start)
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    first = {"X-Forwarded-For": "9.9.9.9, 10.0.0.1"}
    assert proxy.get(url("package"), headers=first).status_code == 200
    assert proxy.get(url("package"), headers={"X-Forwarded-For": "10.0.0.2"}).status_code == 200
    assert (
        proxy.get(url("package"), headers={"X-Forwarded-For": "8.8.8.8, 10.0.0.1"}).status_code
        == 429
    )
