"""`jixiao import` and `jixiao export --to json|csv` write each form as it is read (through a
spool file) and give the bytes the batch in memory gives: every format, every --on-match, a bad
file left out with --skip-bad after some of its forms were read, --form; and nothing on standard
output when a file fails. The command starts without the modules it does not use."""

from __future__ import annotations

import argparse
import csv
import errno
import gc
import io
import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from tests.conftest import DATA, SEED
from tests.documents.strategies import batches

from jixiao.cli import common, import_cmd
from jixiao.cli.common import read_inputs, write_streamed
from jixiao.cli.main import main
from jixiao.cli.textlayout import clip, pad, width
from jixiao.domain.form import Form
from jixiao.domain.target import format_decimal
from jixiao.exporters.csv_export import CSV, HEADER, form_rows, render_csv
from jixiao.exporters.no_formulas import csv_rows
from jixiao.i18n import t
from jixiao.interchange import CANONICAL, Batch
from jixiao.matching import OnMatch, dedupe
from jixiao.pieces import render

LAYOUTS = {"json": CANONICAL, "csv": CSV, "table": import_cmd.SUMMARY}


def run(capsys, *args: str) -> tuple[int, bytes, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.encode("utf-8"), err


@pytest.fixture
def files(tmp_path):
    """The seed; the seed sent again (other bytes, so it is read); a variant; and the seed with
    its second form's project total out of bounds, which fails after its first form is read."""
    text = SEED.read_text(encoding="utf-8")
    again = tmp_path / "again.txt"
    again.write_text(text + "\n", encoding="utf-8")
    lines = text.split("\n")
    lines[224] = "\t99999999999999999999.00"
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(lines), encoding="utf-8")
    return {
        "seed": str(SEED),
        "again": str(again),
        "bad": str(bad),
        "pipe": str(DATA / "variants" / "pipe_rows.txt"),
    }


def in_memory(paths: list[str], fmt: str, on_match: OnMatch) -> bytes:
    """What the command writes, made from the whole batch in memory."""
    batch, _ = dedupe(read_inputs(paths, None), on_match)
    return b"".join(render(LAYOUTS[fmt], batch))


@pytest.mark.parametrize("fmt", sorted(LAYOUTS))
@pytest.mark.parametrize("on_match", list(OnMatch))
def test_streamed_output_is_the_batch_written_in_memory(capsys, tmp_path, files, fmt, on_match):
    paths = [files["seed"], files["pipe"], files["again"], files["seed"]]
    out = tmp_path / f"out.{fmt}"
    args = ["import", *paths, "--format", fmt, "--on-match", on_match.value, "-o", str(out)]
    code, _, err = run(capsys, *args)
    assert code == 0
    assert out.read_bytes() == in_memory(paths, fmt, on_match)
    assert f"与 {files['seed']} 第 1 张表" in err  # the first form of `again` matched the seed's


@pytest.mark.parametrize("fmt", sorted(LAYOUTS))
def test_a_bad_file_skipped_after_some_of_its_forms_leaves_none_of_them(capsys, files, fmt):
    good = [files["seed"], files["pipe"]]
    code, out, err = run(
        capsys,
        "import",
        files["seed"],
        files["bad"],
        files["pipe"],
        "--skip-bad",
        "--on-match",
        "replace",
        "--format",
        fmt,
    )
    assert code == 0 and files["bad"] in err
    assert out == in_memory(good, fmt, OnMatch.REPLACE)


def test_a_bad_file_after_forms_were_read_writes_nothing_to_standard_output(capsys, files):
    code, out, err = run(capsys, "import", files["seed"], files["bad"])
    assert code == 2 and out == b"" and files["bad"] in err


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_writes_the_forms_asked_for_as_they_are_read(capsys, files, fmt):
    code, out, _ = run(capsys, "export", files["seed"], "--to", fmt, "--form", "5", "--form", "2")
    batch = read_inputs([files["seed"]], None)
    chosen = Batch(batch.sources, (batch.forms[1], batch.forms[4]), batch.notes)
    assert code == 0 and out == b"".join(render(LAYOUTS[fmt], chosen))
    code, out, err = run(capsys, "export", files["seed"], "--to", fmt, "--form", "16")
    assert code == 2 and out == b"" and "没有第 16 张表（共 15 张）" in err


@pytest.mark.parametrize("fmt", sorted(LAYOUTS))
def test_a_document_without_forms_is_written_with_none(capsys, tmp_path, fmt):
    empty = tmp_path / "empty.json"
    empty.write_text('{"schema": "jixiao/forms@1", "forms": []}', encoding="utf-8")
    code, out, _ = run(capsys, "import", str(empty), "--format", fmt)
    assert code == 0 and out == in_memory([str(empty)], fmt, OnMatch.SEPARATE)
    if fmt != "table":
        code, out, err = run(capsys, "export", str(empty), "--to", fmt)
        assert code == 2 and out == b"" and "没有可导出的表单" in err


def whole_table_csv(batch: Batch) -> bytes:
    """The CSV as it was written before it was written form by form: all rows at once."""
    rows = [HEADER, *(row for form in batch.forms for row in form_rows(form, batch.sources))]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(csv_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(batches())
def test_csv_written_form_by_form_is_the_csv_of_the_whole_table(batch):
    assert render_csv(batch) == whole_table_csv(batch)


def whole_table(batch: Batch) -> bytes:
    """The table as `jixiao import --format table` laid it out before it was written form by
    form: every row at once, then the widths."""
    rows = [
        [
            import_cmd.clip_left(import_cmd.source_name(f, batch.sources), 24),
            str(f.seq),
            f.project_name or "—",
            f.implementing_unit or "—",
            str(f.budget_year or "—"),
            "" if f.funds.annual_request is None else f"{f.funds.annual_request:,}",
            f.funds.unit,
            str(len(f.indicators)),
            str(len(f.notes)),
            *import_cmd.template_cells(f),
        ]
        for f in batch.forms
    ]
    limits = [24, 4, 30, 30, 6, 16, 4, 6, 8, 24, 6, 32]
    cells = [[clip(c, limits[i]) for i, c in enumerate(r)] for r in rows]
    head = [clip(h, limits[i]) for i, h in enumerate(import_cmd._header())]
    sizes = [max(width(r[i]) for r in [head, *cells]) for i in range(len(head))]
    lines = ["  ".join(pad(c, s) for c, s in zip(head, sizes, strict=True)).rstrip()]
    lines += ["  ".join("-" * s for s in sizes)]
    lines += ["  ".join(pad(c, s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in cells]
    total = sum((f.funds.requested_yuan or Decimal(0) for f in batch.forms), Decimal(0))
    footer = t(
        f"共 {len(batch.forms)} 张表，来自 {len(batch.sources)} 个文件；"
        f"年度资金申请合计 {format_decimal(total)} 元",
        f"{len(batch.forms)} forms from {len(batch.sources)} files; "
        f"annual requests total {format_decimal(total)} 元",
    )
    return ("\n".join(lines) + "\n\n" + footer + "\n").encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(batches())
def test_the_table_written_form_by_form_is_the_table_laid_out_at_once(batch):
    assert b"".join(render(import_cmd.SUMMARY, batch)) == whole_table(batch)


def test_forms_written_are_not_held_while_the_next_are_read(tmp_path, files):
    """While a form's piece is written, the forms read before it are gone (memory does not
    grow with the batch): at most the form at hand and the one being read are alive, besides
    those other tests keep."""
    alive: list[int] = []
    gc.collect()
    before = sum(isinstance(o, Form) for o in gc.get_objects())

    class Counting:
        def piece(self, form, sources):
            alive.append(sum(isinstance(o, Form) for o in gc.get_objects()) - before)
            return CANONICAL.piece(form, sources)

        def document(self, frame, pieces):
            return CANONICAL.document(frame, pieces)

    paths = [files["seed"], files["pipe"], files["again"]]
    args = argparse.Namespace(
        files=paths, input_format=None, skip_bad=False, on_match="separate", output=None
    )
    write_streamed(args, Counting())
    assert len(alive) == 31 and max(alive) <= 2


def test_import_starts_without_the_review_openpyxl_or_the_other_commands(tmp_path):
    code = (
        "import sys; from jixiao.cli.main import main; "
        f"main(['import', {str(SEED)!r}, '-o', {str(tmp_path / 'out.json')!r}]); "
        "print(sorted(m for m in ('openpyxl', 'jixiao.review', 'jixiao.cli.review_cmd', "
        "'jixiao.exporters.docx_export') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "out.json").stat().st_size > 0


def test_a_command_is_found_in_its_module_alone():
    from jixiao.cli import COMMANDS, import_cmd

    assert COMMANDS.of_module("jixiao.cli.import_cmd") == {"import": import_cmd.configure}
    assert COMMANDS.of_module("jixiao.cli.nothing_cmd") == {}


class FullDisk(io.BytesIO):
    def write(self, data):  # type: ignore[override]
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", ["create", "write"])
def test_a_spool_that_cannot_be_written_is_said_and_nothing_is_written(
    capsys, monkeypatch, tmp_path, failing
):
    def temporary_file(**_):
        if failing == "create":
            raise OSError(errno.EACCES, "Permission denied")
        return FullDisk()

    monkeypatch.setattr(common.tempfile, "TemporaryFile", temporary_file)
    out = tmp_path / "out.json"
    code, printed, err = run(capsys, "import", str(SEED), "-o", str(out))
    assert code == 2 and printed == b"" and not out.exists()
    assert "临时文件无法写入" in err and "TMPDIR" in err and "Traceback" not in err
