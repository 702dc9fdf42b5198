"""`maker`: the fast constructor gives the very object the dataclass's own __init__ gives."""

from dataclasses import FrozenInstanceError, dataclass
from types import MappingProxyType

import pytest

from jixiao.domain.form import Indicator, Note, make_indicator
from jixiao.domain.make import maker
from jixiao.i18n import Text
from jixiao.review.model import Basis, Finding, Location, Severity


def test_make_indicator_equals_the_dataclass_and_stays_frozen() -> None:
    extra = MappingProxyType({"分值": "10"})
    fast = make_indicator("产出指标", "数量指标", "立项数", ">40", (3, 9), "annual", extra)
    slow = Indicator("产出指标", "数量指标", "立项数", ">40", (3, 9), "annual", extra)
    assert fast == slow
    assert repr(fast) == repr(slow)
    with pytest.raises(FrozenInstanceError):
        fast.name = "改名"  # type: ignore[misc]


def test_maker_builds_every_field_in_order() -> None:
    make = maker(Finding)
    args = (
        "goal.W001",
        "vague_goal",
        Severity.WARNING,
        Text("甲", "a"),
        Text("乙", "b"),
        Location("overall_goal", None, 12),
        Basis("文字", "thresholds.x"),
        None,
        (1, 2),
    )
    assert make(*args) == Finding(*args)
    with pytest.raises(TypeError):
        make(*args[:-1])  # every field must be given


def test_maker_refuses_a_class_it_cannot_build_faithfully() -> None:
    @dataclass(frozen=True)
    class NoSlots:
        a: int

    @dataclass(frozen=True, slots=True)
    class Checked:
        a: int

        def __post_init__(self) -> None:
            raise ValueError

    with pytest.raises(TypeError):
        maker(NoSlots)
    with pytest.raises(TypeError):
        maker(Checked)
    assert maker(Note)("code", "说明", 4, "a note") == Note("code", "说明", 4, "a note")
