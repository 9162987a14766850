"""The pages of the people, organisations and themes the programme's records name."""

from django.views.generic import DetailView

from admin4all.models import Organisation, Person, Theme


class PersonDetailView(DetailView):
    model = Person
    template_name = "portal/person_detail.html"
    queryset = Person.objects.select_related("organisation")


class OrganisationDetailView(DetailView):
    model = Organisation
    template_name = "portal/organisation_detail.html"
    queryset = Organisation.objects.select_related("parent")


class ThemeDetailView(DetailView):
    model = Theme
    template_name = "portal/theme_detail.html"
