"""The three-way merge of two edits of one form (jixiao.merge), proved over generated edits.

A base form with a few fields and 0–8 keyed indicator rows is edited by two independent scripts
(change a field; change, delete, add or move a row) into mine and theirs. What a side changed is
read off the forms here, by this file's own reference (`value`), not by the merge's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Form, Funds, Indicator
from jixiao.interchange import form_to_json, indicator_to_json
from jixiao.merge import ORDER, TABLE, Kind, Merged, Side, merge

# Small pools, so that both sides often write the same value (an identical change is no clash).
TEXTS = ["东西部扶贫帮困", "科普工作", "市民服务"]
FIELD_VALUES: dict[str, list[Any]] = {
    "project_name": TEXTS,
    "annual_goal": TEXTS,
    "budget_year": [2021, 2022],
    "planned_end": ["2021-12-31", None],
    "funds.unit": ["元", "万元"],
    "funds.annual_request": ["278000.00", "1", None],
}
PLACES = list(FIELD_VALUES)
NAMES = ["受益农户数", "培训场次", "满意度", "覆盖率"]
TARGETS = [">=90%", "=5场", "及时", "100%"]
HEADINGS = [("产出指标", "数量指标"), ("效益指标", "社会效益指标"), (None, None)]


def row(heading: tuple[str | None, str | None], name: str, target: str, line: int = 0) -> dict:
    level1, level2 = heading
    lines = (line,) if line else ()
    return indicator_to_json(Indicator(level1, level2, name, target, source_lines=lines))


contents = st.tuples(st.sampled_from(HEADINGS), st.sampled_from(NAMES), st.sampled_from(TARGETS))


@st.composite
def bases(draw: st.DrawFn) -> Side:
    form = Form(
        seq=1,
        project_name=draw(st.sampled_from(TEXTS)),
        annual_goal=draw(st.sampled_from(TEXTS)),
        budget_year=2021,
        funds=Funds(unit="元", annual_request=None),
    )
    rows = [row(*c, line=n + 1) for n, c in enumerate(draw(st.lists(contents, max_size=8)))]
    data = form_to_json(form)
    data["indicators"] = rows
    data["notes"] = [{"code": "x", "message": "kept from the stored form", "line": 1}]
    return Side(data, tuple(f"b{n}" for n in range(len(rows))))


# An edit script: ops on fields and on base rows (by their index in the base) -------------------

ops = st.one_of(
    st.tuples(st.just("field"), st.sampled_from(PLACES), st.integers(0, 2)),
    st.tuples(st.just("change"), st.integers(0, 7), contents),
    st.tuples(st.just("delete"), st.integers(0, 7)),
    st.tuples(st.just("add"), st.integers(0, 8), contents),
    st.tuples(st.just("move"), st.integers(0, 7), st.integers(0, 7)),
)
scripts = st.lists(ops, max_size=5)


def apply(base: Side, script: list[tuple], tag: str) -> Side:
    """`base` edited by `script`; rows it adds get keys `tag0`, `tag1` ..."""
    form = {**base.form, "funds": dict(base.form["funds"])}
    rows = dict(zip(base.keys, base.form["indicators"], strict=True))
    order = list(base.keys)
    added = 0
    for op in script:
        kind, *args = op
        key = f"b{args[0]}" if kind in ("change", "delete", "move") else None
        if kind == "field":
            place, choice = args
            values = FIELD_VALUES[place]
            set_field(form, place, values[choice % len(values)])
        elif kind == "add":
            new = f"{tag}{added}"
            added += 1
            rows[new] = row(*args[1])
            order.insert(args[0] % (len(order) + 1), new)
        elif key in order and kind == "change":
            rows[key] = {**row(*args[1]), "source_lines": rows[key]["source_lines"]}
        elif key in order and kind == "delete":
            order.remove(key)
        elif key in order and kind == "move":
            order.remove(key)
            order.insert(args[1] % (len(order) + 1), key)
    form["indicators"] = [rows[k] for k in order]
    return Side(form, tuple(order))


def set_field(form: dict, place: str, value: Any) -> None:
    if place.startswith("funds."):
        form["funds"][place[6:]] = value
    else:
        form[place] = value


# The reference: what a form holds at a place -----------------------------------------------------


@dataclass
class Case:
    base: Side
    mine: Side
    theirs: Side

    def common(self) -> set[str]:
        return set(self.base.keys) & set(self.mine.keys) & set(self.theirs.keys)

    def places(self) -> list[str]:
        keys = dict.fromkeys([*self.base.keys, *self.mine.keys, *self.theirs.keys])
        return [*PLACES, *keys, ORDER]

    def value(self, side: Side, place: str) -> Any:
        if place in FIELD_VALUES:
            form = side.form
            return form["funds"].get(place[6:]) if place.startswith("funds.") else form[place]
        if place == ORDER:
            return [k for k in side.keys if k in self.common()]
        rows = dict(zip(side.keys, side.form["indicators"], strict=True))
        found = rows.get(place)
        return None if found is None else {k: found.get(k) for k in ("level1", "name", "target")}

    def changed(self, side: Side) -> set[str]:
        return {p for p in self.places() if self.value(side, p) != self.value(self.base, p)}


def result(merged: Merged) -> Side:
    return Side(merged.form, merged.keys)


def conflict_places(merged: Merged) -> set[str]:
    return {c.name for c in merged.conflicts}


# (a) merging with an unchanged side, or with itself, gives that side ------------------------------


@given(bases(), scripts)
def test_merging_an_edit_with_itself_or_with_the_base_gives_the_edit(base, script):
    x = apply(base, script, "x")
    for mine, theirs in ((x, x), (base, x), (x, base)):
        merged = merge(base, mine, theirs)
        assert (merged.form, merged.keys) == (x.form, x.keys)
        assert merged.conflicts == ()


# (b) edits of different places both survive, without conflict ---------------------------------


@st.composite
def disjoint_cases(draw: st.DrawFn) -> Case:
    """Two scripts over disjoint places: fields and base rows are shared out, one side moves."""
    base = draw(bases())
    mine_fields = set(draw(st.lists(st.sampled_from(PLACES), unique=True)))
    mine_rows = set(draw(st.lists(st.integers(0, 7), unique=True)))
    mover = draw(st.sampled_from(["mine", "theirs"]))

    def allowed(op: tuple, own_fields: set[str], own_rows: set[int], moves: bool) -> bool:
        if op[0] == "field":
            return op[1] in own_fields
        if op[0] in ("change", "delete"):
            return op[1] in own_rows
        return op[0] == "add" or moves

    all_rows = set(range(8))
    mine_script = [
        op for op in draw(scripts) if allowed(op, mine_fields, mine_rows, mover == "mine")
    ]
    theirs_script = [
        op
        for op in draw(scripts)
        if allowed(op, set(PLACES) - mine_fields, all_rows - mine_rows, mover == "theirs")
    ]
    return Case(base, apply(base, mine_script, "m"), apply(base, theirs_script, "t"))


@settings(max_examples=300)
@given(disjoint_cases())
def test_changes_to_different_places_are_all_kept_without_conflict(case):
    mine_changed, theirs_changed = case.changed(case.mine), case.changed(case.theirs)
    assert not mine_changed & theirs_changed
    merged = merge(case.base, case.mine, case.theirs)
    assert merged.conflicts == ()
    out = result(merged)
    for side, changed in ((case.mine, mine_changed), (case.theirs, theirs_changed)):
        for place in changed:
            assert case.value(out, place) == case.value(side, place), place
    untouched = set(case.places()) - mine_changed - theirs_changed
    for place in untouched:
        assert case.value(out, place) == case.value(case.base, place), place


# (c) and (d): for any two edits nothing is dropped, and conflicts are real -------------------------


@st.composite
def any_cases(draw: st.DrawFn) -> Case:
    base = draw(bases())
    return Case(base, apply(base, draw(scripts), "m"), apply(base, draw(scripts), "t"))


@settings(max_examples=400)
@given(any_cases())
def test_no_change_is_dropped_it_is_kept_or_listed_as_a_conflict(case):
    merged = merge(case.base, case.mine, case.theirs)
    out, clashes = result(merged), conflict_places(merged)
    for side in (case.mine, case.theirs):
        for place in case.changed(side):
            assert case.value(out, place) == case.value(side, place) or place in clashes, place
    assert len(set(out.keys)) == len(out.keys) == len(out.form["indicators"])


@settings(max_examples=400)
@given(any_cases())
def test_a_conflict_is_a_place_both_changed_differently_and_loses_nothing(case):
    merged = merge(case.base, case.mine, case.theirs)
    out = result(merged)
    both = case.changed(case.mine) & case.changed(case.theirs)
    for place in conflict_places(merged):
        assert place in both
        assert case.value(case.mine, place) != case.value(case.theirs, place)
        kept = case.value(case.mine, place)
        if kept is None:  # mine deleted a row theirs changed: the changed row stays
            kept = case.value(case.theirs, place)
        assert case.value(out, place) == kept


@settings(max_examples=200)
@given(any_cases())
def test_the_changes_listed_are_exactly_what_theirs_changed(case):
    merged = merge(case.base, case.mine, case.theirs)
    listed = {c.name for c in merged.changes}
    assert listed == case.changed(case.theirs)
    fields = {c.name for c in merged.changes if c.kind is Kind.FIELD}
    assert fields <= set(PLACES)


@given(any_cases())
def test_what_the_merge_does_not_know_is_the_stored_forms(case):
    theirs = Side({**case.theirs.form, "notes": [], "seq": 9}, case.theirs.keys)
    merged = merge(case.base, case.mine, theirs)
    assert (merged.form["notes"], merged.form["seq"]) == ([], 9)


# Worked examples -----------------------------------------------------------------------------


def side(rows: list[tuple[str, str]], **fields: Any) -> Side:
    form = form_to_json(Form(seq=1, project_name="项目"))
    form.update(fields, indicators=[row(HEADINGS[0], name, ">=1") for _, name in rows])
    return Side(form, tuple(k for k, _ in rows))


def test_rows_only_theirs_has_go_after_the_row_that_precedes_them_there():
    base = side([("a", "甲"), ("b", "乙"), ("c", "丙")])
    mine = side([("c", "丙"), ("a", "甲"), ("b", "乙"), ("m", "我加的")])
    theirs = side(
        [("t1", "对方加的一"), ("a", "甲"), ("b", "乙"), ("t2", "对方加的二"), ("c", "丙")]
    )
    merged = merge(base, mine, theirs)
    assert merged.keys == ("t1", "c", "a", "b", "t2", "m")
    names = [r["name"] for r in merged.form["indicators"]]
    assert names == ["对方加的一", "丙", "甲", "乙", "对方加的二", "我加的"]


def test_a_reorder_by_theirs_alone_is_kept():
    base = side([("a", "甲"), ("b", "乙"), ("c", "丙")])
    mine = side([("a", "甲"), ("b", "乙"), ("m", "我加的"), ("c", "丙")])
    theirs = side([("c", "丙"), ("b", "乙"), ("a", "甲")])
    merged = merge(base, mine, theirs)
    assert merged.keys == ("c", "b", "m", "a")  # theirs' order; mine's row after its predecessor
    assert [c.kind for c in merged.changes] == [Kind.ORDER]


def test_a_base_without_keys_merges_the_table_as_one_value():
    base = side([("a", "甲"), ("b", "乙")])
    old_base = Side(base.form, None)
    mine = side([("a", "甲改"), ("b", "乙")])
    theirs_other_row = side([("a", "甲"), ("b", "乙改")])
    clash = merge(old_base, mine, theirs_other_row)
    assert [(c.kind, c.name, c.clash) for c in clash.changes] == [(Kind.TABLE, TABLE, True)]
    assert clash.form["indicators"] == mine.form["indicators"]
    theirs_only = merge(old_base, base, theirs_other_row)
    assert theirs_only.conflicts == () and theirs_only.keys == ("a", "b")
    assert theirs_only.form["indicators"] == theirs_other_row.form["indicators"]


def test_funds_figures_merge_one_by_one():
    base = side([], funds={"unit": "元", "project_total": "1", "annual_request": "1"})
    mine = side([], funds={"unit": "元", "project_total": "2", "annual_request": "1"})
    theirs = side([], funds={"unit": "万元", "project_total": "1", "annual_request": "3"})
    merged = merge(base, mine, theirs)
    funds = merged.form["funds"]
    assert (funds["unit"], funds["project_total"], funds["annual_request"]) == ("万元", "2", "3")
    assert merged.conflicts == ()


def test_keys_that_do_not_fit_the_rows_are_a_programming_error():
    good = side([("a", "甲")])
    with pytest.raises(ValueError, match="one distinct key per row"):
        merge(good, Side(good.form, ()), good)
    with pytest.raises(ValueError, match="one distinct key per row"):
        merge(good, side([("a", "甲"), ("a", "乙")]), good)
