"""`jixiao review FILE...`: review the forms of documents and report findings, scores, grades."""

from __future__ import annotations

import argparse
from collections import Counter

from jixiao.cli import COMMANDS, collector
from jixiao.cli.common import (
    add_input_arguments,
    add_output_argument,
    add_settings_argument,
    read_args,
    refuse_binary_on_terminal,
    write_output,
)
from jixiao.cli.review_stream import FAIL_ON, settings_for, streamed
from jixiao.exporters.reports import REPORTS, report_writer
from jixiao.i18n import t
from jixiao.matching import OnMatch
from jixiao.review import review_batch


@COMMANDS.register("review")
def configure(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "review",
        help=t("审核绩效目标表", "review performance-goal forms"),
        description=t(
            "按完整性、相关性、适当性、可行性审核绩效目标，列出问题、得分和等级。",
            "Review performance goals for completeness, relevance, appropriateness and "
            "feasibility: findings, score and grade per form.",
        ),
    )
    add_input_arguments(parser)
    parser.add_argument(
        "--format",
        choices=REPORTS,
        default="text",
        help=t("输出格式（默认 text）", "output format (default text)"),
    )
    add_output_argument(parser)
    parser.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        help=t(
            "有该级别（或更严重）的问题时以 1 退出",
            "exit 1 when a finding of this severity or worse",
        ),
    )
    add_settings_argument(parser)
    parser.add_argument("--region", help=t("地区规则集名称", "region of the rule set"))
    parser.add_argument(
        "--budget-year",
        type=int,
        metavar="YEAR",
        help=t("预算年度（默认取表中年度）", "budget year (default: the forms' own)"),
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    writer = report_writer(args.format)
    refuse_binary_on_terminal(writer, args.output)
    # Written as the forms are reviewed, none held (`review_stream`); the other formats, and
    # forms that replace forms of earlier files (`--on-match replace`), take the batch whole.
    if writer.streamed and OnMatch(args.on_match) is not OnMatch.REPLACE:
        return 1 if streamed(args) else 0
    batch = read_args(args)
    settings = settings_for(args, Counter(f.budget_year for f in batch.forms if f.budget_year))
    with collector.settled() as settle:
        report = review_batch(batch, settings, settle)
    write_output(writer.render(report, batch), args.output)
    if args.fail_on:
        hit = FAIL_ON[args.fail_on]
        if any(f.severity in hit for r in report.forms for f in r.findings):
            return 1
    return 0
