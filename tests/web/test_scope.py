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
    viewers = {
        "expert elsewhere": (people.expert, Form.objects.all()),
        "expert of the unit": (
            make_user("expert2", "expert", unit),
            Form.objects.exclude(unit=unit),
        ),
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
    assert seen["expert elsewhere"] == 15 and 0 < seen["expert of the unit"] < 15


@pytest.mark.django_db
def test_the_scope_decides_what_each_role_sees(people, imported):
    from jixiao_web.accounts import permissions as perm
    from jixiao_web.forms.models import Form

    unit = imported.forms[0].unit
    own_expert = make_user("expert2", "expert", unit)
    assert perm.scope(people.admin) == Scope(units=None)
    assert perm.scope(own_expert) == Scope(units=None, excluded=unit.pk)
    assert perm.scope(people.staff) == Scope(units=frozenset({unit.pk}))
    assert perm.scope(people.nobody) == Scope(units=frozenset())
    assert not perm.visible_forms(people.nobody).exists()
    assert set(perm.visible_forms(own_expert)) == set(Form.objects.exclude(unit=unit))


scopes = st.builds(
    Scope,
    units=st.none() | st.frozensets(st.integers(1, 50), max_size=6),
    excluded=st.none() | st.integers(1, 50),
)


@given(scopes, scopes)
def test_two_scopes_share_a_key_only_when_they_are_the_same(first, second):
    assert (first.key == second.key) == (first == second)
