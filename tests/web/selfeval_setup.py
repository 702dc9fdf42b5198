"""The starting point of the self-evaluation tests: the seed's form 1 approved, its year opened."""

from __future__ import annotations

from django.test import Client
from tests.web.conftest import put_in

from jixiao_web.forms.models import Status
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval_flow as flow

YEAR = 2021  # the seed's budget year
# made-up values for the seed's form 1 (docs/evaluation.md has its rows): 11 annual rows
ACTUALS = [
    "28亩",
    "10人",
    "250亩",
    "25户",
    "200亩",
    "95%",
    "100%",
    "提升",
    "公开",
    "基本健全",
    "98%",
]


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def open_form_1(people, imported) -> SelfEval:
    """Form 1 of the seed approved by finance, and its year's self-evaluation opened."""
    put_in(imported.forms[0], Status.APPROVED)
    assert flow.open_year(people.admin, YEAR) == 1
    return SelfEval.objects.select_related("form").get()


def keys_of(se: SelfEval) -> list[str]:
    from jixiao_web.services.selfeval import goal_rows

    return [r.key for r in goal_rows(se.form)]


def post_data(se: SelfEval, actuals=ACTUALS, spent="250000", **extra) -> dict[str, str]:
    data = {"version": str(se.version), "funds-spent": spent, "actual_goal": "基本完成"}
    for key, actual in zip(keys_of(se), actuals, strict=True):
        data[f"row-{key}-actual"] = actual
    data.update(extra)
    return data
