"""The moderation part of Wagtail's audit log, as staff may read it, filterable by member and by item."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import ModelLogEntry

from associations.models import Membership
from associations.predicates import active_staff_memberships
from config.parsing import parse_id
from moderation.registry import parse_item_id
from moderation.rules import is_safeguarding_lead


def audit_entries(viewer, *, member: str = "", item: str = "") -> QuerySet[ModelLogEntry]:
    """Moderation entries of the viewer's associations (all for platform admins), newest first.

    `member`: a user id — entries about their items, and the member actions (warn, suspend, …) recorded
    on their membership. `item`: "app.model:pk". Reports of child-protection concerns are listed for
    safeguarding leads only.
    """
    entries = ModelLogEntry.objects.select_related("user", "content_type").order_by("-timestamp", "-pk")
    memberships = Membership.objects.all()
    if not viewer.is_superuser:
        association_ids = sorted({m.association_id for m in active_staff_memberships(viewer)})
        if not association_ids:
            return entries.none()
        memberships = memberships.filter(association_id__in=association_ids)
        scope = Q(data__association__in=association_ids)
        leads_of = [a for a in association_ids if is_safeguarding_lead(viewer, a)]
        scope &= ~Q(data__urgent=True) | Q(data__association__in=leads_of)
    else:
        scope = Q(action__startswith="ton.moderation.")
    moderation = Q(action__startswith="ton.moderation.") & scope
    member_id = parse_id(member)
    if member_id is not None:
        membership_ct = ContentType.objects.get_for_model(Membership)
        own_memberships = [str(pk) for pk in memberships.filter(user_id=member_id).values_list("pk", flat=True)]
        entries = entries.filter(
            (moderation & Q(data__author=member_id))
            | Q(content_type=membership_ct, object_id__in=own_memberships, action__startswith="ton.member.")
        )
    elif member:
        return entries.none()
    else:
        entries = entries.filter(moderation)
    if item:
        parsed = parse_item_id(item)
        if parsed is None:
            return entries.none()
        model, pk = parsed
        entries = entries.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
    return entries
