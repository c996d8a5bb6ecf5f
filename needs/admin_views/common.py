"""What every screen of the cases back office shares: who may use it, the 403 page, amounts,
the jurisdiction-scoped reads, and the one way an action form calls its service."""

from __future__ import annotations

import datetime as dt
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin import messages

from core import form_tokens
from core.admin_lists import forbidden
from core.jurisdiction import GOVERNMENT_ROLES, has_role
from core.models import IdempotencyKey, Membership
from core.money import format_money
from needs import admin_forms as f
from needs import selectors, services
from needs.models import Case, Referral

Role = Membership.Role
CASE_ROLES = tuple(selectors.CASE_READERS)
# Charities answer referrals; government staff follow their cases' referrals (and departments
# answer those sent to them, department staff only those); auditors and platform
# administrators read them all.
REFERRAL_ROLES = (*selectors.CASE_READERS, Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF)
ACTING_ON_REFERRAL_ROLES = (Role.CHARITY_STAFF, Role.DEPARTMENT_STAFF, *GOVERNMENT_ROLES)
PAGE_SIZE = 50


def require_roles(*roles: str):
    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                return forbidden(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def in_local_days(queryset, field: str, start: dt.date | None, end: dt.date | None):
    """``queryset`` narrowed to ``field`` falling on the local days ``start`` to ``end``
    (either may be None), as the supervision dashboard counts its periods."""
    zone = timezone.get_default_timezone()
    if start:
        first = timezone.make_aware(dt.datetime.combine(start, dt.time.min), zone)
        queryset = queryset.filter(**{f"{field}__gte": first})
    if end:
        after = timezone.make_aware(
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), zone
        )
        queryset = queryset.filter(**{f"{field}__lt": after})
    return queryset


def money(fen: int | None) -> str:
    return "—" if fen is None else format_money(fen)


def query_without_page(request) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "p" and v])


def visible_cases(user):
    queryset = Case.objects.select_related("region", "responsible_office", "owner")
    return selectors.cases_visible_to(user, queryset)


def visible_referrals(user):
    queryset = Referral.objects.select_related(
        "case__region", "to_organisation", "project", "requested_by"
    )
    return selectors.referrals_visible_to(user, queryset)


def referral_overdue(referral: Referral, now) -> bool:
    """Still unanswered after its answer was due."""
    return referral.status == Referral.Status.REQUESTED and referral.answer_due_at < now


def action_form(cls, case, user, name: str, bound: dict, *, item=None, **kwargs):
    """The bound form of a failed POST for this action (and item), or a fresh one."""
    form = bound.get(name)
    if form is not None and (item is None or str(form.data.get(form.item_field)) == str(item)):
        return form
    suffix = f"{name}_{item}" if item is not None else name
    initial = kwargs.pop("initial", {})
    if item is not None:
        initial[cls.item_field] = item
    return cls(case=case, user=user, auto_id=f"id_{suffix}_%s", initial=initial, **kwargs)


def error_summary(request, title: str, form: f.ServiceForm) -> None:
    messages.error(
        request,
        _("%(action)s: not done. %(reasons)s")
        % {"action": title, "reasons": " ".join(form.error_texts())},
    )


def call_service(
    form: f.ServiceForm, perform, *, atomic: bool = True, user=None
) -> tuple[object, int]:
    """Run ``perform`` in one transaction (unless the service keeps its own: ``atomic=False``),
    spending the form's one-time token (core.form_tokens) in it; a refusal goes onto the
    form, a second post of the same token too (core.form_tokens.was_repeated), nothing done.
    ``user``: who posted, when the form was built without one. Returns (result or None, HTTP
    status for a re-rendered page)."""
    token = form.cleaned_data.get(form_tokens.FIELD)
    user = user or getattr(form, "user", None)
    scope = type(form).__name__
    try:
        if not atomic:
            # The service commits step by step: the token is taken first, and given back
            # if the service refuses, so that the corrected form can be sent again.
            with transaction.atomic():
                form_tokens.spend(user=user, token=token, scope=scope)
            try:
                return perform(), 200
            except (ValidationError, PermissionDenied):
                IdempotencyKey.objects.filter(user=user, key=f"form:{token}").delete()
                raise
        with transaction.atomic():
            form_tokens.spend(user=user, token=token, scope=scope)
            return perform(), 200
    except form_tokens.AlreadySubmitted:
        form_tokens.refuse_on(form)
        return None, 200
    except ValidationError as error:
        form.add_service_error(error)
        return None, 200
    except PermissionDenied as error:
        form.add_error(None, str(error) or _("You may not do this."))
        return None, 403


class ActionView(View):
    """POST only: validate the form, call one service, redirect with a message; on a refusal,
    show the page again with the form's errors. One subclass per action, one service each."""

    http_method_names = ["post"]
    name = ""
    title = ""
    help_text = ""
    button = gettext_lazy("Save")
    form_class: type[f.ServiceForm] = f.EmptyForm
    # Who may act at all (the service decides the rest), and what the others are told.
    roles: tuple[str, ...] = ()
    refusal = ""
    # The URL namespace the action is registered in (the apps' own screens use this toolkit).
    url_namespace = "needs_admin"

    @classmethod
    def url_name(cls) -> str:
        raise NotImplementedError

    @classmethod
    def panel(cls, *, pk: int, form: f.ServiceForm, is_open: bool) -> dict:
        """The action as the page shows it: a folding form posting to this view."""
        return {
            "name": cls.name,
            "title": cls.title,
            "help": cls.help_text,
            "button": cls.button,
            "url": reverse(f"{cls.url_namespace}:{cls.url_name()}", args=[pk]),
            "form": form,
            "open": is_open,
        }

    def get_object(self, request, pk: int):
        raise NotImplementedError

    def case_of(self, obj) -> Case:
        raise NotImplementedError

    def perform(self, user, obj, data: dict) -> str:
        """Call the service; return the success message."""
        raise NotImplementedError

    def redirect_after(self, request, obj):
        raise NotImplementedError

    def page(self, request, obj, *, bound: dict, status: int) -> TemplateResponse:
        raise NotImplementedError

    def post(self, request, pk: int):
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        obj = self.get_object(request, pk)
        item_field = self.form_class.item_field
        posted_item = request.POST.get(item_field, "") if item_field else ""
        item = "".join(ch for ch in posted_item if ch.isdigit())
        suffix = f"{self.name}_{item}" if item else self.name
        form = self.form_class(
            request.POST, case=self.case_of(obj), user=request.user, auto_id=f"id_{suffix}_%s"
        )
        status = 200
        if form.is_valid():
            message, status = call_service(
                form, lambda: self.perform(request.user, obj, form.cleaned_data), user=request.user
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return self.redirect_after(request, obj)
            if message is not None:
                messages.success(request, message)
                return self.redirect_after(request, obj)
        error_summary(request, str(self.title), form)
        return self.page(request, obj, bound={self.name: form}, status=status)


def household_input(form) -> services.HouseholdInput:
    """The household as a case report form (or a form built on it) describes it."""
    data = form.cleaned_data
    return services.HouseholdInput(
        region=data["county"],
        township=data["township"],
        address_detail=data["address_detail"],
        phone=data["phone"],
        flags=form.flags(),
        members=[services.MemberInput(**member) for member in form.members()],
    )
