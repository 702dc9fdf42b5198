"""Documents written form by form: canonical JSON, CSV and the import's table.

A layout makes each form's piece of a document as the form is read (`piece`) and puts the pieces
together with what comes before and after them (`document`): a command passes each form on as it
is read and never holds a batch's forms at once (`jixiao.cli.streamed`, docs/benchmarks.md); a
batch in memory is written the same way (`render`), so both give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from jixiao.domain.form import Form, Source
    from jixiao.interchange import Batch

Pieces = Callable[[], Iterable[bytes]]


class FormLayout(Protocol):
    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        """One form's part of the document (`sources`: those of the batch so far)."""

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        """The whole document: `frame` has the batch's sources and notes (not its forms),
        `pieces()` gives the forms' pieces in order, as often as it is asked."""


def render(layout: FormLayout, batch: Batch) -> Iterator[bytes]:
    """`batch` written by `layout`, a piece at a time."""
    return layout.document(batch, lambda: (layout.piece(f, batch.sources) for f in batch.forms))
