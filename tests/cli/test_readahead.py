"""Reading the next file in a child process (`jixiao.cli.readahead`) changes nothing a user
sees: on a batch of files of every kind, with an identical file, a bad one, forms that match
across files, the output file, standard output, standard error and the exit status are those
of reading every file in the command's own process; and so they are when the child dies."""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from tests.cli.test_cli import run
from tests.cli.test_import_folder import folder  # noqa: F401 - the fixture, reused
from tests.conftest import SEED

from jixiao.cli import readahead
from jixiao.errors import JixiaoError
from jixiao.importers import read_bytes, read_path
from jixiao.interchange import form_from_json, form_to_json

pytestmark = pytest.mark.skipif(
    readahead.processors() < 2 or "fork" not in multiprocessing.get_all_start_methods(),
    reason="one processor, or no fork: nothing is read ahead",
)


@pytest.fixture(autouse=True)
def _small_files_too(monkeypatch) -> None:
    """The test documents are small: read ahead whatever their size."""
    monkeypatch.setattr(readahead, "AHEAD_BYTES", 0)
    monkeypatch.delenv("JIXIAO_READ_AHEAD", raising=False)


FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def batch(tmp_path: Path, folder: Path) -> Path:  # noqa: F811 - the fixture imported above
    """The mixed folder, with a copy of the seed, a file that is no form, and the seed again
    under another name (identical bytes)."""
    root = tmp_path / "batch"
    shutil.copytree(folder, root, symlinks=True)
    (root / "f-again.txt").write_bytes(SEED.read_bytes())
    (root / "g-bad.txt").write_bytes(b"\x00\x01\x02 not a form \xff" * 50)
    return root


def _twice(capsys, monkeypatch, tmp_path: Path, *args: str) -> list[tuple[int, str, str, bytes]]:
    """The command with reading ahead, then without: (status, stdout, stderr, output file)."""
    results = []
    for ahead in (True, False):
        out = tmp_path / f"out-{ahead}"
        if not ahead:
            monkeypatch.setattr(readahead, "wanted", lambda paths: False)
        code, stdout, stderr = run(capsys, *args, "-o", str(out))
        results.append((code, stdout, stderr, out.read_bytes() if out.exists() else b""))
    return results


@pytest.mark.parametrize(
    ("command", "on_match"),
    [
        (("import",), "skip"),
        (("import", "--format", "csv"), "replace"),
        (("review", "--format", "json"), "skip"),
        (("review", "--format", "text"), "replace"),
        (("export", "--to", "xlsx"), "separate"),
    ],
)
def test_a_batch_read_ahead_gives_what_reading_here_gives(
    capsys, monkeypatch, tmp_path: Path, batch: Path, command: tuple[str, ...], on_match: str
) -> None:
    args = (*command, str(batch), "--skip-bad", "--on-match", on_match)
    ahead, here = _twice(capsys, monkeypatch, tmp_path, *args)
    if "xlsx" in command:  # a zip with the time of writing inside: compare what it holds
        ahead, here = [(*r[:3], _forms_in(r[3], "out.xlsx")) for r in (ahead, here)]
    assert ahead == here
    code, _, err, written = ahead
    assert code in (0, 1)  # 1: review findings
    assert "g-bad.txt" in err and "f-again.txt" in err  # skipped, and said so
    assert len(written) > 1000


def _forms_in(data: bytes, name: str) -> bytes:
    return orjson.dumps([form_to_json(f) for f in read_bytes(data, name).forms])


def test_a_bad_file_stops_the_batch_read_ahead_as_here(
    capsys, monkeypatch, tmp_path: Path, batch: Path
) -> None:
    ahead, here = _twice(capsys, monkeypatch, tmp_path, "import", str(batch))
    assert ahead == here
    code, _, err, written = ahead
    assert code == 2 and "g-bad.txt" in err and written == b""


def test_a_file_that_cannot_be_read_at_all_is_said_as_here(
    capsys, monkeypatch, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    args = ("import", str(tmp_path / "a.txt"), str(tmp_path / "gone.txt"))
    ahead, here = _twice(capsys, monkeypatch, tmp_path, *args)
    assert ahead == here
    assert ahead[0] == 2 and f"{tmp_path / 'gone.txt'}: 文件不存在" in ahead[2]


def _dies(path: str, fmt: str | None) -> readahead.Read:
    os._exit(3)  # the child gone, as if killed


def test_when_the_child_dies_the_files_are_read_here(
    capsys, monkeypatch, tmp_path: Path, batch: Path
) -> None:
    args = ("review", "--format", "json", str(batch), "--skip-bad", "--on-match", "skip")
    monkeypatch.setattr(readahead, "read_in_child", _dies)
    code, _, err, written = _twice(capsys, monkeypatch, tmp_path, *args)[0]
    monkeypatch.undo()
    monkeypatch.setattr(readahead, "wanted", lambda paths: False)
    assert (code, err) == run(capsys, *args, "-o", str(tmp_path / "here"))[::2]
    assert written == (tmp_path / "here").read_bytes()


def test_when_reading_ahead_is_wanted(monkeypatch, tmp_path: Path) -> None:
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_bytes(SEED.read_bytes())
    large.write_bytes(b"x" * (1 << 20))
    monkeypatch.undo()  # the size that counts, not the tests' 0
    assert readahead.wanted([str(small), str(large)])
    assert not readahead.wanted([str(small), str(small)])  # under a megabyte in all
    assert not readahead.wanted([str(large)])  # one file: nothing to read ahead of
    monkeypatch.setenv("JIXIAO_READ_AHEAD", "0")
    assert not readahead.wanted([str(small), str(large)])


def test_every_fixture_form_comes_back_from_canonical_json_as_it_was(
    folder: Path,  # noqa: F811 - the fixture imported above
) -> None:
    """What the child relies on: a form read, written as canonical JSON and read back, is the
    same form, for every document the tests hold: the published forms of every template, and
    the seed as text, Word, Excel, web page and PDF."""
    files = [*FIXTURES.rglob("*"), *folder.rglob("*")]
    paths = sorted(p for p in files if p.is_file() and not p.is_symlink())
    read = 0
    for path in paths:
        try:
            forms = read_path(path).forms
        except JixiaoError:  # not a form document (the folder's picture, notes)
            continue
        for form in forms:
            assert form_from_json(orjson.loads(orjson.dumps(form_to_json(form))), "x") == form
            read += 1
    assert read >= 9 + 15 + 5  # published forms, the seed, its forms in other formats


def test_ctrl_c_stops_the_command_and_its_child_without_a_traceback(tmp_path: Path) -> None:
    """Ctrl-C as the child starts, sent to both as a terminal sends it: the command says it was
    interrupted (exit 130), writes nothing, and the child leaves no traceback of its own and no
    process behind."""
    seed = SEED.read_bytes()
    files = []
    for k in range(6):  # about 2 MB: read ahead without lowering the size it takes
        path = tmp_path / f"f{k}.txt"
        path.write_bytes(seed * 12 + b"\n" * (k + 1))
        files.append(str(path))
    out = tmp_path / "out.json"
    jixiao = Path(sys.executable).with_name("jixiao")
    env = {k: v for k, v in os.environ.items() if k != "JIXIAO_READ_AHEAD"}
    command = [str(jixiao), "review", *files, "--format", "json", "-o", str(out)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, env=env)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if children.exists() and children.read_text().split():
            break  # the child is there
        time.sleep(0.01)
    kids = children.read_text().split() if process.poll() is None else []
    if not kids:
        pytest.skip("the command ended before its child could be seen")
    for kid in kids:  # as a terminal does: the child too, at once
        os.kill(int(kid), signal.SIGINT)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    said = err.decode("utf-8")
    assert process.returncode == 130, said
    assert "jixiao: 已中断" in said and "Traceback" not in said
    assert not out.exists()
    assert not any(Path(f"/proc/{kid}").exists() for kid in kids)
