"""用户批量导入: the template, an upload of a real xlsx written here, its report of rows made and
refused, the passwords downloaded once, and the file-level refusals (docs/people.md)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from tests.web.people_helpers import events, everything, signed_in

from jixiao_web.accounts.models import Membership
from jixiao_web.services import people, user_sheet

pytestmark = pytest.mark.django_db


def sheet(*rows: tuple, header: tuple = user_sheet.HEADER) -> bytes:
    """An xlsx as a person fills it: openpyxl's normal cells (a text starting with `=` is a
    formula, as Excel makes it)."""
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client, data: bytes, name: str = "users.xlsx"):
    return client.post(reverse("people:import"), {"file": SimpleUploadedFile(name, data)})


def test_the_template_has_the_header_and_explains_columns_and_roles(staffing):
    response = signed_in(staffing.admin).get(reverse("people:import_template"))
    assert response["Content-Disposition"] == (  # named as every download is (downloads.py)
        "attachment; filename=\"users-template.xlsx\"; filename*=UTF-8''users-template.xlsx"
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["用户", "说明"]
    assert next(book["用户"].iter_rows(values_only=True)) == user_sheet.HEADER
    explained = "\n".join(str(c) for row in book["说明"].iter_rows(values_only=True) for c in row)
    for word in ("填报人", "主管部门审核人", "评审专家", "财政管理员", "finance", "专业领域"):
        assert word in explained
    # the template imports as it is: a header and no users
    assert user_sheet.read_rows(response.content, "t.xlsx") == []


GOOD = [
    ("wang1", "王一", "填报人", "测试实施单位 (本部)", "wang1@example.gov.cn", None),
    ("li2", "李二", "reviewer", "测试主管部门", None, None),
    ("zhao3", "赵三", "评审专家", None, None, "水利、农业,教育；卫生"),
    ("qian4", "钱四", "finance", None, None, None),
    (12345, "数字用户名", "Staff", "其他实施单位", None, None),
]
BAD = [
    ("sun5", "孙五", "局长", "测试主管部门", None, None),  # unknown role
    ("zhou6", "周六", "staff", "不存在的单位", None, None),  # unknown unit
    ("staff1", "重名", "staff", "测试实施单位（本部）", None, None),  # taken
    ("WANG1", "重复", "staff", "测试实施单位（本部）", None, None),  # repeated in the sheet
    ("wu7", "吴七", "staff", None, None, None),  # staff without unit
    ("zheng8", "郑八", "expert", None, "not-an-email", None),  # bad e-mail
    ("feng9", "=1+1", "expert", None, None, None),  # a formula
    ("chen10", "陈十", "财政管理员", "测试主管部门", None, None),  # administrator with a unit
    (None, "无名", "staff", "测试实施单位（本部）", None, None),  # no user name
]
REASONS = [
    "角色“局长”无法识别",
    "单位“不存在的单位”不存在",
    "用户名“staff1”已被占用",
    "与第 2 行重复",
    "填报人须指定所属单位",
    "邮箱地址无效",
    "“姓名”是公式（=1+1），不予计算",
    "财政管理员不属于任何单位",
    "用户名不能为空",
]


def test_valid_rows_make_users_and_each_refused_row_is_reported_with_its_number(staffing):
    response = upload(signed_in(staffing.admin), sheet(*GOOD, *BAD))
    assert response.status_code == 200
    report = response.context["report"]
    made = dict(report.created)
    assert list(made) == ["wang1", "li2", "zhao3", "qian4", "12345"]
    assert [(r.row, r.username) for r in report.refused] == [
        (7, "sun5"), (8, "zhou6"), (9, "staff1"), (10, "WANG1"), (11, "wu7"),
        (12, "zheng8"), (13, "feng9"), (14, "chen10"), (15, ""),
    ]  # fmt: skip
    for refused, reason in zip(report.refused, REASONS, strict=True):
        assert reason in refused.reason
    page = response.content.decode()
    assert all(password in page for password in made.values())  # shown on the report
    for username, password in made.items():
        assert authenticate(username=username, password=password) is not None
    roles = dict(Membership.objects.values_list("user__username", "role"))
    assert [roles[u] for u in made] == ["staff", "reviewer", "expert", "admin", "staff"]
    assert Membership.objects.get(user__username="wang1").unit == staffing.unit
    assert User.objects.get(username="wang1").first_name == "王一"
    expert = User.objects.get(username="zhao3")
    assert expert.expert_profile.fields == ["水利", "农业", "教育", "卫生"]
    assert not hasattr(User.objects.get(username="wang1"), "expert_profile")  # experts only
    assert not User.objects.filter(username__in=["sun5", "zhou6", "feng9", "chen10"]).exists()
    assert [e.data["user"] for e in events("user_create")] == list(made)
    assert {e.actor_name for e in events("user_create")} == {"finance1"}


def test_the_passwords_download_once_as_text_cells(staffing):
    client = signed_in(staffing.admin)
    rows = [("@at", "", "expert", None, None, None), ("-minus", "", "expert", None, None, None)]
    made = dict(upload(client, sheet(*rows)).context["report"].created)
    first = client.post(reverse("people:import_passwords"))
    assert first.status_code == 200 and "no-store" in first["Cache-Control"]
    cells = list(load_workbook(io.BytesIO(first.content)).active.iter_rows())
    assert [tuple(c.value for c in row) for row in cells[1:]] == list(made.items())
    assert {c.data_type for row in cells for c in row} == {"s"}  # no formula, whatever the text
    again = client.post(reverse("people:import_passwords"))
    assert again.status_code == 410 and "只能下载一次" in again.content.decode()
    assert client.get(reverse("people:import_passwords")).status_code == 410


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"username,role\nx,staff\n", "users.csv", "不是有效的 .xlsx 文件"),
        (b"PK\x03\x04broken", "users.xlsx", "不是有效的 .xlsx 文件"),
        ("HEADERLESS", "users.xlsx", "第 1 行须为表头"),
    ],
)
def test_a_file_that_is_not_the_users_sheet_is_refused_whole(staffing, data, name, message):
    if data == "HEADERLESS":
        data = sheet(("wang1", "王一", "expert", None, None, None), header=("用户", "角色"))
    before = everything()
    response = upload(signed_in(staffing.admin), data, name)
    assert response.status_code == 400 and message in response.content.decode()
    assert everything() == before


def test_an_over_long_sheet_is_refused_whole(staffing, monkeypatch):
    monkeypatch.setattr(user_sheet, "MAX_ROWS", 3)
    rows = [(f"user{n}", "", "expert", None, None, None) for n in range(4)]
    before = everything()
    response = upload(signed_in(staffing.admin), sheet(*rows))
    assert response.status_code == 400 and "用户超过 3 行" in response.content.decode()
    assert everything() == before
    # three rows and blank lines between them are taken
    accepted = upload(signed_in(staffing.admin), sheet(rows[0], (), (), rows[1], rows[2]))
    assert len(accepted.context["report"].created) == 3


def test_an_over_large_file_is_refused_before_it_is_read(staffing, monkeypatch):
    monkeypatch.setattr(user_sheet, "MAX_BYTES", 1000)
    before = everything()
    response = upload(signed_in(staffing.admin), sheet(("a", "", "expert", None, None, None)))
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert everything() == before


def test_no_file_is_a_clear_message(staffing):
    response = signed_in(staffing.admin).post(reverse("people:import"), {})
    assert response.status_code == 400 and "请选择要导入的 .xlsx 文件" in response.content.decode()


# The row check holds for any cell values -----------------------------------------------------

cell = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(["staff", "专家", "财政管理员", "测试主管部门", "其他实施单位", "a@b.cn"]),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(),
    st.builds(user_sheet.Formula, st.text(max_size=10)),
)


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(rows=st.lists(st.lists(cell, min_size=6, max_size=6), min_size=1, max_size=4))
def test_any_cells_make_a_user_that_keeps_the_rules_or_a_refused_row(staffing, rows):
    known = user_sheet.Known()
    for number, values in enumerate(rows, start=2):
        checked = user_sheet.check_row(number, values, known)
        if isinstance(checked, user_sheet.RowRefused):
            assert checked.row == number and checked.reason
            continue
        assert checked.refusals() == {}
        assert people.unit_refusal(checked.role, checked.unit) is None
        assert not any(isinstance(v, user_sheet.Formula) for v in values)


printable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\x7f"), max_size=20
)


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])  # fmt: skip
@given(rows=st.lists(st.lists(st.one_of(st.none(), printable, st.integers()), min_size=6, max_size=6), max_size=5))  # fmt: skip
def test_any_sheet_of_the_header_imports_every_row_as_a_user_or_a_refused_row(staffing, rows):
    """A whole xlsx with any cells (a text starting with `=` is a formula): every row that holds
    something is made or refused, none raises, none is evaluated."""
    from django.db import transaction

    with transaction.atomic():
        report = user_sheet.import_sheet(sheet(*rows), "any.xlsx", staffing.admin)
        filled = [r for r in rows if any(v is not None and str(v).strip() for v in r)]
        assert len(report.created) + len(report.refused) == len(filled)
        transaction.set_rollback(True)  # each example starts from the same users


@given(
    code=st.sampled_from(sorted(people.ROLE_WORDS)),
    spaces=st.lists(st.sampled_from([" ", "\u3000", "\t"]), max_size=3),
    upper=st.booleans(),
)
def test_a_role_is_read_whatever_its_case_and_spaces(code, spaces, upper):
    written = "".join(spaces) + (code.upper() if upper else code) + "".join(spaces)
    assert people.parse_role(written) == people.ROLE_WORDS[code]
