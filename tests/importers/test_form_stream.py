"""A document read as a stream: its lines split a block at a time are the lines split at once,
the layout is found on a stream as on a list, and the forms come one by one, each before the
rest of the document is read."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import DATA, SEED

from jixiao.errors import InputError
from jixiao.importers import read_bytes, read_path, stream_bytes
from jixiao.importers.decode import decode, iter_lines, split_lines
from jixiao.importers.grid import detect

VARIANTS = sorted((DATA / "variants").glob("*.txt")) + sorted((DATA / "clean").glob("*.txt"))
LINE_TEXT = st.text(alphabet="ab \t\r\n\ufeff项", max_size=60)


@settings(max_examples=300, deadline=None)
@given(LINE_TEXT, st.integers(1, 8))
def test_lines_split_a_block_at_a_time_are_the_lines_split_at_once(text, block):
    assert list(iter_lines(text, block)) == split_lines(text)


def test_lines_of_a_large_document_are_the_lines_split_at_once():
    text = SEED.read_text(encoding="utf-8") * 40  # 1.7 MB: more than one default block
    assert list(iter_lines(text)) == split_lines(text)


def test_the_layout_is_found_on_a_stream_as_on_a_list():
    for path in [SEED, *VARIANTS]:
        lines = split_lines(decode(path.read_bytes(), str(path))[0])
        on_list, on_stream = detect(lines), detect(iter(lines))
        assert (on_stream.layout, on_stream.has_rows) == (on_list.layout, on_list.has_rows)
        assert list(on_stream.rows) == list(on_list.rows), path.name


def test_a_layout_found_past_the_first_4000_lines_is_found_on_a_stream():
    lines = [""] * 5000 + split_lines(SEED.read_text(encoding="utf-8"))
    assert list(detect(iter(lines)).rows) == list(detect(lines).rows)


def test_a_stream_gives_the_forms_of_the_batch_and_then_its_notes():
    for path in [SEED, *VARIANTS]:
        data = path.read_bytes()
        stream = stream_bytes(data, str(path))
        forms = list(stream.forms)
        batch = read_bytes(data, str(path))
        assert forms == list(batch.forms)
        assert tuple(stream.notes) == batch.notes and stream.source == batch.sources[0]


def test_each_form_comes_before_the_rest_of_the_document_is_read():
    # the second form's project total is out of bounds: the first comes out, then the error
    text = SEED.read_text(encoding="utf-8").split("\n")
    assert text[224] == "\t50000.00"
    text[224] = "\t99999999999999999999.00"
    stream = stream_bytes("\n".join(text).encode("utf-8"), "bad.txt")
    assert next(stream.forms).project_name == read_path(SEED).forms[0].project_name
    try:
        next(stream.forms)
    except InputError as exc:
        assert exc.path == "bad.txt" and "99999999999999999999.00" in str(exc)
    else:
        raise AssertionError("the second form was read")
