"""`bootstrap`: everything `make run` needs before serving, safe to run again and again."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from jixiao_web.accounts.models import Membership, Role
from jixiao_web.forms.models import Form
from jixiao_web.services.editing import review_with_siblings
from jixiao_web.services.imports import import_files

ADMIN = "admin"


class Command(BaseCommand):
    help = "Migrate, make the cache table, create the administrator, import and review the sample once, collect static files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sample", type=Path, help="a document to import once (skipped if present)"
        )
        parser.add_argument("--no-static", action="store_true", help="skip collectstatic")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)  # the rate counts' table too
        admin = self.ensure_admin()
        if options["sample"]:
            self.import_sample(options["sample"], admin)
        self.review_unreviewed(admin)
        if not options["no_static"]:
            call_command("collectstatic", interactive=False, verbosity=0)

    def ensure_admin(self) -> User:
        admin = User.objects.filter(username=ADMIN).first()
        if admin is not None:
            self.stdout.write(
                f"管理员 {ADMIN} 已存在，密码未改动。重设密码 / reset it: "
                f".venv/bin/python -m jixiao_web changepassword {ADMIN}"
            )
            return admin
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            admin = User.objects.create_superuser(ADMIN, password=password)
            Membership.objects.create(user=admin, role=Role.ADMIN)
        self.stdout.write(
            self.style.SUCCESS(f"管理员 / administrator: {ADMIN}  密码 / password: {password}")
        )
        self.stdout.write("（只显示这一次，请妥善保存 / shown only once, keep it safe）")
        return admin

    def import_sample(self, path: Path, admin: User) -> None:
        if not path.is_file():
            raise CommandError(f"样例文档不存在 / sample not found: {path}")
        result = import_files([(path.name, path.read_bytes())], admin)
        for report in result.files:
            if report.error:
                raise CommandError(f"{report.name}: {report.error}")
            if report.skipped:
                self.stdout.write(f"样例已导入，跳过 / sample already imported: {path.name}")
                return
        self.stdout.write(f"已导入样例 / imported the sample: {len(result.forms)} 张表 / forms")

    def review_unreviewed(self, admin: User) -> None:
        pending = Form.objects.filter(review_run__isnull=True)
        done: set[int | None] = set()
        for form in pending:
            if form.import_batch_id not in done:
                review_with_siblings(form, admin)
                done.add(form.import_batch_id)
        reviewed = Form.objects.filter(review_run__isnull=False).count()
        self.stdout.write(f"已审核 / reviewed: {reviewed} / {Form.objects.count()} 张表 / forms")
