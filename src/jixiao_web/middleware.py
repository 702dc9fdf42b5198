"""The project's middleware: the language (ChosenLanguageMiddleware) and security headers.

Chinese first: the language is the one the user chose (cookie), else Chinese. Django's
LocaleMiddleware would follow the browser's Accept-Language; the pages are to be Chinese unless
English is chosen with the switch in the header.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        if request.path.startswith("/api/"):  # scripts say their language in Accept-Language
            super().process_request(request)
            return
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        known = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Scripts and styles only from this site's own files: no inline script, no event-handler
# attribute, no eval (README: security). The templates and static/jixiao_web/*.js keep to it;
# htmx is told not to inject its indicator <style> nor to eval (base.html, htmx-config).
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # data: for the empty favicon of base.html
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def is_private(request: HttpRequest, response: HttpResponse) -> bool:
    """A page for a signed-in user, or a download: no cache, the browser's included, keeps it."""
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated) or response.has_header("Content-Disposition")


class SecurityHeadersMiddleware:
    """The Content-Security-Policy on every response; `Cache-Control: no-store` on private ones.

    After AuthenticationMiddleware (settings.MIDDLEWARE): it reads `request.user`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if is_private(request, response):
            add_never_cache_headers(response)
        return response
