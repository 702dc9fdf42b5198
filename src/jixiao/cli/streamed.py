"""Reading documents one after another, each form passed on as it is read.

A command that writes the forms (`jixiao import`, `jixiao export --to json|csv`) writes each
form's piece of its output as soon as the form is read (`jixiao.pieces`), into a spool: a
temporary file, so that memory does not grow with the batch (docs/benchmarks.md). The output is
put together from the spool once every document is read, because what comes first (the sources
of canonical JSON, the widths of a table) is known only then, and because a form can still be
left out: a bad file skipped with --skip-bad takes its forms with it, a form replaced by a later
file's (--on-match replace) gives up its place. A command that needs the batch (the review,
`show`) keeps the forms in memory (`Kept`); both read through `Reading`, so they read alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import IO, Protocol

from jixiao.domain.form import Form, Note, Source
from jixiao.i18n import t
from jixiao.importers import FormStream
from jixiao.matching import Matcher, OnMatch
from jixiao.pieces import FormLayout

_SAID = {
    OnMatch.SKIP: ("已跳过", "skipped"),
    OnMatch.REPLACE: ("已替换前者", "replaces the earlier one"),
    OnMatch.SEPARATE: ("两张都保留", "both kept"),
}


class Sink(Protocol):
    """Where the forms read go, in order; `len` is how many went there."""

    def __len__(self) -> int: ...

    def add(self, form: Form, sources: Sequence[Source]) -> None: ...

    def cut(self, size: int) -> None:
        """Forget the forms added after the first `size`."""

    def drop(self, place: int) -> None:
        """Leave out the form added at `place` (0-based)."""


class Kept:
    """The forms in memory, for a command that needs the batch."""

    def __init__(self) -> None:
        self.places: list[Form | None] = []

    def __len__(self) -> int:
        return len(self.places)

    def add(self, form: Form, sources: Sequence[Source]) -> None:
        self.places.append(form)

    def cut(self, size: int) -> None:
        del self.places[size:]

    def drop(self, place: int) -> None:
        self.places[place] = None

    def forms(self) -> tuple[Form, ...]:
        return tuple(f for f in self.places if f is not None)


class Spool:
    """Each form's piece of the output (`layout.piece`), in a temporary file until the whole
    is written (`pieces`)."""

    def __init__(self, layout: FormLayout, handle: IO[bytes]) -> None:
        self.layout, self.handle = layout, handle
        self.ends: list[int] = []  # where each piece ends in the file
        self.dropped: set[int] = set()

    def __len__(self) -> int:
        return len(self.ends)

    def add(self, form: Form, sources: Sequence[Source]) -> None:
        piece = self.layout.piece(form, sources)
        self.handle.write(piece)
        self.ends.append((self.ends[-1] if self.ends else 0) + len(piece))

    def cut(self, size: int) -> None:
        del self.ends[size:]
        self.dropped = {place for place in self.dropped if place < size}
        self.handle.seek(self.ends[-1] if self.ends else 0)
        self.handle.truncate()

    def drop(self, place: int) -> None:
        self.dropped.add(place)

    def kept(self) -> int:
        return len(self.ends) - len(self.dropped)

    def pieces(self, wanted: set[int] | None = None) -> Iterator[bytes]:
        """The pieces kept, in order; with `wanted`, only those at these 1-based positions
        among the kept."""
        self.handle.flush()
        self.handle.seek(0)
        start = at = position = 0  # `at`: where the file is read next
        for place, end in enumerate(self.ends):
            if place not in self.dropped:
                position += 1
                if wanted is None or position in wanted:
                    if at != start:
                        self.handle.seek(start)
                    yield self.handle.read(end - start)
                    at = end
            start = end


class Reading:
    """Documents read into `sink` one after another. With `on_match`, a form matching one of
    an earlier document is handled as `jixiao.matching.dedupe` does (what matched is said in
    `said`). A document that fails leaves nothing behind: its source, forms, matches."""

    def __init__(self, sink: Sink, on_match: OnMatch | None) -> None:
        self.sink = sink
        self.sources: list[Source] = []
        self.notes: list[Note] = []
        self.count = 0  # forms read, matched or not
        self.on_match = on_match
        self.matcher: Matcher[tuple[int, int]] | None = Matcher(on_match) if on_match else None
        self.said: list[str] = []

    def take(self, stream: FormStream) -> None:
        """Every form of one document into the sink, or, when reading it fails, none."""
        size, said, offset = len(self.sink), len(self.said), len(self.sources)
        self.sources.append(stream.source)
        try:
            count = self._forms(stream, offset)
        except BaseException:
            self.sink.cut(size)
            del self.sources[offset:], self.said[said:]
            if self.matcher:
                self.matcher.rollback()
            raise
        for place in self.matcher.commit() if self.matcher else ():
            self.sink.drop(place)
        self.notes.extend(stream.notes)
        self.count += count

    def _forms(self, stream: FormStream, offset: int) -> int:
        count = 0
        for form in stream.forms:
            count += 1
            if offset:
                form = form.with_changes(source=form.source + offset)
            if self._kept(form):
                self.sink.add(form, self.sources)
        return count

    def _kept(self, form: Form) -> bool:
        if self.matcher is None:
            return True
        earlier = self.matcher.see(form, (form.source, form.seq), len(self.sink))
        if earlier is None:
            return True
        self.said.append(self._said(form, *earlier))
        return self.matcher.keeps

    def _said(self, later: Form, source: int, seq: int) -> str:
        path, first = self.sources[later.source].path, self.sources[source].path
        done = _SAID[self.on_match]  # type: ignore[index]
        return t(
            f"jixiao: {path} 第 {later.seq} 张表“{later.project_name}”与 {first} 第 {seq} 张表"
            f"的年度、单位、项目名称相同，{done[0]}",
            f"jixiao: {path} form {later.seq} “{later.project_name}” has the budget year, unit "
            f"and project name of {first} form {seq}: {done[1]}",
        )
