"""`jixiao import FILE...`: read documents and print their forms as JSON, a table or CSV."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from decimal import Decimal

import orjson

from jixiao.cli import COMMANDS
from jixiao.cli.common import add_input_arguments, add_output_argument, write_streamed
from jixiao.cli.textlayout import clipped, table_head, table_row, width
from jixiao.domain.form import Form, Source
from jixiao.domain.target import format_decimal
from jixiao.i18n import t
from jixiao.interchange import CANONICAL, Batch
from jixiao.pieces import FormLayout, Pieces


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
    add_output_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    write_streamed(args, _layout(args.format))
    return 0


def _layout(name: str) -> FormLayout:
    """The layout of a --format, its module imported only when it is asked for."""
    if name == "json":
        return CANONICAL
    if name == "csv":
        from jixiao.exporters.csv_export import CSV

        return CSV
    return SUMMARY


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


LIMITS = (4, 30, 30, 6, 16, 4, 6, 8)  # the table's columns are at most this wide


class SummaryLayout:
    """The forms as a table for people, with totals (`--format table`). A form's piece is its
    row, clipped, and its request in 元; the widths of the columns are those of the widest
    cells, so the table is laid out once every row is in."""

    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        row = [
            str(form.seq),
            form.project_name or "—",
            form.implementing_unit or "—",
            str(form.budget_year or "—"),
            _money(form.funds.annual_request),
            form.funds.unit,
            str(len(form.indicators)),
            str(len(form.notes)),
        ]
        yuan = form.funds.requested_yuan
        # a request of 0 counts as Decimal(0), as `sum(... or Decimal(0))` counted it
        return orjson.dumps([clipped(row, LIMITS), str(yuan) if yuan else None])

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        head = clipped(_header(), LIMITS)
        sizes = [width(h) for h in head]
        count, total = 0, Decimal(0)
        for row, yuan in map(orjson.loads, pieces()):
            sizes = [max(s, width(c)) for s, c in zip(sizes, row, strict=True)]
            count, total = count + 1, total + Decimal(yuan or 0)
        yield "\n".join(table_head(head, sizes)).encode("utf-8")
        for piece in pieces():
            yield ("\n" + table_row(orjson.loads(piece)[0], sizes)).encode("utf-8")
        yield ("\n\n" + _footer(count, len(frame.sources), total) + "\n").encode("utf-8")


SUMMARY = SummaryLayout()


def _header() -> list[str]:
    return [
        t("序号", "No."),
        t("项目名称", "project"),
        t("实施单位", "unit"),
        t("年度", "year"),
        t("年度资金申请总额", "annual request"),
        t("单位", "unit"),
        t("指标数", "indicators"),
        t("导入说明", "notes"),
    ]


def _footer(forms: int, sources: int, total: Decimal) -> str:
    return t(
        f"共 {forms} 张表，来自 {sources} 个文件；年度资金申请合计 {format_decimal(total)} 元",
        f"{forms} forms from {sources} files; annual requests total {format_decimal(total)} 元",
    )
