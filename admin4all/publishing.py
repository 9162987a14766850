"""Publishing and unpublishing public content: the one place that changes status."""

from datetime import datetime

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from admin4all.models import Status


@transaction.atomic
def content_publish(*, queryset: QuerySet, at: datetime | None = None) -> int:
    """Publish the items that are not public yet, now or at `at` (scheduling).

    Items already public keep their publication time. Returns how many changed.
    """
    now = timezone.now()
    not_yet_public = queryset.exclude(status=Status.PUBLISHED, published_at__lte=now)
    return not_yet_public.update(status=Status.PUBLISHED, published_at=at or now, updated_at=now)


@transaction.atomic
def content_unpublish(*, queryset: QuerySet) -> int:
    """Take the items off the public site; they become drafts again."""
    return queryset.exclude(status=Status.DRAFT).update(
        status=Status.DRAFT, updated_at=timezone.now()
    )
