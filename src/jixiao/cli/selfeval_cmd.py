"""`jixiao selfeval FILE...`: read self-evaluation tables (财政项目支出绩效自评表), score them and
show each figure beside the one the table states (docs/evaluation.md)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from jixiao.cli import COMMANDS
from jixiao.cli.common import (
    add_output_argument,
    add_settings_argument,
    refuse_binary,
    write_output,
)
from jixiao.i18n import t

if TYPE_CHECKING:  # the core is imported when the command runs: `jixiao --help` does without
    from jixiao.evaluation import Evaluation

FORMATS = ("text", "json", "xlsx")


@COMMANDS.register("selfeval")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "selfeval",
        help=t("读取并核算绩效自评表", "read and score self-evaluation tables"),
        description=t(
            "读取财政项目支出绩效自评表（文本、Word、Excel），按公式重新计分，列出与填报不符之处。",
            "Read self-evaluation tables (text, Word, Excel), score them by the formulas and "
            "list every stated figure that differs.",
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=t("自评表文件", "table files"))
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=t("输出格式（默认 text）", "output format (default text)"),
    )
    add_output_argument(parser)
    add_settings_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from jixiao.evaluation import evaluate, evaluation_settings
    from jixiao.evaluation.reader import read_path

    refuse_binary(args.format, args.format == "xlsx", args.output)
    settings = evaluation_settings(args.settings)
    tables = [table for path in args.files for table in read_path(path)]
    evaluations = [evaluate(table, settings) for table in tables]
    write_output(render(evaluations, args.format, settings.name), args.output)
    return 0


def render(evaluations: Sequence[Evaluation], fmt: str, settings_name: str) -> str | bytes:
    if fmt == "json":
        import orjson

        from jixiao.evaluation.schema import document

        return (
            orjson.dumps(document(evaluations, settings_name), option=orjson.OPT_INDENT_2) + b"\n"
        )
    if fmt == "xlsx":
        return _xlsx(evaluations)
    from jixiao.evaluation.text import render_text

    return render_text(evaluations)


def _xlsx(evaluations: Sequence[Evaluation]) -> bytes:
    from jixiao.evaluation.writers import render_selfeval

    return render_selfeval(evaluations, "xlsx")[2]
