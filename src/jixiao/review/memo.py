"""What one review works out once and reuses for every form: its memo (docs/review.md, "How a
review runs").

Real batches repeat the same indicator rows, names, goal phrases and messages thousands of times,
so the review keeps what it derived from them. It keeps it here, in one object made by the engine
for one review (one `review_forms` run, one form reviewed on save) and reached by the rules through
the context (`ctx.memo`): nothing outlives the review, no two reviews share anything, and the
settings stay immutable. Each table has one owner: a named member below, or the module-level
key (or pure function) that its module passes to `table`/`call`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from jixiao.i18n import Text
from jixiao.review.lexicon import Lexicon
from jixiao.review.model import Basis
from jixiao.review.settings import ReviewSettings, for_template, template_key

if TYPE_CHECKING:
    from jixiao.review.scoring import _Plan

LIMIT = 50_000  # entries a table keeps; past it the table starts again (memory stays bounded)
CALLS = 4_096  # answers kept per function: texts (goals) are often one form's own
POOLED = 8_192  # texts kept per pool: many are one form's own (its name in a message)
_UNSET = object()
T = TypeVar("T")


def bounded(table: dict[Any, Any], limit: int = LIMIT) -> dict[Any, Any]:
    """`table`, emptied first when it has grown past `limit`."""
    if len(table) > limit:
        table.clear()
    return table


class FindingPool:
    """One object for each message, hint, basis and suggestion that findings repeat: a batch of
    a hundred thousand forms then holds a few thousand of them (`Rule.finding`)."""

    def __init__(self) -> None:
        self.texts: dict[tuple[Any, ...], tuple[Text, Text]] = {}  # (rule, values) -> texts
        self._texts: dict[Text, Text] = {}
        self._bases: dict[tuple[str, str | None], Basis] = {}
        self._suggestions: dict[tuple[tuple[str, str], ...], Mapping[str, str]] = {}

    def text(self, text: Text) -> Text:
        return bounded(self._texts, POOLED).setdefault(text, text)

    def basis(self, basis: Basis) -> Basis:
        key = (basis.text, basis.setting)  # a plain tuple hashes in C; the dataclass in Python
        return bounded(self._bases, POOLED).setdefault(key, basis)

    def suggestion(self, suggestion: Mapping[str, str]) -> Mapping[str, str]:
        key = tuple(suggestion.items())
        found = self._suggestions.get(key)
        if found is None:
            found = bounded(self._suggestions, POOLED)[key] = MappingProxyType(dict(suggestion))
        return found


class ReviewMemo:
    """The memo of one review (see the module's docstring)."""

    def __init__(self, settings: ReviewSettings) -> None:
        self.settings = settings
        self.findings = FindingPool()
        self._tables: dict[object, dict[Any, Any]] = {}
        self._values: dict[object, Any] = {}
        self._calls: dict[Callable[..., Any], Callable[..., Any]] = {}
        self._templates: dict[tuple[str | None, frozenset[str]], ReviewMemo] = {
            (None, frozenset()): self
        }
        self._variants: dict[Hashable, ReviewMemo] = {}

    def for_template(
        self, template_id: str | None, unprinted: frozenset[str] = frozenset()
    ) -> ReviewMemo:
        """The memo of this review for the forms read through the template `template_id`
        (printing no box for the goals `unprinted`: `engine.template_of`): this one when the
        template changes nothing in the settings, else one with the template's settings
        (`settings.for_template`), made once per review for all the templates alike in what the
        settings follow (`template_key`: their rule sets, their [required], the fields they
        have), sharing this review's pool of finding texts. None: a form of no template, this
        one."""
        found = self._templates.get((template_id, unprinted))
        if found is None:
            from jixiao import templates

            template = templates.get(template_id).without_goals(unprinted)
            key = template_key(template)
            found = self._variants.get(key)
            if found is None:
                own = for_template(self.settings, template)
                found = self
                if own is not self.settings:
                    found = ReviewMemo(own)
                    found.findings = self.findings
                    found._templates, found._variants = self._templates, self._variants
                self._variants[key] = found
            self._templates[template_id, unprinted] = found
        return found

    @cached_property
    def lexicon(self) -> Lexicon:
        return Lexicon(self.settings)

    @cached_property
    def plan(self) -> _Plan:
        """What scoring reads of the settings (`jixiao.review.scoring.make_plan`)."""
        from jixiao.review.scoring import make_plan  # scoring imports the rules, which import this

        return make_plan(self.settings)

    def table(self, owner: object, limit: int = LIMIT) -> dict[Any, Any]:
        """The table `owner` keeps in this review (bounded by `limit`): `owner` is a key of the
        module that reads and writes it, never shared with another."""
        found = self._tables.get(owner)
        if found is None:
            found = self._tables[owner] = {}
        return bounded(found, limit)

    def call(self, fn: Callable[..., T], *args: Hashable) -> T:
        """`fn(*args)`, worked out once per distinct `args` in this review (`fn` is pure): each
        function gets its own bounded cache, kept in this memo and gone with it."""
        cached = self._calls.get(fn)
        if cached is None:
            cached = self._calls[fn] = lru_cache(maxsize=CALLS)(fn)
        return cached(*args)  # type: ignore[no-any-return]

    def once(self, owner: object, make: Callable[[], T]) -> T:
        """The value `make()` gives, made the first time `owner` asks in this review (for what
        follows from the settings alone and is read per form)."""
        found = self._values.get(owner, _UNSET)
        if found is _UNSET:
            found = self._values[owner] = make()
        return found  # type: ignore[no-any-return]
