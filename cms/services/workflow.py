"""Each association's place in the page tree and its Wagtail moderation workflow.

`ensure_workflow(association)` is idempotent and used by the demo, the tests and the submission service:
an AssociationPage with its ActivityIndexPage, an image collection, a staff group holding the page and
image permissions on those, and a workflow with one group-approval task assigned to the association page.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from associations.models import Association, Membership, MembershipStatus, Role
from cms.models import ActivityIndexPage, AssociationPage, HomePage

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]


def staff_group_name(association: Association) -> str:
    return f"Staff {association.slug}"


@transaction.atomic
def ensure_association_pages(association: Association) -> tuple[AssociationPage, ActivityIndexPage]:
    page = AssociationPage.objects.filter(association=association).first()
    if page is None:
        home = HomePage.objects.filter(depth=2).first()
        if home is None:
            from cms.setup import ensure_site_tree

            home = ensure_site_tree(site_name=association.name, title=association.name)
        page = home.add_child(
            instance=AssociationPage(title=association.name, slug=association.slug, association=association)
        )
        page.save_revision().publish()
    index = ActivityIndexPage.objects.child_of(page).first()
    if index is None:
        index = page.add_child(instance=ActivityIndexPage(title=_("Activities"), slug="activites"))
        index.save_revision().publish()
    return page, index


def ensure_collection(association: Association) -> Collection:
    name = f"{association.name} ({association.slug})"
    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=name).first()
    return found or root.add_child(name=name)


@transaction.atomic
def ensure_workflow(association: Association) -> Workflow:
    """The association's approval workflow (created on first use), with its staff group kept in sync."""
    page, _index = ensure_association_pages(association)
    group, _created = Group.objects.get_or_create(name=staff_group_name(association))
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    collection = ensure_collection(association)
    for codename in IMAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailimages", codename=codename)
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)
    task = GroupApprovalTask.objects.filter(name=_task_name(association)).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=_task_name(association))
    task.groups.set([group])
    workflow, _created = Workflow.objects.get_or_create(name=f"Récits d'activités — {association.slug}")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    sync_staff_group(association)
    return workflow


def _task_name(association: Association) -> str:
    # Names are data (looked up again on every run), so they are not translated.
    return f"Validation par le staff — {slugify(association.slug)}"


def sync_staff_group(association: Association) -> None:
    """The group's members are exactly the association's active staff (run after membership changes)."""
    group = Group.objects.filter(name=staff_group_name(association)).first()
    if group is None:
        return
    staff_ids = Membership.objects.filter(
        association=association, role=Role.STAFF, status=MembershipStatus.ACTIVE
    ).values_list("user_id", flat=True)
    group.user_set.set(list(staff_ids))
