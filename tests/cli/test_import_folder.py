"""`jixiao import DIR`: a folder of mixed documents (text, Word, Excel, web page, PDF) is read in
the order of its paths, files of other kinds and links out of it left out with a word on stderr,
and the template found for each form is shown: on stderr beside JSON written to a file, in the
table of `--format table`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.cli.test_cli import run
from tests.conftest import SEED

from jixiao import templates
from jixiao.exporters import render
from jixiao.interchange import Batch

HEAD = ["文件", "表", "项目名称", "表样模板", "置信度", "次选"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory, seed_batch) -> Path:
    """The seed as text, forms 2–3 in Word, 4 in Excel, 5 as a web page and 6 in PDF, written by
    jixiao's exporters; a picture, a hidden file and a link to a file outside beside them."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "pages").mkdir()
    (root / ".cache").mkdir()
    (root / "a-seed.txt").write_bytes(SEED.read_bytes())
    forms = seed_batch.forms
    for fmt, name, chosen in (
        ("docx", "b.docx", forms[1:3]),
        ("xlsx", "c.xlsx", forms[3:4]),
        ("html", "pages/d.html", forms[4:5]),
        ("pdf", "pages/e.pdf", forms[5:6]),
    ):
        (root / name).write_bytes(render(Batch(forms=chosen), fmt)[2])
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".cache" / "old.txt").write_text("不是表")
    (root / ".notes.txt").write_text("不是表")
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_bytes(SEED.read_bytes())
    os.symlink(outside, root / "link.txt")
    return root


def _table(err: str) -> list[list[str]]:
    lines = err.splitlines()
    start = next(k for k, line in enumerate(lines) if line.split() == HEAD)
    return [line.split() for line in lines[start + 2 :] if line.strip()]


def test_a_folder_to_a_file_writes_json_and_shows_the_templates(
    capsys, folder: Path, tmp_path: Path
) -> None:
    out_file = tmp_path / "forms.json"
    code, out, err = run(capsys, "import", str(folder), "-o", str(out_file), "--on-match", "skip")
    assert code == 0
    assert out == ""
    data = json.loads(out_file.read_text("utf-8"))
    assert [Path(s["path"]).relative_to(folder).as_posix() for s in data["sources"]] == [
        "a-seed.txt",
        "b.docx",
        "c.xlsx",
        "pages/d.html",
        "pages/e.pdf",
    ]
    assert [s["format"] for s in data["sources"]] == ["seed-text", "docx", "xlsx", "html", "pdf"]
    assert f"jixiao: 已跳过 {folder / 'logo.png'}：不是可读取的格式" in err
    assert f"jixiao: 已跳过 {folder / 'link.txt'}：链接指向目录之外" in err
    assert ".notes" not in err and "old.txt" not in err  # hidden: left out without a word
    rows = _table(err)
    # the forms of the other files are those of the seed: skipped by --on-match skip
    assert len(rows) == len(data["forms"]) == 15
    assert rows[0][0].endswith("/a-seed.txt")  # a long path cut at its start: …/a-seed.txt
    assert rows[0][1:5] == ["1", "东西部扶贫帮困", "shanghai-district", "1.00"]
    runner_up = rows[0][5:]  # "—" with one template; else another template and its confidence
    assert runner_up == ["—"] or (
        runner_up[0] in set(templates.templates()) - {"shanghai-district"}
        and runner_up[1].startswith("(0.")
    )


def test_every_input_kind_finds_its_template(capsys, folder: Path) -> None:
    code, out, err = run(capsys, "import", str(folder))
    assert code == 0
    data = json.loads(out)  # standard output holds the JSON alone
    assert len(data["forms"]) == 15 + 5
    rows = _table(err)
    by_file = {(Path(r[0]).name, r[1]): r for r in rows}
    assert by_file[("b.docx", "2")][2:4] == ["科普场所提升改造", "shanghai-district"]
    assert by_file[("c.xlsx", "1")][2:4] == ["上海低碳技术创新功能型平台建设", "shanghai-district"]
    assert by_file[("d.html", "1")][3] == "shanghai-district"
    assert by_file[("e.pdf", "1")][2:4] == ["宣传与推广", "shanghai-district"]
    assert len(rows) == 20


def test_the_table_format_has_the_template_columns(capsys, folder: Path) -> None:
    code, out, err = run(capsys, "import", str(folder / "pages"), "--format", "table")
    assert code == 0
    head = out.splitlines()[0].split()
    assert head[0] == "文件" and head[-3:] == ["表样模板", "置信度", "次选"]
    lines = out.splitlines()[2:4]
    assert lines[0].split()[0].endswith("d.html") and "shanghai-district" in lines[0]
    assert lines[1].split()[0].endswith("e.pdf") and "宣传与推广" in lines[1]
    assert "表样模板" not in err  # the table is the output: not said twice


def test_files_named_one_by_one_show_no_table_on_stderr(capsys, folder: Path) -> None:
    code, _, err = run(capsys, "import", str(folder / "pages" / "d.html"), str(folder / "b.docx"))
    assert code == 0
    assert err == ""


def test_a_folder_without_readable_files_is_refused(capsys, tmp_path: Path) -> None:
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 2
    assert f"{tmp_path}: 目录中没有可读取的文件" in err


def test_a_large_batch_gets_a_row_per_run_of_forms(capsys, tmp_path: Path) -> None:
    """Past 200 forms, the forms of one file read through the same template share a row
    (表 1–15, 共 15 张): a batch of thousands gets a table that can be read."""
    jinzhai = Path(__file__).parent.parent / "fixtures/templates/anhui/jinzhai-2021-property.txt"
    for k in range(14):  # 14 × 15 forms of the seed, each file's bytes its own
        (tmp_path / f"s{k:02}.txt").write_bytes(SEED.read_bytes() + b"\n" * (k + 1))
    (tmp_path / "s07-anhui.txt").write_bytes(jinzhai.read_bytes())  # between s06 and s07
    code, _, err = run(capsys, "import", str(tmp_path), "-o", str(tmp_path / "out.json"))
    assert code == 0
    rows = _table(err)
    assert len(rows) == 15
    seed_rows = [r for r in rows if not r[0].endswith("anhui.txt")]
    assert {tuple(r[1:4]) for r in seed_rows} == {("1–15", "（共", "15")}
    assert {r[5] for r in seed_rows} == {"shanghai-district"}
    anhui = next(r for r in rows if r[0].endswith("anhui.txt"))
    assert anhui[1:4] == ["1", "物业管理", "anhui"]
    names = sorted(p.name for p in tmp_path.glob("s*.txt"))
    assert [Path(r[0]).name for r in rows] == names  # a row per file here, in path order


def test_one_bad_file_of_a_folder_stops_it_and_says_what_to_do(capsys, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "b.json").write_text('{"not": "a form"}', encoding="utf-8")
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "import", str(tmp_path), "-o", str(out))
    assert code == 2 and not out.exists()
    assert err.startswith(f"jixiao: {tmp_path / 'b.json'}: ")
    assert "共 2 个文件，未写出任何内容；加 --skip-bad 可跳过无法读取的文件" in err
    code, _, err = run(capsys, "import", str(tmp_path), "-o", str(out), "--skip-bad")
    assert code == 0 and len(json.loads(out.read_text("utf-8"))["forms"]) == 15
    assert f"已跳过 {tmp_path / 'b.json'}" in err
