"""`jixiao show FILE --form N`: one form laid out like the paper table, in the terminal."""

from __future__ import annotations

import argparse

from jixiao.cli import COMMANDS
from jixiao.cli.common import add_template_argument, read_inputs, write_output
from jixiao.cli.papertext import draw
from jixiao.cli.textlayout import pad, width
from jixiao.domain.form import Form
from jixiao.domain.paper import STANDARD, form_table, heading, resolve_template, subheading
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
    add_template_argument(parser)
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
    write_output(render(batch.forms[args.form - 1], args.template) + "\n", None)
    return 0


def _centred(text: str) -> str:
    return pad("", max(0, (WIDTH - width(text)) // 2)) + text


def render(form: Form, layout: str = STANDARD) -> str:
    """The form's grid (`jixiao.domain.paper`) under its title, in the layout `layout` says
    (`paper.resolve_template`), then what the importer noted."""
    template = resolve_template(form, layout)
    lines = (heading(form, False, template), subheading(form, template))
    out = [_centred(line) for line in lines if line]
    out += draw(form_table(form, template), WIDTH)
    if form.notes:
        out.append(t("导入说明：", "Import notes:"))
        out += [f"  第 {n.line or '—'} 行  {n.message}" for n in form.notes]
    return "\n".join(out)
