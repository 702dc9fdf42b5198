"""Chinese first: the language is the one the user chose (cookie), else Chinese.

Django's LocaleMiddleware would follow the browser's Accept-Language; the pages are to be
Chinese unless English is chosen with the switch in the header.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        known = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
