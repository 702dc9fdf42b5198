"""URLs: pages for people signed in, the public portal, a health check."""

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from jixiao_web.api.app import api
from jixiao_web.dashboard.views import dashboard


def health(request: HttpRequest) -> HttpResponse:
    """Trivial view: the baseline of the web benchmark and a liveness probe."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", dashboard, name="dashboard"),
    path("accounts/", include("jixiao_web.accounts.urls")),
    path("forms/", include("jixiao_web.forms.urls")),
    path("imports/", include("jixiao_web.imports.urls")),
    path("rounds/", include("jixiao_web.experts.urls")),
    path("notices/", include("jixiao_web.comments.urls")),
    path("public/", include("jixiao_web.portal.urls")),
    path("selfeval/", include("jixiao_web.selfeval.urls")),
    path("manage/", include("jixiao_web.people.urls")),
    path("monitoring/", include("jixiao_web.monitoring.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("health/", health, name="health"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "jixiao_web.errors.bad_request"
handler403 = "jixiao_web.errors.forbidden"
handler404 = "jixiao_web.errors.not_found"
handler500 = "jixiao_web.errors.server_error"
