"""Read the fields of an HTML form as a browser would submit them (no <template> content)."""

from __future__ import annotations

from html.parser import HTMLParser


def fields(html: str) -> list[tuple[str, str]]:
    parser = _SelectAware()
    parser.feed(html)
    return [(name, value) for name, value in parser.fields]


class _SelectAware(HTMLParser):
    """Inputs, textareas and the chosen option of each select, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[list[str]] = []
        self.in_template = 0
        self.select: list | None = None
        self.option: dict | None = None
        self.textarea: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            self.fields.append([a["name"], a.get("value", "")])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, None]  # name, chosen, first
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1] += data
        if self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.in_template -= 1
        elif tag == "textarea":
            self.textarea = None
        elif tag == "option" and self.option is not None and self.select is not None:
            value = self.option["value"]
            value = self.option["text"] if value is None else value
            if self.select[2] is None:
                self.select[2] = value
            if self.option["selected"]:
                self.select[1] = value
            self.option = None
        elif tag == "select" and self.select is not None:
            chosen = self.select[1] if self.select[1] is not None else self.select[2] or ""
            self.select[1:] = [chosen]
            self.select = None
