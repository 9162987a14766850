from django import template
from django.utils.safestring import SafeString

from events.models import Event
from events.structured_data import event_data, json_ld_script

register = template.Library()


@register.simple_tag(takes_context=True)
def event_json_ld(context, event: Event) -> SafeString:
    """{% event_json_ld event %}: the event's schema.org data, in the page's head."""
    url = context["request"].build_absolute_uri(event.get_absolute_url())
    return json_ld_script(event_data(event, url=url))
