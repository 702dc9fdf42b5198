"""Unit names: the cleaned name, junk that is no name, and the key near-identical spellings share."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.names import balanced, clean_name, name_key
from jixiao.review.textscan import CLOSERS, OPENERS


@pytest.mark.parametrize(
    ("written", "clean"),
    [
        # the seed: form 14 lost the closing bracket of form 12's unit
        (
            "上海市松江区科技创新服务中心（上海市松江区大数据中心",
            "上海市松江区科技创新服务中心（上海市松江区大数据中心）",
        ),
        ("上海市松江区科学技术委员会（本部）", "上海市松江区科学技术委员会（本部）"),
        (" 松江区 科技馆\u3000", "松江区科技馆"),  # a line break's spaces around Chinese
        ("松江区科委(本部)", "松江区科委（本部）"),  # half-width brackets in a Chinese name
        ("某区教育局）", "某区教育局"),  # a closer without its opener
        ("某区教育局（", "某区教育局"),  # an opener left at the end
        ("Acme  Trading  (Shanghai", "Acme Trading (Shanghai)"),
    ],
)
def test_a_name_is_cleaned_and_nothing_else_is_changed(written, clean):
    assert clean_name(written) == clean


@pytest.mark.parametrize(
    "junk", ["）", ")", "  ", "", None, "无", "/", "——", "暂无", "N/A", "（）", "字" * 101]
)
def test_junk_is_no_name(junk):
    assert clean_name(junk) is None


def test_near_identical_spellings_share_a_key_and_different_units_do_not():
    same = [
        "上海市松江区科技创新服务中心（上海市松江区大数据中心",
        "上海市松江区科技创新服务中心(上海市松江区大数据中心)",
        "上海市松江区科技创新服务中心 （上海市松江区大数据中心）",
    ]
    assert len({name_key(n) for n in same}) == 1
    assert name_key("上海市松江区第一中学") != name_key("上海市松江区第二中学")
    assert name_key("松江区科技馆") != name_key("上海市松江区科技馆")  # not guessed: merged by hand


def _is_balanced(text: str) -> bool:
    stack: list[str] = []
    for ch in text:
        if ch in OPENERS:
            stack.append(ch)
        elif ch in CLOSERS and (not stack or stack.pop() != CLOSERS[ch]):
            return False
    return not stack


names = st.text(
    alphabet=st.sampled_from(
        [*"科技委员会本部中心区", *"ab 1", *OPENERS, *CLOSERS, "\u3000", "\n"]
    ),
    max_size=30,
)


@given(names)
def test_a_clean_name_is_balanced_keeps_the_key_and_cleans_to_itself(text):
    clean = clean_name(text)
    if clean is None:
        return
    assert _is_balanced(clean)
    assert name_key(clean) == name_key(text)  # only white space and brackets were touched
    assert clean_name(clean) == clean
    assert clean == clean.strip()


@given(st.text(max_size=40))
def test_balanced_always_pairs_every_bracket(text):
    assert _is_balanced(balanced(text))
