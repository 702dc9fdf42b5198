"""measure.W001 and measure.W002 (measurable)."""

import pytest
from tests.review.conftest import add_indicator, clean_form, run, where, with_indicator

from jixiao.review.context import FormContext
from jixiao.review.engine import default_settings
from jixiao.review.rules.funds_balance import is_specific

RULES = ("measure.W001", "measure.W002", "measure.W003")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize("word", ["提升", "提高", "=提高"])
def test_it_finds_a_direction_without_baseline(word):
    form = with_indicator(clean_form(), 6, name="科技攻关政策知晓率", target=word)
    assert where(run("measure.W001", form)) == [("measure.W001", "indicators", 6)]
    assert run("measure.W002", form) == []  # one finding for one defect


@pytest.mark.parametrize(("name", "word"), [("工作完成及时率", "及时"), ("公众满意度", "满意")])
def test_it_finds_a_rate_given_a_word(name, word):
    form = with_indicator(clean_form(), 3, name=name, target=word)
    assert where(run("measure.W002", form)) == [("measure.W002", "indicators", 3)]


def test_a_word_for_something_that_is_no_rate_is_measurable():
    form = with_indicator(clean_form(), 6, name="长效管理制度健全情况", target="健全")
    assert run("measure.W002", form) == []
    assert run("measure.W001", form) == []


@pytest.mark.parametrize(
    "target", ["由40%提高到50%", "提高到95%", "较上年增长10%", "同比提高5个百分点", "90%-95%"]
)
def test_a_change_or_a_range_is_measurable(target):
    form = with_indicator(clean_form(), 6, name="科技攻关政策知晓率", target=target)
    assert run("measure.W001", form) == []
    assert run("measure.W002", form) == []


def test_what_measure_w001_advises_measure_w002_accepts():
    form = with_indicator(clean_form(), 6, name="科技攻关政策知晓率", target="提升")
    [found] = run("measure.W001", form)
    filled = found.suggestion["target"].replace("X", "40").replace("Y", "50")
    assert filled == "由40%提高到50%"
    assert run("measure.W002", with_indicator(form, 6, target=filled)) == []


@pytest.mark.parametrize("target", ["2021年12月底前", "9月30日前完成", "年底前"])
def test_a_deadline_is_measurable(target):
    form = with_indicator(clean_form(), 3, target=target)
    assert [run(rule, form) for rule in RULES] == [[], [], []]


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("网络运行情况", "良好"),
        ("信息公开", "公开"),
        ("长效管理执行有效性", "有效"),
        ("设备运行", "正常"),
    ],
)
def test_it_finds_a_vague_word(name, word):
    found = run("measure.W003", with_indicator(clean_form(), 5, name=name, target=word))
    assert where(found) == [("measure.W003", "indicators", 5)]
    assert found[0].severity.value == "warning"
    assert found[0].basis.setting == "targets.vague.words"


def test_timely_outside_timeliness_is_one_finding_and_not_specific():
    outside = with_indicator(clean_form(), 5, name="资金拨付", target="及时")  # 经济效益指标
    assert where(run("target.W004", outside)) == [("target.W004", "indicators", 5)]
    assert run("measure.W003", outside) == []  # the word does not fit: target.W004 says it
    ctx = FormContext(outside, default_settings())
    assert not is_specific(ctx, ctx.indicators[5])
    inside = with_indicator(clean_form(), 3, name="资金拨付", target="及时")  # 时效指标
    assert run("measure.W003", inside) == []


def test_rules_that_exist_are_a_note():
    form = with_indicator(clean_form(), 6, name="长效管理制度健全情况", target="健全")
    [found] = run("measure.W003", form)
    assert found.severity.value == "info"
    assert found.basis.setting == "targets.vague.lenient_names"


def test_yes_no_and_named_standards_are_not_vague():
    form = with_indicator(clean_form(), 1, name="是否按时上线", target="是")
    assert run("measure.W003", form) == []
    form = with_indicator(clean_form(), 2, name="水质", target="达到国家二级标准")
    assert run("measure.W003", form) == []


def test_one_finding_for_a_rate_given_a_vague_word():
    form = with_indicator(clean_form(), 7, target="满意")  # a satisfaction rate: measure.W002
    assert run("measure.W003", form) == []
    assert len(run("measure.W002", form)) == 1


@pytest.mark.parametrize("word", ["合理", "到位", "落实"])
def test_a_vague_word_the_parser_reads_as_free_text_is_vague_too(word):
    form = add_indicator(clean_form(), "产出指标", "成本指标", "设备维护成本", word)
    found = run("measure.W003", form)
    assert [(f.rule, f.location.indicator) for f in found] == [("measure.W003", 8)]
