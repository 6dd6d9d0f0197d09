"""The moderation log in words, for staff on a phone: member actions (warnings, suspensions, lifts, role
changes) and content decisions, about the members of the sections the viewer staffs.

Read from Wagtail's audit log (`ModelLogEntry`) as written by `associations.audit` and `moderation.audit`:
nothing is recorded twice. Each line names members and items in words ("« Bravo » (comment, Awa K.)"),
never by id. A page costs a fixed number of queries: the entries, the memberships they name, and one query
per moderated content type on the page.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from associations.directory import name_pattern, private_scope
from associations.models import Membership, Role
from associations.predicates import active_staff_memberships
from associations.presenters import member_name
from config.parsing import parse_id
from moderation.registry import parse_item_id
from moderation.rules import is_safeguarding_lead

MEMBER_ACTIONS = ("ton.member.warn", "ton.member.suspend", "ton.member.reactivate", "ton.member.role")
# Reports and the "warn/suspend the author" entries are left out: the first are not decisions, the others
# are recorded again as the member action itself.
CONTENT_ACTIONS = (
    "ton.moderation.approve",
    "ton.moderation.reject",
    "ton.moderation.hide",
    "ton.moderation.restore",
    "ton.moderation.auto_hide",
)
MAX_PICKED = 20  # members a name search may pick at once


@dataclass
class JournalLine:
    when: object
    text: str
    reason: str
    member_id: int | None  # the member the line is about, to filter on them


def scoped_memberships(viewer) -> QuerySet[Membership]:
    """Memberships of the sections the viewer staffs (all for platform admins)."""
    scope = private_scope(viewer)
    memberships = Membership.objects.all()
    return memberships if scope is None else memberships.filter(scope)


def pick_members(viewer, text: str) -> list[Membership]:
    """The members a typed name (or a user id, from a member page) picks, among those the viewer staffs."""
    text = " ".join((text or "").split())[:80]
    if not text:
        return []
    memberships = scoped_memberships(viewer).select_related("user").filter(user__erased_at__isnull=True)
    user_id = parse_id(text)
    if user_id is not None:
        return list(memberships.filter(user_id=user_id)[:1])
    pattern = name_pattern(text)
    matches = Q(user__display_name__iregex=pattern) | Q(user__username__iregex=pattern)
    return list(memberships.filter(matches).order_by("user__display_name", "pk")[:MAX_PICKED])


def journal_entries(viewer, *, picked: list[Membership] | None = None) -> QuerySet[ModelLogEntry]:
    """Member actions and content decisions about members of the viewer's sections, newest first.
    `picked`: only those members (an empty list picks nobody). Child-protection entries: leads only."""
    entries = ModelLogEntry.objects.select_related("user").order_by("-timestamp", "-pk")
    if not viewer.is_superuser and not active_staff_memberships(viewer):
        return entries.none()
    memberships = scoped_memberships(viewer)
    if picked is not None:
        memberships = memberships.filter(pk__in=[m.pk for m in picked])
    rows = list(memberships.values_list("pk", "user_id", "association_id"))
    membership_ids = [str(pk) for pk, _user, _association in rows]
    author_ids = sorted({user for _pk, user, _association in rows})
    association_ids = sorted({association for _pk, _user, association in rows})
    about_members = Q(
        content_type=ContentType.objects.get_for_model(Membership),
        object_id__in=membership_ids,
        action__in=MEMBER_ACTIONS,
    )
    about_content = Q(action__in=CONTENT_ACTIONS, data__author__in=author_ids, data__association__in=association_ids)
    if not viewer.is_superuser:
        leads_of = [a for a in association_ids if is_safeguarding_lead(viewer, a)]
        about_content &= ~Q(data__urgent=True) | Q(data__association__in=leads_of)
    return entries.filter(about_members | about_content)


def lines(entries, viewer=None) -> list[JournalLine]:
    """The page's entries in words: two queries for the members and items they name, whatever the page;
    names follow the one display rule (`member_name`: the full name to the staff of the member's site)."""
    entries = list(entries)
    membership_ct = ContentType.objects.get_for_model(Membership)
    membership_ids = {int(e.object_id) for e in entries if e.content_type_id == membership_ct.pk}
    memberships = Membership.objects.select_related("user").in_bulk(membership_ids)
    items = _items([e.data.get("item", "") for e in entries if e.action in CONTENT_ACTIONS])
    result = []
    for entry in entries:
        actor = member_name(viewer, entry.user) if entry.user_id else _("the system")
        data = entry.data or {}
        if entry.action in MEMBER_ACTIONS:
            membership = memberships.get(int(entry.object_id))
            member = member_name(viewer, membership.user) if membership else _("a former member")
            text = _member_text(entry.action, member=member, actor=actor, data=data)
            member_id = membership.user_id if membership else None
        else:
            item = items.get(data.get("item", ""))
            text = _content_text(entry.action, item=_item_words(item, viewer), actor=actor)
            member_id = data.get("author")
        result.append(JournalLine(entry.timestamp, text, str(data.get("reason") or ""), member_id))
    return result


def _member_text(action: str, *, member: str, actor: str, data: dict) -> str:
    if action == "ton.member.warn":
        return _("%(actor)s warned %(member)s") % {"actor": actor, "member": member}
    if action == "ton.member.suspend":
        until = parse_datetime(data.get("until") or "")
        day = formats.date_format(until, "j M Y") if until else "?"
        return _("%(actor)s suspended %(member)s until %(date)s") % {"actor": actor, "member": member, "date": day}
    if action == "ton.member.reactivate":
        return _("%(actor)s lifted the suspension of %(member)s") % {"actor": actor, "member": member}
    role = dict(Role.choices).get(data.get("role"), data.get("role", ""))
    return _("%(actor)s made %(member)s %(role)s") % {"actor": actor, "member": member, "role": role}


def _content_text(action: str, *, item: str, actor: str) -> str:
    texts = {
        "ton.moderation.approve": _("%(actor)s approved %(item)s"),
        "ton.moderation.reject": _("%(actor)s rejected %(item)s"),
        "ton.moderation.hide": _("%(actor)s hid %(item)s"),
        "ton.moderation.restore": _("%(actor)s restored %(item)s"),
        "ton.moderation.auto_hide": _("%(item)s was hidden automatically after reports"),
    }
    return texts[action] % {"actor": actor, "item": item}


def _items(item_ids: list[str]) -> dict:
    """The named items, one query per content type (select_related author)."""
    wanted: dict = {}
    for item_id in set(item_ids):
        parsed = parse_item_id(item_id)
        if parsed:
            wanted.setdefault(parsed[0], set()).add(parsed[1])
    found = {}
    for model, pks in wanted.items():
        for pk, item in model.objects.select_related("author").in_bulk(pks).items():
            found[f"{model._meta.label_lower}:{pk}"] = item
    return found


def _item_words(item, viewer=None) -> str:
    if item is None:
        return _("a deleted item")
    excerpt = " ".join(item.moderation_text.split())
    excerpt = excerpt if len(excerpt) <= 50 else excerpt[:49] + "…"
    return _("“%(excerpt)s” (%(kind)s by %(author)s)") % {
        "excerpt": excerpt,
        "kind": item._meta.verbose_name,
        "author": member_name(viewer, item.author),
    }
