"""The benchmark's baseline (`make bench`): a bare Django app, one view, no middleware,
no database, served by gunicorn with the portal's settings beside the portal, so every
page is measured as a ratio to what Django itself costs on this machine."""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-django",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
)


def hello(request):
    return HttpResponse("Hello", content_type="text/plain")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
