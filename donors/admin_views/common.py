"""What every screen of the money back office shares: who may use which screen, the
jurisdiction-scoped reads, and the one way an action form calls its service.

The action views are those of the cases back office (needs.admin_views.common.ActionView):
POST only, one service per view, the service's refusals back on the form, and the form's
one-time submission token spent with the change (core.form_tokens), so a double click or a
resent request acts once.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages

from core import form_tokens
from core.jurisdiction import GOVERNMENT_ROLES, ORGANISATION_ROLES, Role, has_role, scope_for
from core.money import format_money
from donors import rules
from donors.admin_forms import MoneyForm
from donors.models import Account, Allocation, Disbursement, Donation, Fund
from donors.rules import is_staff_of
from donors.selectors import fundable_referrals, funds_allocated_by, referrals_funds_may_pay
from needs.admin_views.common import (
    PAGE_SIZE,
    ActionView,
    call_service,
    error_summary,
    forbidden,
    query_without_page,
    require_roles,
)
from needs.models import Case, Referral
from needs.selectors import case_filter, user_can_handle_case

__all__ = [
    "PAGE_SIZE",
    "forbidden",
    "query_without_page",
    "require_roles",
]

# Who may open each screen (the services decide the rest). Auditors read, never write.
FUND_ROLES = (Role.FUND_MANAGER, Role.CHARITY_STAFF, Role.AUDITOR, Role.PLATFORM_ADMIN)
FUND_WRITERS = (Role.FUND_MANAGER, Role.CHARITY_STAFF, Role.PLATFORM_ADMIN)
DONATION_WRITERS = (
    Role.CHARITY_STAFF,
    Role.FUND_MANAGER,
    *sorted(GOVERNMENT_ROLES),
    Role.PLATFORM_ADMIN,
)
DONATION_ROLES = (*DONATION_WRITERS, Role.AUDITOR)
# Fund managers commit their funds' money to referrals their rules admit (never a project's).
ALLOCATION_WRITERS = (Role.CHARITY_STAFF, Role.FUND_MANAGER, Role.PLATFORM_ADMIN)
ALLOCATION_ROLES = (*ALLOCATION_WRITERS, Role.AUDITOR)


def money(fen: int | None) -> str:
    return "—" if fen is None else format_money(fen)


def receipt_url(donation: Donation) -> str:
    """The printable receipt page (donors.receipts)."""
    return reverse("donation-receipt", args=[donation.public_id])


# ---- jurisdiction on every query ----


def _organisations(user, roles=ORGANISATION_ROLES) -> frozenset[int]:
    return scope_for(user, roles=roles).organisation_ids


def own_funds(user) -> QuerySet[Fund]:
    """The funds of the user's own organisations; every fund for auditors and administrators.
    (Other organisations' public funds are on the public site, not in this back office.)"""
    funds = Fund.objects.select_related("owner")
    if scope_for(user).everything:
        return funds
    return funds.filter(owner_id__in=_organisations(user))


def visible_donations(user) -> QuerySet[Donation]:
    """Donations received by the user's organisation and, for government staff, donations to
    the public needs of cases in their jurisdiction; every one for auditors and administrators."""
    donations = Donation.objects.select_related(
        "donor", "fund", "project", "need", "receiving_organisation"
    )
    if scope_for(user).everything:
        return donations
    # The fund's owner (an enterprise) sees the gifts to its fund its holding charity received.
    condition = Q(receiving_organisation_id__in=_organisations(user)) | Q(
        fund__owner_id__in=_organisations(user)
    )
    cases = case_filter(user)
    if has_role(user, *GOVERNMENT_ROLES) and cases is not None:
        condition |= Q(need__case__in=Case.objects.filter(cases).values("pk"))
    return donations.filter(condition)


def money_referrals(user) -> QuerySet[Referral]:
    """Referrals to a charity project that money can follow: those sent to the user's charity;
    for a fund manager, those their funds' rules admit now and those their funds paid into
    (donors.selectors.referrals_funds_may_pay: read by category and county, never the case
    file); every one for auditors and administrators."""
    referrals = Referral.objects.filter(project__isnull=False).select_related(
        "case__region", "project", "to_organisation"
    )
    if scope_for(user).everything:
        return referrals
    charities = _organisations(user, (Role.CHARITY_STAFF,))
    # A charity holding gifts to a case's public need commits them to the case's referrals.
    holding = Account.objects.filter(kind=Account.Kind.NEED, receiver_id__in=charities).values(
        "need__case_id"
    )
    condition = Q(to_organisation_id__in=charities) | Q(case_id__in=holding)
    if has_role(user, Role.FUND_MANAGER):
        condition |= Q(pk__in=referrals_funds_may_pay(user).values("pk"))
    return referrals.filter(condition)


def visible_allocations(user) -> QuerySet[Allocation]:
    return Allocation.objects.filter(
        referral__in=money_referrals(user).values("pk")
    ).select_related("referral", "source__fund", "source__project", "source__need")


def visible_disbursements(user) -> QuerySet[Disbursement]:
    return Disbursement.objects.filter(
        allocation__in=visible_allocations(user).values("pk")
    ).select_related("allocation__referral")


# ---- who may act on what (shown forms only; the services check again) ----


def may_manage_fund(user, fund: Fund) -> bool:
    return has_role(user, *FUND_WRITERS) and is_staff_of(user, fund.owner_id)


def may_act_for_receiver(user, donation: Donation) -> bool:
    """The back office's roles, then the service's rule (donors.rules.may_act_for_receiver)."""
    return has_role(user, *DONATION_WRITERS) and rules.may_act_for_receiver(user, donation)


def delivers(user, referral: Referral) -> bool:
    """Staff of the charity handling the referral: they allocate and record its payments."""
    return has_role(user, *ALLOCATION_WRITERS) and is_staff_of(
        user, referral.to_organisation_id, roles=(Role.CHARITY_STAFF,)
    )


def funds_for(user, referral: Referral) -> list[Fund]:
    """The funds ``user`` manages that may pay for ``referral`` now (empty for everyone but
    fund managers and administrators): they are offered the allocate form with these only."""
    if not has_role(user, Role.FUND_MANAGER):
        return []
    funds = funds_allocated_by(user).prefetch_related("regions")
    return [fund for fund in funds if fundable_referrals(fund).filter(pk=referral.pk).exists()]


def holds(user, allocation: Allocation) -> bool:
    """The holder of the allocation's money: they may release it."""
    if not has_role(user, *ALLOCATION_WRITERS):
        return False
    source = allocation.source
    if source.fund_id:
        return is_staff_of(user, source.fund.owner_id)
    if source.project_id:
        return is_staff_of(user, source.project.organisation_id, roles=(Role.CHARITY_STAFF,))
    return source.need_id is not None and user_can_handle_case(user, source.need.case)


def source_name(allocation: Allocation) -> str:
    source = allocation.source
    if source.fund_id:
        return _("special fund %(name)s") % {"name": source.fund.name}
    if source.project_id:
        return _("project %(title)s") % {"title": source.project.title}
    return _("donations to the public need")


# ---- action forms ----


class MoneyActionView(ActionView):
    """An action of the money back office on the object at ``pk`` (or, for a page that creates
    something, on nothing). ``perform`` calls exactly one service and returns the message."""

    form_class: type[MoneyForm] = MoneyForm
    refusal = gettext_lazy("Your role may not do this.")

    @classmethod
    def url_name(cls) -> str:
        return cls.name

    @classmethod
    def key(cls, obj) -> tuple[str, int | None]:
        return (cls.name, getattr(obj, "pk", None))

    @classmethod
    def form_target(cls, obj):
        """What the form builds its choices from: usually the object itself."""
        return obj

    @classmethod
    def make_form(cls, user, obj, data=None, files=None) -> MoneyForm:
        pk = getattr(obj, "pk", None)
        suffix = f"{cls.name}_{pk}" if pk is not None else cls.name
        return cls.form_class(
            data, files, target=cls.form_target(obj), user=user, auto_id=f"id_{suffix}_%s"
        )

    @classmethod
    def panel(cls, *, obj, user, bound: dict, is_open: bool = True, title=None) -> dict:
        """The action as a page shows it: a folding form posting to this view, with the
        form of a failed post (``bound``) shown again."""
        form = bound.get(cls.key(obj)) or cls.make_form(user, obj)
        return {
            "name": cls.name,
            "title": title or cls.title,
            "help": cls.help_text,
            "button": cls.button,
            "url": reverse(f"donors_admin:{cls.url_name()}", args=[obj.pk]),
            "form": form,
            "open": is_open or form.is_bound,
        }

    # False for an action that calls an outside service (Stripe) and keeps its own
    # transactions: no row lock is held while it waits for the answer (call_service).
    atomic = True

    def case_of(self, obj):  # the cases back office's forms take a case; ours do not
        return None

    def get_object(self, request, pk):
        raise NotImplementedError

    def post(self, request, pk: int | None = None):
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        obj = self.get_object(request, pk)
        form = self.make_form(request.user, obj, request.POST, request.FILES)
        status = 200
        if form.is_valid():
            message, status = call_service(
                form,
                lambda: self.perform(request.user, obj, form.cleaned_data),
                user=request.user,
                atomic=self.atomic,
            )
            if form_tokens.was_repeated(form):
                messages.info(request, str(form_tokens.ALREADY_SUBMITTED))
                return self.redirect_after(request, obj)
            if message is not None:
                messages.success(request, message)
                return self.redirect_after(request, obj)
        error_summary(request, str(self.title), form)
        return self.page(request, obj, bound={self.key(obj): form}, status=status)


class MoneyFormPage(MoneyActionView):
    """A page whose form creates something (a fund, an offline donation): GET shows the form,
    POST acts once and goes to what was created."""

    http_method_names = ["get", "post"]
    template_name = ""
    created = None

    def get_object(self, request, pk):
        return None

    def get(self, request):
        if not has_role(request.user, *self.roles):
            return forbidden(request, str(self.refusal))
        return self.page(request, None, bound={}, status=200)

    def perform(self, user, obj, data: dict) -> str:
        self.created = self.create(user, data)
        return self.success_message(self.created)

    def create(self, user, data: dict):
        raise NotImplementedError

    def success_message(self, created) -> str:
        raise NotImplementedError

    def page(self, request, obj, *, bound: dict, status: int) -> TemplateResponse:
        form = bound.get(self.key(None)) or self.make_form(request.user, None)
        return TemplateResponse(
            request, self.template_name, self.page_context(request, form), status=status
        )

    def page_context(self, request, form) -> dict:
        return {"form": form, "title": self.title, "button": self.button}

    def redirect_to_created(self, created):
        raise NotImplementedError

    def redirect_after(self, request, obj):
        if self.created is None:  # a repeated form: back to the list
            return redirect(self.list_url)
        return self.redirect_to_created(self.created)

    list_url = ""
