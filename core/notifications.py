"""Staff notifications: the one function that sends them, and the reads of one's own.

``notify`` is what the periodic tasks (supervision.tasks) call. With a ``key`` it sends at most
once per recipient and key, so a task that runs again never repeats itself. A notification
is a change of state like any other: written with its audit event in one transaction
(DESIGN.md 7.3). Email follows after the commit when ``NOTIFICATION_EMAILS`` is on and the
recipient has an address; a mail server that fails does not undo the in-app notification.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.audit import audit_record
from core.models import Notification, User

logger = logging.getLogger(__name__)


def notify(
    user: User, kind: str, message: str, link: str = "", *, key: str = ""
) -> Notification | None:
    """Tell ``user`` something in the back office (and by email when configured).

    Returns the notification, or None when one with the same ``key`` was already sent to them.
    ``message`` must not name a person in hardship (a case number is enough).
    """
    if not user.is_active:
        return None
    if key and Notification.objects.filter(recipient=user, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=user, kind=kind, message=message[:500], link=link[:300], key=key[:120]
            )
            audit_record(
                actor=None,
                action="notification.send",
                obj=notification,
                changes={"kind": (None, kind), "recipient": (None, user.pk)},
            )
    except IntegrityError:  # a concurrent run sent it first
        return None
    if settings.NOTIFICATION_EMAILS and user.email:
        transaction.on_commit(lambda: _email(notification.pk))
    return notification


def user_language(user) -> str:
    """The language the user chose for the back office (Wagtail's account setting), else the
    platform's: what their notifications are written in. Read without creating a profile."""
    from wagtail.users.models import UserProfile

    chosen = (
        UserProfile.objects.filter(user=user).values_list("preferred_language", flat=True).first()
    )
    return chosen or settings.LANGUAGE_CODE


def _email(notification_id: int) -> None:
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    body = notification.message
    if notification.link:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        body += "\n\n" + base + notification.link
    # The subject in the recipient's language, like the message.
    with override(user_language(notification.recipient)):
        subject = _("Emergency relief platform: %(kind)s") % {
            "kind": notification.get_kind_display()
        }
    try:
        send_mail(
            subject,
            body,
            None,
            [notification.recipient.email],
        )
    except OSError:
        logger.warning("notification %s: email not sent", notification_id, exc_info=True)
        return
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody else's, whatever their role."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()


@transaction.atomic
def notification_mark_read(*, by: User, notification: Notification) -> Notification:
    """Only the recipient may mark a notification read; marking it again changes nothing."""
    if notification.recipient_id != by.pk:
        raise PermissionDenied(_("This notification is not yours."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(actor=by, action="notification.read", obj=notification)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by: User) -> int:
    """Mark all of the user's unread notifications read; returns how many."""
    unread = list(notifications_for(by).filter(read_at__isnull=True).values_list("pk", flat=True))
    if unread:
        Notification.objects.filter(pk__in=unread).update(read_at=timezone.now())
        audit_record(actor=by, action="notification.read_all", changes={"count": len(unread)})
    return len(unread)
