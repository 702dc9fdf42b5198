"""Hypothesis strategies for forms that every format can carry.

Text is drawn from characters that appear in no printed label, and is never a column code of
the long table, so that a generated value is never read as a label; it has no surrounding white space and no colon (importers trim the first
and split `项目名称：…` at the second, both by design). Indicator headings come in groups, as on
paper; rows of one form are distinct (repeated rows are merged by design); periods are either
absent or both 长期 and 年度 are present (a single period is no period).
"""

from __future__ import annotations

import string
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from hypothesis import strategies as st

from jixiao.domain.form import Form, Funds, GoalPeriod, Indicator
from jixiao.domain.taxonomy import CLASSIC
from jixiao.importers import labels as L
from jixiao.importers.formreader import TITLE
from jixiao.interchange import Batch
from jixiao.interchange.long_table import CODES

_WORDS = (
    "东西扶贫帮困建立亩智能温室生态种植大棚铁皮石斛优化扦插育苗关键技术实现就业仿野生面积"
    "带动农户推广示范工作通过率信息程度公开长效健全况公众满意科普场所提升改造区委员会本上海市"
    "松江学中心服务网络系统运行维护鼓励促进创新市民宣传与法律咨询"
)
_LABEL_CHARS = set("".join(L.ALL_LABELS)) | set("绩效目标指标表年度")
ALPHABET = "".join(sorted({c for c in _WORDS if c not in _LABEL_CHARS})) + string.ascii_letters
ALPHABET += string.digits + "（）()、.-/%<>&\"'#"


# The long table's columns may be headed by their codes (`name`, `target`, ...): a value spelt
# like one would be a label there (a project called `name` beside 项目名称 reads as its header).
_CODES = frozenset(CODES)


def _ok(text: str) -> bool:
    return (
        text == text.strip()
        and not L.is_label(text)
        and not TITLE.match(L.fold(text))
        and text not in _CODES
    )


words = st.text(alphabet=ALPHABET + " ", min_size=1, max_size=16).filter(_ok)
goal_line = st.text(alphabet=ALPHABET + " \t", min_size=1, max_size=30).filter(_ok)
goal_text = st.lists(goal_line, min_size=1, max_size=3).map("\n".join)
money = st.builds(
    lambda n, places: Decimal(n).scaleb(-places).quantize(Decimal(1).scaleb(-places)),
    st.integers(0, 10**10),
    st.integers(0, 2),
)
targets = st.one_of(
    st.builds(
        lambda op, n, unit: f"{op}{n}{unit}",
        st.sampled_from(["=", ">=", "≥", "<=", "＜", ""]),
        st.integers(0, 10**5),
        st.sampled_from(["%", "人", "亩", "户", "场", "人次", ""]),
    ),
    st.sampled_from(["提升", "及时", "良好", "公开", "健全", "有效"]),
)
TITLES = ["财政项目支出绩效目标填报表", "项目支出绩效目标表", "项目支出绩效目标申报表"]
LEVELS = [(l1, l2) for l1, l2s in CLASSIC.headings.items() for l2 in l2s]


# Further columns the readers of the paper layouts take as such (domain.columns.VALUE_COLUMNS).
EXTRA_COLUMNS = ["备注", "指标性质", "度量单位", "中期指标值"]


@st.composite
def indicator_rows(draw: st.DrawFn, period: str | None) -> list[Indicator]:
    pairs = draw(st.lists(st.sampled_from(LEVELS), min_size=1, max_size=4, unique=True))
    pairs.sort(key=LEVELS.index)  # grouped by level-1 heading, as on paper
    rows: list[Indicator] = []
    for level1, level2 in pairs:
        names = draw(st.lists(words, min_size=1, max_size=3, unique=True))
        for name in names:
            more = draw(st.dictionaries(st.sampled_from(EXTRA_COLUMNS), words, max_size=2))
            rows.append(
                Indicator(
                    level1,
                    level2,
                    name,
                    draw(targets),
                    period=period,
                    extra=MappingProxyType(more),
                )
            )
    return rows


@st.composite
def forms(draw: st.DrawFn, seq: int) -> Form:
    year = draw(st.integers(2000, 2040))
    if draw(st.booleans()):
        indicators = draw(indicator_rows(None))
    else:
        indicators = draw(indicator_rows("midterm")) + draw(indicator_rows("annual"))
    start, end = draw(st.integers(year, year + 4)), draw(st.integers(year, year + 4))
    return Form(
        seq=seq,
        title=draw(st.none() | st.sampled_from(TITLES)),
        budget_year=draw(st.none() | st.just(year)),
        project_name=draw(words),
        project_category=draw(st.none() | st.sampled_from(["经常性项目", "一次性项目"]) | words),
        supervising_department=draw(st.none() | words),
        implementing_unit=draw(st.none() | words),
        planned_start=draw(st.none() | st.just(date(year, 1, 1))),
        planned_end=draw(st.none() | st.dates(date(year, 1, 1), date(year + 3, 12, 31))),
        funds=Funds(
            draw(st.sampled_from(["元", "万元"])), *(draw(st.none() | money) for _ in range(7))
        ),
        overall_goal=draw(st.none() | goal_text),
        annual_goal=draw(st.none() | goal_text),
        goal_period=draw(
            st.none()
            | st.just(
                GoalPeriod(
                    min(start, end), max(start, end), f"{min(start, end)}年-{max(start, end)}年"
                )
            )
        ),
        indicators=tuple(indicators),
    )


@st.composite
def batches(draw: st.DrawFn) -> Batch:
    count = draw(st.integers(1, 3))
    return Batch(forms=tuple(draw(forms(n)) for n in range(1, count + 1)))
