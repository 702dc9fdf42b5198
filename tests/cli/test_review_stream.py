"""`jixiao review` to JSON and text is streamed: files read one at a time, the forms let go as
they are reviewed, and the report byte for byte the one of the whole batch (issue 11, item 6)."""

from __future__ import annotations

import gc
import weakref
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import SEED

import jixiao.review.spill as spill
from jixiao.cli.common import read_inputs
from jixiao.cli.main import main
from jixiao.exporters.review_json import iter_json
from jixiao.exporters.review_text import render_text
from jixiao.matching import OnMatch
from jixiao.review import load_settings, review_batch
from jixiao.review.engine import Review


def _files(tmp_path: Path) -> list[str]:
    """The seed (15 forms of 2021), then its forms twice over filed for 2024, in two files a
    byte apart (the second matches the first): most forms are of 2024, whose rule set differs
    from the first file's."""
    text = SEED.read_text("utf-8")
    later = text.replace("2021", "2024") * 2
    paths = [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"]
    for path, content in zip(paths, (text, later, later + "\n"), strict=True):
        path.write_text(content, "utf-8")
    return [str(p) for p in paths]


def _whole(files: list[str], on_match: OnMatch, capsys):
    """The report of the batch read whole, as the command made it before it streamed."""
    batch = read_inputs(files, None, False, on_match)
    years = Counter(f.budget_year for f in batch.forms if f.budget_year)
    settings = load_settings(None, None, years.most_common(1)[0][0])
    report = review_batch(batch, settings)
    capsys.readouterr()
    return report


@pytest.mark.parametrize("on_match", ["separate", "skip"])
def test_the_streamed_report_is_the_whole_batch_report(tmp_path, capsys, monkeypatch, on_match):
    files = _files(tmp_path)
    monkeypatch.setattr(spill, "IN_MEMORY", 7)  # most forms' parts go through the file
    report = _whole(files, OnMatch(on_match), capsys)
    assert report.settings_name.endswith("+mof2021")  # the files that come later decide
    out = tmp_path / "out.json"
    assert main(["review", *files, "--on-match", on_match, "--format", "json", "-o", str(out)]) == 0
    assert out.read_bytes() == b"".join(iter_json(report))
    said = {"separate": "两张都保留", "skip": "已跳过"}[on_match]
    assert capsys.readouterr().err.count(said) == 30  # once each, though the files were read twice
    assert main(["review", *files, "--on-match", on_match]) == 0
    assert capsys.readouterr().out == render_text(report)


def test_fail_on_is_read_from_the_streamed_reviews(tmp_path, capsys):
    files = _files(tmp_path)
    assert main(["review", *files, "--format", "json", "-o", str(tmp_path / "o.json")]) == 0
    assert main(["review", *files, "--format", "json", "--fail-on", "warning"]) == 1


def test_the_forms_of_a_file_are_let_go_before_the_next_but_one_is_read(tmp_path, monkeypatch):
    files = _files(tmp_path)
    alive: dict[int, list[weakref.ref]] = {}  # source -> the forms of that file reviewed
    add = Review.add

    def adding(self, form):
        if form.source not in alive:  # a file's first form: the file two back is let go
            gc.collect()
            assert not [r for r in alive.get(form.source - 2, ()) if r() is not None]
        alive.setdefault(form.source, []).append(weakref.ref(form))
        add(self, form)

    monkeypatch.setattr(Review, "add", adding)
    out = tmp_path / "out.json"
    assert main(["review", *files, "--format", "json", "-o", str(out)]) == 0
    assert sorted(alive) == [0, 1, 2]
