"""A finding made once per review and placed elsewhere equals the one the rule would make there."""

from jixiao.review.model import Basis, Location, Severity
from jixiao.review.registry import load_rules
from jixiao.review.rules.placing import placed_finding


def test_a_placed_finding_equals_a_new_one():
    rule = load_rules()["coverage.W001"]()
    here, there = Location(field="indicators", line=3), Location(field="indicators", line=9)
    basis = Basis("已有：数量指标", "coverage.required")
    values = {"severity": Severity.INFO, "heading": "时效指标"}
    first = placed_finding(rule, ("k",), here, basis, **values)
    second = placed_finding(rule, ("k",), there, basis, **values)
    assert first == rule.finding(here, basis, **values)
    assert second == rule.finding(there, basis, **values)
    assert second.location is there
