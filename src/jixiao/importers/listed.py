"""Indicators listed in one cell, as 广州's budget documents print a project's 绩效指标 (docs/templates.md,
*Inputs*): each indicator an item numbered in the list, its headings with the codes of the
classic scheme, its name, then its value over the project's whole term and its value for the year:

    1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；
    2、2－效益指标，22－社会效益，环保信访投诉办结率；实施周期指标值：≥90%，年度指标值：≥90%;

The ledger (`importers/ledger.py`) gives each item to the form reader as a row under `HEAD`, so
that a template names those columns like any other table's. Every text is kept as written; an
item whose values cannot be told apart keeps its whole text as the indicator's name, the values
empty, for the review to say so.
"""

from __future__ import annotations

import re

# The columns each item is given in (a template of such lists names them the same).
HEAD = ("一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值")

# An item's start: its number, then its level-1 heading and level-2 heading, each after its code.
_ITEM = re.compile(
    r"(?:^|(?<=[；;。\s]))\s*\d{1,3}\s*[、.．]\s*"
    r"\d\s*[－—-]\s*(?P<level1>[^，,；;]{1,12}?)\s*[，,]\s*"
    r"\d{2}\s*[－—-]\s*(?P<level2>[^，,；;]{1,16}?)\s*[，,]"
)
_VALUES = re.compile(
    r"^(?P<name>.*?)[；;，,]?\s*实施周期指标值\s*[：:]?(?P<term>.*?)[，,。；;]?\s*"
    r"年度指标值\s*[：:]?(?P<year>.*?)[；;，,。]?\s*$",
    re.S,
)
MAX_TEXT = 20_000  # characters of one cell's list: a real one has some hundreds


def is_list(text: str) -> bool:
    """Whether the text lists indicators so: it opens with an item."""
    return _ITEM.match(text) is not None


def items(text: str) -> list[tuple[str, str, str, str, str]]:
    """The indicators the cell lists, each as the cells of `HEAD`."""
    text = text[:MAX_TEXT]
    found = list(_ITEM.finditer(text))
    out = []
    for k, match in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        body = text[match.end() : end].strip()
        values = _VALUES.match(body)
        level1, level2 = match["level1"].strip(), match["level2"].strip()
        if values is None:
            out.append((level1, level2, body.rstrip("；;"), "", ""))
            continue
        name, term, year = (values[g].strip() for g in ("name", "term", "year"))
        out.append((level1, level2, name, term, year))
    return out
