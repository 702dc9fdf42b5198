"""Log in (throttled), log out, change password, API tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jixiao_web.accounts import throttle, tokens
from jixiao_web.accounts.models import ApiToken


def client_address(request: Any) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "throttled": _("登录失败次数过多，请 15 分钟后再试。"),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if username is None or not self.cleaned_data.get("password"):
            return super().clean()  # a field is invalid: no password is checked, nothing counted
        address = client_address(self.request)
        if not throttle.reserve(username, address):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        data = super().clean()  # a wrong password raises: the reserved attempt stays counted
        throttle.clear(username, address)
        return data


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_done")


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_done.html"


# API tokens (docs/api.md, tokens): made, listed and revoked by their owner, here only.


class TokenForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100, help_text=_("例如：预算系统对接、看板"))
    read_only = forms.BooleanField(label=_("只读（只能读取，不能修改数据）"), required=False)


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """The user's tokens and a form to make one; a token just made is shown on this answer only."""
    form = TokenForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form}
    if form.is_valid():
        _, context["made"] = tokens.issue(
            request.user, form.cleaned_data["name"], read_only=form.cleaned_data["read_only"]
        )
        context["form"] = TokenForm()
    context["tokens"] = ApiToken.objects.filter(user=request.user)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask, then revoke (POST). Only one's own tokens: any other is not found."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method != "POST":
        return render(request, "accounts/token_revoke.html", {"token": token})
    tokens.revoke(token)
    messages.success(request, _("令牌“%(name)s”已撤销。") % {"name": token.name})
    return redirect("accounts:tokens")
