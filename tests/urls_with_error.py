"""The portal's URLs plus a view that fails, to see how errors are logged."""

from django.urls import path

from admin4all.urls import urlpatterns


def broken_view(request, token):
    raise RuntimeError("the view broke")


urlpatterns = [*urlpatterns, path("broken/<str:token>/", broken_view)]
