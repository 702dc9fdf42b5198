"""用户管理: the list of users, a new user, a user's role, unit, state and password
(docs/people.md). The rules are services/people.py's; every write is a POST, atomic, and a
refused one changes nothing and shows why."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jixiao_web.accounts.models import Membership, Role
from jixiao_web.params import MAX_ID, MAX_INT, int_param
from jixiao_web.people.access import admin_only
from jixiao_web.people.forms import MembershipForm, NewUserForm, unit_choices
from jixiao_web.services import people

PAGE_SIZE = 50
NO_ROLE = "none"


def _searched(params: Any) -> QuerySet[User]:
    users = User.objects.select_related("membership__unit").order_by("username")
    q = (params.get("q") or "").strip()
    if q:
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q))
    unit = int_param(params, "unit", MAX_ID)
    return users if unit is None else users.filter(membership__unit_id=unit)


def _role_counts(users: QuerySet[User]) -> list[tuple[str, str, int]]:
    """(code, label, users) of each role among `users`, and of those without a role."""
    counts = dict(users.values_list("membership__role").annotate(n=Count("pk")).order_by())
    rows = [(code, str(label), counts.get(code, 0)) for code, label in Role.choices]
    return [*rows, (NO_ROLE, _("无角色"), counts.get(None, 0))]


@admin_only
def user_list(request: HttpRequest) -> HttpResponse:
    params = request.GET
    users = _searched(params)
    roles = _role_counts(users)
    role = params.get("role") or ""
    if role == NO_ROLE:
        users = users.filter(membership__isnull=True)
    elif role:
        users = users.filter(membership__role=role)
    page = Paginator(users, PAGE_SIZE).get_page(int_param(params, "page", MAX_INT))
    query = params.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "params": params,
        "query": query.urlencode(),
        "roles": roles,
        "units": unit_choices(),
    }
    return render(request, "people/users.html", context)


@admin_only
def user_new(request: HttpRequest) -> HttpResponse:
    form = NewUserForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(request, "people/user_new.html", {"form": form}, status=status)
    data = form.cleaned_data
    new = people.NewUser(
        username=data["username"].strip(),
        role=data["role"],
        unit=data["unit"],
        name=data["name"],
        email=data["email"].strip(),
        password=data["password"] or None,
        fields=data["fields_of_work"],
    )
    try:
        user, password = people.create(new, request.user)
    except people.PeopleRefused as exc:
        _add_errors(form, exc)
        return render(request, "people/user_new.html", {"form": form}, status=400)
    shown = None if new.password else password  # a typed password is not shown back
    return _user_page(request, user, made=True, password=shown)


def _add_errors(form: Any, exc: people.PeopleRefused) -> None:
    for name, message in exc.messages.items():
        form.add_error(name if name in form.fields else None, message)


def _initial(user: User) -> dict[str, Any]:
    found = Membership.objects.filter(user=user).first()
    role = found.role if found else (Role.ADMIN if user.is_superuser else "")
    unit = found.unit_id if found else None
    fields = "、".join(people.current_fields(user))
    return {
        "name": user.first_name,
        "email": user.email,
        "role": role,
        "unit": unit,
        "fields_of_work": fields,
    }


def _user_page(request: HttpRequest, user: User, status: int = 200, **extra: Any) -> HttpResponse:
    form = extra.pop("form", None) or MembershipForm(initial=_initial(user))
    context = {"shown": user, "form": form, "is_self": user.pk == request.user.pk, **extra}
    return render(request, "people/user.html", context, status=status)


@admin_only
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        return _user_page(request, user)
    form = MembershipForm(request.POST)
    if not form.is_valid():
        return _user_page(request, user, status=400, form=form)
    data = form.cleaned_data
    try:
        with transaction.atomic():
            people.change(user, data["role"], data["unit"], request.user)
            people.set_details(user, data["name"], data["email"].strip(), request.user)
            people.set_fields(user, data["role"], data["fields_of_work"], request.user)
    except people.PeopleRefused as exc:
        user.refresh_from_db()
        _add_errors(form, exc)
        return _user_page(request, user, status=400, form=form)
    messages.success(request, _("已保存用户“%(u)s”。") % {"u": user.get_username()})
    return redirect("people:user", pk=user.pk)


@admin_only
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        return redirect("people:user", pk=user.pk)
    active = request.POST.get("active") == "1"
    try:
        people.set_active(user, active, request.user)
    except people.PeopleRefused as exc:
        user.refresh_from_db()
        return _user_page(request, user, status=400, error=str(exc))
    done = _("已启用用户“%(u)s”。") if active else _("已停用用户“%(u)s”：不能再登录或使用令牌。")
    messages.success(request, done % {"u": user.get_username()})
    return redirect("people:user", pk=user.pk)


@admin_only
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    """A new generated password, shown on this answer only."""
    user = get_object_or_404(User, pk=pk)
    if request.method != "POST":
        return redirect("people:user", pk=user.pk)
    try:
        password = people.reset_password(user, request.user)
    except people.PeopleRefused as exc:
        return _user_page(request, user, status=400, error=str(exc))
    return _user_page(request, user, password=password)
