"""Addresses for machines and browsers rather than people: the health check and the
icon browsers ask for."""

from django.urls import path

from admin4all import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
]
