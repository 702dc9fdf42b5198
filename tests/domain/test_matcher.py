"""`Matcher`, the rule of `dedupe` one form at a time, decides as the rule over the whole batch
did (the algorithm before it, below), whatever the forms and their files; a file rolled back
leaves no trace in what it decides afterwards."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SEED

from jixiao.domain.form import Form
from jixiao.importers import read_path
from jixiao.interchange import Batch
from jixiao.matching import Matcher, OnMatch, dedupe, form_key

SEED_FORMS = read_path(SEED).forms[:4]  # four projects of one unit and year


def reference(forms: tuple[Form, ...], on_match: OnMatch) -> tuple[list, list[Form]]:
    """`dedupe`'s rule as it was written over a whole batch (issue 10)."""
    result: list[Form | None] = []
    first: dict = {}
    matches = []
    for form in forms:
        key = form_key(form)
        earlier = first.get(key) if key else None
        if earlier is None or earlier[0].source == form.source:
            if key and key not in first:
                first[key] = (form, len(result))
            result.append(form)
            continue
        matches.append((form, earlier[0], on_match is not OnMatch.SKIP))
        if on_match is OnMatch.REPLACE:
            result[earlier[1]] = None
            first[key] = (form, len(result))
        if on_match is not OnMatch.SKIP:
            result.append(form)
    return matches, [f for f in result if f is not None]


# A file is a list of (project, seq): forms of a few projects, some without a name.
files = st.lists(
    st.lists(st.tuples(st.sampled_from([0, 1, 2, 3, None]), st.integers(1, 9)), max_size=5),
    min_size=1,
    max_size=4,
)


def batch_of(drawn: list[list[tuple[int | None, int]]]) -> Batch:
    forms = []
    for source, file in enumerate(drawn):
        for project, seq in file:
            named = SEED_FORMS[project] if project is not None else SEED_FORMS[0]
            name = named.project_name if project is not None else None
            forms.append(named.with_changes(source=source, seq=seq, project_name=name))
    return Batch(forms=tuple(forms))


@settings(max_examples=300, deadline=None)
@given(files, st.sampled_from(list(OnMatch)))
def test_dedupe_decides_as_the_rule_over_the_whole_batch(drawn, on_match):
    batch = batch_of(drawn)
    result, matches = dedupe(batch, on_match)
    expected_matches, expected_forms = reference(batch.forms, on_match)
    assert [(m.form, m.earlier, m.kept) for m in matches] == expected_matches
    assert list(result.forms) == expected_forms


@settings(max_examples=200, deadline=None)
@given(files, st.sampled_from(list(OnMatch)), st.data())
def test_a_file_rolled_back_leaves_no_trace(drawn, on_match, data):
    """Files read one by one with one of them rolled back half-way decide as if it was never
    there (what `jixiao import --skip-bad` relies on)."""
    gone = data.draw(st.integers(0, len(drawn) - 1))
    batch = batch_of(drawn)
    matcher: Matcher[Form] = Matcher(on_match)
    kept: list[Form | None] = []
    for source in range(len(drawn)):
        size = len(kept)
        mine = [f for f in batch.forms if f.source == source]
        for number, form in enumerate(mine):
            if source == gone and number >= len(mine) // 2:
                break
            earlier = matcher.see(form, form, len(kept))
            if earlier is None or matcher.keeps:
                kept.append(form)
        if source == gone:
            matcher.rollback()
            del kept[size:]
            continue
        for place in matcher.commit():
            kept[place] = None
    others = Batch(forms=tuple(f for f in batch.forms if f.source != gone))
    assert [f for f in kept if f is not None] == list(dedupe(others, on_match)[0].forms)
