"""What the programme aims to reach: the targets its indicators are measured against."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from admin4all.constraints import ConstraintFieldsModel
from admin4all.history import tracked
from admin4all.models import Indicator, ProgrammePhase, TimestampedModel
from municipalities.models import Country


# Moved from the core with its table and history (migration reporting 0001).
@tracked(meta={"db_table": "admin4all_indicatortargetevent"})
class IndicatorTarget(ConstraintFieldsModel, TimestampedModel):
    """What the programme aims to reach on an indicator in a phase, for the whole phase
    or for one country; the results show the figures against it."""

    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("phase"),
        on_delete=models.CASCADE,
        related_name="indicator_targets",
    )
    # A target per country is what the results' bars per country are measured against.
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_targets",
        help_text=_("Leave empty for the target of the whole phase."),
    )
    value = models.PositiveIntegerField(_("target"))
    notes = models.TextField(_("notes"), blank=True)

    constraint_fields = {"indicatortarget_once": ("indicator",)}

    class Meta:
        db_table = "admin4all_indicatortarget"
        ordering = ["phase", "indicator", "country"]
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "phase", "country"],
                name="indicatortarget_once",
                nulls_distinct=False,
                violation_error_message=_(
                    "This indicator already has a target for this phase and country."
                ),
            ),
        ]

    def __str__(self):
        where = f"{self.phase}, {self.country}" if self.country_id else str(self.phase)
        return f"{self.get_indicator_display()} — {where}: {self.value}"
