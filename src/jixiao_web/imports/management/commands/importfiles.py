"""`python -m jixiao_web importfiles FILE...`: import documents into the database, as the import
page does (the same service), and say what was stored, skipped and matched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.errors import JixiaoError
from jixiao.importers import read_file
from jixiao.matching import OnMatch
from jixiao_web.services.imports import FileReport, import_files


class Command(BaseCommand):
    help = (
        "导入文档到数据库（与网页导入相同）；与已有表单相同时按 --on-match 处理。"
        " / Import documents into the database, as the import page does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
        parser.add_argument(
            "--on-match",
            choices=[m.value for m in OnMatch],
            default=OnMatch.SKIP.value,
            help="与已有表单（预算年度、单位、项目名称相同）相同时：skip 跳过（默认）、"
            "replace 替换为新版本、separate 作为单独的表单 / what to do with a form already there",
        )
        parser.add_argument(
            "--user", default="admin", help="以此用户的身份导入（默认 admin）/ import as this user"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"没有用户 / no such user: {options['user']}")
        files = [(str(path), self._read(path)) for path in options["files"]]
        result = import_files(files, user, OnMatch(options["on_match"]))
        for report in result.files:
            self.stdout.write(describe(report))
        if not result.ok:
            raise CommandError("有文件未导入 / some files were not imported")

    def _read(self, path: Path) -> bytes:
        try:
            return read_file(path)
        except JixiaoError as exc:
            raise CommandError(str(exc)) from None


def describe(report: FileReport) -> str:
    """One line on what became of a file, then one per matching form."""
    if report.error:
        where = f":{report.line}" if report.line else ""
        return f"{report.name}{where}: 未导入 / not imported: {report.error}"
    if report.skipped:
        return f"{report.name}: {report.skipped}"
    lines = [f"{report.name}: 新增 {report.created} 张，替换 {report.replaced} 张"]
    done = {"replaced": "已替换为新版本", "separate": "已作为单独的表单导入", "skipped": "已跳过"}
    for match in report.matches:
        why = f"（{match['why']}）" if match.get("why") else ""
        lines.append(
            f"  第 {match['form']} 张表“{match['project']}”与已有表单 #{match['existing']}"
            f" 相同：{done[match['done']]}{why}"
        )
    return "\n".join(lines)
