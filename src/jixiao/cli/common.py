"""What the sub-commands share: reading many files with a progress bar, writing output safely."""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from jixiao import templates
from jixiao.cli import collector, readahead
from jixiao.cli.readahead import Read, ReadAhead
from jixiao.cli.streamed import Kept, Reading, Sink, Spool
from jixiao.domain.form import Form, Source
from jixiao.domain.paper import SOURCE, STANDARD
from jixiao.errors import InputError, JixiaoError
from jixiao.exporters import Writer
from jixiao.i18n import Text, t
from jixiao.importers import FormStream, formats, read_file, stream_bytes
from jixiao.interchange import Batch
from jixiao.matching import OnMatch
from jixiao.pieces import FormLayout

# Output is written, and spooled, a piece of some kilobytes per form: a buffer of this size
# makes a system call of many pieces.
_BLOCK = 1 << 20


class Progress:
    """A one-line progress bar on standard error, shown only on a terminal."""

    def __init__(self, total: int, label: str) -> None:
        self.total = total
        self.label = label
        self.enabled = total > 1 and sys.stderr.isatty()

    def step(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        size = 30
        filled = size * done // self.total
        bar = "█" * filled + "░" * (size - filled)
        sys.stderr.write(f"\r{self.label} {bar} {done}/{self.total} {Path(name).name[:30]:<30}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """FILE..., --input-format and --skip-bad: how every command that reads documents takes them
    (`read_args` reads them back)."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=t(
            "文件或目录（目录中可读取的文件按名称顺序读取，隐藏文件除外）",
            "files or folders (a folder's readable files are read in the order of their names, "
            "hidden files left out)",
        ),
    )
    parser.add_argument(
        "--input-format",
        metavar="NAME",
        help=t(
            "输入格式（默认自动识别），如 seed-text、json、html、pdf",
            "input format (default: detect), e.g. seed-text, json, html, pdf",
        ),
    )
    parser.add_argument(
        "--skip-bad",
        action="store_true",
        help=t("跳过无法读取的文件并继续", "skip files that cannot be read and go on"),
    )
    parser.add_argument(
        "--on-match",
        choices=[m.value for m in OnMatch],
        default=OnMatch.SEPARATE.value,
        help=t(
            "后一个文件中与前面文件年度、单位、项目名称相同的表单：skip 跳过，replace 替换，"
            "separate 都保留（默认）。内容完全相同的文件总是只读一次。",
            "a form of a later file with the same budget year, unit and project name as one of an "
            "earlier file: skip it, replace the earlier one, or keep both (separate, the default). "
            "A file identical to an earlier one is always read once.",
        ),
    )


def read_args(args: argparse.Namespace) -> Batch:
    """The batch of the documents the arguments name, repeated forms handled by --on-match."""
    return read_inputs(args.files, args.input_format, args.skip_bad, on_match(args))


def on_match(args: argparse.Namespace) -> OnMatch:
    return OnMatch(getattr(args, "on_match", OnMatch.SEPARATE))


def read_inputs(
    paths: Sequence[str], fmt: str | None, skip_bad: bool = False, on_match: OnMatch | None = None
) -> Batch:
    """All files as one batch in memory (`read_into`)."""
    kept = Kept()
    frame = read_into(kept, paths, fmt, skip_bad, on_match)
    return Batch(frame.sources, kept.forms(), frame.notes)


def write_streamed(
    args: argparse.Namespace,
    layout: FormLayout,
    wanted: set[int] | None = None,
    check: Callable[[int], None] | None = None,
    also: Sink | None = None,
) -> None:
    """The documents the arguments name, written by `layout` to --output form by form as they
    are read (`jixiao.cli.streamed`); with `wanted`, only the forms at those 1-based positions.
    `check` is given how many forms were kept once all are read, and may refuse them (raise)
    before anything is written. `also` is given every form as the spool is (a summary kept
    beside the output)."""
    with _spool_file() as handle:
        spool = Spool(layout, handle)
        sink: Sink = spool if also is None else Both(spool, also)
        try:
            frame = read_into(sink, args.files, args.input_format, args.skip_bad, on_match(args))
        except BrokenPipeError:
            raise
        except OSError as exc:  # read_file says what is wrong with a file read: this is the spool
            raise _no_spool(exc) from None
        if check is not None:
            check(spool.kept())
        write_output(layout.document(frame, lambda: spool.pieces(wanted)), args.output)


class Both:
    """Two sinks given the same forms, cuts and drops: the output's spool and a summary."""

    def __init__(self, first: Sink, second: Sink) -> None:
        self.first, self.second = first, second

    def __len__(self) -> int:
        return len(self.first)

    def add(self, form: Form, sources: Sequence[Source]) -> None:
        self.first.add(form, sources)
        self.second.add(form, sources)

    def cut(self, size: int) -> None:
        self.first.cut(size)
        self.second.cut(size)

    def drop(self, place: int) -> None:
        self.first.drop(place)
        self.second.drop(place)


def _spool_file() -> IO[bytes]:
    try:
        return tempfile.TemporaryFile(buffering=_BLOCK)
    except OSError as exc:
        raise _no_spool(exc) from None


def _no_spool(exc: OSError) -> InputError:
    return InputError(
        Text(
            "临时文件无法写入（{where}）：{e}；可设 TMPDIR 指定其他目录",
            "cannot write a temporary file ({where}): {e}; set TMPDIR to use another folder",
        ).format(where=tempfile.gettempdir(), e=exc.strerror or exc)
    )


def read_into(
    sink: Sink, paths: Sequence[str], fmt: str | None, skip_bad: bool, match: OnMatch | None
) -> Batch:
    """Every file's forms into `sink` as they are read; returns the batch's sources and notes.
    A file identical to an earlier one (sha256) is read once. A bad file stops everything (exit
    2), or with `skip_bad` is reported and left out. With `match`, a form matching one of an
    earlier file is handled as `matching.dedupe` does, and what matched is said on stderr. A
    folder among `paths` stands for its files (`expand_paths`)."""
    paths = expand_paths(paths, fmt)
    reading = Reading(sink, match if len(paths) > 1 else None)  # one file: nothing to match
    errors: list[JixiaoError] = []
    seen: dict[str, str] = {}  # sha256 -> the first path with those bytes
    progress = Progress(len(paths), t("读取", "reading"))
    ahead = ReadAhead(paths, fmt) if readahead.wanted(paths) else None
    try:
        for done, path in enumerate(paths, 1):
            progress.step(done - 1, path)
            try:
                _read_once(reading, path, fmt, seen, ahead.read(done - 1) if ahead else None)
            except JixiaoError as exc:
                if not skip_bad:
                    progress.close()
                    if len(paths) > 1:
                        raise _stopped(exc, len(paths)) from None
                    raise
                errors.append(exc)
            progress.step(done, path)
    finally:
        if ahead is not None:
            ahead.close()
    progress.close()
    for exc in errors:
        print(f"jixiao: {t('已跳过', 'skipped')} {exc}", file=sys.stderr)
    if errors and not reading.count:
        raise InputError(Text("没有可读取的文件", "no file could be read"))
    for said in reading.said:
        print(said, file=sys.stderr)
    return Batch(tuple(reading.sources), (), tuple(reading.notes))


def _stopped(exc: JixiaoError, files: int) -> JixiaoError:
    """The error of one file of many, with what it means for the batch and what to do."""
    said = Text(
        "（共 {n} 个文件，未写出任何内容；加 --skip-bad 可跳过无法读取的文件，读取其余文件）",
        " ({n} files, nothing written; --skip-bad leaves out the files that cannot be read "
        "and reads the others)",
    ).format(n=files)
    return type(exc)(exc.text + said, path=exc.path, line=exc.line, field=exc.field)


def expand_paths(paths: Sequence[str], fmt: str | None = None) -> list[str]:
    """The files `paths` name: a file as it is, a folder as the files under it that a reader
    takes by their extension (`importers.formats`; with `fmt`, that format's), in the order of
    their paths. Hidden files and folders are left out; a link is followed only to a file inside
    the folder; a file of another kind is left out, and said on stderr."""
    files: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)
            continue
        found = list(_walk(path, _extensions(fmt)))
        if not found:
            raise InputError(
                Text("目录中没有可读取的文件", "no file in the folder can be read"), path=path
            )
        files.extend(found)
    return files


def _extensions(fmt: str | None) -> tuple[str, ...]:
    known = formats()
    chosen = [known[fmt]] if fmt in known else known.values()
    return tuple(ext.lower() for f in chosen for ext in f.extensions)


def _walk(folder: str, extensions: tuple[str, ...]) -> Iterator[str]:
    root = os.path.realpath(folder)
    for here, dirs, names in os.walk(folder):  # links to folders are not followed
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(here, name)
            if name.startswith("."):
                continue
            if not name.lower().endswith(extensions):
                _left_out(path, Text("不是可读取的格式", "not a format jixiao reads"))
            elif (
                os.path.islink(path) and os.path.commonpath([root, os.path.realpath(path)]) != root
            ):
                _left_out(path, Text("链接指向目录之外", "a link to outside the folder"))
            else:
                yield path


def _left_out(path: str, why: Text) -> None:
    print(
        t(f"jixiao: 已跳过 {path}：{why.zh}", f"jixiao: skipped {path}: {why.en}"), file=sys.stderr
    )


def _read_once(
    reading: Reading, path: str, fmt: str | None, seen: dict[str, str], read: Read | None = None
) -> None:
    """The file read (here, or `read` by the child of `readahead`), unless its bytes were read
    already (said on stderr)."""
    stream = _stream_once(path, fmt, seen, read)
    if stream is not None:
        with collector.paused():
            reading.take(stream)


def _stream_once(
    path: str, fmt: str | None, seen: dict[str, str], read: Read | None = None
) -> FormStream | None:
    """The file's stream (which alone keeps its bytes), or None when they were read already."""
    if read is None:
        data = read_file(path)
        sha = hashlib.sha256(data).hexdigest()
    elif read.sha256 is None:  # the child could not read the file at all: its error
        return read.stream(path)
    else:
        sha = read.sha256
    first = seen.get(sha)
    if first is None:
        seen[sha] = path
        return stream_bytes(data, path, fmt, sha) if read is None else read.stream(path)
    print(
        t(
            f"jixiao: 已跳过 {path}：与 {first} 内容完全相同",
            f"jixiao: skipped {path}: identical to {first}",
        ),
        file=sys.stderr,
    )
    return None


def add_output_argument(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    """`-o/--output OUT`: where every command that writes a file writes it (`write_output`)."""
    default = t("输出文件（默认标准输出）", "output file (default: standard output)")
    parser.add_argument("-o", "--output", metavar="OUT", help=help or default)


def add_settings_argument(parser: argparse.ArgumentParser) -> None:
    """`--settings FILE`: a TOML file merged over the bundled review settings (docs/review.md),
    which hold the self-evaluation's and monitoring's settings too (docs/evaluation.md)."""
    parser.add_argument(
        "--settings",
        metavar="FILE",
        help=t("设置文件（TOML，覆盖默认设置）", "settings file (TOML, over the default)"),
    )


def add_template_argument(parser: argparse.ArgumentParser, formats: Text | None = None) -> None:
    """`--template standard|source|ID` (export, show): the layout a form is drawn in; `formats`
    says which output formats it applies to, when not all."""
    zh = f"表样：{STANDARD}（标准表样，默认）、{SOURCE}（每张表按其识别出的模板）或模板 ID（见 jixiao templates）"
    en = (
        f"layout: {STANDARD} (the standard layout, default), {SOURCE} (each form in the "
        "template it was read through) or a template id (see jixiao templates)"
    )
    if formats is not None:
        zh, en = f"{zh}；{formats.zh}", f"{en}; {formats.en}"
    parser.add_argument(
        "--template", default=STANDARD, type=template_choice, metavar="ID", help=t(zh, en)
    )


def template_choice(value: str) -> str:
    """`--template`'s value (export, show): `standard`, `source` or a known template's id; any
    other is a usage error naming the known ones."""
    known = [STANDARD, SOURCE, *templates.templates()]
    if value not in known:
        unknown = Text("未知的表样模板：{v}（可用：{all}）", "unknown template: {v} (known: {all})")
        raise argparse.ArgumentTypeError(str(unknown.format(v=value, all=", ".join(known))))
    return value


def _mode_of(target: Path) -> int:
    """The permissions `target` has, or those a file made there gets (0666 less the umask): a
    temporary file is made 0600, and would otherwise lend the output its own."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_binary_on_terminal(writer: Writer, output: str | None) -> None:
    """A binary format (Word, Excel, PDF) is written to a file (`-o`), never onto a terminal."""
    refuse_binary(writer.identifier, writer.binary, output)


def refuse_binary(name: str, binary: bool, output: str | None) -> None:
    if binary and not output and sys.stdout.isatty():
        raise InputError(
            Text(
                "{f} 是二进制格式：请用 -o 指定输出文件", "{f} is binary: give a file with -o"
            ).format(f=name)
        )


def write_output(data: str | bytes | Iterable[bytes], out: str | None) -> None:
    """Standard output, or the file `out` written whole or not at all (temp file, then rename),
    with the permissions the file had, or a new file's. `data` may come in pieces (bytes one
    after the other), written as they come. An `out` that is no regular file (`/dev/null`, a
    named pipe) is written into as it comes: renaming over it would put a file in its place; a
    link is followed, and the file it points to written."""
    if isinstance(data, str):
        pieces: Iterable[bytes] = (data.encode("utf-8"),)
    elif isinstance(data, bytes):
        pieces = (data,)
    else:
        pieces = data
    if not out or out == "-":
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.flush()
        return
    target = Path(out)
    if target.is_dir():
        raise InputError(Text("输出路径是一个目录", "the output path is a directory"), path=out)
    if target.is_symlink():
        target = target.resolve()  # the file it points to is written, the link stays
    try:
        if target.exists() and not target.is_file():
            with open(target, "wb", buffering=_BLOCK) as stream:
                for piece in pieces:
                    stream.write(piece)
            return
        mode = _mode_of(target)
        fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb", buffering=_BLOCK) as handle:
                os.fchmod(handle.fileno(), mode)
                for piece in pieces:
                    handle.write(piece)
        except BaseException:
            os.unlink(tmp)  # nothing half-written is left behind
            raise
        os.replace(tmp, target)
    except FileNotFoundError:
        raise InputError(Text("输出目录不存在", "no such output folder"), path=out) from None
    except PermissionError:
        raise InputError(Text("没有写入权限", "permission denied"), path=out) from None
