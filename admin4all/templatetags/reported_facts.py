"""{{ figures|facts }}: reported figures grouped as facts with numbered source notes
(admin4all.reported_facts)."""

from django import template

from admin4all.reported_facts import reported_facts

register = template.Library()


@register.filter
def facts(figures):
    return reported_facts(figures)
