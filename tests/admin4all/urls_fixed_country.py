"""The portal's URLs plus an admin site whose municipality form shows the country
without letting it change: the form then cannot check the constraints that read the
country, and the database refuses what they forbid."""

from django.contrib import admin
from django.urls import path

from admin4all.urls import urlpatterns
from municipalities.admin import MunicipalityAdmin
from municipalities.models import Municipality

site = admin.AdminSite(name="fixed_country")


class FixedCountryMunicipalityAdmin(MunicipalityAdmin):
    readonly_fields = ["country"]
    inlines = []


site.register(Municipality, FixedCountryMunicipalityAdmin)

urlpatterns = [path("fixed-country-admin/", site.urls), *urlpatterns]
