"""Pages of a web page that shows a PDF by placing each piece of text where the PDF has it.

Some government portals publish a budget document's PDF as such a page (烟台's, 2026): each page
of the PDF is a box of the PDF's size (`width`, `height`), each line of text in it a box at its
place (`position: absolute; top; left; font-size`), each rule of a table a box of no height or
no width with a border. A browser shows the tables; the page holds no `<table>`. Its pages are
read as the PDF reader reads a PDF's (`pdf_reader.read_pages`, docs/templates.md, *Inputs*):
the rules make the tables (pdfplumber's table finder, on the rules given here), the text boxes
give the characters.

A box gives where its text starts, not where each character stands. Each character is given the
width a Chinese font (宋体) gives it: half an em for ASCII and the half-width forms (letters,
figures, `%`), a full em for the rest (Chinese characters, `“”`, `—`, `≥`); a narrow character
says how far its width may be off (`slack`), which the reader allows for where it decides
whether a cell's width broke a line. A box of text never crosses a rule to its right (a cell's
text ends in its cell): where the estimate would, its characters are narrowed to end at the
rule. A `<br>` or a block inside a box starts a line one `line-height` lower. Only styles
written on the boxes themselves are read; a page placed by its stylesheet's classes
(pdf2htmlEX) is no page here and is read as the web page's text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree

from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import pdf_reader

if TYPE_CHECKING:
    from pdfplumber.table import Table

_PROPERTY = re.compile(r"([a-z-]+)\s*:\s*([^;]*)", re.IGNORECASE)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?\s*$")
_BORDER = re.compile(r"(-?\d+(?:\.\d+)?)\s*(pt|px)\b(?!.*\b(?:none|hidden)\b)", re.IGNORECASE)
_SIDES = ("top", "right", "bottom", "left")
_PX = 0.75  # points in a CSS pixel
_DEFAULT_SIZE = 12.0  # points: a browser's 16px
_THIN = 2.0  # points: a box this thin is a rule
_SPACES = re.compile(r"[ \t\r\n\f]+")
_BLOCKS = frozenset({"div", "p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
# how far a narrow character's width may be from half an em (figures 0.46-0.56 em in 宋体 and
# 思源黑体, letters wider or narrower): the reader allows for it where a line ends (`slack`)
_NARROW_SPREAD = 0.1
MIN_BOXES = 2  # placed boxes that make a page (a page of one box is a picture's frame)
MAX_PAGES = pdf_reader.MAX_PAGES
MAX_BOXES = 20_000  # boxes of one page: a budget table's page of rules and text has some 1,500
_LARGEST = 100_000.0  # points: no length of a page is longer (35 m)

_Box = tuple[etree._Element, dict[str, str]]


@dataclass
class PlacedPage:
    """A page's characters and rules, as pdfplumber gives a PDF page's (the keys the PDF
    reader uses: text, x0, x1, top, bottom, size; a rule's x0, x1, top, bottom, orientation)."""

    page_number: int
    width: float
    height: float
    chars: list[dict[str, Any]]
    edges: list[dict[str, Any]]

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Table]:
        """The ruled tables of the page, found by pdfplumber's table finder on its rules."""
        from pdfplumber.table import TableFinder

        return TableFinder(self, table_settings).tables  # type: ignore[arg-type]

    def close(self) -> None:
        """Nothing to free (pdfplumber's pages keep their layout until closed)."""


def pages(root: etree._Element, path: str) -> list[PlacedPage]:
    """The placed pages of a parsed web page, in page order: none for a page of tables or text.
    A box holding placed pages is no page itself (the pages' frame). InputError past the
    bounds (`MAX_PAGES` pages, `MAX_BOXES` boxes on a page)."""
    candidates: list[tuple[etree._Element, float, float, list[_Box]]] = []
    for element in root.iter():
        if (
            len(element) < MIN_BOXES
            or not isinstance(element.tag, str)
            or "width" not in (element.get("style") or "")
        ):
            continue
        style = _style(element)
        width, height = _length(style.get("width")), _length(style.get("height"))
        if not width or not height or width <= 0 or height <= 0:
            continue
        boxes = [
            (child, child_style)
            for child in element
            if isinstance(child.tag, str)
            and (child_style := _style(child)).get("position", "").strip() == "absolute"
            and ("top" in child_style or "bottom" in child_style)
        ]
        if len(boxes) >= MIN_BOXES:
            candidates.append((element, width, height, boxes))
    holders = {id(element) for element, *_ in candidates}
    found: list[PlacedPage] = []
    for element, width, height, boxes in candidates:
        if any(id(inner) in holders for inner in element.iterdescendants()):
            continue  # a frame around the pages
        if len(found) == MAX_PAGES:
            raise InputError(
                Text(
                    "网页的版面页数过多（超过 {limit} 页）",
                    "the page shows too many pages (over {limit})",
                ).format(limit=MAX_PAGES),
                path=path,
                line=element.sourceline,
            )
        if len(boxes) > MAX_BOXES:
            raise InputError(
                Text(
                    "网页版面第 {n} 页的元素过多（{boxes} 个，上限 {limit} 个）",
                    "page {n} of the page's layout has too many boxes ({boxes}, limit {limit})",
                ).format(n=len(found) + 1, boxes=len(boxes), limit=MAX_BOXES),
                path=path,
                line=element.sourceline,
            )
        found.append(_page(len(found) + 1, width, height, boxes))
    return found


def _page(number: int, width: float, height: float, boxes: list[_Box]) -> PlacedPage:
    texts: list[tuple[str, float, float, float]] = []  # text, left, top, size
    edges: list[dict[str, Any]] = []
    for element, style in boxes:
        left = _length(style.get("left")) or 0.0
        box_width = _length(style.get("width")) or 0.0
        box_height = _length(style.get("height")) or 0.0
        size = _length(style.get("font-size")) or _DEFAULT_SIZE
        size = size if size > 0 else _DEFAULT_SIZE
        top = _length(style.get("top"))
        if top is None:
            top = height - (_length(style.get("bottom")) or 0.0) - (box_height or size)
        lines = _lines_of(element)
        if any(line.strip() for line in lines):  # a rule's box holds a no-break space
            step = _line_height(style.get("line-height"), size)
            texts.extend(
                (line, left, top + k * step, size) for k, line in enumerate(lines) if line.strip()
            )
        else:
            edges.extend(_rules(style, left, top, box_width, box_height))
    chars: list[dict[str, Any]] = []
    verticals = sorted((e for e in edges if e["orientation"] == "v"), key=lambda e: e["x0"])
    xs = [e["x0"] for e in verticals]
    for text, left, top, size in texts:
        middle = top + size / 2
        right = bisect.bisect_right(xs, left + 0.5)
        limit = next(
            (e["x0"] for e in verticals[right:] if e["top"] <= middle <= e["bottom"]), None
        )
        chars.extend(_chars(text, left, top, size, limit))
    return PlacedPage(number, width, height, chars, edges)


def _lines_of(element: etree._Element) -> list[str]:
    """The lines of a box's text as a browser shows them: a `<br>` or a block inside the box
    starts a line; white space folded to one space, none at a line's ends."""
    lines = [""]

    def walk(node: etree._Element) -> None:
        lines[-1] += node.text or ""
        for child in node:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "br":
                lines.append("")
            elif tag in _BLOCKS:
                lines.append("")
                walk(child)
                lines.append("")
            elif tag and tag not in ("script", "style"):
                walk(child)
            lines[-1] += child.tail or ""

    walk(element)
    folded = [_SPACES.sub(" ", line).strip(" ") for line in lines]
    while len(folded) > 1 and not folded[-1]:
        folded.pop()
    return folded


def _line_height(value: str | None, size: float) -> float:
    """Points from one line's top to the next: `line-height` as a length, or as a number of
    ems (`1.5`), else a browser's normal 1.2 em."""
    if value and re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", value):
        return float(value) * size
    height = _length(value)
    return height if height and height > 0 else size * 1.2


def _rules(
    style: dict[str, str], left: float, top: float, width: float, height: float
) -> list[dict[str, Any]]:
    """The rules a box draws: each side with a border, and the box itself when it is a thin
    filled bar."""
    sides = {side for side in _SIDES if _drawn(style, side)}
    if not sides and _filled(style) and (0 < width <= _THIN or 0 < height <= _THIN):
        sides = {"left"} if width <= _THIN else {"top"}
    right, bottom = left + width, top + height
    out: list[dict[str, Any]] = []
    for side in sides:
        if side in ("top", "bottom"):
            y = top if side == "top" else bottom
            out.append(_edge(left, right, y, y, "h"))
        else:
            x = left if side == "left" else right
            out.append(_edge(x, x, top, bottom, "v"))
    return [e for e in out if e["width"] >= 1 or e["height"] >= 1]


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def _drawn(style: dict[str, str], side: str) -> bool:
    """Whether the box's border on `side` is drawn (a width above nothing, a style not none)."""
    said = style.get(f"border-{side}", style.get("border", ""))
    found = _BORDER.search(said)
    if found is None:
        width = _length(style.get(f"border-{side}-width", style.get("border-width")))
        kind = style.get(f"border-{side}-style", style.get("border-style", "none")).strip()
        return bool(width) and kind not in ("none", "hidden")
    return float(found.group(1)) > 0


def _filled(style: dict[str, str]) -> bool:
    colour = style.get("background-color", style.get("background", "")).strip().lower()
    return colour not in ("", "transparent", "none", "white", "#fff", "#ffffff")


def _chars(
    text: str, left: float, top: float, size: float, limit: float | None
) -> list[dict[str, Any]]:
    """The characters of a box of text, each as wide as a Chinese font sets it, narrowed to end
    before `limit`, the first rule on their right."""
    widths = [size / 2 if _narrow(char) else size for char in text]
    total = sum(widths)
    if limit is not None and total > 0 and left + total > limit - 0.5:
        scale = max(limit - 0.5 - left, 0.0) / total
        widths = [w * scale for w in widths]
    out = []
    x = left
    for char, width in zip(text, widths, strict=True):
        slack = size * _NARROW_SPREAD if _narrow(char) else 0.0
        out.append(
            {
                "text": char,
                "x0": x,
                "x1": x + width,
                "top": top,
                "bottom": top + size,
                "size": size,
                "slack": slack,
            }
        )
        x += width
    return out


def _narrow(char: str) -> bool:
    """A character a Chinese font sets in half an em: ASCII and the half-width forms (the
    single-byte characters of the GB encodings); the rest, quotes `“”`, dashes `—`, `≥`, `①`
    included, take a full em."""
    return char < "\x80" or "\uff61" <= char <= "\uffdc"


def _style(element: etree._Element) -> dict[str, str]:
    return {
        name.lower(): value.strip() for name, value in _PROPERTY.findall(element.get("style") or "")
    }


def _length(value: str | None) -> float | None:
    """A length in points (`12pt`, `16px`, `16`: pixels), or None."""
    if not value:
        return None
    value = value.strip().lower()
    number, scale = (value[:-2], 1.0) if value.endswith("pt") else (value, _PX)
    if number.endswith("px"):
        number = number[:-2]
    if not _NUMBER.match(number):
        return None
    points = float(number) * scale
    return points if abs(points) <= _LARGEST else None
