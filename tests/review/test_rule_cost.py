"""cost.W001 (cost_items)."""

from dataclasses import replace
from decimal import Decimal

from tests.review.conftest import add_indicator, clean_form, run, where, with_indicator

from jixiao.review.settings import load_settings

SEED_2 = (
    "参与重大决策、决定研究1次，每次6000元；参与重大项目、重大合同的谈判和文本起草、审核40件，"
    "每件800元；参与规范性文件草案的起草、审核、论证5件，每件800元；协助提供法制培训、宣传等"
    "服务1次，每次约2600元）。"
)


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("cost.W001", form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_sums_the_itemised_costs_and_compares_them_with_the_request():
    form = clean_form("legal").with_changes(annual_goal=SEED_2, overall_goal=SEED_2)
    found = run("cost.W001", form)
    assert where(found) == [("cost.W001", "annual_goal", None)]
    assert found[0].basis.text == "1×6000 + 40×800 + 5×800 + 1×2600 = 44,600；申请 50,000"


def test_a_costing_of_a_small_part_of_the_request_is_not_compared():
    text = "举办培训2次，每次3000元。"
    assert run("cost.W001", clean_form().with_changes(annual_goal=text)) == []


def _without_cost(form):
    return form.with_changes(indicators=tuple(i for i in form.indicators if i.level2 != "成本指标"))


def test_unit_prices_are_silent_on_clean_forms(clean_forms):
    assert [run("cost.W002", form) for form in clean_forms] == [[]] * len(clean_forms)


def test_unit_prices_without_a_cost_row_suggest_one_for_the_item_that_costs_most():
    form = _without_cost(clean_form("legal"))  # 2×6000, 35×800, 5×800, 2×3000
    [found] = run("cost.W002", form)
    assert where([found]) == [("cost.W002", "annual_goal", None)]
    assert (
        found.message.zh
        == "目标中列有单价（每次6000元、每件800元、每次3000元），但没有成本指标约束单价"
    )
    assert found.suggestion == {
        "level1": "产出指标",
        "level2": "成本指标",
        "name": "每件审核合同费用",
        "target": "<=800元/件",
    }
    assert found.basis.setting == "cost.price_headings"


def test_the_suggested_cost_row_clears_the_finding():
    form = _without_cost(clean_form("legal"))
    [found] = run("cost.W002", form)
    row = found.suggestion
    applied = add_indicator(form, row["level1"], row["level2"], row["name"], row["target"])
    assert run("cost.W002", applied) == []


def test_a_cost_row_at_another_figure_does_not_hold_the_prices():
    form = clean_form("legal")
    cost = next(i for i, r in enumerate(form.indicators) if r.level2 == "成本指标")
    assert len(run("cost.W002", with_indicator(form, cost, target="<=900元"))) == 1
    assert run("cost.W002", with_indicator(form, cost, target="<=0.08万元")) == []  # 800 元


def test_prices_in_ten_thousands_are_written_so():
    form = _without_cost(clean_form())  # 资助技术创新项目30个，每个10万元
    [found] = run("cost.W002", form)
    assert found.suggestion["target"] == "<=10万元/个"


def test_the_2021_scheme_suggests_its_own_cost_heading():
    settings = load_settings(budget_year=2022)
    form = _without_cost(clean_form("legal"))
    [found] = run("cost.W002", form, settings)
    assert (found.suggestion["level1"], found.suggestion["level2"]) == ("成本指标", "经济成本指标")


def test_with_no_cost_row_at_all_it_is_the_one_finding_and_weighs_with_the_funds():
    form = _without_cost(clean_form())  # 3,000,000 元: coverage.W003 would warn
    assert [f.severity.value for f in run("cost.W002", form)] == ["warning"]
    assert [run(r, form) for r in ("coverage.W001", "coverage.I002", "coverage.W003")] == [[]] * 3
    large = form.with_changes(funds=replace(form.funds, annual_request=Decimal(12_000_000)))
    [found] = run("cost.W002", large)
    assert found.severity.value == "error"
    assert "申请 12,000,000 元，没有成本指标" in found.basis.text
    small = _without_cost(clean_form("legal"))  # 50,000 元: a note at most, the warning stays
    assert [f.severity.value for f in run("cost.W002", small)] == ["warning"]
    assert run("coverage.I002", small) == []
