"""cost.W001 (cost_items)."""

from tests.review.conftest import clean_form, run, where

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
