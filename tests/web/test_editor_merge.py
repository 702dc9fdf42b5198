"""Concurrent edits in the editor are merged row by row and never undo the other person's work.

Two people fetch the editor page of a seed form at the same version (as two browser tabs would);
A saves first, then B. What B's save does: merged and saved, or shown as a readable conflict.
"""

from __future__ import annotations

import html as htmllib
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.htmlform import fields
from tests.web.test_editor import admin_client, page_fields, post, replace, stored

pytestmark = pytest.mark.django_db

MERGED = "已与他人同时所做的修改合并并保存"


def two_tabs(people, pk: int) -> tuple[Client, list, Client, list]:
    """A (the administrator) and B (staff of the form's unit), each with the page at one version."""
    a, b = admin_client(people), Client()
    b.force_login(people.staff)
    return a, page_fields(a, pk), b, page_fields(b, pk)


def set_nth(data: list[tuple[str, str]], name: str, n: int, value: str) -> list[tuple[str, str]]:
    """The fields with the n-th `name` (0-based) set to `value`."""
    at = [i for i, (k, _) in enumerate(data) if k == name][n]
    return [(k, value if i == at else v) for i, (k, v) in enumerate(data)]


def nth(data: list[tuple[str, str]], name: str, n: int) -> str:
    return [v for k, v in data if k == name][n]


ROW_FIELDS = ("ind-level1", "ind-level2", "ind-name", "ind-target", "ind-meta")


def without_row(data: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    """The fields without the n-th indicator row (as the editor's ✕ button leaves them)."""
    seen = dict.fromkeys(ROW_FIELDS, -1)
    out = []
    for k, v in data:
        if k in seen:
            seen[k] += 1
            if seen[k] == n:
                continue
        out.append((k, v))
    return out


def row_of(data: list[tuple[str, str]], n: int) -> list[tuple[str, str]]:
    return [(k, nth(data, k, n)) for k in ROW_FIELDS]


def targets(pk: int) -> list[str]:
    return [i.target for i in stored(pk).indicators.order_by("position")]


def keys(pk: int) -> list[str]:
    return [i.key for i in stored(pk).indicators.order_by("position")]


def conflict_text(page: str) -> str:
    """The text of the conflict section as a reader sees it (entities decoded)."""
    start = page.index('<section class="card conflict"')
    return htmllib.unescape(page[start : page.index("</section>", start)])


def assert_readable(text: str) -> None:
    for python in ("{'", "[{", "'level1'", "None"):
        assert python not in text, python


# The scenario ---------------------------------------------------------------------------


def test_two_tabs_changing_different_indicators_are_both_kept(people, imported):
    pk = imported.forms[0].pk
    before = keys(pk)
    a, a_page, b, b_page = two_tabs(people, pk)
    assert nth(a_page, "ind-target", 0) == "=30亩" and nth(b_page, "ind-target", 1) == "=10人"
    assert post(a, pk, set_nth(a_page, "ind-target", 0, "=35亩")).status_code == 302
    saved = post(b, pk, set_nth(b_page, "ind-target", 1, "=12人"))
    assert saved.status_code == 302
    assert targets(pk)[:3] == ["=35亩", "=12人", "=250亩"]
    assert stored(pk).version == 3
    assert keys(pk) == before  # the rows kept their identity through both saves
    detail = b.get(saved["Location"]).content.decode()
    assert MERGED in detail
    from jixiao_web.forms.models import AuditEvent

    event = AuditEvent.objects.get(form_id=pk, version=3)
    assert event.action == "edit" and event.actor == people.staff
    assert [i["target"] for i in event.data["indicators"]][:2] == ["=35亩", "=12人"]
    assert event.data["indicator_keys"] == before


def test_the_same_row_changed_by_both_is_a_readable_conflict_and_saving_again_keeps_the_rest(
    people, imported
):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    a_data = replace(set_nth(a_page, "ind-target", 0, "=35亩"), "project_name", "扶贫（甲改）")
    assert post(a, pk, a_data).status_code == 302
    refused = post(b, pk, set_nth(b_page, "ind-target", 0, "=40亩"))
    assert refused.status_code == 409
    page = refused.content.decode()
    text = conflict_text(page)
    assert_readable(text)
    for shown in ("=30亩", "=35亩", "=40亩", "建立30亩标准智能温室生态种植大棚", "扶贫（甲改）"):
        assert shown in text, shown
    assert "核对标红的行，保留需要的内容后再次保存" in text
    assert text.count('class="row-diff clash"') == 1
    marked = page.split('<tr class="ind-row clash">')
    assert len(marked) == 2 and 'value="=40亩"' in marked[1].split("</tr>")[0]
    assert (stored(pk).version, targets(pk)[0], stored(pk).project_name) == (
        2,
        "=35亩",
        "扶贫（甲改）",
    )
    shown = fields(page)
    assert dict(shown)["project_name"] == "扶贫（甲改）"  # A's other change is in B's editor
    assert post(b, pk, shown).status_code == 302
    assert (stored(pk).version, targets(pk)[0], stored(pk).project_name) == (
        3,
        "=40亩",
        "扶贫（甲改）",
    )


def test_the_same_field_changed_by_both_is_a_conflict_that_keeps_mine(people, imported):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    assert post(a, pk, replace(a_page, "annual_goal", "甲的目标")).status_code == 302
    refused = post(b, pk, replace(b_page, "annual_goal", "乙的目标"))
    assert refused.status_code == 409
    text = conflict_text(refused.content.decode())
    assert "甲的目标" in text and "乙的目标" in text
    assert dict(fields(refused.content.decode()))["annual_goal"] == "乙的目标"
    assert stored(pk).annual_goal == "甲的目标"


def test_the_conflict_reads_in_english_when_english_is_chosen(people, imported):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    b.post(reverse("set_language"), {"language": "en", "next": "/forms/"})
    assert post(a, pk, set_nth(a_page, "ind-target", 0, "=35亩")).status_code == 302
    refused = post(b, pk, set_nth(b_page, "ind-target", 0, "=40亩"))
    text = conflict_text(refused.content.decode())
    for english in ("Check the rows in red", "You both changed this row", "Their change", "Before"):
        assert english in text, english
    assert "核对标红的行" not in text


@pytest.mark.parametrize("deleter", ["first", "second"])
def test_a_row_deleted_by_one_and_changed_by_the_other_is_a_conflict_and_nothing_is_lost(
    people, imported, deleter
):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    delete, change = without_row, lambda data, n: set_nth(data, "ind-target", n, "=260亩")
    first, second = (delete, change) if deleter == "first" else (change, delete)
    assert post(a, pk, first(a_page, 2)).status_code == 302
    refused = post(b, pk, second(b_page, 2))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert_readable(conflict_text(page))
    what = "对方删除了此行，您修改了它" if deleter == "first" else "您删除了此行，对方修改了它"
    assert what in conflict_text(page)
    shown = fields(page)
    assert nth(shown, "ind-target", 2) == "=260亩"  # the changed row is still there
    assert 'class="ind-row clash"' in page
    rows_before = 10 if deleter == "first" else 11
    assert len(targets(pk)) == rows_before and stored(pk).version == 2
    assert post(b, pk, shown).status_code == 302
    assert targets(pk)[2] == "=260亩" and len(targets(pk)) == 11


def test_a_row_added_by_one_while_the_other_changes_another_keeps_both(people, imported):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    values = ("满意度指标", "服务对象满意度指标", "农户满意度", ">=90%", "")
    new_row = list(zip(ROW_FIELDS, values, strict=True))
    assert post(a, pk, a_page + new_row).status_code == 302
    assert post(b, pk, set_nth(b_page, "ind-target", 1, "=12人")).status_code == 302
    saved = stored(pk).indicators.order_by("position")
    assert [i.target for i in saved][1] == "=12人"
    assert (saved.last().name, saved.last().target, saved.count()) == ("农户满意度", ">=90%", 12)


def test_a_row_moved_by_one_and_changed_by_the_other_is_moved_and_changed(people, imported):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    moved = without_row(a_page, 0) + row_of(a_page, 0)  # the first row moved to the bottom
    assert post(a, pk, moved).status_code == 302
    assert post(b, pk, set_nth(b_page, "ind-target", 0, "=35亩")).status_code == 302
    saved = list(stored(pk).indicators.order_by("position"))
    assert (saved[-1].name, saved[-1].target) == ("建立30亩标准智能温室生态种植大棚", "=35亩")
    assert saved[0].name == "实现就业人员"


def test_a_changes_the_project_name_b_the_funds_and_both_are_kept(people, imported):
    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    assert post(a, pk, replace(a_page, "project_name", "东西部扶贫帮困（修订）")).status_code == 302
    b_data = replace(replace(b_page, "annual_request", "300000"), "project_total", "300000.00")
    assert post(b, pk, b_data).status_code == 302
    form = stored(pk)
    assert form.project_name == "东西部扶贫帮困（修订）"
    assert (form.annual_request, form.funds_written["project_total"]) == (
        Decimal("300000"),
        "300000.00",
    )
    assert form.version == 3


def test_a_merge_that_would_move_the_form_out_of_staffs_unit_is_refused(
    people, imported, monkeypatch
):
    from jixiao_web.services import editing

    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    real, moved = editing.stored_at, []

    def moved_meanwhile(obj, version):
        if not moved:  # A moves the form while B's save is under way (B's access was checked)
            moved.append("A saving")  # A's own save passes through here too
            moved.append(post(a, pk, replace(a_page, "implementing_unit", "其他实施单位")))
        return real(obj, version)

    monkeypatch.setattr(editing, "stored_at", moved_meanwhile)
    refused = post(b, pk, replace(b_page, "annual_goal", "乙的目标"))
    assert moved[1].status_code == 302
    assert refused.status_code == 403
    assert "不是您所在的单位" in refused.content.decode()
    assert (stored(pk).version, stored(pk).implementing_unit) == (2, "其他实施单位")
    assert stored(pk).annual_goal != "乙的目标"


def test_multi_line_goals_sent_back_with_a_browsers_crlf_are_unchanged_not_a_clash(
    people, imported
):
    form = next(f for f in imported.forms if "\n" in (f.annual_goal or ""))
    pk, goal = form.pk, form.annual_goal
    a, a_page, b, b_page = two_tabs(people, pk)

    def as_a_browser_sends(data):  # a textarea's line breaks go as CRLF
        return [(k, v.replace("\n", "\r\n")) for k, v in data]

    a_data = replace(a_page, "annual_goal", goal + "\n补充一条")
    assert post(a, pk, as_a_browser_sends(a_data)).status_code == 302
    assert stored(pk).annual_goal == goal + "\n补充一条"
    b_data = set_nth(b_page, "ind-target", 0, "=99")
    assert post(b, pk, as_a_browser_sends(b_data)).status_code == 302
    assert stored(pk).annual_goal == goal + "\n补充一条"
    assert stored(pk).overall_goal == form.overall_goal and "\r" not in stored(pk).overall_goal
    assert targets(pk)[0] == "=99"


# Saves that keep coming, and bases written before rows had keys --------------------------------


def test_a_save_arriving_during_the_merge_is_merged_too(people, imported, monkeypatch):
    from jixiao_web.services import editing

    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    c_page = page_fields(a, pk)
    assert post(a, pk, set_nth(a_page, "ind-target", 0, "=35亩")).status_code == 302
    real, injected = editing._current, []

    def current_then_another_save(obj):
        found = real(obj)
        if not injected:  # C saves right after B's merge read the form (C merges with A)
            injected.append(None)
            injected.append(post(a, pk, set_nth(c_page, "ind-target", 2, "=260亩")))
        return found

    monkeypatch.setattr(editing, "_current", current_then_another_save)
    assert post(b, pk, set_nth(b_page, "ind-target", 1, "=12人")).status_code == 302
    assert injected[1].status_code == 302
    assert targets(pk)[:3] == ["=35亩", "=12人", "=260亩"] and stored(pk).version == 4


def test_saves_that_keep_racing_end_in_a_page_to_save_again(people, imported, monkeypatch):
    from jixiao_web.forms.models import Form
    from jixiao_web.services import editing

    pk = imported.forms[0].pk
    a, a_page, b, b_page = two_tabs(people, pk)
    real = editing._current

    def another_save_every_time(obj):
        found = real(obj)
        Form.objects.filter(pk=pk).update(version=found[0] + 1)  # yet another save came in
        return found

    assert post(a, pk, replace(a_page, "project_name", "甲的修订")).status_code == 302
    monkeypatch.setattr(editing, "_current", another_save_every_time)
    refused = post(b, pk, replace(b_page, "annual_goal", "乙的目标"))
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "对方的修改已合并到下方" in page and "标红" not in conflict_text(page)
    assert dict(fields(page))["project_name"] == "甲的修订"
    assert dict(fields(page))["annual_goal"] == "乙的目标"
    assert stored(pk).annual_goal != "乙的目标"


def test_a_base_recorded_before_rows_had_keys_merges_the_table_as_one(people, imported):
    from jixiao_web.forms.models import AuditEvent

    pk = imported.forms[0].pk
    event = AuditEvent.objects.get(form_id=pk, version=1)
    old = {k: v for k, v in event.data.items() if k != "indicator_keys"}
    # the trail is append-only: the latest snapshot of a version is its base, so a snapshot
    # without keys (as written before this change) is added after the import's
    AuditEvent.objects.create(action="import", form_id=pk, version=1, data=old)
    a, a_page, b, b_page = two_tabs(people, pk)
    assert post(a, pk, set_nth(a_page, "ind-target", 0, "=35亩")).status_code == 302
    refused = post(b, pk, set_nth(b_page, "ind-target", 1, "=12人"))
    assert refused.status_code == 409
    text = conflict_text(refused.content.decode())
    assert_readable(text)
    assert "产出指标 / 数量指标 / 建立30亩标准智能温室生态种植大棚：=35亩" in text
    assert targets(pk)[:2] == ["=35亩", "=10人"]


# Row keys ---------------------------------------------------------------------------------------


def test_posted_keys_that_are_not_this_forms_rows_make_new_rows(people, imported):
    pk, other = imported.forms[0].pk, imported.forms[1].pk
    other_keys, own = keys(other), keys(pk)
    client = admin_client(people)
    data = page_fields(client, pk)
    first_meta = nth(data, "ind-meta", 0)
    foreign = json.dumps({**json.loads(first_meta), "key": other_keys[0]})
    data = set_nth(set_nth(data, "ind-meta", 1, first_meta), "ind-meta", 2, foreign)
    assert post(client, pk, data).status_code == 302
    saved = keys(pk)
    assert saved[0] == own[0]  # the first use of a key is its row
    assert saved[1] not in own and saved[2] not in (*own, *other_keys)
    assert len(set(saved)) == len(saved) and keys(other) == other_keys


def test_a_row_meta_of_the_wrong_shape_is_dropped_not_a_server_error(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    bad = json.dumps({"key": 5, "source_lines": ["x"], "period": [], "extra": [1]})
    assert post(client, pk, set_nth(page_fields(client, pk), "ind-meta", 0, bad)).status_code == 302
    first = stored(pk).indicators.order_by("position").first()
    assert (first.target, first.source_lines, first.extra) == ("=30亩", [], [])


def test_a_save_naming_no_version_is_merged_against_nothing_so_changes_clash(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = replace(page_fields(client, pk), "project_name", "无版本的修改")
    refused = post(client, pk, [(k, v) for k, v in data if k != "version"])
    assert refused.status_code == 409 and "无版本的修改" in conflict_text(refused.content.decode())
    assert stored(pk).version == 1


def test_imports_give_every_row_a_key_and_the_audit_snapshot_carries_them(people, imported):
    from jixiao.interchange import form_to_json
    from jixiao_web.forms.models import AuditEvent
    from jixiao_web.services.forms import to_core

    everyone = [k for form in imported.forms for k in keys(form.pk)]
    assert len(set(everyone)) == len(everyone) and all(len(k) == 12 for k in everyone)
    form = stored(imported.forms[0].pk)
    data = AuditEvent.objects.get(form=form, action="import").data
    assert data.pop("indicator_keys") == keys(form.pk)
    assert data == form_to_json(to_core(form))  # the rest is the canonical JSON, unchanged


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_rows_stored_before_it_a_key_each():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("goals", "0008_money_six_places")], [("goals", "0009_indicator_key")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    unit = old.get_model("units", "Unit").objects.create(name="迁移前的单位")
    form = old.get_model("goals", "Form").objects.create(unit_id=unit.pk)
    for n in range(3):
        old.get_model("goals", "Indicator").objects.create(form=form, position=n, name=f"指标{n}")
    executor = MigrationExecutor(connection)
    executor.migrate(after)
    new = executor.loader.project_state(after).apps.get_model("goals", "Indicator")
    filled = list(new.objects.filter(form_id=form.pk).values_list("key", flat=True))
    assert len(filled) == 3 and len(set(filled)) == 3 and all(len(k) == 12 for k in filled)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # the later migrations back, for the tests after this
