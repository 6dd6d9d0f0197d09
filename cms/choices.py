"""Choices of activity reports, apart from the models so forms and filters can use them without the models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    SOCIAL = "social", _("social integration")
    INSERTION = "insertion", _("professional insertion")
    TRAINING = "training", _("training")
    CULTURE = "culture", _("culture & sport")
    ENVIRONMENT = "environment", _("environment")
    CITIZENSHIP = "citizenship", _("citizenship")
    OTHER = "other", _("other")


class Visibility(models.TextChoices):
    MEMBERS = "members", _("members of the association")
    PUBLIC = "public", _("everyone")
