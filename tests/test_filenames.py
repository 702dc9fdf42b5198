"""File names made from a project's name (`jixiao.filenames`) and the exporters' names for one
form (`Exporter.filename`): safe on every system, told apart by variant, with a fallback."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import assume, given
from hypothesis import strategies as st

from jixiao.domain import Source
from jixiao.exporters import exporters, get_exporter
from jixiao.filenames import MAX_STEM_BYTES, ascii_fallback, safe_stem
from jixiao.interchange import Batch

FORBIDDEN = set('/\\:*?"<>|')
DEVICE = re.compile(r"(CON|PRN|AUX|NUL|COM\d|LPT\d)", re.IGNORECASE)


def one_form(seed_batch: Batch, project: str | None) -> Batch:
    form = seed_batch.forms[0].with_changes(project_name=project, source=0)
    return Batch((Source("来源/文档 2021.txt", "0" * 64, "seed-text"),), (form,))


@given(st.text(max_size=400))
def test_any_text_gives_a_name_every_system_accepts(text: str) -> None:
    stem = safe_stem(text, "fallback")
    assert stem and not FORBIDDEN & set(stem)
    assert not any(unicodedata.category(c).startswith("C") for c in stem)
    assert stem == stem.strip(" .") and len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert stem.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}


@given(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=30))
def test_a_name_of_letters_and_digits_is_kept_as_written(text: str) -> None:
    assume(not DEVICE.fullmatch(text))  # `COM1` and the like get a `_` (tested below)
    assert safe_stem(text, "fallback") == text  # 30 letters: at most 120 bytes, under the cut


def test_a_name_loses_only_what_file_systems_refuse() -> None:
    assert safe_stem("市级/区级 河道:治理*项目?", "x") == "市级_区级 河道_治理_项目_"
    assert safe_stem("  ..科普\t讲座\n2021.. ", "x") == "科普 讲座 2021"
    assert safe_stem("CON", "x") == "_CON" and safe_stem("nul.txt", "x") == "_nul.txt"
    assert safe_stem(" /.. ", "未命名") == "_" and safe_stem("", "未命名") == "未命名"
    assert safe_stem(None, "未命名") == "未命名"
    assert len(safe_stem("项" * 200, "x")) == MAX_STEM_BYTES // 3


def test_the_ascii_name_is_the_name_itself_only_when_it_is_plain_ascii() -> None:
    assert ascii_fallback("river-2021 (v2).docx", "form-1.docx") == "river-2021 (v2).docx"
    assert ascii_fallback("河道治理.docx", "form-1.docx") == "form-1.docx"
    assert ascii_fallback('a"b.docx', "form-1.docx") == "form-1.docx"


def test_one_form_downloads_under_its_projects_name(seed_batch: Batch) -> None:
    batch = one_form(seed_batch, "2021年 河道/水系治理项目")
    names = {ident: get_exporter(ident).render(batch)[0] for ident in exporters()}
    assert names["docx"] == "2021年 河道_水系治理项目.docx"
    assert names["pdf"] == "2021年 河道_水系治理项目.pdf"
    assert names["xlsx"] == "2021年 河道_水系治理项目-绩效目标表.xlsx"
    assert names["xlsx-long"] == "2021年 河道_水系治理项目-指标明细.xlsx"
    assert len(set(names.values())) == len(names)  # downloading all makes no "(1)" copy


def test_a_form_without_a_name_falls_back_to_its_source_then_a_fixed_name(seed_batch) -> None:
    assert get_exporter("docx").filename(one_form(seed_batch, None)) == "文档 2021.docx"
    nameless = Batch((), (seed_batch.forms[0].with_changes(project_name="  "),))
    assert get_exporter("json").filename(nameless) == "jixiao-forms.json"


def test_many_forms_are_named_after_their_source(seed_batch: Batch) -> None:
    assert len(seed_batch.forms) > 1
    stem = seed_batch.sources[0].path.rsplit("/", 1)[-1].removesuffix(".txt")
    assert get_exporter("xlsx-long").filename(seed_batch) == f"{stem}-指标明细.xlsx"
