"""`jixiao selfeval`: text, JSON and xlsx of published tables; exit 2 on bad input, nothing
written."""

from __future__ import annotations

import json

import pytest
from tests.conftest import SEED
from tests.evaluation.selfeval_fixtures import LANGFANG, PUTUO, PUTUO_DOCX, PUTUO_XLSX

from jixiao.cli.main import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_shows_each_table_scored_beside_what_it_states(capsys) -> None:
    code, out, err = run(capsys, "selfeval", str(PUTUO), str(LANGFANG))
    assert code == 0 and err == ""
    assert "== 1. 普陀体育中心与委托运营方结算费用（2022 年度）" in out
    assert "执行率 86.18%（填报 86.19%），分值 10.00，得分 8.62（填报 8.62）" in out
    assert "目标 >=90% · 实际 100% · 分值 10.00 · 得分 10.00（填报 10）" in out
    assert "总分 98.62（填报 98.62） · 等级 优" in out
    assert "== 2. 办公宿舍楼、食堂及餐厅暖通改造经费（2019 年度）" in out
    assert "预算执行得分填报 9，高于按公式计算的 8.62" in out


def test_text_in_english(capsys, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "en")
    code, out, _ = run(capsys, "selfeval", str(PUTUO))
    assert code == 0
    assert "rate 86.18% (stated 86.19%), weight 10.00, score 8.62 (stated 8.62)" in out
    assert "Total 98.62 (stated 98.62) · grade 优" in out


def test_json_is_selfeval_at_1_with_two_decimal_strings(capsys) -> None:
    code, out, _ = run(capsys, "selfeval", "--format", "json", str(PUTUO))
    doc = json.loads(out)
    assert code == 0 and doc["schema"] == "jixiao/selfeval@1"
    (form,) = doc["forms"]
    assert (form["project_name"], form["implementing_unit"], form["budget_year"]) == (
        "普陀体育中心与委托运营方结算费用",
        "上海市普陀区体育事业管理中心",
        2022,
    )
    execution = {k: form["execution"][k] for k in ("budget", "spent", "rate", "weight", "score")}
    assert execution == {
        "budget": "250000.00",
        "spent": "215457.60",
        "rate": "86.18",
        "weight": "10.00",
        "score": "8.62",
    }
    assert [
        (r["name"], r["target"], r["actual"], r["weight"], r["score"], r["stated_score"])
        for r in form["rows"]
    ][4] == ("场馆开放满意度", ">=90%", "100%", "10.00", "10.00", "10.00")
    assert (form["score"], form["stated_score"], form["grade"]) == ("98.62", "98.62", "优")
    assert [f["rule"] for f in form["findings"]] == ["evaluation.I001"]


@pytest.mark.parametrize("path", [PUTUO_DOCX, PUTUO_XLSX], ids=["docx", "xlsx"])
def test_word_and_excel_give_the_json_of_the_text(capsys, path) -> None:
    def forms(p):
        _, out, _ = run(capsys, "selfeval", "--format", "json", str(p))
        found = json.loads(out)["forms"]
        for form in found:
            form["source"] = None
            for finding in form["findings"]:
                finding["location"]["line"] = None
        return found

    assert forms(path) == forms(PUTUO)


def test_output_file_is_written_whole(capsys, tmp_path) -> None:
    out = tmp_path / "scored.json"
    code, stdout, _ = run(capsys, "selfeval", "--format", "json", "-o", str(out), str(PUTUO))
    assert code == 0 and stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["forms"][0]["score"] == "98.62"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda tmp: tmp / "missing.txt", "missing.txt: 文件不存在"),
        (lambda tmp: SEED, f"{SEED}:1: 未找到绩效自评表"),
        (lambda tmp: tmp, "这是一个目录，不是文件"),
    ],
    ids=["missing", "goal-form", "directory"],
)
def test_bad_input_exits_2_naming_the_file_and_writes_nothing(capsys, tmp_path, make, said):
    out = tmp_path / "out.json"
    code, stdout, err = run(capsys, "selfeval", str(PUTUO), str(make(tmp_path)), "-o", str(out))
    assert code == 2 and stdout == "" and not out.exists()
    assert said in err and "Traceback" not in err


def test_xlsx_is_the_scored_tables_and_reads_back_to_the_same_scores(capsys, tmp_path) -> None:
    """The standard layout (`jixiao.evaluation.writers`), one sheet per table; read again by
    `selfeval`, each figure is the same (the stated figures are now the computed ones)."""
    from openpyxl import load_workbook

    out = tmp_path / "scored.xlsx"
    code, stdout, _ = run(
        capsys, "selfeval", "--format", "xlsx", "-o", str(out), str(PUTUO), str(LANGFANG)
    )
    assert code == 0 and stdout == ""
    assert [ws.title for ws in load_workbook(out).worksheets] == [
        "普陀体育中心与委托运营方结算费用",
        "办公宿舍楼、食堂及餐厅暖通改造经费",
    ]

    def figures(*paths):
        _, text, _ = run(capsys, "selfeval", "--format", "json", *map(str, paths))
        return [
            (
                f["execution"]["rate"],
                f["execution"]["score"],
                f["score"],
                [(r["name"], r["target"], r["actual"], r["weight"], r["score"]) for r in f["rows"]],
            )
            for f in json.loads(text)["forms"]
        ]

    assert figures(out) == figures(PUTUO, LANGFANG)
    # the rates written as 86.18 with the format 0.00"%" read back as 86.18, not 8618
    _, text, _ = run(capsys, "selfeval", "--format", "json", str(out))
    stated = [f["execution"]["stated_rate"] for f in json.loads(text)["forms"]]
    assert stated == ["86.18", "86.20"]


def test_settings_file_is_applied(capsys, tmp_path) -> None:
    """With no tolerance, the Putuo table's 86.19% for 86.18% is no longer a rounding note."""
    strict = tmp_path / "strict.toml"
    strict.write_text("[evaluation]\ntolerance = 0\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "selfeval", "--format", "json", "--settings", str(strict), str(PUTUO)
    )
    (form,) = json.loads(out)["forms"]
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in form["findings"]] == [
        ("evaluation.W001", "warning")
    ]


def test_bad_settings_file_exits_2(capsys, tmp_path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[evaluation\n", encoding="utf-8")
    code, out, err = run(capsys, "selfeval", "--settings", str(broken), str(PUTUO))
    assert code == 2 and out == "" and "broken.toml" in err and "Traceback" not in err


def test_xlsx_is_not_written_onto_a_terminal(capsys, monkeypatch) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, err = run(capsys, "selfeval", "--format", "xlsx", str(PUTUO))
    assert code == 2 and out == "" and "请用 -o 指定输出文件" in err
