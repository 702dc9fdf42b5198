"""`-o FILE` of every command (`cli.common.write_output`): a file is written whole or not at all
(a temporary file beside it, then renamed over it), with the permissions it had or a new file's;
a path that is no regular file (`/dev/null`, a named pipe) is written into, never replaced by a
file, and a link is followed. Run as root, `-o /dev/null` had put a regular file in place of the
device."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from pathlib import Path

import pytest
from tests.conftest import SEED

from jixiao.cli.main import main


def test_a_named_pipe_is_written_into_and_stays_a_pipe(capsys, tmp_path: Path) -> None:
    file, pipe = tmp_path / "forms.json", tmp_path / "pipe"
    assert main(["import", str(SEED), "-o", str(file)]) == 0
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    try:
        code = main(["import", str(SEED), "-o", str(pipe)])
    finally:
        # nothing opened the pipe for writing: let a reader still waiting go (without waiting
        # ourselves for a reader that may have finished since: ENXIO, none is left)
        with contextlib.suppress(OSError):
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=60)
    assert code == 0
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert got == [file.read_bytes()]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_file_gets_the_permissions_the_umask_gives(tmp_path: Path, umask: int) -> None:
    out = tmp_path / "forms.json"
    before = os.umask(umask)
    try:
        assert main(["import", str(SEED), "-o", str(out)]) == 0
    finally:
        os.umask(before)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_a_file_written_again_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "forms.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(["export", str(SEED), "--to", "csv", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8") != "old"


def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    real, link = tmp_path / "reports" / "2021.json", tmp_path / "latest.json"
    real.write_text("old", encoding="utf-8")
    link.symlink_to(real)
    assert main(["import", str(SEED), "-o", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8").startswith("{")
    leftovers = [p for p in (tmp_path / "reports").iterdir() if p.name.startswith(".")]
    assert leftovers == []
