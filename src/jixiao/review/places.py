"""Findings by the place they are shown at on the paper table: a field's cell, an indicator row,
or the form as a whole. The one grouping behind the review report (`exporters.review_html`) and the
web app's form page; the places are those the grid of `jixiao.domain.paper` names."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Protocol, TypeVar

from jixiao.domain.paper import FORM_PLACE, place_of

T = TypeVar("T")


class Located(Protocol):
    """What a place is read from: a core `Location`, or a stored finding with the same fields."""

    @property
    def field(self) -> str | None: ...

    @property
    def indicator(self) -> int | None: ...


def by_place(items: Iterable[T], where: Callable[[T], Located]) -> dict[str, list[T]]:
    """The items grouped by the place of their location (`where(item)`), each group in order."""
    groups: dict[str, list[T]] = {}
    for item in items:
        loc = where(item)
        index = None if loc.indicator is None else int(loc.indicator)
        groups.setdefault(place_of(loc.field, index), []).append(item)
    return groups


def unplaced(groups: Mapping[str, list[T]], shown: Collection[str]) -> list[T]:
    """The items of the places no cell shows (`shown`: the table's places), the whole form's
    first: they are shown apart from the table, so that none is lost."""
    first = list(groups.get(FORM_PLACE, []))
    return first + [
        i for p, items in groups.items() if p != FORM_PLACE and p not in shown for i in items
    ]
