"""What the forms API must hold for every input: text and amounts put are read back exactly as
written, or the whole save is refused; two transitions at once end in one consistent state."""

from __future__ import annotations

import json
import re
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web.api_calls import API, bearer

from jixiao.domain.bounds import amount_problem
from jixiao_web.forms.models import AuditEvent, Form, Status

# an amount as canonical JSON writes it (docs/api.md): digits, at most 6 after the point
CANONICAL = re.compile(r"[0-9]{1,16}(\.[0-9]{1,6})?")
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)
amounts = st.builds(
    lambda sign, digits, exponent: format(Decimal((sign, tuple(digits), exponent)), "f"),
    st.integers(0, 1),
    st.lists(st.integers(0, 9), min_size=1, max_size=24),
    st.integers(-9, 6),
)


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=texts, goal=st.none() | texts, target=texts, amount=amounts)
def test_what_is_put_reads_back_as_written_or_nothing_is_saved(
    client, people, imported, name, goal, target, amount
):
    headers = bearer(people.admin)
    url = f"{API}/{imported.forms[0].pk}"
    data = client.get(url, headers=headers).json()
    before = data["version"]
    data.update(project_name=name, annual_goal=goal)
    data["indicators"][0]["target"] = target
    data["funds"]["annual_request"] = amount
    answer = client.put(url, json.dumps(data), content_type="application/json", headers=headers)
    back = client.get(url, headers=headers).json()
    if not (CANONICAL.fullmatch(amount) and amount_problem(Decimal(amount)) is None):
        assert answer.status_code == 422 and back["version"] == before  # nothing saved
        return
    assert answer.status_code == 200, answer.content
    assert (back["project_name"], back["annual_goal"]) == (name, goal)
    assert back["indicators"][0]["target"] == target
    assert back["funds"]["annual_request"] == amount


@pytest.mark.django_db(transaction=True)
def test_two_transitions_at_once_end_in_one_state(people, imported):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time: the race needs PostgreSQL")
    pk = imported.forms[0].pk
    Form.objects.filter(pk=pk).update(status=Status.SUBMITTED)
    events = AuditEvent.objects.filter(form_id=pk).count()
    # the department's reviewer approves while finance returns it: both may, from submitted
    deciders = {
        "reviewer1": (bearer(people.reviewer), "approve"),
        "admin1": (bearer(people.admin), "return"),
    }
    start = threading.Barrier(2)
    answers: dict[str, int] = {}

    def decide(who: str) -> None:  # whoever comes second finds the form moved: 409
        headers, action = deciders[who]
        try:
            start.wait()
            body = json.dumps({"action": action, "comment": "同时操作"})
            answer = Client().post(
                f"{API}/{pk}/transitions", body, content_type="application/json", headers=headers
            )
            answers[who] = answer.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=decide, args=(who,)) for who in deciders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers.values()) == [200, 409]
    winner = next(who for who, status in answers.items() if status == 200)
    action = deciders[winner][1]
    expected = Status.DEPT_APPROVED if action == "approve" else Status.DRAFT
    assert Form.objects.get(pk=pk).status == expected
    new = AuditEvent.objects.filter(form_id=pk).order_by("id")[events:]
    assert [(e.action, e.actor_name) for e in new] == [(action, winner)]
