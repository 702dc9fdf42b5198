"""Safe opening of Office zip packages (docx, xlsx): corrupt, encrypted and zip-bomb checks.

Everything is decided from the zip directory before a single member is inflated: the declared
uncompressed sizes are capped in total and per member, and so is the compression ratio. Python's
zipfile never inflates more than the declared size of a member (and fails its CRC if the data is
longer), so the caps bound memory and time whatever the file claims.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from jixiao.errors import InputError
from jixiao.i18n import Text

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBERS = 5000
MAX_TOTAL = 100 * 1024 * 1024  # inflated bytes of the whole package
MAX_MEMBER = 50 * 1024 * 1024  # inflated bytes of one part
MAX_RATIO = 200  # a real document part rarely compresses better than 1:50
RATIO_FLOOR = 1024 * 1024  # parts smaller than this may compress as well as they like


@dataclass(frozen=True)
class Limits:
    members: int = MAX_MEMBERS
    total: int = MAX_TOTAL
    member: int = MAX_MEMBER
    ratio: int = MAX_RATIO


def _fail(zh: str, en: str, path: str, **values: object) -> InputError:
    return InputError(Text(zh, en).format(**values), path=path)


def check_not_cfb(data: bytes, path: str, kind: str) -> None:
    """An OLE/CFB container is either a password-protected Office file or an old .doc/.xls."""
    if not data.startswith(CFB_MAGIC):
        return
    # Stream names in the CFB directory are UTF-16: an encrypted OOXML file has these two.
    if any(name.encode("utf-16-le") in data for name in ("EncryptionInfo", "EncryptedPackage")):
        raise _fail(
            "文件受密码保护（已加密），无法读取：请在 Office 中取消密码后另存为 .{kind}",
            "the file is password-protected (encrypted): remove the password and save as .{kind}",
            path,
            kind=kind,
        )
    raise _fail(
        "这是旧版 Office 二进制格式（.doc/.xls），不是 .{kind}：请另存为 .{kind} 后再导入",
        "this is an old binary Office file (.doc/.xls), not .{kind}: save it as .{kind} first",
        path,
        kind=kind,
    )


def open_zip(data: bytes, path: str, kind: str, limits: Limits = Limits()) -> zipfile.ZipFile:
    """The package as a ZipFile, after every check; raises InputError saying what is wrong."""
    check_not_cfb(data, path, kind)
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _fail(
            "文件已损坏或不是有效的 .{kind} 文件（zip 结构无法读取）",
            "the file is corrupt or not a valid .{kind} (unreadable zip structure)",
            path,
            kind=kind,
        ) from None
    check_members(infos, path, limits)
    return package


def check_members(infos: list[zipfile.ZipInfo], path: str, limits: Limits) -> None:
    if len(infos) > limits.members:
        raise _fail(
            "文件包含 {n} 个部件，超过上限 {limit}：疑似恶意文件",
            "the package has {n} parts, over the limit of {limit}: looks malicious",
            path,
            n=len(infos),
            limit=limits.members,
        )
    total = 0
    for info in infos:
        check_member(info, path, limits)
        total += info.file_size
    if total > limits.total:
        raise _bomb(path, total)


def check_member(info: zipfile.ZipInfo, path: str, limits: Limits) -> None:
    if info.flag_bits & 0x1:
        raise _fail(
            "文件受密码保护（zip 部件 {name} 已加密），无法读取",
            "the file is password-protected (zip part {name} is encrypted)",
            path,
            name=info.filename,
        )
    if info.file_size > limits.member:
        raise _bomb(path, info.file_size)
    if info.file_size > RATIO_FLOOR and info.file_size > limits.ratio * max(info.compress_size, 1):
        raise _fail(
            "疑似 zip 炸弹：部件 {name} 压缩比 {ratio}:1 超过上限 {limit}:1，已拒绝",
            "looks like a zip bomb: part {name} compresses {ratio}:1, over the limit {limit}:1",
            path,
            name=info.filename,
            ratio=info.file_size // max(info.compress_size, 1),
            limit=limits.ratio,
        )


def _bomb(path: str, size: int) -> InputError:
    return _fail(
        "疑似 zip 炸弹：解压后共 {mb} MB，超过上限，已拒绝",
        "looks like a zip bomb: {mb} MB uncompressed, over the limit",
        path,
        mb=round(size / 1048576, 1),
    )


def read_member(package: zipfile.ZipFile, name: str, path: str, kind: str) -> bytes:
    """One part of the package; a missing or broken part is an InputError."""
    try:
        return package.read(name)
    except KeyError:
        raise _fail(
            "不是有效的 .{kind} 文件：缺少 {name}",
            "not a valid .{kind} file: {name} is missing",
            path,
            kind=kind,
            name=name,
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, EOFError, OSError):
        raise _fail(
            "文件已损坏：部件 {name} 无法解压",
            "the file is corrupt: part {name} cannot be inflated",
            path,
            name=name,
        ) from None
