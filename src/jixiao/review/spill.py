"""What a review keeps of each form until its batch rules have spoken, set aside in a temporary
file (docs/review.md, "How a review runs").

A form's own findings (of the rules that read the whole form) mostly say things of that form
alone: its name in a message, its goal quoted in a basis. A hundred thousand forms' worth is most
of a review's memory, and nothing reads them again before the form's review is built. So each
form's part (what scoring reads of it, its own findings, its rows' findings packed) is written as
one `marshal` record of plain values when the form has been read, and read back, in the same
order, when the reviews are built: the same values, so the same reviews.
"""

from __future__ import annotations

import marshal
import tempfile
import weakref
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from jixiao.domain.form import Note
from jixiao.domain.make import maker
from jixiao.i18n import Text
from jixiao.review.memo import POOLED, bounded
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.scoring import Profile

_make_finding = maker(Finding)
_make_location = maker(Location)
_make_basis = maker(Basis)
_SEVERITIES = {s.value: s for s in Severity}


# What a form is reviewed as (`engine.template_of`): its template's id and the goals of it the
# form prints no box for; None: a form of no template. Plain tuples: the spill marshals them.
ReviewedAs = tuple[str, frozenset[str]] | None


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What scoring needs of a form once its rules have run (the form itself is let go)."""

    seq: int
    project_name: str | None
    index: int
    requested_yuan: Decimal | None
    source: int
    profile: Profile
    import_notes: tuple[Note, ...]
    # the template whose settings reviewed it (its score's too): `engine.template_of`
    template: ReviewedAs = None


def _finding(f: Finding) -> tuple[Any, ...]:
    m, h, at, b = f.message, f.hint, f.location, f.basis
    suggestion = None if f.suggestion is None else tuple(f.suggestion.items())
    return (
        f.rule,
        f.category,
        f.severity.value,
        m.zh,
        m.en,
        h.zh,
        h.en,
        at.field,
        at.indicator,
        at.line,
        b.text,
        b.setting,
        suggestion,
        f.related_forms,
    )


def _found(v: Sequence[Any], texts: dict[tuple[str, str], Text]) -> Finding:
    return _make_finding(
        v[0],
        v[1],
        _SEVERITIES[v[2]],
        _text(texts, v[3], v[4]),
        _text(texts, v[5], v[6]),
        _make_location(v[7], v[8], v[9]),
        _make_basis(v[10], v[11]),
        MappingProxyType(dict(v[12])) if v[12] is not None else None,
        v[13],
    )


def _text(texts: dict[tuple[str, str], Text], zh: str, en: str) -> Text:
    """One `Text` for the messages and hints forms repeat (a rule's hint, mostly)."""
    found = texts.get((zh, en))
    if found is None:
        found = bounded(texts, POOLED)[zh, en] = Text(zh, en)
    return found


def _record(form: Reviewed, own: Sequence[Finding], packed: array[int]) -> bytes:
    p = form.profile
    profile = (p.filled, p.headings, p.rows, p.specific, p.needed, p.filed, p.counts)
    yuan = None if form.requested_yuan is None else str(form.requested_yuan)
    notes = tuple((n.code, n.message, n.line, n.en) for n in form.import_notes)
    head = (
        form.seq,
        form.project_name,
        form.index,
        yuan,
        form.source,
        profile,
        notes,
        form.template,
    )
    return marshal.dumps((head, [_finding(f) for f in own], packed.tobytes()))


def _read(
    record: bytes, texts: dict[tuple[str, str], Text]
) -> tuple[Reviewed, list[Finding], array[int]]:
    head, own, packed = marshal.loads(record)
    seq, name, index, yuan, source, profile, notes, template = head
    form = Reviewed(
        seq,
        name,
        index,
        None if yuan is None else Decimal(yuan),
        source,
        Profile(*profile),
        tuple(Note(*n) for n in notes),
        template,
    )
    rows = array("i")
    rows.frombytes(packed)
    return form, [_found(v, texts) for v in own], rows


IN_MEMORY = 10_000  # forms whose parts stay in memory: a small review never pays for the file


class Spill:
    """Each form's part, in order: the first `in_memory` kept as they are, the others written to
    a temporary file (about 100 µs a form to write and read back); read back in order, once."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = IN_MEMORY if in_memory is None else in_memory
        self.kept: list[tuple[Reviewed, Sequence[Finding], array[int]]] = []
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed once read back
        self.count = 0
        # a review left unfinished (a bad file, a review begun again) closes its file too
        self.close = weakref.finalize(self, self.file.close)

    def put(self, form: Reviewed, own: Sequence[Finding], packed: array[int]) -> None:
        if self.count < self.in_memory:
            self.kept.append((form, own, packed))
        else:
            record = _record(form, own, packed)
            self.file.write(len(record).to_bytes(4, "little") + record)
        self.count += 1

    def parts(self) -> Iterator[tuple[Reviewed, list[Finding], array[int]]]:
        """The parts put, in order; the file is closed after the last (or if left unread)."""
        kept, self.kept = self.kept, []
        in_memory = len(kept)
        kept.reverse()
        while kept:  # each let go as it is given
            form, own, packed = kept.pop()
            yield form, list(own), packed
        texts: dict[tuple[str, str], Text] = {}
        try:
            self.file.seek(0)
            for _ in range(self.count - in_memory):
                size = int.from_bytes(self.file.read(4), "little")
                yield _read(self.file.read(size), texts)
        finally:
            self.close()
