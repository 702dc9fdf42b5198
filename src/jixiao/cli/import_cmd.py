"""`jixiao import FILE|DIR...`: read documents and print their forms as JSON, a table or CSV.

Each form is read through the template that fits its labels best (docs/templates.md): the table
(`--format table`) shows it, its confidence and the runner-up; when the JSON or CSV is written to
a file (`-o`) or a folder is read, the same is shown on standard error, one row per form
(文件 / 表 / 项目名称 / 表样模板 / 置信度 / 次选), so that standard output holds the data alone.
Past 200 forms, the forms of one file read through the same template share a row (表 1–1000)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal

import orjson

from jixiao.cli import COMMANDS
from jixiao.cli.common import add_input_arguments, add_output_argument, write_streamed
from jixiao.cli.textlayout import clip, clipped, table_head, table_row, width
from jixiao.domain.form import Form, Source, TemplateMatch
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
            "读取一个或多个文档或目录（Word、Excel、网页、PDF、Word 表格导出的文本、JSON），"
            "输出规范 JSON、表格或 CSV；每张表注明识别出的表样模板。",
            "Read one or more documents or folders (Word, Excel, web pages, PDF, text of Word "
            "tables, JSON) and print canonical JSON, a table or CSV, with the template found "
            "for each form.",
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
    if args.format == "table" or not _shows_templates(args):
        write_streamed(args, _layout(args.format))
        return 0
    rows = TemplateRows()
    write_streamed(args, _layout(args.format), also=rows)
    sys.stderr.write(rows.table() + "\n")
    return 0


def _shows_templates(args: argparse.Namespace) -> bool:
    """Whether the templates found are shown on standard error: when the data goes to a file,
    or a folder is read (many forms of unknown kinds)."""
    return bool(args.output and args.output != "-") or any(os.path.isdir(f) for f in args.files)


def template_cells(form: Form) -> list[str]:
    """The template a form was read through, its confidence, and the runner-up with its own."""
    return _match_cells(form.template)


def _match_cells(match: TemplateMatch | None) -> list[str]:
    if match is None:
        return ["—", "—", "—"]
    runner = "—"
    if match.runner_up:
        runner = f"{match.runner_up} ({_fit(match.runner_up_confidence)})"
    return [match.id, _fit(match.confidence), runner]


def _fit(value: Decimal | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def source_name(form: Form, sources: Sequence[Source]) -> str:
    return sources[form.source].path if form.source < len(sources) else "—"


TEMPLATE_LIMITS = (40, 11, 30, 24, 6, 32)

# Up to this many forms, the table has a row per form; past it, the forms of one file read
# through the same template with the same confidence and runner-up share a row (表 1–1000):
# a large batch gets a table that can be read, still naming the template of every form.
TEMPLATE_ROWS = 200

# What the table keeps of a form: its file's path, its number, its name, its template match.
Row = tuple[str, int, "str | None", "TemplateMatch | None"]


class TemplateRows:
    """One row per form read (file, form, project, template, confidence, runner-up), kept beside
    the output as the forms are read (a `Sink`), laid out as a table at the end. What is kept
    of a form is its file's path, its number, its name and its template match (no text is
    copied), so a batch of 100,000 forms costs a few megabytes."""

    def __init__(self) -> None:
        self.rows: list[Row | None] = []

    def __len__(self) -> int:
        return len(self.rows)

    def add(self, form: Form, sources: Sequence[Source]) -> None:
        self.rows.append((source_name(form, sources), form.seq, form.project_name, form.template))

    def cut(self, size: int) -> None:
        del self.rows[size:]

    def drop(self, place: int) -> None:
        self.rows[place] = None

    def table(self) -> str:
        head = [
            t("文件", "file"),
            t("表", "form"),
            t("项目名称", "project"),
            t("表样模板", "template"),
            t("置信度", "confidence"),
            t("次选", "runner-up"),
        ]
        kept = [r for r in self.rows if r is not None]
        runs = _runs(kept) if len(kept) > TEMPLATE_ROWS else [[r] for r in kept]
        rows = [_row(run) for run in runs]
        sizes = [max(width(c) for c in column) for column in zip(head, *rows, strict=True)]
        return "\n".join([*table_head(head, sizes), *(table_row(r, sizes) for r in rows)])


def _runs(rows: list[Row]) -> list[list[Row]]:
    """The rows cut into runs of forms of one file, one after another, read through the same
    template with the same confidence and runner-up."""
    runs: list[list[Row]] = []
    for row in rows:
        last = runs[-1][-1] if runs else None
        if last is not None and last[0] == row[0] and last[3] == row[3]:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _row(run: list[Row]) -> list[str]:
    path, seq, name, match = run[0]
    if len(run) > 1:
        seqs = f"{seq}–{run[-1][1]}"
        name = t(f"（共 {len(run)} 张）", f"({len(run)} forms)")
    else:
        seqs = str(seq)
    cells = [path, seqs, name or "—", *_match_cells(match)]
    return [clip_left(cells[0], TEMPLATE_LIMITS[0]), *clipped(cells, TEMPLATE_LIMITS)[1:]]


def clip_left(text: str, size: int) -> str:
    """A path cut at its start to `size` columns (its end names the file), … where it was cut."""
    if width(text) <= size:
        return text
    kept = clip(text[::-1], size)[::-1]
    return "…" + kept[1:] if kept.startswith("…") else kept


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


LIMITS = (24, 4, 30, 30, 6, 16, 4, 6, 8, 24, 6, 32)  # the table's columns are at most this wide


class SummaryLayout:
    """The forms as a table for people, with totals (`--format table`). A form's piece is its
    row, clipped, and its request in 元; the widths of the columns are those of the widest
    cells, so the table is laid out once every row is in."""

    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        row = [
            source_name(form, sources),
            str(form.seq),
            form.project_name or "—",
            form.implementing_unit or "—",
            str(form.budget_year or "—"),
            _money(form.funds.annual_request),
            form.funds.unit or t("不明", "n/a"),  # under 单位: 单位不明
            str(len(form.indicators)),
            str(len(form.notes)),
            *template_cells(form),
        ]
        row[0] = clip_left(row[0], LIMITS[0])
        yuan = form.funds.requested_yuan
        # unknown: stated figures in a unit nobody can tell, left out of the total in 元
        unknown = form.funds.unit is None and any(v is not None for _, v in form.funds.items())
        # a request of 0 counts as Decimal(0), as `sum(... or Decimal(0))` counted it
        return orjson.dumps([clipped(row, LIMITS), str(yuan) if yuan else None, unknown])

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        head = clipped(_header(), LIMITS)
        sizes = [width(h) for h in head]
        count, total, unknown = 0, Decimal(0), 0
        for row, yuan, odd in map(orjson.loads, pieces()):
            sizes = [max(s, width(c)) for s, c in zip(sizes, row, strict=True)]
            count, total, unknown = count + 1, total + Decimal(yuan or 0), unknown + odd
        yield "\n".join(table_head(head, sizes)).encode("utf-8")
        for piece in pieces():
            yield ("\n" + table_row(orjson.loads(piece)[0], sizes)).encode("utf-8")
        footer = _footer(count, len(frame.sources), total, unknown)
        yield ("\n\n" + footer + "\n").encode("utf-8")


SUMMARY = SummaryLayout()


def _header() -> list[str]:
    return [
        t("文件", "file"),
        t("序号", "No."),
        t("项目名称", "project"),
        t("实施单位", "unit"),
        t("年度", "year"),
        t("年度资金申请总额", "annual request"),
        t("单位", "unit"),
        t("指标数", "indicators"),
        t("导入说明", "notes"),
        t("表样模板", "template"),
        t("置信度", "confidence"),
        t("次选", "runner-up"),
    ]


def _footer(forms: int, sources: int, total: Decimal, unknown: int = 0) -> str:
    said = t(
        f"共 {forms} 张表，来自 {sources} 个文件；年度资金申请合计 {format_decimal(total)} 元",
        f"{forms} forms from {sources} files; annual requests total {format_decimal(total)} 元",
    )
    if unknown:  # docs/templates.md, *Money*: a figure of an unknown unit is never totalled
        said += t(
            f"（其中 {unknown} 张表资金单位不明，未计入合计）",
            f" ({unknown} of them with funds in an unknown unit, not in the total)",
        )
    return said
