"""`python -m jixiao_web adduser`: a user for a script, with the rules of the pages; a
generated password as the last line; bad input exits 2 and writes nothing (docs/people.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from tests.web.people_helpers import events, everything

from jixiao_web.accounts.models import Membership

pytestmark = pytest.mark.django_db


def adduser(*args: str) -> list[str]:
    out = StringIO()
    call_command("adduser", *args, stdout=out)
    return out.getvalue().splitlines()


def test_the_last_line_is_a_generated_password_that_logs_in(staffing):
    lines = adduser("wang1", "--role", "staff", "--unit", "测试实施单位 (本部)", "--name", "王一")
    user = authenticate(username="wang1", password=lines[-1])
    assert user is not None and user.first_name == "王一"
    assert (user.membership.role, user.membership.unit) == ("staff", staffing.unit)
    [made] = events("user_create")
    assert made.data["user"] == "wang1" and made.actor_name == ""  # made on the server


def test_finance_is_the_administrator_and_a_given_password_is_not_printed(staffing):
    lines = adduser("cz1", "--role", "finance", "--password", "Kx-9nine-Plum", "--email", "a@b.cn")
    assert "Kx-9nine-Plum" not in "\n".join(lines)
    assert authenticate(username="cz1", password="Kx-9nine-Plum") is not None
    assert Membership.objects.get(user__username="cz1").role == "admin"


def test_a_unit_is_found_by_an_old_name_and_a_role_in_chinese(staffing):
    from jixiao_web.services import units

    units.merge(staffing.other_unit, staffing.unit, None)
    adduser("expert2", "--role", "评审专家", "--unit", "其他实施单位")
    assert Membership.objects.get(user__username="expert2").unit == staffing.unit


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x1", "--role", "staff", "--unit", "没有这个单位"], "单位“没有这个单位”不存在"),
        (["STAFF1", "--role", "expert"], "用户名“STAFF1”已被占用"),
        (["x1", "--role", "boss"], "角色“boss”无法识别"),
        (["x1", "--role", "staff"], "填报人须指定所属单位"),
        (["x1", "--role", "reviewer"], "主管部门审核人须指定单位"),
        (["x1", "--role", "finance", "--unit", "测试主管部门"], "财政管理员不属于任何单位"),
        (["x1", "--role", "expert", "--email", "nope"], "邮箱地址无效"),
        (["x1", "--role", "expert", "--password", "12345678"], "密码"),
        (["x 1", "--role", "expert"], "用户名只能包含"),
    ],
)
def test_bad_input_is_a_clear_message_exit_2_and_nothing_written(staffing, args, message):
    before = everything()
    with pytest.raises(CommandError, match=message) as refused:
        adduser(*args)
    assert refused.value.returncode == 2
    assert everything() == before


def test_the_command_line_exits_2_with_the_message_on_standard_error(tmp_path):
    """What `returncode` 2 becomes in a shell (the role is refused before any database read)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DATABASE_"))}
    env = {**clean, "JIXIAO_VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "jixiao_web", "adduser", "x1", "--role", "局长"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 2 and result.stdout == ""
    assert "角色“局长”无法识别" in result.stderr and "Traceback" not in result.stderr
