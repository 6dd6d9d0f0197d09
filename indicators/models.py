"""Insertion pathways: where each youth stands (school, training, internship, work…) and since when.

One row per change; a youth's history is their rows by date, their status on a day is the latest row
started on or before it. Pathways are personal data about minors: read by the youth and the staff of
their site only (indicators.rules), audited on every change, exported and erased with the member.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PathwayStatus(models.TextChoices):
    SCHOOL = "school", _("in school")
    TRAINING = "training", _("vocational training")
    INTERNSHIP = "internship", _("internship")
    EMPLOYED = "employed", _("employed")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    SEEKING = "seeking", _("graduate seeking work")
    OTHER = "other", _("other")


# Statuses that count as "placed" for the programme target: an internship or a training.
PLACED = (PathwayStatus.TRAINING, PathwayStatus.INTERNSHIP)


class Sector(models.TextChoices):
    AGRICULTURE = "agriculture", _("agriculture & livestock")
    CRAFTS = "crafts", _("crafts")
    CONSTRUCTION = "construction", _("construction & public works")
    HOSPITALITY = "hospitality", _("hospitality & catering")
    DIGITAL = "digital", _("digital & IT")
    HEALTH = "health", _("health & care")
    TRADE = "trade", _("trade")
    MECHANICS = "mechanics", _("mechanics")
    FASHION = "fashion", _("sewing & fashion")
    OTHER = "other", _("other")


class Pathway(models.Model):
    """One step of a youth's insertion pathway, recorded by staff of the youth's site."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pathways")
    association = models.ForeignKey("associations.Association", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "associations.Section", on_delete=models.PROTECT, related_name="+", verbose_name=_("site")
    )
    status = models.CharField(pgettext_lazy("pathway", "status"), max_length=16, choices=PathwayStatus.choices)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices, blank=True)
    partner = models.CharField(_("partner"), max_length=150, blank=True)
    started_on = models.DateField(_("since"))
    poll = models.ForeignKey(
        "votes.Poll",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pathways",
        verbose_name=_("decision it follows"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded on"), default=timezone.now)

    class Meta:
        verbose_name = _("pathway step")
        verbose_name_plural = _("pathway steps")
        ordering = ["member_id", "started_on", "id"]
        indexes = [
            models.Index(fields=["association", "section", "status", "started_on"]),
            models.Index(fields=["member", "started_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.started_on:%d/%m/%Y})"
