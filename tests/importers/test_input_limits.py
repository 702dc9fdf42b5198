"""Inputs without a size to check or nested without end: devices and pipes stop at the size limit
files have; JSON nested deeper than MAX_JSON_DEPTH is refused before it is parsed. Both with a
one-line message naming the file and exit code 2, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import SEED

from jixiao.errors import InputError
from jixiao.importers import read_path
from jixiao.interchange import MAX_JSON_DEPTH, json_depth

CLI = [sys.executable, "-m", "jixiao.cli.main"]
MB = 1024 * 1024


def jixiao(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JIXIAO_LANG": "zh"}
    env.pop("JIXIAO_MAX_IMPORT_MB", None)
    done = subprocess.run([*CLI, *args], input=stdin, capture_output=True, env=env, timeout=120)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def test_dev_zero_stops_at_the_size_limit() -> None:
    done = jixiao("import", "/dev/zero")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "jixiao: /dev/zero: 文件过大（超过上限 20.0 MB；可设 JIXIAO_MAX_IMPORT_MB 调整）\n"
    )


def test_a_pipe_larger_than_the_limit_is_refused() -> None:
    done = jixiao("import", "/dev/stdin", stdin=b"x" * (20 * MB + 1))
    assert done.returncode == 2
    assert done.stderr.startswith("jixiao: /dev/stdin: 文件过大")


def test_a_pipe_within_the_limit_is_read() -> None:
    done = jixiao("import", "/dev/stdin", stdin=SEED.read_bytes())
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["forms"]) == 15


def feed(path: str, data: bytes) -> threading.Thread:
    """Write `data` into the FIFO at `path` from another thread (the reader may stop early)."""

    def write() -> None:
        try:
            with open(path, "wb") as fifo:
                fifo.write(data)
        except BrokenPipeError:
            pass

    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_read_up_to_the_limit_and_no_further(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_IMPORT_MB", "1")
    fifo = str(tmp_path / "forms.txt")
    os.mkfifo(fifo)
    writer = feed(fifo, SEED.read_bytes() * 50)  # 1.5 MB
    with pytest.raises(InputError) as caught:
        read_path(fifo)
    writer.join(timeout=30)
    assert caught.value.path == fifo
    assert "文件过大" in caught.value.text.zh
    writer = feed(fifo, SEED.read_bytes())  # under the limit: read as a file would be
    assert len(read_path(fifo).forms) == 15
    writer.join(timeout=30)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"schema": "jixiao/forms@1", "forms": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1),
    ],
    ids=["arrays", "objects", "inside-a-batch", "one-too-deep"],
)
def test_json_nested_too_deep_exits_2_with_a_message(tmp_path, text) -> None:
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    done = jixiao("import", str(path))
    assert done.returncode == 2
    assert done.stderr == f"jixiao: {path}: JSON 嵌套过深：超过 {MAX_JSON_DEPTH} 层\n"


def test_json_at_the_depth_limit_is_parsed(tmp_path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH, encoding="utf-8")
    done = jixiao("import", str(path))
    assert done.returncode == 2  # parsed: it is just no jixiao/forms@1 document
    assert "不是 jixiao/forms@1 文档" in done.stderr


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab,:'),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(alphabet='[]{}"\\k'), inner, max_size=3)
    ),
    max_leaves=30,
)


def depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    return 0


@given(json_values, st.booleans())
def test_the_depth_scan_counts_exactly_what_the_parser_nests(value, indent) -> None:
    """Brackets and escaped quotes inside strings are no nesting; all the rest is."""
    text = json.dumps(value, indent=2 if indent else None)
    assert json_depth(text, limit=1000) == depth(value)
