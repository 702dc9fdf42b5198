"""A self-evaluation table given to the goal-form importers is recognised and refused, naming
`jixiao selfeval`, in every format: never misread as a goal form (docs/evaluation.md)."""

from __future__ import annotations

import pytest
from tests.evaluation.selfeval_fixtures import (
    CHIZHOU,
    LANGFANG,
    LANGFANG_CELLS,
    PUTUO,
    PUTUO_DOCX,
    PUTUO_XLSX,
)

from jixiao.cli.main import main
from jixiao.errors import InputError
from jixiao.importers import read_path


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (PUTUO, 21),
        (CHIZHOU, 7),
        (LANGFANG, 24),
        (LANGFANG_CELLS, 30),
        (PUTUO_DOCX, 8),
        (PUTUO_XLSX, 8),
    ],
    ids=["putuo", "chizhou-pipes", "langfang", "langfang-cells", "docx", "xlsx"],
)
def test_self_evaluation_tables_are_refused_as_goal_forms(path, line) -> None:
    with pytest.raises(InputError) as caught:
        read_path(path)
    error = caught.value
    assert (error.path, error.line) == (str(path), line)  # the line of 全年执行数
    assert "这是绩效自评表（有“全年执行数”栏），不是绩效目标表：请用 jixiao selfeval 读取" in str(
        error
    )


def test_import_refuses_the_table_with_exit_2_and_writes_nothing(capsys, tmp_path) -> None:
    out = tmp_path / "forms.json"
    code = main(["import", str(PUTUO), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and not out.exists() and captured.out == ""
    assert "jixiao selfeval" in captured.err


def test_the_refusal_is_said_in_english(capsys, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "en")
    assert main(["import", str(PUTUO)]) == 2
    assert "this is a self-evaluation table" in capsys.readouterr().err
