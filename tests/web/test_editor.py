"""The editor: what the page shows saves back unchanged; a fix removes its finding; bad input is
refused with a clear message; targets parse as typed. Concurrent saves: test_editor_merge.py."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.htmlform import fields

pytestmark = pytest.mark.django_db


def admin_client(people) -> Client:
    client = Client()
    client.force_login(people.admin)
    return client


def page_fields(client: Client, pk: int) -> list[tuple[str, str]]:
    response = client.get(reverse("forms:edit", args=[pk]))
    assert response.status_code == 200
    return fields(response.content.decode())


def replace(data: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    assert any(k == name for k, _ in data), name
    return [(k, value if k == name else v) for k, v in data]


def post(client: Client, pk: int, data: list[tuple[str, str]]):
    body: dict[str, list[str]] = {}
    for key, value in data:
        body.setdefault(key, []).append(value)
    return client.post(reverse("forms:edit", args=[pk]), body)


def stored(pk: int):
    from jixiao_web.forms.models import Form

    return Form.objects.get(pk=pk)


def test_saving_the_page_unchanged_keeps_the_form_exactly(people, imported):
    from jixiao_web.services.forms import snapshot

    client = admin_client(people)
    for form in imported.forms:
        before = snapshot(stored(form.pk))
        assert post(client, form.pk, page_fields(client, form.pk)).status_code == 302
        after = stored(form.pk)
        assert snapshot(after) == before, form.seq
        assert after.version == 2


def test_fixing_a_finding_in_the_editor_makes_it_disappear(people, imported):
    form = next(
        f
        for f in imported.forms
        if f.findings.filter(rule__startswith="", location__field="supervising_department").exists()
    )
    rules = set(
        form.findings.filter(location__field="supervising_department").values_list(
            "rule", flat=True
        )
    )
    client = admin_client(people)
    data = replace(
        page_fields(client, form.pk), "supervising_department", "上海市松江区科学技术委员会"
    )
    assert post(client, form.pk, data).status_code == 302
    saved = stored(form.pk)
    assert saved.supervising_department == "上海市松江区科学技术委员会"
    current = saved.findings.filter(
        run_id=saved.review_run_id, location__field="supervising_department"
    )
    assert not current.filter(rule__in=rules).exists()
    page = client.get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert "上海市松江区科学技术委员会" in page


def test_bad_input_is_refused_with_a_message_and_nothing_changes(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = replace(page_fields(client, pk), "project_total", "二十七万")
    data = replace(data, "planned_end", "2021-13-45")
    response = post(client, pk, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert "不是数字：二十七万" in html
    assert "不是 YYYY-MM-DD 日期：2021-13-45" in html
    assert stored(pk).version == 1


def test_indicator_rows_can_be_removed_reordered_and_added(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = page_fields(client, pk)
    names = [v for k, v in data if k == "ind-name"]
    head = [(k, v) for k, v in data if not k.startswith("ind-")]
    rows = list(
        zip(
            *[
                [v for k, v in data if k == f"ind-{c}"]
                for c in ("level1", "level2", "name", "target", "meta")
            ],
            strict=True,
        )
    )
    rows = [*rows[1:][::-1], ("满意度指标", "服务对象满意度指标", "受益农户满意度", ">=90%", "")]
    body = head + [
        (f"ind-{c}", v)
        for row in rows
        for c, v in zip(("level1", "level2", "name", "target", "meta"), row, strict=True)
    ]
    assert post(client, pk, body).status_code == 302
    saved = [i.name for i in stored(pk).indicators.order_by("position")]
    assert saved == [*names[1:][::-1], "受益农户满意度"]


def test_staff_cannot_move_a_form_to_another_unit(people, imported):
    pk = imported.forms[0].pk
    client = Client()
    client.force_login(people.staff)
    response = post(
        client, pk, replace(page_fields(client, pk), "implementing_unit", "其他实施单位")
    )
    assert response.status_code == 403
    assert "不是您所在的单位" in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        (">=90%", ["&gt;=", "90", "%"]),
        ("≤4小时", ["&lt;=", "4", "小时"]),
        ("及时", ["定性", "及时"]),
        ("*", ["占位符"]),
    ],
)
def test_the_target_is_parsed_as_it_is_typed(people, typed, shown):
    client = admin_client(people)
    html = client.get(reverse("forms:target"), {"ind-target": typed}).content.decode()
    for part in shown:
        assert part in html


def test_staff_create_a_form_of_their_unit_and_it_is_reviewed_on_save(people, imported):
    from jixiao_web.forms.models import Form

    client = Client()
    client.force_login(people.staff)
    before = Form.objects.count()
    created = client.post(reverse("forms:new"))
    assert created.status_code == 302
    new = Form.objects.latest("id")
    assert Form.objects.count() == before + 1
    assert new.unit == people.staff.membership.unit and new.status == "draft"
    assert created["Location"] == reverse("forms:edit", args=[new.pk])
    data = replace(page_fields(client, new.pk), "project_name", "社区科普讲座")
    data += [
        ("ind-level1", "产出指标"),
        ("ind-level2", "数量指标"),
        ("ind-name", "举办讲座场次"),
        ("ind-target", ">=12场"),
        ("ind-meta", ""),
    ]
    assert post(client, new.pk, data).status_code == 302
    saved = stored(new.pk)
    assert saved.project_name == "社区科普讲座"
    assert [i.target for i in saved.indicators.all()] == [">=12场"]
    assert saved.review_run_id is not None and saved.grade
