"""A form's part set aside in the review's temporary file comes back equal, for any finding."""

from array import array
from decimal import Decimal
from types import MappingProxyType

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Note
from jixiao.i18n import Text
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.scoring import Profile
from jixiao.review.spill import Reviewed, Spill

texts = st.text(max_size=12)
maybe_int = st.none() | st.integers(min_value=0, max_value=2**31 - 1)
findings = st.builds(
    Finding,
    rule=texts,
    category=texts,
    severity=st.sampled_from(list(Severity)),
    message=st.builds(Text, texts, texts),
    hint=st.builds(Text, texts, texts),
    location=st.builds(Location, st.none() | texts, maybe_int, maybe_int),
    basis=st.builds(Basis, texts, st.none() | texts),
    suggestion=st.none() | st.dictionaries(texts, texts, max_size=3).map(MappingProxyType),
    related_forms=st.lists(st.integers(0, 10**6), max_size=4).map(tuple),
)
heading_sets = st.frozensets(texts, max_size=3)
profiles = st.builds(
    Profile,
    filled=heading_sets,
    headings=st.lists(heading_sets, max_size=3).map(tuple),
    rows=st.binary(max_size=8) | st.lists(st.integers(0, 300), max_size=4).map(tuple),
    specific=st.binary(max_size=4),
    needed=st.none() | st.integers(0, 20),
    filed=heading_sets,
    counts=st.lists(st.tuples(texts, st.integers(0, 50)), max_size=3).map(tuple),
)
reviewed = st.builds(
    Reviewed,
    seq=st.integers(1, 10**6),
    project_name=st.none() | texts,
    index=st.integers(0, 10**6),
    requested_yuan=st.none()
    | st.decimals(allow_nan=False, allow_infinity=False, places=2, max_value=10**12),
    source=st.integers(0, 100),
    profile=profiles,
    import_notes=st.lists(st.builds(Note, texts, texts, maybe_int), max_size=2).map(tuple),
)
packed = st.lists(st.integers(-1, 2**31 - 1), max_size=9).map(lambda v: array("i", v))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(reviewed, st.lists(findings, max_size=4), packed), max_size=4),
    st.integers(0, 4),
)
def test_what_is_set_aside_comes_back_equal_and_in_order(parts, in_memory):
    spill = Spill(in_memory)  # the first parts kept in memory, the others in the file
    for form, own, rows in parts:
        spill.put(form, own, rows)
    back = list(spill.parts())
    assert back == [(form, own, rows) for form, own, rows in parts]
    for (form, _, _), (again, _, _) in zip(parts, back, strict=True):
        assert str(again.requested_yuan) == str(form.requested_yuan)  # 278000.00 stays so
    assert spill.file.closed


def test_a_spill_left_unread_closes_its_file():
    spill = Spill(0)
    spill.put(
        Reviewed(
            1,
            None,
            0,
            Decimal("1.50"),
            0,
            Profile(frozenset(), (), b"", b"", None, frozenset(), ()),
            (),
        ),
        [],
        array("i"),
    )
    file = spill.file
    del spill
    assert file.closed
