"""Moments as staff read them: in the portal's time zone (settings.TIME_ZONE), with the
zone named, so that a time in a message, in a history list and in a spreadsheet is the
same clock time ("7 December 2026, 08:08 CET") and nobody has to guess it is UTC."""

from datetime import datetime

from django.utils.formats import date_format
from django.utils.timezone import localtime


def zone_name(value: datetime) -> str:
    """The zone's abbreviation at that moment: CET in winter, CEST in summer."""
    return localtime(value).tzname()


def local_moment(value: datetime) -> str:
    """The date and time in the active language's format, then the zone."""
    return f"{date_format(localtime(value), 'DATETIME_FORMAT')} {zone_name(value)}"
