"""Two people at once on one self-evaluation (PostgreSQL; SQLite runs one writer at a time): of
two saves from the same version, or two actions from the same stage, one wins and the other is
told; nothing is lost or half-written."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from tests.web.selfeval_setup import keys_of

from jixiao_web.forms.models import AuditEvent, Status
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval as entry
from jixiao_web.services import selfeval_flow as flow
from jixiao_web.services import workflow

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*jobs) -> list[str]:
    """Run each job in a thread of its own, started together; each its result or refusal."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time: the race needs PostgreSQL")
    start = threading.Barrier(len(jobs))
    results: list[str] = []

    def run(job) -> None:
        try:
            start.wait()
            results.append(job())
        except (flow.Conflict, workflow.WrongState) as refused:
            results.append(type(refused).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_saves_at_once_one_wins_whole(people, opened):
    key = keys_of(opened)[0]
    typed = {
        name: entry.Entries({"spent": spent}, name, {key: {"actual": actual}})
        for name, spent, actual in (("a", "100", "31亩"), ("b", "200", "29亩"))
    }

    def save(name: str, user):
        def job() -> str:
            se = SelfEval.objects.select_related("form").get(pk=opened.pk)
            flow.save(user, se, typed[name], 1)
            return name

        return job

    results = at_once(save("a", people.staff), save("b", people.admin))
    assert sorted(results) in (["Conflict", "a"], ["Conflict", "b"]), results
    won = typed[next(r for r in results if r != "Conflict")]
    stored = SelfEval.objects.get()
    assert (stored.funds, stored.actual_goal, stored.rows) == (
        dict(won.funds),
        won.actual_goal,
        {key: dict(won.rows[key])},
    )
    assert stored.version == 2
    assert AuditEvent.objects.filter(action="selfeval_edit").count() == 1


@pytest.mark.parametrize("second", [("reviewer", "return"), ("staff", "withdraw")])
def test_two_actions_at_once_end_in_one_stage(people, opened, second):
    SelfEval.objects.filter(pk=opened.pk).update(status=Status.SUBMITTED)

    def act(role: str, action: str):
        def job() -> str:
            se = SelfEval.objects.select_related("form").get(pk=opened.pk)
            flow.act(getattr(people, role), se, action, "请核对执行数")
            return action

        return job

    results = at_once(act("reviewer", "approve"), act(*second))
    won = [r for r in results if r != "WrongState"]
    assert len(results) == 2 and len(won) == 1, results
    expected = {"approve": Status.DEPT_APPROVED, "return": Status.DRAFT, "withdraw": Status.DRAFT}
    assert SelfEval.objects.get().status == expected[won[0]]
    events = AuditEvent.objects.filter(action__in=["selfeval_approve", f"selfeval_{second[1]}"])
    assert [e.action for e in events] == [f"selfeval_{won[0]}"]
