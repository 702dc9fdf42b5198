"""`python -m jixiao_web adduser USERNAME --role staff|reviewer|expert|finance --unit "UNIT NAME"
[--password P] [--name 姓名] [--email E]`: a user for a script, with the rules of the pages
(services/people.py). A generated password is printed as the last line (`| tail -1`); bad input
is one line on standard error, exit status 2, nothing written (docs/people.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao_web.services import people, units

USAGE = 2  # the project's exit status for bad input (README, exit codes)


class Command(BaseCommand):
    help = (
        "新建用户并指定角色和单位；未给 --password 时最后一行是生成的密码（只显示这一次）。"
        " / Make a user with a role and unit; without --password the last line is the"
        " generated password (shown once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--role", required=True, help="staff | reviewer | expert | finance（或中文角色名）"
        )
        parser.add_argument("--unit", default="", help="已有单位或主管部门的名称 / a unit's name")
        parser.add_argument("--password", help="初始密码（不给则自动生成）/ the password")
        parser.add_argument("--name", default="", help="姓名 / the user's name")
        parser.add_argument("--email", default="", help="邮箱 / e-mail")

    def handle(self, *args: Any, **options: Any) -> None:
        new = self.wanted(options)
        try:
            user, password = people.create(new, None)
        except people.PeopleRefused as exc:
            raise CommandError(str(exc), returncode=USAGE) from None
        self.stdout.write(f"已新建用户 / made the user {user.get_username()} ({new.role})")
        if options["password"] is None:
            self.stdout.write("初始密码（只显示这一次）/ password, shown once:")
            self.stdout.write(password)

    def wanted(self, options: dict[str, Any]) -> people.NewUser:
        role = people.parse_role(options["role"])
        if role is None:
            raise CommandError(
                f"角色“{options['role']}”无法识别，可填：{people.ROLES_WRITTEN}", returncode=USAGE
            )
        unit = units.find(options["unit"]) if options["unit"].strip() else None
        if options["unit"].strip() and unit is None:
            raise CommandError(f"单位“{options['unit']}”不存在 / no such unit", returncode=USAGE)
        return people.NewUser(
            username=options["username"].strip(),
            role=role,
            unit=unit,
            name=options["name"].strip(),
            email=options["email"].strip(),
            password=options["password"],
        )
