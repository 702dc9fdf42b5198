"""`jixiao templates`: the templates forms are read through, one line each (docs/templates.md)."""

from __future__ import annotations

import argparse

from jixiao import templates
from jixiao.cli import COMMANDS
from jixiao.cli.common import add_output_argument, write_output
from jixiao.cli.textlayout import table_head, table_row, width
from jixiao.i18n import t


@COMMANDS.register("templates")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "templates",
        help=t("列出可识别的各地表样模板", "list the templates of the regions forms are read in"),
        description=t(
            "列出 jixiao 识别的表样模板（随程序提供的，及环境变量 JIXIAO_TEMPLATES 所指文件夹中的）："
            "代号、名称、地区、指标体系、金额单位和文件。新增地区即新增一个文件：见 docs/templates.md。",
            "List the templates jixiao reads forms through (the bundled ones and those in the "
            "folder JIXIAO_TEMPLATES names): id, name, region, indicator scheme, funds unit and "
            "file. Adding a region is adding a file: docs/templates.md.",
        ),
    )
    add_output_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    default = templates.DEFAULT
    head = [
        t("代号", "id"),
        t("名称", "name"),
        t("地区", "region"),
        t("指标体系", "scheme"),
        t("金额单位", "unit"),
        t("文件", "file"),
    ]
    rows = [
        [
            template.id + (" *" if template.id == default else ""),
            template.name,
            template.region,
            template.scheme,
            template.funds_unit or t("各表自注", "stated by each form"),
            template.path,
        ]
        for template in templates.templates().values()
    ]
    sizes = [max(width(row[i]) for row in [head, *rows]) for i in range(len(head))]
    lines = [*table_head(head, sizes), *(table_row(row, sizes) for row in rows)]
    lines.append(
        t(
            "* 默认表样：不明显属于其他表样的表按它读取",
            "* the default: forms that fit no other template better are read through it",
        )
    )
    write_output("\n".join(lines) + "\n", args.output)
    return 0
