"""Template files: loading, refusing a wrong file, detection, and a region added as a file
(docs/templates.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import SEED, region_toml

from jixiao import templates
from jixiao.errors import InputError
from jixiao.importers import read_path
from jixiao.importers.labels import fold_label

SHANGHAI = Path(templates.__file__).parent.parent / "data" / "templates" / "shanghai-district.toml"


def test_the_bundled_templates_load_with_the_default_first() -> None:
    known = templates.templates()
    assert next(iter(known)) == templates.DEFAULT
    for template in known.values():
        assert template.printed <= template.known
        assert template.has_fields, template.id
        assert template.columns, f"{template.id}: the printed columns are needed to write it back"


def test_the_seed_is_read_through_its_own_template_with_full_confidence() -> None:
    forms = read_path(SEED).forms
    assert {f.template.id for f in forms} == {"shanghai-district"}
    assert {f.template.confidence for f in forms} == {Decimal("1.00")}


def test_fewer_of_the_printed_labels_give_a_lower_confidence() -> None:
    printed = templates.get(None).printed
    full = templates.detect(printed, "财政项目支出绩效目标填报表")
    half = templates.detect(sorted(printed)[: len(printed) // 2])
    assert full.id == templates.DEFAULT and full.confidence == 1
    assert half.confidence < full.confidence
    assert templates.detect([]).confidence == 0


def write(folder: Path, text: str) -> Path:
    path = folder / "region.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('name = "x"\nregion = "y"\n', "id"),
        (
            'id = "x"\nname = "x"\nregion = "y"\n[fields]\nproject_title = ["项目"]\n',
            "fields.project_title",
        ),
        ('id = "x"\nname = "x"\nregion = "y"\n[funds]\nunit = "千元"\n', "funds.unit"),
        (
            'id = "x"\nname = "x"\nregion = "y"\n[table]\nperiods = [{period = "q1", headings = ["一季度"]}]\n',
            "table.periods[0]",
        ),
        (
            'id = "x"\nname = "x"\nregion = "y"\n[required]\nfields = ["budget"]\n',
            "required.fields",
        ),
        ('id = "x"\nname = "x"\nregion = "y"\nscheme = "mof2030"\n', "scheme"),
        ('id = "x"\nname = "x"\nregion = "y"\nunread = [""]\n', "unread"),
        ('id = "x"\nname = \n', None),
    ],
)
def test_a_wrong_template_file_is_refused_naming_the_file_and_the_key(tmp_path, text, key) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        templates.load(path)
    said = str(caught.value)
    assert str(path) in said
    assert (key in said) if key else ("TOML" in said)


REGION = region_toml("test-region")

FORM = """某省项目支出绩效目标表
项目支出名称 | 乡村道路养护
承担单位 | 某县交通运输局
资金安排 | 本年度预算 | 120
本年度绩效目标 | 养护农村公路 300 公里
一级指标 | 二级指标 | 三级指标 | 指标值
产出指标 | 数量指标 | 养护里程 | ≥300公里
"""


def test_a_region_is_added_by_adding_a_file(tmp_path) -> None:
    """A template in the folder JIXIAO_TEMPLATES names joins the bundled ones: its labels are
    read, its printed unit applies, and detection finds it (a new process: the label tables are
    built once per process)."""
    folder = tmp_path / "templates"
    folder.mkdir()
    write(folder, REGION)
    document = tmp_path / "form.txt"
    document.write_text(FORM, encoding="utf-8")
    env = {**os.environ, "JIXIAO_TEMPLATES": str(folder)}
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "import", str(document)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    form = json.loads(result.stdout)["forms"][0]
    assert form["template"]["id"] == "test-region"
    assert Decimal(form["template"]["confidence"]) > Decimal(
        form["template"]["runner_up_confidence"] or 0
    )
    assert (form["project_name"], form["implementing_unit"]) == ("乡村道路养护", "某县交通运输局")
    assert form["funds"]["unit"] == "万元" and form["funds"]["annual_request"] == "120"
    assert form["annual_goal"] == "养护农村公路 300 公里"
    assert [(i["name"], i["target"]) for i in form["indicators"]] == [("养护里程", "≥300公里")]
    listed = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "templates"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert listed.returncode == 0, listed.stderr
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[2:-1]}
    assert set(rows) == {*templates.templates(), "test-region"}  # bundled ones and the file
    assert rows["test-region"].split()[-1] == str(folder / "region.toml")
    assert "万元" in rows["test-region"] and " *" in listed.stdout.splitlines()[2]


def test_a_missing_template_folder_is_refused(tmp_path) -> None:
    env = {**os.environ, "JIXIAO_TEMPLATES": str(tmp_path / "nowhere")}
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "import", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2
    assert "JIXIAO_TEMPLATES" in result.stderr and "Traceback" not in result.stderr


def test_labels_fold_as_the_reader_folds_them() -> None:
    assert fold_label("项目资金\n（万元）") == "项目资金"
    assert fold_label("其中：财政拨款") == "财政拨款"
