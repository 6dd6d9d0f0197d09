"""What a request asks of the indicators: which association, which sites, which period — checked once
for the page, the CSV exports and the API alike."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from associations.models import Association
from associations.predicates import active_staff_memberships
from associations.selectors import user_memberships
from config.errors import DomainError, Forbidden
from config.parsing import parse_id
from indicators.periods import Period, PeriodError, parse_period
from indicators.rules import visible_section_ids


@dataclass(frozen=True)
class Query:
    association: Association
    scope: list[int] | None  # None: every site
    all_sites: bool  # the viewer may see every site (coordinator, admin)
    site_id: int | None
    period: Period


def _association_for(user, association_id: int | None) -> Association | None:
    memberships = user_memberships(user)
    if association_id is not None:
        if association_id in memberships:
            return memberships[association_id].association
        return Association.objects.filter(pk=association_id).first() if user.is_superuser else None
    staffed = active_staff_memberships(user)
    if staffed:
        return min(staffed, key=lambda m: m.association_id).association
    return Association.objects.order_by("pk").first() if user.is_superuser else None


def indicator_query(user, params) -> Query:
    """Raise Forbidden unless the user may see indicators; DomainError (400) on a bad period or site."""
    if not getattr(user, "is_authenticated", False):
        raise Forbidden(_("Log in to see the indicators."))
    association = _association_for(user, parse_id(params.get("association", "")))
    if association is None or not user.has_perm("indicators.view_indicators", association):
        raise Forbidden(_("Indicators are for the staff of the association."))
    visible = visible_section_ids(user, association)
    try:
        period = parse_period(
            kind=params.get("period", "")[:10],
            date=params.get("date", "")[:10],
            start=params.get("from", "")[:10],
            end=params.get("to", "")[:10],
            today=timezone.localdate(),
        )
    except PeriodError as error:
        raise DomainError(str(error), code="invalid_period") from error
    raw_site = params.get("site", "")
    site_id = parse_id(raw_site)
    if raw_site and site_id is None:
        raise DomainError(_("Unknown site."), code="invalid_site")
    if site_id is not None:
        if visible is not None and site_id not in visible:
            raise Forbidden(_("You may see the indicators of your own site only."))
        if not association.sections.filter(pk=site_id).exists():
            raise DomainError(_("Unknown site."), code="invalid_site")
        scope = [site_id]
    else:
        scope = visible
    return Query(association, scope, visible is None, site_id, period)
