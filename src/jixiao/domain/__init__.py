"""Value objects of the field: forms, funds, indicators, targets, notes and the taxonomy."""

from jixiao.domain.form import Form, Funds, GoalPeriod, Indicator, Note, Source
from jixiao.domain.target import Direction, Operator, Target, TargetKind, parse_target
from jixiao.domain.taxonomy import (
    LEVEL1_NAMES,
    Scheme,
    canonical_level1,
    canonical_level2,
    level1_of_level2,
)

__all__ = [
    "LEVEL1_NAMES",
    "Direction",
    "Form",
    "Funds",
    "GoalPeriod",
    "Indicator",
    "Note",
    "Operator",
    "Scheme",
    "Source",
    "Target",
    "TargetKind",
    "canonical_level1",
    "canonical_level2",
    "level1_of_level2",
    "parse_target",
]
