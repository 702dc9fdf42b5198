"""The scope of a user (accounts.permissions.Scope): the forms they see, and the key that keeps
cached figures (the dashboard's) apart for users who see different forms."""

from __future__ import annotations

import pytest
from django.db.models import Count, Q, Sum
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from tests.web.conftest import make_user

from jixiao_web.accounts.permissions import Scope


@pytest.mark.django_db
def test_each_viewer_sees_their_own_dashboard_figures_from_a_warm_cache(people, imported):
    from django.core.cache import cache

    from jixiao_web.forms.models import Form

    cache.clear()
    unit = imported.forms[0].unit
    department = people.reviewer.membership.unit
    assigned = _assign(people.expert, imported.forms[1:4])
    viewers = {
        "expert with assignments": (people.expert, Form.objects.filter(pk__in=assigned)),
        "expert without": (make_user("expert2", "expert", unit), Form.objects.none()),
        "reviewer": (
            people.reviewer,
            Form.objects.filter(Q(unit=department) | Q(unit__parent=department)),
        ),
        "staff": (people.staff, Form.objects.filter(unit=unit)),
    }
    seen = {}
    for _ in range(2):  # the second round reads every figure from the cache
        for name, (user, forms) in viewers.items():
            client = Client()
            client.force_login(user)
            totals = client.get(reverse("dashboard")).context["totals"]
            assert totals == forms.aggregate(n=Count("id"), total=Sum("request_yuan")), name
            seen[name] = totals["n"]
    assert seen["expert with assignments"] == 3 and seen["expert without"] == 0
    _assign(people.expert, imported.forms[4:5])  # a new assignment: new figures, not the cache
    client = Client()
    client.force_login(people.expert)
    assert client.get(reverse("dashboard")).context["totals"]["n"] == 4


def _assign(expert, forms) -> list[int]:
    """`expert` assigned to `forms` in a round (made here); the forms' ids."""
    from jixiao_web.experts.models import Assignment, Round

    made = Round.objects.get_or_create(name="评审")[0]
    for form in forms:
        Assignment.objects.create(round=made, form_id=form.pk, expert=expert)
    return [form.pk for form in forms]


@pytest.mark.django_db
def test_the_scope_decides_what_each_role_sees(people, imported):
    from jixiao_web.accounts import permissions as perm
    from jixiao_web.forms.models import Form

    unit = imported.forms[0].unit
    own_expert = make_user("expert2", "expert", unit)
    assigned = _assign(people.expert, imported.forms[:2])
    assert perm.scope(people.admin) == Scope(units=None)
    assert perm.scope(own_expert) == Scope(units=None, forms=frozenset())
    assert perm.scope(people.expert) == Scope(units=None, forms=frozenset(assigned))
    assert perm.scope(people.staff) == Scope(units=frozenset({unit.pk}))
    assert perm.scope(people.nobody) == Scope(units=frozenset())
    assert not perm.visible_forms(people.nobody).exists()
    assert not perm.visible_forms(own_expert).exists()
    assert set(perm.visible_forms(people.expert)) == set(Form.objects.filter(pk__in=assigned))


scopes = st.builds(
    Scope,
    units=st.none() | st.frozensets(st.integers(1, 50), max_size=6),
    forms=st.none() | st.frozensets(st.integers(1, 50), max_size=6),
)


@given(scopes, scopes)
def test_two_scopes_share_a_key_only_when_they_are_the_same(first, second):
    assert (first.key == second.key) == (first == second)
