"""schema.org data of the event pages (JSON-LD), for search engines and calendars."""

import json
from typing import Any

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from admin4all.models import Organisation
from admin4all.rich_text import markdown_text
from events.models import Event

SCHEMA = "https://schema.org/"
# Inside <script> the JSON must not close the element or start markup: these characters
# are written as \u escapes, which JSON parsers read back unchanged.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _location(event: Event, url: str) -> dict[str, Any] | None:
    if event.is_online:
        return {"@type": "VirtualLocation", "url": url}
    address = {
        "streetAddress": event.address,
        "addressLocality": event.city,
        "addressCountry": event.country.iso_code if event.country_id else "",
    }
    address = {key: value for key, value in address.items() if value}
    if not (event.venue or address):
        return None
    place: dict[str, Any] = {"@type": "Place", "name": event.venue or event.city}
    if address:
        place["address"] = {"@type": "PostalAddress", **address}
    return place


def _organisation(organisation: Organisation) -> dict[str, Any]:
    data = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    return data


def _performers(event: Event) -> list[dict[str, Any]]:
    """Each speaker once, with the role and organisation they had at the event."""
    performers: dict[int, dict[str, Any]] = {}
    for session in event.sessions.all():
        for speaker in session.speakers.all():
            person = speaker.person
            performer = {"@type": "Person", "name": person.name}
            if person.honorific:
                performer["honorificPrefix"] = person.honorific
            if job_title := speaker.job_title_holder.job_title_i18n:
                performer["jobTitle"] = job_title
            if organisation := speaker.organisation or person.organisation:
                performer["affiliation"] = _organisation(organisation)
            performers.setdefault(person.pk, performer)
    return list(performers.values())


def event_data(event: Event, *, url: str) -> dict[str, Any]:
    """The Event as schema.org describes it, in the active language; `url` is the
    page's absolute URL.

    Uses the event's organisers and its sessions' speakers: prefetch them."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title_i18n,
        "url": url,
        "eventStatus": f"{SCHEMA}EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}OnlineEventAttendanceMode"
        if event.is_online
        else f"{SCHEMA}OfflineEventAttendanceMode",
    }
    if description := event.summary_i18n or markdown_text(event.description_i18n):
        data["description"] = description
    if event.start_date:
        data["startDate"] = event.start_date.isoformat()
        data["endDate"] = (event.end_date or event.start_date).isoformat()
    if location := _location(event, url):
        data["location"] = location
    if organisers := [_organisation(organisation) for organisation in event.organisers.all()]:
        data["organizer"] = organisers
    if performers := _performers(event):
        data["performer"] = performers
    return data


def json_ld_script(data: dict[str, Any]) -> SafeString:
    """A <script type="application/ld+json"> element: data that no browser executes, so
    a strict Content-Security-Policy allows it."""
    text = json.dumps(data, ensure_ascii=False).translate(SCRIPT_SAFE)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
