"""`jixiao export FILE... --to FORMAT -o OUT`: read documents of any format and write their forms
in another: docx, xlsx (template), xlsx-long, pdf, html, json or csv. The paper layouts (docx,
xlsx, pdf, html) are written in the standard layout or, with `--template`, in a region's template
(docs/templates.md, *Writing forms back in their template*)."""

from __future__ import annotations

import argparse

from jixiao.cli import COMMANDS
from jixiao.cli.common import (
    add_input_arguments,
    add_output_argument,
    add_template_argument,
    read_args,
    refuse_binary_on_terminal,
    write_output,
    write_streamed,
)
from jixiao.domain.paper import STANDARD
from jixiao.errors import InputError
from jixiao.exporters import EXPORTERS, get_exporter, only_forms
from jixiao.i18n import Text, t
from jixiao.interchange import Batch
from jixiao.pieces import FormLayout


@COMMANDS.register("export")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "export",
        help=t("把表单导出为 Word、Excel、PDF 等格式", "write forms as Word, Excel, PDF ..."),
        description=t(
            "读取一个或多个文档（任何可导入的格式），按标准表样导出全部或选定的表单。",
            "Read one or more documents (any importable format) and write all or some of "
            "their forms in the standard layout.",
        ),
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--to", required=True, choices=EXPORTERS, help=t("输出格式", "output format")
    )
    add_output_argument(
        parser, t("输出文件（文本格式默认标准输出）", "output file (text formats: default stdout)")
    )
    add_template_argument(
        parser, Text("用于 docx、xlsx、pdf、html", "for docx, xlsx, pdf and html")
    )
    parser.add_argument(
        "--form",
        action="append",
        type=int,
        metavar="N",
        help=t("只导出第 N 张表（从 1 起，可重复）", "export only form N (1-based, repeatable)"),
    )
    parser.set_defaults(func=run)


def select(batch: Batch, numbers: list[int] | None) -> Batch:
    if not numbers:
        return batch
    _check(numbers, len(batch.forms))
    wanted = set(numbers)
    return only_forms(batch, lambda n: n in wanted)


def _check(numbers: list[int], total: int) -> None:
    bad = [n for n in numbers if not 1 <= n <= total]
    if bad:
        raise InputError(
            Text("没有第 {n} 张表（共 {total} 张）", "there is no form {n} ({total} forms)").format(
                n=bad[0], total=total
            )
        )
    if not total:
        raise InputError(Text("没有可导出的表单", "no form to export"))


def run(args: argparse.Namespace) -> int:
    exporter = get_exporter(args.to, args.template)
    if args.template != STANDARD and not exporter.paper:
        raise InputError(
            Text(
                "--template 只用于表样格式（{paper}），{f} 没有表样",
                "--template is for the paper layouts ({paper}); {f} has none",
            ).format(f=args.to, paper=", ".join(k for k, v in EXPORTERS.all().items() if v.paper))
        )
    if exporter.layout is not None:
        return _streamed(args, exporter.layout)
    batch = select(read_args(args), args.form)
    if not batch.forms:
        raise InputError(Text("没有可导出的表单", "no form to export"))
    refuse_binary_on_terminal(exporter, args.output)
    _, _, data = exporter.render(batch)
    write_output(data, args.output)
    return 0


def _streamed(args: argparse.Namespace, layout: FormLayout) -> int:
    """A format written form by form as the forms are read (JSON, CSV: `jixiao import` writes
    them alike), the bytes `render` gives; nothing is written when there is no form, or a form
    asked for is not there."""
    wanted = set(args.form) if args.form else None
    write_streamed(args, layout, wanted, lambda kept: _check(args.form or [], kept))
    return 0
