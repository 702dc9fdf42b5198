"""Names of units and projects as people mean them (docs/units.md).

A unit's name is written many ways in the documents: `上海市松江区科技创新服务中心（上海市松江区大数据中心`
with its closing bracket lost, half-width brackets, a space after a line break. Two things are
derived from a written name, and nothing else is changed in it:

- `clean_name`: the name as stored and shown for a unit: white space tidied, brackets balanced;
  None when the text is no name at all (a lone `）`, `无`, a paragraph).
- `name_key`: what two spellings of one name share (letters and digits only, width and case
  folded), so that they are matched as one unit or one project.

The form keeps its text as written; only the unit it is filed under is found through these.
"""

from __future__ import annotations

import re
import unicodedata

# Longer than this, a "name" is a misread paragraph, not a unit (DOMAIN: names over 100
# characters are rejected).
MAX_NAME_LENGTH = 100

# What people write in a cell that has nothing to say; compared by key.
PLACEHOLDERS = frozenset(
    {"无", "空", "暂无", "未填写", "不适用", "略", "同上", "待定", "na", "n/a", "null", "none"}
)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s+")
# White space next to a Chinese character or bracket is left over from a line break.
_SPACE_BY_CJK = re.compile(r"\s*([\u3400-\u9fff\uf900-\ufaff（）【】《》“”])\s*")
_HALF_WIDTH = str.maketrans({"(": "（", ")": "）"})


def name_key(text: str | None) -> str:
    """The letters and digits of a name, width and case folded: `科委(本部)` and `科委（本部` share it."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in "LN")


def clean_name(text: str | None) -> str | None:
    """The name to store for a unit, or None when the text is no name (see the module)."""
    from jixiao.review.textscan import OPENERS  # see `balanced`

    trailing = "".join(OPENERS) + " \t\r\n\u3000"
    tidy = _SPACE.sub(" ", balanced((text or "").strip().rstrip(trailing)))
    if _CJK.search(tidy):
        tidy = _SPACE_BY_CJK.sub(r"\1", tidy.translate(_HALF_WIDTH))
    tidy = tidy.strip()
    key = name_key(tidy)
    if not key or key in PLACEHOLDERS or len(tidy) > MAX_NAME_LENGTH:
        return None
    return tidy


def balanced(text: str) -> str:
    """`text` with every bracket paired: a closer without its opener is dropped, an opener left
    open is closed at the end (`中心（大数据中心` → `中心（大数据中心）`)."""
    # Imported here: importing the review's text scanner loads the review (tens of ms), which a
    # command that only reads and writes forms does not use (`jixiao import`).
    from jixiao.review.textscan import CLOSERS, OPENERS

    kept: list[str] = []
    open_at: list[str] = []
    for ch in text:
        if ch in OPENERS:
            open_at.append(ch)
        elif ch in CLOSERS:
            if not open_at or open_at[-1] != CLOSERS[ch]:
                continue
            open_at.pop()
        kept.append(ch)
    return "".join(kept) + "".join(OPENERS[ch] for ch in reversed(open_at))
