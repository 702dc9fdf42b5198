"""The indicator taxonomy (指标体系): level-1 and level-2 headings and their synonyms.

Two schemes are known (docs/domain.md): the classic one, where 成本指标 is a level-2 heading under 产出指标,
and the 2021 scheme of 财预〔2021〕101号, where 成本指标 is a level-1 heading of its own. Which one a
form follows is chosen per budget year or region; both are accepted when reading.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

OUTPUT = "产出指标"
COST = "成本指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"

QUANTITY = "数量指标"
QUALITY = "质量指标"
TIMELINESS = "时效指标"
ECONOMIC_BENEFIT = "经济效益指标"
SOCIAL_BENEFIT = "社会效益指标"
ECOLOGICAL_BENEFIT = "生态效益指标"
SUSTAINABILITY = "可持续影响指标"
SERVICE_SATISFACTION = "服务对象满意度指标"
ECONOMIC_COST = "经济成本指标"
SOCIAL_COST = "社会成本指标"
ECOLOGICAL_COST = "生态环境成本指标"


@dataclass(frozen=True)
class Scheme:
    """One taxonomy: level-1 headings mapped to their level-2 headings, in paper order."""

    code: str
    label: str
    headings: Mapping[str, tuple[str, ...]]
    # Placements the scheme's own blank forms print besides those of `headings`: level-1 ->
    # level-2 headings accepted under it (社会公众或服务对象满意度指标 under 效益指标 in the forms of
    # 2015). The heading's parent stays the one of `headings`.
    also: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))

    def allows(self, level1: str, level2: str) -> bool:
        """Whether the canonical `level2` may stand under the canonical `level1`."""
        return level2 in self.headings.get(level1, ()) or level2 in self.also.get(level1, ())

    def parent_of(self, level2: str) -> str | None:
        for level1, children in self.headings.items():
            if level2 in children:
                return level1
        return None


CLASSIC = Scheme(
    code="classic",
    label="传统指标体系（成本指标为产出指标下的二级指标）",
    headings=MappingProxyType(
        {
            OUTPUT: (QUANTITY, QUALITY, TIMELINESS, COST),
            BENEFIT: (ECONOMIC_BENEFIT, SOCIAL_BENEFIT, ECOLOGICAL_BENEFIT, SUSTAINABILITY),
            SATISFACTION: (SERVICE_SATISFACTION,),
        }
    ),
)

MOF2021 = Scheme(
    code="mof2021",
    label="财预〔2021〕101号指标体系（成本指标为一级指标）",
    headings=MappingProxyType(
        {
            OUTPUT: (QUANTITY, QUALITY, TIMELINESS),
            COST: (ECONOMIC_COST, SOCIAL_COST, ECOLOGICAL_COST),
            BENEFIT: (ECONOMIC_BENEFIT, SOCIAL_BENEFIT, ECOLOGICAL_BENEFIT, SUSTAINABILITY),
            SATISFACTION: (SERVICE_SATISFACTION,),
        }
    ),
)

# The classic taxonomy as the forms of 2015 print it (中央部门预算绩效目标管理办法, and the provinces'
# forms after it): satisfaction a level-2 heading under 效益指标 (社会公众或服务对象满意度指标), which
# the later forms made a level-1 heading of its own. Both placements are right in these forms.
CLASSIC2015 = Scheme(
    code="classic2015",
    label="2015 年版指标体系（满意度指标可列在效益指标下）",
    headings=CLASSIC.headings,
    also=MappingProxyType({BENEFIT: (SERVICE_SATISFACTION,)}),
)

SCHEMES: Mapping[str, Scheme] = MappingProxyType(
    {s.code: s for s in (CLASSIC, MOF2021, CLASSIC2015)}
)

LEVEL1_NAMES: tuple[str, ...] = (OUTPUT, COST, BENEFIT, SATISFACTION)
LEVEL2_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(n for s in (CLASSIC, MOF2021) for ns in s.headings.values() for n in ns)
)

# Synonyms seen in real forms (docs/domain.md). 效果指标 is a level-1 name that holds both benefits and
# satisfaction, so it has no single canonical level-1: its rows take the parent of their level-2.
EFFECT = "效果指标"
LEVEL1_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "产出": OUTPUT,
        "成本": COST,
        "效益": BENEFIT,
        "满意度": SATISFACTION,
        "服务对象满意度": SATISFACTION,
        # level-1 names of published forms: 项目完成指标 holds 数量/质量/时效/成本指标, 项目效益指标 the benefits
        "项目完成指标": OUTPUT,
        "项目效益指标": BENEFIT,
    }
)
LEVEL2_SYNONYMS: Mapping[str, str] = MappingProxyType(
    {
        "环境效益指标": ECOLOGICAL_BENEFIT,
        "生态环境效益指标": ECOLOGICAL_BENEFIT,
        "社会公众或服务对象满意度指标": SERVICE_SATISFACTION,
        "社会公众满意度指标": SERVICE_SATISFACTION,
        "服务对象满意度": SERVICE_SATISFACTION,  # 甘肃's forms, under 满意度指标
        "满意度指标": SERVICE_SATISFACTION,
        "进度指标": TIMELINESS,
        "可持续发展指标": SUSTAINABILITY,
        "可持续影响": SUSTAINABILITY,
        "生态环境成本": ECOLOGICAL_COST,
    }
)

_SPACE = re.compile(r"[\s\u3000]+")


# A heading with a remark in brackets after its 指标 (宁夏: 成本指标(必填硬性指标); 东莞: 时效指标
# (工期指标)): the heading is what comes before it.
_REMARK = re.compile(r"(?<=指标)[(（][^()（）]*[)）]$")


def _clean(name: str | None) -> str:
    text = _SPACE.sub("", name or "")
    if text.endswith((")", "）")):
        text = _REMARK.sub("", text)
    return text


def _as_indicator(text: str) -> str | None:
    """A heading written with 值 for 指标 (山东: 产出值, 数量值, 经济效益值), as 指标."""
    return text[:-1] + "指标" if len(text) > 2 and text.endswith("值") else None


def canonical_level1(name: str | None) -> str | None:
    """The canonical level-1 heading for a name as written, or None when it is not one.

    >>> canonical_level1("产出 指标")
    '产出指标'
    >>> canonical_level1("产出值")
    '产出指标'
    """
    text = _clean(name)
    written = _as_indicator(text)
    if written is not None:
        text = written
    if text in LEVEL1_NAMES:
        return text
    if text == EFFECT:
        return EFFECT
    if text in LEVEL1_SYNONYMS:
        return LEVEL1_SYNONYMS[text]
    if text + "指标" in LEVEL1_NAMES:
        return text + "指标"
    if text + "指标" in LEVEL1_SYNONYMS:
        return LEVEL1_SYNONYMS[text + "指标"]
    return None


def canonical_level2(name: str | None) -> str | None:
    """The canonical level-2 heading for a name as written, or None when it is not one."""
    text = _clean(name)
    written = _as_indicator(text)
    if written is not None:
        text = written
    if text in LEVEL2_NAMES:
        return text
    if text in LEVEL2_SYNONYMS:
        return LEVEL2_SYNONYMS[text]
    if text + "指标" in LEVEL2_NAMES:
        return text + "指标"
    if text + "指标" in LEVEL2_SYNONYMS:
        return LEVEL2_SYNONYMS[text + "指标"]
    return None


def level1_of_level2(level2: str | None, scheme: Scheme | None = None) -> str | None:
    """The level-1 heading that a level-2 heading belongs under (in `scheme`, or in either)."""
    canonical = canonical_level2(level2)
    if canonical is None:
        return None
    for candidate in (scheme,) if scheme else (CLASSIC, MOF2021):
        parent = candidate.parent_of(canonical)
        if parent:
            return parent
    return None


def is_heading(text: str | None) -> bool:
    """True when the text is a level-1 or level-2 heading (or a synonym of one)."""
    return canonical_level1(text) is not None or canonical_level2(text) is not None
