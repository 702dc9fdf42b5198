"""Errors the core raises for bad input: each says what is wrong and where (file, line, field)."""

from __future__ import annotations

from jixiao.i18n import Text


class JixiaoError(Exception):
    """Base of the errors a user can cause. Interfaces print `str(error)` and exit with 2."""

    def __init__(
        self,
        message: Text,
        *,
        path: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.text = message
        self.path = path
        self.line = line
        self.field = field
        super().__init__(str(self))

    def within(self, path: str, at: Text | None = None) -> JixiaoError:
        """The same error placed in a document: raised by code shared by every reader (a cell's
        value), it learns the document's path, and `at` (a sheet) before its message."""
        text = at + self.text if at else self.text
        return type(self)(text, path=self.path or path, line=self.line, field=self.field)

    def where(self) -> str:
        parts = []
        if self.path:
            parts.append(self.path)
        if self.line:
            parts.append(f"{self.line}")
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where()
        field = f"[{self.field}] " if self.field else ""
        return f"{where}: {field}{self.text}" if where else f"{field}{self.text}"


class InputError(JixiaoError):
    """A document that cannot be read: empty, binary, not a form, too large, malformed."""
