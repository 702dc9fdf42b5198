"""`jixiao show FILE --form N`: one form laid out like the paper table, in the terminal."""

from __future__ import annotations

import argparse
from decimal import Decimal

from jixiao.cli import COMMANDS
from jixiao.cli.common import read_inputs, write_output
from jixiao.cli.textlayout import pad, width, wrap
from jixiao.domain.form import Form
from jixiao.domain.target import format_decimal
from jixiao.errors import InputError
from jixiao.i18n import Text, t

WIDTH = 100


@COMMANDS.register("show")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "show",
        help=t("按纸质表格样式显示一张表", "show one form laid out like the paper table"),
        description=t(
            "按《财政项目支出绩效目标填报表》的样式在终端显示一张表。",
            "Show one form in the terminal, laid out like the paper form.",
        ),
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument(
        "--form",
        type=int,
        default=1,
        metavar="N",
        help=t("第几张表（从 1 起）", "which form (from 1)"),
    )
    parser.add_argument(
        "--input-format",
        metavar="NAME",
        help=t("输入格式（默认自动识别）", "input format (default: detect)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    batch = read_inputs([args.file], args.input_format)
    if not 1 <= args.form <= len(batch.forms):
        raise InputError(
            Text(
                "没有第 {n} 张表：文件中共有 {total} 张",
                "there is no form {n}: the file has {total}",
            ).format(n=args.form, total=len(batch.forms)),
            path=args.file,
        )
    write_output(render(batch.forms[args.form - 1]) + "\n", None)
    return 0


def _row(cells: list[tuple[str, int]]) -> list[str]:
    """One table row: cells of given widths, each wrapped, as many lines as the tallest."""
    wrapped = [wrap(text or "", size - 2) for text, size in cells]
    height = max(len(w) for w in wrapped)
    lines = []
    for i in range(height):
        parts = [
            pad(w[i] if i < len(w) else "", size - 2)
            for w, (_, size) in zip(wrapped, cells, strict=True)
        ]
        lines.append("│ " + " │ ".join(parts) + " │")
    return lines


def _rule(sizes: list[int], left: str = "├", mid: str = "┼", right: str = "┤") -> str:
    return left + mid.join("─" * s for s in sizes) + right


def _money(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value)


def render(form: Form) -> str:
    quarter = [24, 24, 24, 24]
    half = [24, 74]
    out = [pad("", max(0, (WIDTH - width(form.title or "")) // 2)) + (form.title or "")]
    if form.budget_year:
        year = f"（{form.budget_year}年度）"
        out.append(pad("", (WIDTH - width(year)) // 2) + year)
    out.append(_rule(quarter, "┌", "┬", "┐"))
    f = form.funds
    header = [
        ("项目名称", form.project_name, "项目类别", form.project_category),
        ("主管部门", form.supervising_department, "实施单位", form.implementing_unit),
        (
            "计划开始日期",
            str(form.planned_start or ""),
            "计划完成日期",
            str(form.planned_end or ""),
        ),
        (
            f"项目资金总额（{f.unit}）",
            _money(f.project_total),
            f"年度资金申请总额（{f.unit}）",
            _money(f.annual_request),
        ),
        (
            "其中：财政资金",
            _money(f.project_fiscal),
            "其中：当年财政拨款",
            _money(f.annual_appropriation),
        ),
        ("", "", "上年结转资金", _money(f.annual_carryover)),
        ("其他资金", _money(f.project_other), "其他资金", _money(f.annual_other)),
    ]
    for k, (a, b, c, d) in enumerate(header):
        if k:
            out.append(_rule(quarter))
        out += _row([(a, 24), (b or "", 24), (c, 24), (d or "", 24)])
    out.append(_rule(quarter, "├", "┴", "┤"))
    period = f"（{form.goal_period.text}）" if form.goal_period else ""
    out += _row([("项目总目标" + period, 24), (form.overall_goal or "", 74)])
    out.append(_rule(half))
    out += _row([("年度总目标", 24), (form.annual_goal or "", 74)])
    sizes = [14, 22, 42, 20]
    out.append(_rule(sizes))
    out += _row([("一级指标", 14), ("二级指标", 22), ("三级指标", 42), ("年度指标值", 20)])
    previous: tuple[str | None, str | None] = (None, None)
    for indicator in form.indicators:
        out.append(_rule(sizes))
        level1 = indicator.level1 if indicator.level1 != previous[0] else ""
        level2 = indicator.level2 if (indicator.level1, indicator.level2) != previous else ""
        previous = (indicator.level1, indicator.level2)
        out += _row(
            [(level1 or "", 14), (level2 or "", 22), (indicator.name, 42), (indicator.target, 20)]
        )
    out.append(_rule(sizes, "└", "┴", "┘"))
    if form.notes:
        out.append(t("导入说明：", "Import notes:"))
        out += [f"  第 {n.line or '—'} 行  {n.message}" for n in form.notes]
    return "\n".join(out)
