"""Log in (throttled), log out, change password."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from jixiao_web.accounts import throttle


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
