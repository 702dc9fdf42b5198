"""Shared starting points of the expert round tests: experts elsewhere, forms ready for a round."""

from __future__ import annotations

from dataclasses import dataclass

from tests.web.conftest import make_user


@dataclass
class Setup:
    round: object
    forms: list  # department-approved forms of the round's year, not yet in it
    experts: list  # two experts of units unrelated to the forms' units
    own_expert: object  # an expert of the first form's unit


def setup_round(people, imported, lead=None) -> Setup:
    from jixiao_web.experts.models import Round
    from jixiao_web.forms.models import Form, Status
    from jixiao_web.units.models import BudgetYear, Unit

    year = BudgetYear.objects.get()
    BudgetYear.objects.filter(pk=year.pk).update(expert_review=True)
    pks = [f.pk for f in imported.forms[:3]]
    Form.objects.filter(pk__in=pks).update(status=Status.DEPT_APPROVED)
    second_place = Unit.objects.create(
        name="第二评审单位", parent=Unit.objects.create(name="第二部门")
    )
    experts = [people.expert, make_user("expert2", "expert", second_place)]
    own = make_user("expert_own", "expert", imported.forms[0].unit)
    made = Round.objects.create(
        name="2026 年度集中评审",
        budget_year=year,
        experts_per_form=2,
        created_by=people.admin,
        lead=lead,
    )
    forms = list(Form.objects.filter(pk__in=pks).select_related("unit").order_by("pk"))
    return Setup(made, forms, experts, own)
