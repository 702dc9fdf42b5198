"""`jixiao template xlsx -o OUT`: a blank Excel template to fill in (docs/xlsx-template.md)."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from jixiao.cli import COMMANDS
from jixiao.cli.common import add_output_argument, write_output
from jixiao.errors import InputError
from jixiao.i18n import Text, t


@COMMANDS.register("template")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "template",
        help=t("生成空白 Excel 填报模板", "write a blank Excel template"),
        description=t(
            "xlsx：按纸质表样、每表一页的模板（含填写说明）；xlsx-long：每指标一行的明细表头。",
            "xlsx: the paper layout, one sheet per form, with instructions; xlsx-long: the "
            "header of the one-row-per-indicator table.",
        ),
    )
    parser.add_argument("kind", choices=("xlsx", "xlsx-long"))
    add_output_argument(parser, t("输出文件", "output file"))
    parser.add_argument(
        "--year",
        type=int,
        default=date.today().year + 1,
        help=t("预算年度（默认明年）", "budget year (default: next year)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.exporters.template import template_long, template_xlsx

    if not args.output and sys.stdout.isatty():
        raise InputError(Text("请用 -o 指定输出文件", "give an output file with -o"))
    data = template_xlsx(args.year) if args.kind == "xlsx" else template_long()
    write_output(data, args.output)
    return 0
