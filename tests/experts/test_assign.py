"""Automatic assignment of experts to forms (jixiao.experts.assign): worked examples and the
rules that hold for every input (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.experts.assign import ExpertToAssign, FormToAssign, assign, conflicts

EDU = "学前教育补助 教育 提高入园率"


def test_never_an_expert_of_the_forms_unit_or_department():
    form = FormToAssign(1, unit=11, department=10, text=EDU)
    same_unit = ExpertToAssign(1, unit=11, department=10)
    same_department = ExpertToAssign(2, unit=12, department=10)
    of_the_department_itself = ExpertToAssign(3, unit=10, department=None)
    elsewhere = ExpertToAssign(4, unit=21, department=20)
    plan = assign([form], [same_unit, same_department, of_the_department_itself, elsewhere], 2)
    assert plan.picks == {1: [4]}
    assert plan.short == {1: 1}  # two were asked, one was eligible: reported


def test_matching_fields_are_preferred_at_equal_load_and_load_comes_first():
    form = FormToAssign(1, unit=11, department=10, text=EDU)
    plain = ExpertToAssign(1, unit=21, department=20, fields=("交通",))
    teacher = ExpertToAssign(2, unit=22, department=20, fields=("教育",))
    busy_teacher = ExpertToAssign(3, unit=23, department=20, fields=("教育",), load=4)
    assert assign([form], [plain, teacher, busy_teacher], 1).picks == {1: [2]}
    assert assign([form], [plain, teacher, busy_teacher], 2).picks == {1: [2, 1]}


def test_experts_a_form_already_has_count_and_are_not_repeated():
    form = FormToAssign(1, unit=11, department=10, text=EDU, has=(2,))
    experts = [ExpertToAssign(i, unit=20 + i, department=None) for i in (1, 2, 3)]
    plan = assign([form], experts, 2)
    assert plan.picks == {1: [1]} and plan.short == {}


def test_the_same_input_gives_the_same_plan():
    forms = [FormToAssign(i, unit=i % 3, department=None, text=EDU) for i in range(10)]
    experts = [
        ExpertToAssign(j, unit=j % 4, department=None, fields=("教育",) * (j % 2)) for j in range(6)
    ]
    assert assign(forms, experts, 2) == assign(list(reversed(forms)), experts, 2)


ids = st.integers(1, 6)
units = st.none() | st.integers(1, 6)
words = st.sampled_from(["教育", "交通", "卫生", "农业"])
form_lists = st.lists(
    st.builds(
        FormToAssign,
        id=ids,
        unit=units,
        department=units,
        text=st.lists(words, max_size=3).map(" ".join),
    ),
    max_size=8,
    unique_by=lambda f: f.id,
)
expert_lists = st.lists(
    st.builds(
        ExpertToAssign,
        id=ids,
        unit=units,
        department=units,
        fields=st.lists(words, max_size=2).map(tuple),
        load=st.integers(0, 3),
    ),
    max_size=7,
    unique_by=lambda e: e.id,
)


@given(form_lists, expert_lists, st.integers(1, 4))
def test_every_pick_is_eligible_and_distinct_and_short_forms_are_reported(forms, experts, n):
    plan = assign(forms, experts, n)
    by_id = {e.id: e for e in experts}
    for form in forms:
        picked = plan.picks[form.id]
        assert len(picked) == len(set(picked)) <= n
        assert not any(conflicts(form, by_id[e]) for e in picked)
        eligible = sum(1 for e in experts if not conflicts(form, e))
        assert len(picked) == min(n, eligible)
        assert (form.id in plan.short) == (eligible < n)


@given(st.integers(0, 12), st.integers(1, 7), st.integers(1, 4), st.integers(0, 5))
def test_loads_stay_within_one_when_every_expert_may_score_every_form(forms, experts, n, start):
    plan = assign(
        [FormToAssign(i, unit=100, department=None) for i in range(forms)],
        [ExpertToAssign(j, unit=j, department=None, load=start) for j in range(experts)],
        n,
    )
    assert max(plan.loads.values()) - min(plan.loads.values()) <= 1
    assert sum(plan.loads.values()) == experts * start + forms * min(n, experts)


@settings(max_examples=200)
@given(form_lists, expert_lists, st.integers(1, 3))
def test_at_equal_load_a_matching_expert_is_never_passed_over(forms, experts, n):
    """Whenever an expert was picked for a form while an eligible, unpicked expert of the same
    load at that moment matched more of its text, the rule was broken; replaying the plan in
    its own order checks each choice against the loads it was made with."""
    from jixiao.experts.assign import matches

    plan = assign(forms, experts, n)
    loads = {e.id: e.load for e in experts}
    by_id = {e.id: e for e in experts}
    order = sorted(forms, key=lambda f: (sum(not conflicts(f, e) for e in experts), f.id))
    for form in order:
        picked = plan.picks[form.id]
        others = [e for e in experts if e.id not in picked and not conflicts(form, e)]
        for eid in picked:
            for other in others:
                if loads[other.id] == loads[eid]:
                    assert matches(form, other) <= matches(form, by_id[eid])
                assert loads[other.id] >= loads[eid]
        for eid in picked:
            loads[eid] += 1
