"""The language of a page comes from its URL alone (admin4all.urls): /it/events/ is
Italian, /events/ English, and so are the admin and the API."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PathLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without `Vary: Accept-Language`: no answer depends on
    the browser's preferred language here, and that header would make caches keep a
    copy of every page for each preference a browser sends."""

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
