"""Monitoring lights in the app equal the core's (docs/evaluation.md, "Monitoring in the app"):
per row, form and unit on the seed's forms with made-up values; the dashboard's counts equal the
entries; the form page shows its latest light; saves racing lose nothing (PostgreSQL)."""

from __future__ import annotations

import re
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web.conftest import make_user
from tests.web.monitoring_setup import approve, core_light, entry_url, open_round, post_data
from tests.web.test_monitoring import client_of

from jixiao.evaluation.lights import LIKELIHOODS

CURRENTS = ("0", "1", "3", "30", "55", "60", "80", "95", "100", "150", "良好", "未完成", "")


def made_up(form_index: int, count: int) -> dict[int, dict[str, str]]:
    """Values that light the forms differently: nothing yet, all on track, all somewhat
    behind, or a mixture, with a reason and a measure on each row."""
    mode = form_index % 4
    mixed = (CURRENTS[(form_index * 5 + i * 3) % len(CURRENTS)] for i in range(count))
    values = [""] * count if mode == 0 else ["100"] * count if mode == 1 else ["70"] * count
    values = list(mixed) if mode == 3 else values
    return {i: {"current": v, "reason": "其他", "measure": "整改"} for i, v in enumerate(values)}


def staff_of(people, form):
    """The staff user of the form's unit (one made for a unit the fixtures have none for)."""
    from django.contrib.auth.models import User

    if form.unit_id == people.staff.membership.unit_id:
        return people.staff
    found = User.objects.filter(membership__unit_id=form.unit_id, membership__role="staff").first()
    return found or make_user(f"staff-unit-{form.unit_id}", "staff", form.unit)


def fill_all(people, imported, month: int = 7):
    from jixiao_web.monitoring import sheets

    forms = approve(imported, len(imported.forms))
    made = open_round(people, month)
    typed = {}
    for n, form in enumerate(forms):
        staff = client_of(staff_of(people, form))
        rows = made_up(n, len(sheets.base(form, month).rows))
        spent = str(Decimal(form.request_yuan or 0) * (n % 4) / 4) if n % 4 else ""
        answer = staff.post(entry_url(made, form), post_data(rows, spent=spent))
        assert answer.status_code == 302, answer.content.decode()[:300]
        typed[form.pk] = (spent, rows)
    return made, forms, typed


def test_lights_of_rows_forms_and_units_equal_the_cores_on_the_seed(people, imported):
    from jixiao.evaluation.monitoring import unit_light
    from jixiao_web.monitoring.models import Entry
    from jixiao_web.monitoring.views import round_lines

    made, forms, typed = fill_all(people, imported)
    expected = {f.pk: core_light(f, 7, *typed[f.pk]) for f in forms}
    stored = {e.form_id: e.light for e in Entry.objects.filter(round=made)}
    assert stored == {pk: lit.light.value if lit.light else "" for pk, lit in expected.items()}
    assert len({v for v in stored.values()}) >= 3  # the values light forms differently
    lines = round_lines(people.admin, made)
    for unit in lines:
        assert unit.light == unit_light(expected[line.form.pk] for line in unit.lines)
        for line in unit.lines:
            assert (
                line.lit.rows == expected[line.form.pk].rows
                and line.lit.budget == expected[line.form.pk].budget
            )
    admin = client_of(people.admin)
    for form in forms:
        page = admin.get(entry_url(made, form)).content.decode()
        shown = re.findall(r'class="light light-(\w+)" data-row-light', page)
        assert shown == [r.lit.light.value if r.lit else "none" for r in expected[form.pk].rows]


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    current=st.one_of(
        st.sampled_from(CURRENTS), st.decimals(0, 500, places=2).map(str), st.text(max_size=6)
    ),
    likelihood=st.sampled_from(("", *LIKELIHOODS)),
    spent=st.one_of(st.just(""), st.decimals(0, 10**6, places=2).map(str)),
    month=st.integers(1, 12),
)
def test_the_stored_light_is_the_cores_for_any_values(
    people, imported, current, likelihood, spent, month
):
    from jixiao_web.monitoring.models import Entry, Round

    form = approve(imported, 2)[1]
    Round.objects.all().delete()
    made = open_round(people, month)
    rows = {0: {"current": current, "likelihood": likelihood}}
    answer = client_of(people.staff).post(entry_url(made, form), post_data(rows, spent=spent))
    assert answer.status_code == 302, answer.content.decode()[:300]
    lit = core_light(form, month, spent, rows)
    assert Entry.objects.get(round=made).light == (lit.light.value if lit.light else "")


def dashboard_counts(client) -> dict[str, int]:
    page = client.get(reverse("dashboard")).content.decode()
    return {k: int(v) for k, v in re.findall(r'data-count="(\w+)">(\d+)<', page)}


def test_the_dashboard_counts_the_lights_of_the_latest_round_the_user_sees(people, imported):
    from jixiao_web.monitoring.models import Entry

    made, forms, _typed = fill_all(people, imported)
    entries = Entry.objects.filter(round=made)
    admin = client_of(people.admin)
    counts = dashboard_counts(admin)
    for light in ("red", "yellow", "green", "blue"):
        assert counts[light] == entries.filter(light=light).count()
    assert counts["none"] == len(forms) - entries.exclude(light="").count()
    assert sum(counts.values()) == len(forms)
    page = admin.get(reverse("dashboard")).content.decode()
    listed = {int(pk) for pk in re.findall(r'data-red="(\d+)"', page)}
    assert listed == set(entries.filter(light="red").values_list("form_id", flat=True)) and listed
    for pk in listed:
        assert entry_url(made, type("F", (), {"pk": pk})) in page
    assert sum(dashboard_counts(client_of(people.other_staff)).values()) == 0  # none of theirs
    assert (
        "monitoring-lights"
        not in client_of(people.expert).get(reverse("dashboard")).content.decode()
    )


def test_the_dashboard_shows_the_latest_round(people, imported):
    made, _forms, _typed = fill_all(people, imported)
    later = open_round(people, 9)
    page = client_of(people.admin).get(reverse("dashboard")).content.decode()
    assert reverse("monitoring:round", args=[later.pk]) in page
    assert reverse("monitoring:round", args=[made.pk]) not in page
    assert dashboard_counts(client_of(people.admin))["none"] == len(_forms)  # nothing entered yet


def test_the_form_page_shows_its_latest_monitoring_light(people, imported):
    from jixiao_web.monitoring.models import Entry

    made, forms, _typed = fill_all(people, imported)
    form = forms[1]
    light = Entry.objects.get(round=made, form=form).light
    page = client_of(people.reviewer).get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert f'class="light light-{light}" href="{entry_url(made, form)}"' in page
    other = forms[2]
    assert entry_url(made, other) not in page


def test_the_lights_endpoint_answers_the_cores_lights_and_stores_nothing(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported, 2)[1]
    made = open_round(people)
    rows = {0: {"current": "1"}, 1: {"current": "100"}}
    answer = client_of(people.staff).post(
        entry_url(made, form, "monitoring:lights"), post_data(rows, spent="5000")
    )
    lit = core_light(form, 7, "5000", rows)
    data = answer.json()
    assert data["light"] == lit.light.value and data["budget"] == lit.budget.light.value
    assert [r["light"] for r in data["rows"]] == [
        r.lit.light.value if r.lit else "" for r in lit.rows
    ]
    assert data["rows"][0]["problems"] == [p.zh for p in lit.rows[0].problems]
    assert not Entry.objects.exists()
    assert (
        client_of(people.other_staff)
        .post(entry_url(made, form, "monitoring:lights"), {})
        .status_code
        == 404
    )


@pytest.mark.django_db(transaction=True)
def test_two_saves_racing_from_one_version_lose_nothing(people, imported):
    from jixiao_web.forms.models import AuditEvent
    from jixiao_web.monitoring import entries, sheets
    from jixiao_web.monitoring.models import Entry

    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time: the race needs PostgreSQL")
    form = approve(imported, 2)[1]
    made = open_round(people)
    start = threading.Barrier(2)
    results: list[str] = []

    def run(current: str) -> None:
        try:
            typed = sheets.Typed(
                rows=({"name": sheets.base(form, 7).rows[0].name, "current": current},)
            )
            start.wait()
            try:
                entries.save(people.staff, made, form, typed, 0, hand_in=False)
                results.append(current)
            except entries.Stale:
                results.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in ("10", "20")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [r for r in results if r != "stale"]
    assert len(results) == 2 and len(won) == 1, results
    entry = Entry.objects.get()
    assert entry.version == 1 and entry.rows[0]["current"] == won[0]
    saves = AuditEvent.objects.filter(action="monitoring_save")
    assert [e.data["rows"][0]["current"] for e in saves] == won


def test_the_monitoring_pages_in_english_say_nothing_in_chinese_but_users_data(people, imported):
    from tests.web.test_english import chinese_said, english, project_names

    from jixiao_web.forms.models import Indicator

    made, forms, _typed = fill_all(people, imported)
    rows = made_up(1, len(forms[1].indicators.all()))
    handed = client_of(people.staff).post(
        entry_url(made, forms[1]), post_data(rows, version="1", hand_in="1")
    )
    assert handed.status_code == 302
    urls = [
        reverse("monitoring:index"),
        reverse("monitoring:round", args=[made.pk]),
        reverse("dashboard"),
    ]
    urls += [entry_url(made, form) for form in forms[:4]]
    data = (*project_names(), *Indicator.objects.values_list("name", flat=True))
    for who in (people.admin, people.staff):
        client = english(client_of(who))
        said = {u: chinese_said(client.get(u).content.decode(), data) for u in urls}
        assert said == {u: [] for u in urls}


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    value=st.decimals(0, 10**12, places=2, allow_nan=False), wan=st.booleans(), comma=st.booleans()
)
def test_an_amount_is_read_exactly_in_yuan_whatever_its_spelling(value, wan, comma):
    from jixiao_web.monitoring.sheets import amount

    written = f"{value:,}" if comma else str(value)
    read, problem = amount(written + ("万" if wan else ""), "执行数（截至当月）")
    assert problem == "" and read == (value * 10000 if wan else value)
