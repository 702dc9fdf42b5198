"""Canonical JSON read back: sniffed among the other formats, bad JSON refused clearly."""

from __future__ import annotations

import pytest

from jixiao.errors import InputError
from jixiao.importers import detect_format, read_bytes
from jixiao.interchange import dumps


def test_canonical_json_is_sniffed_whatever_its_name(seed_batch) -> None:
    data = dumps(seed_batch).encode("utf-8")
    assert detect_format(data, "forms.txt").name == "json"
    assert detect_format(b"\xef\xbb\xbf" + data, "forms").name == "json"
    assert detect_format(b'{"other": 1}', "x.txt").name == "seed-text"


def test_it_reads_back_every_field(seed_batch) -> None:
    batch = read_bytes(dumps(seed_batch).encode("utf-8"), "forms.json")
    assert batch.forms == seed_batch.forms
    assert [s.format for s in batch.sources] == ["json"]


@pytest.mark.parametrize(
    "data,match",
    [
        (b'{"schema": "jixiao/forms@1", "forms": [', "不是有效的 JSON"),
        (b'{"schema": "jixiao/forms@1", "forms": [{"planned_end": "2021-13-01"}]}', "日期"),
        (b'{"schema": "jixiao/forms@1", "forms": [{"funds": {"project_total": "x"}}]}', "不是数字"),
        (b'{"schema": "jixiao/forms@1", "sources": [{}]}', "JSON 结构无效"),
        (
            '{"schema": "jixiao/forms@1", "forms": []}'.encode("gb18030")
            + "\n中文".encode("gb18030"),
            "不是 UTF-8",
        ),
    ],
)
def test_bad_json_is_refused_with_a_clear_message(data, match) -> None:
    with pytest.raises(InputError, match=match) as caught:
        read_bytes(data, "bad.json", "json")
    assert caught.value.path == "bad.json"
