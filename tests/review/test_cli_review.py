"""`jixiao review`: formats, output file, --fail-on, --settings, bad input."""

import json

from openpyxl import load_workbook
from tests.review.conftest import CLEAN, SEED

from jixiao.cli.main import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_it_prints_a_text_report_by_default(capsys):
    code, out, _ = run(capsys, "review", str(SEED))
    assert code == 0
    assert "科技创新创业" in out and "汇总" in out


def test_json_to_a_file(capsys, tmp_path):
    out_file = tmp_path / "r.json"
    code, out, _ = run(capsys, "review", str(SEED), "--format", "json", "-o", str(out_file))
    assert (code, out) == (0, "")
    assert json.loads(out_file.read_text(encoding="utf-8"))["schema"] == "jixiao/review@1"


def test_xlsx_and_html_files(capsys, tmp_path):
    assert (
        run(capsys, "review", str(SEED), "--format", "xlsx", "-o", str(tmp_path / "r.xlsx"))[0] == 0
    )
    assert load_workbook(tmp_path / "r.xlsx").sheetnames == ["审核问题", "各表得分"]
    assert (
        run(capsys, "review", str(SEED), "--format", "html", "-o", str(tmp_path / "r.html"))[0] == 0
    )
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_fail_on_sets_exit_code_one(capsys):
    assert run(capsys, "review", str(SEED), "--fail-on", "error")[0] == 1
    clean = [str(p) for p in CLEAN]
    assert run(capsys, "review", *clean, "--fail-on", "warning")[0] == 0


def test_fail_on_warning_is_stricter_than_error(capsys, tmp_path):
    settings = tmp_path / "s.toml"
    errors_off = "".join(
        f'[rules."{r}"]\nenabled = false\n' for r in ("balance.E001", "goal.E001", "coverage.W003")
    )
    settings.write_text(errors_off, encoding="utf-8")
    args = ("review", str(SEED), "--settings", str(settings))
    assert run(capsys, *args, "--fail-on", "error")[0] == 0
    assert run(capsys, *args, "--fail-on", "warning")[0] == 1


def test_bad_input_is_a_one_line_message(capsys, tmp_path):
    code, _, err = run(capsys, "review", str(tmp_path / "missing.txt"))
    assert code == 2 and err.count("\n") == 1 and "文件不存在" in err
    bad = tmp_path / "bad.toml"
    bad.write_text("[[[", encoding="utf-8")
    code, _, err = run(capsys, "review", str(SEED), "--settings", str(bad))
    assert code == 2 and "TOML" in err and "Traceback" not in err
