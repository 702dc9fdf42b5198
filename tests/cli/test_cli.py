"""The `jixiao` command: formats, exit codes, messages, safe output."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from tests.conftest import DATA, SEED

from jixiao.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_canonical_json(capsys) -> None:
    code, out, _ = run(capsys, "import", str(SEED))
    data = json.loads(out)
    assert code == 0
    assert data["schema"] == "jixiao/forms@1"
    assert len(data["forms"]) == 15
    assert data["sources"][0]["format"] == "seed-text"


def test_import_of_several_files_keeps_each_source(capsys) -> None:
    code, out, _ = run(capsys, "import", str(SEED), str(DATA / "variants" / "pipe_rows.txt"))
    data = json.loads(out)
    assert code == 0
    assert len(data["sources"]) == 2
    assert [f["source"] for f in data["forms"]][-2:] == [0, 1]


def test_import_table_lists_every_form_with_a_total(capsys) -> None:
    code, out, _ = run(capsys, "import", str(SEED), "--format", "table")
    assert code == 0
    assert "东西部扶贫帮困" in out and "科普工作" in out
    assert "共 15 张表" in out and "327349724.5" in out


def test_import_csv_has_one_row_per_indicator(capsys) -> None:
    code, out, _ = run(capsys, "import", str(SEED), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert code == 0
    assert rows[0][:5] == ["来源文件", "序号", "表名", "预算年度", "项目名称"]
    assert rows[0][-5:] == ["运算符", "数值", "单位", "类型", "来源行"]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert (first["三级指标"], first["数值"], first["单位"], first["来源行"]) == (
        "建立30亩标准智能温室生态种植大棚",
        "30",
        "亩",
        "64 70",
    )
    assert first["项目总目标"].startswith("1.建立30亩")
    assert len(rows) - 1 == 11 + 5 + 7 + 7 + 7 + 7 + 7 + 6 + 5 + 7 + 10 + 11 + 9 + 15 + 9


def test_show_lays_out_one_form(capsys) -> None:
    code, out, _ = run(capsys, "show", str(SEED), "--form", "15")
    assert code == 0
    assert "松江区科技馆" in out and "充分比价" in out and "年度指标值" in out


def test_show_of_a_form_that_does_not_exist(capsys) -> None:
    code, _, err = run(capsys, "show", str(SEED), "--form", "16")
    assert code == 2
    assert "没有第 16 张表" in err and "共有 15 张" in err


def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, "import", str(empty))
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") == 0
    assert f"{empty}:1:" in err


def test_a_bad_file_in_a_batch_writes_nothing(capsys, tmp_path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    target = tmp_path / "out.json"
    code, _, _ = run(capsys, "import", str(SEED), str(empty), "-o", str(target))
    assert code == 2
    assert not target.exists()
    code, _, err = run(capsys, "import", str(SEED), str(empty), "--skip-bad", "-o", str(target))
    assert code == 0
    assert "已跳过" in err
    assert len(json.loads(target.read_text("utf-8"))["forms"]) == 15


def test_english_messages(capsys, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "en")
    code, _, err = run(capsys, "import", "/no/such/file.txt")
    assert code == 2
    assert "no such file" in err


def test_usage_errors_exit_2(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["import"])
    assert caught.value.code == 2


def test_the_installed_command_runs_without_traceback(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "import", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    help_text = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "--help"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "退出码" in help_text


def test_a_batch_shows_a_progress_bar_on_a_terminal(capsys, monkeypatch, tmp_path) -> None:
    import sys as _sys

    monkeypatch.setattr(_sys.stderr, "isatty", lambda: True)
    files = []
    for k in range(3):
        path = tmp_path / f"f{k}.txt"
        path.write_bytes(SEED.read_bytes())
        files.append(str(path))
    code, _, err = run(capsys, "import", *files, "--format", "table")
    assert code == 0
    assert "3/3" in err and "█" in err


def test_no_progress_bar_when_not_a_terminal(capsys) -> None:
    other = DATA / "clean" / "river.txt"
    code, _, err = run(capsys, "import", str(SEED), str(other), "--format", "table")
    assert code == 0
    assert err == ""


def test_the_review_report_names_categories_in_english_when_asked(capsys, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "en")
    code, out, _ = run(capsys, "review", str(SEED))
    assert code == 0
    assert "Generic indicator" in out and "通用套话指标" not in out
    monkeypatch.setenv("JIXIAO_LANG", "zh")
    _, out, _ = run(capsys, "review", str(SEED))
    assert "通用套话指标" in out


@pytest.mark.parametrize(
    ("args", "name"),
    [(("export", "--to", "docx"), "docx"), (("review", "--format", "xlsx"), "xlsx")],
)
def test_a_binary_format_is_not_written_onto_a_terminal(capsys, monkeypatch, args, name) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, args[0], str(SEED), *args[1:])
    assert (code, out) == (2, "")
    assert f"{name} 是二进制格式：请用 -o 指定输出文件" in err
