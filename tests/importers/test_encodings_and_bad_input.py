"""Encodings are detected; bad input gets one clear error with file and line, never a traceback."""

from __future__ import annotations

import os

import pytest
from tests.conftest import SEED

from jixiao.errors import InputError
from jixiao.importers import read_bytes, read_path


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_it_reads_every_common_encoding(seed_batch, encoding: str) -> None:
    text = SEED.read_text("utf-8")
    if encoding == "gbk":
        text = text.replace("\u3000", " ")  # GBK has U+3000, but keep the test about bytes
    batch = read_bytes(text.encode(encoding), f"seed.{encoding}.txt")
    assert [f.project_name for f in batch.forms] == [f.project_name for f in seed_batch.forms]
    assert batch.forms[4].overall_goal == seed_batch.forms[4].overall_goal


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(b"  \n\n", "empty.txt")
    assert str(caught.value) == "empty.txt:1: 文件为空"


def test_a_binary_file_is_refused_with_its_line() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(bytes(range(256)) * 40, "blob.bin")
    assert "blob.bin:" in str(caught.value)
    assert "二进制" in str(caught.value) or "不是文本" in str(caught.value)


def test_a_text_without_any_form_is_refused() -> None:
    with pytest.raises(InputError, match="未找到绩效目标表"):
        read_bytes("会议纪要\n\n今天讨论了预算。\n".encode(), "minutes.txt")


def test_a_form_without_indicator_table_is_read_with_a_note() -> None:
    text = SEED.read_text("utf-8")
    head = text[: text.index("\t绩效指标")]
    (form,) = read_bytes(head.encode(), "head.txt").forms
    assert form.project_name == "东西部扶贫帮困"
    assert form.indicators == ()
    assert "no-indicator-table" in [n.code for n in form.notes]


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="文件过大"):
        read_path(big)


def test_a_large_file_within_a_raised_limit_is_read(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_IMPORT_MB", "64")
    data = SEED.read_bytes()
    copies = (50 * 1024 * 1024) // len(data) + 1
    big = tmp_path / "big.txt"
    big.write_bytes(data * copies)
    assert os.path.getsize(big) > 50 * 1024 * 1024
    batch = read_path(big)
    assert len(batch.forms) == 15 * copies


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match="文件不存在"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="目录"):
        read_path(tmp_path)
