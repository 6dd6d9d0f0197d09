"""Wagtail and model signals the cms listens to: workflow decisions reach the author, admin uploads are
stripped like front-end ones, staff groups follow memberships."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.signals import task_rejected, workflow_approved


def _activity(content_object):
    from cms.models import ActivityPage

    page = getattr(content_object, "specific", content_object)
    return page if isinstance(page, ActivityPage) else None


def on_task_rejected(sender, instance, user=None, **kwargs):
    from cms.notices import notify_rejected

    page = _activity(instance.workflow_state.content_object)
    if page is not None:
        notify_rejected(page, instance.comment)


def on_workflow_approved(sender, instance, user=None, **kwargs):
    from cms.notices import notify_approved

    page = _activity(instance.content_object)
    if page is not None:
        page.refresh_from_db()
        notify_approved(page)


def on_image_pre_save(sender, instance, raw=False, **kwargs):
    from cms.images import strip_admin_upload

    if not raw and not getattr(instance, "_ton_clean", False):
        strip_admin_upload(instance)


def on_membership_change(sender, instance, raw=False, **kwargs):
    from cms.services.workflow import sync_staff_group

    if not raw:
        association = instance.association
        transaction.on_commit(lambda: sync_staff_group(association))


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site

    from cms.routing import forget_restrictions, forget_sites
    from config import pagecache

    pagecache.connect()
    for model, forget in ((Site, forget_sites), (PageViewRestriction, forget_restrictions)):
        post_save.connect(forget, sender=model, dispatch_uid=f"cms.forget-{model.__name__}-save")
        post_delete.connect(forget, sender=model, dispatch_uid=f"cms.forget-{model.__name__}-delete")

    from associations.models import Membership

    task_rejected.connect(on_task_rejected, dispatch_uid="cms.task_rejected")
    workflow_approved.connect(on_workflow_approved, dispatch_uid="cms.workflow_approved")
    pre_save.connect(on_image_pre_save, sender=get_image_model(), dispatch_uid="cms.image_strip")
    post_save.connect(on_membership_change, sender=Membership, dispatch_uid="cms.staff_group_save")
    post_delete.connect(on_membership_change, sender=Membership, dispatch_uid="cms.staff_group_delete")
