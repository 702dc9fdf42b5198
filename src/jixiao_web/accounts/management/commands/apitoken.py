"""`python -m jixiao_web apitoken USERNAME [--read-only] [--name NAME]`: a new API token for a
script, printed as the last line (`| tail -1`; docs/api.md, tokens)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao_web.accounts import tokens
from jixiao_web.accounts.models import ApiToken

NAME_LENGTH = ApiToken._meta.get_field("name").max_length


class Command(BaseCommand):
    help = (
        "为用户生成 API 令牌，最后一行是令牌（只显示这一次）。"
        " / Make an API token for a user; the last line is the token (shown once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--read-only", action="store_true", help="只读令牌 / a token that may only read"
        )
        parser.add_argument(
            "--name", default="命令行", help="令牌名称（默认“命令行”）/ the token's name"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["name"].strip()
        if not name or len(name) > NAME_LENGTH or "\x00" in name:
            raise CommandError(
                f"令牌名称须为 1 至 {NAME_LENGTH} 个字符 / the name must be 1 to {NAME_LENGTH} characters"
            )
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"没有用户 / no such user: {options['username']}")
        if not user.is_active:
            raise CommandError(f"用户已停用 / the user is inactive: {user.get_username()}")
        row, raw = tokens.issue(user, name, read_only=options["read_only"])
        zh, en = ("只读", "read-only") if row.read_only else ("读写", "read-write")
        who = user.get_username()
        self.stdout.write(
            f"已为 {who} 生成{zh}令牌“{row.name}”，只显示这一次，请妥善保存。"
            f" / A {en} token “{row.name}” for {who}, shown once: keep it safe."
        )
        self.stdout.write(raw)
