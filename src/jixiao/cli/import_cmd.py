"""`jixiao import FILE...`: read documents and print their forms as JSON, a table or CSV."""

from __future__ import annotations

import argparse
from decimal import Decimal

from jixiao.cli import COMMANDS
from jixiao.cli.common import add_input_arguments, read_args, write_output
from jixiao.cli.textlayout import table
from jixiao.domain.target import format_decimal
from jixiao.exporters.csv_export import render_csv
from jixiao.i18n import t
from jixiao.interchange import Batch, iter_canonical


@COMMANDS.register("import")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help=t("读取文档中的绩效目标表", "read the performance-goal forms of documents"),
        description=t(
            "读取一个或多个文档（Word 表格导出的文本、JSON 等），输出规范 JSON、表格或 CSV。",
            "Read one or more documents (text of Word tables, JSON, ...) and print canonical "
            "JSON, a table or CSV.",
        ),
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("json", "table", "csv"),
        default="json",
        help=t("输出格式（默认 json）", "output format (default json)"),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help=t("输出文件（默认标准输出）", "output file (default: standard output)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    batch = read_args(args)
    if args.format == "json":
        write_output(iter_canonical(batch), args.output)
    elif args.format == "csv":
        write_output(render_csv(batch), args.output)
    else:
        write_output(summary(batch) + "\n", args.output)
    return 0


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


def summary(batch: Batch) -> str:
    """The forms of a batch as a table for people, with totals."""
    header = [
        t("序号", "No."),
        t("项目名称", "project"),
        t("实施单位", "unit"),
        t("年度", "year"),
        t("年度资金申请总额", "annual request"),
        t("单位", "unit"),
        t("指标数", "indicators"),
        t("导入说明", "notes"),
    ]
    rows = []
    for form in batch.forms:
        rows.append(
            [
                str(form.seq),
                form.project_name or "—",
                form.implementing_unit or "—",
                str(form.budget_year or "—"),
                _money(form.funds.annual_request),
                form.funds.unit,
                str(len(form.indicators)),
                str(len(form.notes)),
            ]
        )
    total = sum((f.funds.requested_yuan or Decimal(0) for f in batch.forms), Decimal(0))
    sources = len(batch.sources)
    footer = t(
        f"共 {len(batch.forms)} 张表，来自 {sources} 个文件；年度资金申请合计 {format_decimal(total)} 元",
        f"{len(batch.forms)} forms from {sources} files; annual requests total {format_decimal(total)} 元",
    )
    return table(header, rows, [4, 30, 30, 6, 16, 4, 6, 8]) + "\n\n" + footer
