"""`jixiao export --template`: forms written in a region's template as well as in the standard
layout (docs/templates.md, *Writing forms back in their template*) in Word, Excel, HTML and PDF,
and read back by jixiao's importer to the same name, funds in 元 and indicator rows.

The templates are made here as files in a `JIXIAO_TEMPLATES` folder (a new process each time:
the reader's label tables are built once per process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest
from tests.conftest import SEED

from jixiao.domain.form import FUNDS_FIELDS, Form, Funds, Indicator
from jixiao.exporters import render
from jixiao.interchange import Batch

HEAD = """
name = "项目支出绩效目标申报表（测试）"
region = "测试"
titles = ["项目支出绩效目标申报表"]
footnotes = ["注："]

[fields]
project_name = ["项目名称"]
supervising_department = ["主管部门"]
implementing_unit = ["实施单位"]

[goals]
section = ["总体目标"]
overall_goal = ["中期目标"]
annual_goal = ["年度目标"]

[table.extra]
"绩效标准" = ["绩效标准"]
"""
# 中期 and 年度 side by side, the year's amounts only, in 万元
BLOCKS = """
id = "test-blocks"
[funds]
unit = "万元"
section = ["项目资金"]
annual_request = ["年度资金总额"]
annual_appropriation = ["财政拨款"]
other = ["其他资金"]

[table]
columns = ["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"]
section = ["绩效指标"]
level1 = ["一级指标"]
level2 = ["二级指标"]
name = ["三级指标"]
target = ["指标值"]
periods = [{period = "midterm", headings = ["中期指标值"]}, {period = "annual", headings = ["年度指标值"]}]
"""
# one table per period, both sides of the funds, in 元
TABLES = """
id = "test-tables"
[funds]
unit = "元"
section = ["资金情况"]
project_total = ["项目总金额"]
project_fiscal = ["财政资金"]
annual_request = ["年度资金总额"]
annual_appropriation = ["财政拨款"]
other = ["其他资金"]

[table]
columns = ["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"]
section = ["绩效指标", "年度绩效指标", "中期绩效指标"]
level1 = ["一级指标"]
level2 = ["二级指标"]
name = ["三级指标"]
target = ["指标值"]
"""


def indicator(period: str, level1: str, level2: str, name: str, target: str, std: str = ""):
    extra = MappingProxyType({"绩效标准": std} if std else {})
    return Indicator(level1, level2, name, target, period=period, extra=extra)


FORM = Form(
    seq=1,
    title="项目支出绩效目标申报表",
    budget_year=2025,
    project_name="乡村道路养护",
    supervising_department="某县交通运输局",
    implementing_unit="某县公路事务中心",
    funds=Funds(
        unit="万元",
        project_total=Decimal("3375"),
        project_fiscal=Decimal("3000.25"),
        annual_request=Decimal("1125"),
        annual_appropriation=Decimal("1000.5"),
        annual_other=Decimal("124.5"),
    ),
    overall_goal="三年内养护农村公路 900 公里",
    annual_goal="养护农村公路 300 公里",
    indicators=(
        indicator("midterm", "产出指标", "数量指标", "养护里程", "≥900公里", "按合同"),
        indicator("midterm", "效益指标", "社会效益指标", "通行条件", "明显改善", "群众评议"),
        indicator("annual", "产出指标", "数量指标", "养护里程", "≥300公里", "按合同"),
        indicator("annual", "产出指标", "质量指标", "验收合格率", "≥95%", "行业标准"),
        indicator("annual", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "问卷"),
    ),
)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("templates")
    for name, text in (("blocks", BLOCKS), ("tables", TABLES)):
        (folder / f"{name}.toml").write_text(
            text.replace("[funds]", HEAD + "\n[funds]", 1), encoding="utf-8"
        )
    return {**os.environ, "JIXIAO_TEMPLATES": str(folder)}


def jixiao(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def written_and_read(env: dict[str, str], tmp_path: Path, template: str, fmt: str) -> dict:
    source = tmp_path / "form.json"
    source.write_bytes(render(Batch(forms=(FORM,)), "json")[2])
    out = tmp_path / f"form.{fmt}"
    done = jixiao(env, "export", str(source), "--to", fmt, "--template", template, "-o", str(out))
    assert done.returncode == 0, done.stderr
    read = jixiao(env, "import", str(out))
    assert read.returncode == 0, read.stderr
    [form] = json.loads(read.stdout)["forms"]
    return form


def in_yuan(funds: dict) -> dict[str, Decimal | None]:
    unit = funds["unit"]
    values = Funds(unit, *(Decimal(funds[f]) if funds[f] else None for f in FUNDS_FIELDS))
    return {f: values.in_yuan(f) for f in FUNDS_FIELDS}


def rows(indicators: list[dict] | tuple[Indicator, ...]) -> list[tuple]:
    out = []
    for i in indicators:
        i = i if isinstance(i, dict) else _as_json(i)
        out.append((i.get("period"), i["level1"], i["level2"], i["name"], i["target"], i["extra"]))
    return sorted(out, key=lambda r: (r[0] or "", r[1:4]))


def _as_json(i: Indicator) -> dict:
    return {
        "period": i.period,
        "level1": i.level1,
        "level2": i.level2,
        "name": i.name,
        "target": i.target,
        "extra": dict(i.extra),
    }


def expected_funds(template: str) -> dict[str, Decimal | None]:
    """The form's amounts in 元, of the funds the template prints."""
    printed = {
        "test-blocks": {"annual_request", "annual_appropriation", "annual_other"},
        "test-tables": {
            "project_total",
            "project_fiscal",
            "annual_request",
            "annual_appropriation",
            "project_other",
            "annual_other",
        },
    }[template]
    return {f: FORM.funds.in_yuan(f) if f in printed else None for f in FUNDS_FIELDS}


@pytest.mark.parametrize("fmt", ["xlsx", "docx", "html", "pdf"])
@pytest.mark.parametrize("template", ["test-blocks", "test-tables"])
def test_a_form_written_in_its_template_reads_back_the_same(env, tmp_path, template, fmt):
    form = written_and_read(env, tmp_path, template, fmt)
    assert form["template"]["id"] == template
    assert form["project_name"] == FORM.project_name
    assert in_yuan(form["funds"]) == expected_funds(template)
    assert rows(form["indicators"]) == rows(FORM.indicators)
    assert (form["overall_goal"], form["annual_goal"]) == (FORM.overall_goal, FORM.annual_goal)


def test_amounts_are_written_in_the_templates_unit(env, tmp_path):
    form = written_and_read(env, tmp_path, "test-tables", "xlsx")
    assert form["funds"]["unit"] == "元"
    assert form["funds"]["annual_request"] == "11250000"
    assert form["funds"]["annual_appropriation"] == "10005000.0"  # 1000.5 万元, exactly


def test_an_unknown_template_is_a_usage_error_naming_the_known_ones(env, tmp_path):
    done = jixiao(env, "export", str(SEED), "--to", "docx", "--template", "nowhere", "-o", "x")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "nowhere" in done.stderr
    for known in ("standard", "source", "shanghai-district", "test-blocks", "test-tables"):
        assert known in done.stderr
    assert not (tmp_path / "x").exists()


def test_a_template_is_refused_for_a_format_without_a_layout(env):
    done = jixiao(env, "export", str(SEED), "--to", "json", "--template", "test-tables")
    assert done.returncode == 2 and "--template" in done.stderr and done.stdout == ""


def test_source_writes_each_form_in_the_template_it_was_read_through(env, tmp_path):
    """The seed's forms were read through the default template: `source` writes them as the
    standard layout does; the test template's labels only when asked for."""
    standard = jixiao(env, "export", str(SEED), "--to", "html")
    source = jixiao(env, "export", str(SEED), "--to", "html", "--template", "source")
    other = jixiao(env, "export", str(SEED), "--to", "html", "--template", "test-tables")
    assert standard.returncode == source.returncode == other.returncode == 0
    assert source.stdout == standard.stdout
    assert "计划开始日期" in standard.stdout and "计划开始日期" not in other.stdout
    assert "项目支出绩效目标申报表" in other.stdout and "资金情况" in other.stdout


def test_show_draws_a_form_in_a_template(env, tmp_path):
    source = tmp_path / "form.json"
    source.write_bytes(render(Batch(forms=(FORM,)), "json")[2])
    standard = jixiao(env, "show", str(source))
    blocks = jixiao(env, "show", str(source), "--template", "test-blocks")
    assert standard.returncode == blocks.returncode == 0, blocks.stderr
    assert "项目类别" in standard.stdout and "项目类别" not in blocks.stdout
    assert "中期指标" in blocks.stdout and "年度指标" in blocks.stdout and "绩效标" in blocks.stdout
    assert "1125" in blocks.stdout and "11250000" not in blocks.stdout  # 万元, as written
    assert jixiao(env, "show", str(source), "--template", "nowhere").returncode == 2
