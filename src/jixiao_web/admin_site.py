"""Django's admin with one login for the whole site: the app's throttled one (accounts.views).

The admin's own login form would authenticate without the throttle; its URL now sends people
to the app's login page and back. Its other views only let in users signed in already.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


class AdminSite(admin.AdminSite):
    def _next(self, request: HttpRequest) -> str:
        """Where to go after logging in: `next` when it stays on this site, else the admin."""
        target = request.GET.get(REDIRECT_FIELD_NAME, "")
        allowed = {request.get_host()}
        if url_has_allowed_host_and_scheme(target, allowed, require_https=request.is_secure()):
            return target
        return reverse("admin:index", current_app=self.name)

    @method_decorator(never_cache)
    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        if self.has_permission(request):
            return HttpResponseRedirect(self._next(request))
        if request.user.is_authenticated:  # signed in, but the admin is not for this user
            raise PermissionDenied
        return redirect_to_login(self._next(request), reverse("accounts:login"))
