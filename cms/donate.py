"""Donate: choose a fund, a project or a public need and an amount, then pay online with
Stripe Checkout (when it is configured) or read the receiving charity's bank details for
a transfer; a thank-you page follows the donation to its receipt. A plain form, no JavaScript.

Only charities entitled to raise from the public receive gifts (core.charity_law): the page
shows their credit code, qualification certificate and the plan's filing number, as 慈善中国
does. A gift to a need goes to the charity project handling the case, or before a referral
to the qualified project or fund the donor chooses; never to a government office.

The page calls the same service as the public API (donors.stripe_gateway.checkout_start):
the amount limits, the target's rules and what is recorded are the same.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.editor_pages import DonatePage, editor_text
from core import ratelimit
from core.charity_law import may_raise_publicly, public_record
from core.money import format_money, yuan_to_fen
from donors.models import Donation, Fund
from donors.need_gifts import need_receivers
from donors.selectors import donation_target
from donors.services.donations import donation_receiver, fund_fundraising_problem
from donors.stripe_gateway import (
    MAX_ONLINE_FEN,
    MIN_ONLINE_FEN,
    PaymentUnavailableError,
    checkout_start,
    online_amount_problem,
    stripe_enabled,
)
from projects.models import Project

TARGET_TYPES = ("fund", "project", "need")
STARTS_PER_IP_PER_HOUR = 20
# The donation service's field names -> this form's.
SERVICE_FIELDS = {
    "amount_fen": "amount",
    "name": "name",
    "email": "email",
    "message": "message",
    "receiver": "receiver",
}


def _chosen_target(data):
    """(type, id, object) of the target the form names, or Nones."""
    for target_type in TARGET_TYPES:
        target_id = (data.get(target_type) or "").strip()[:64]
        if target_id:
            return target_type, target_id, donation_target(target_type, target_id)
    return None, "", None


def _title(target) -> str:
    return getattr(target, "name", None) or getattr(target, "title", "")


def _receiver(target_type, target, chosen=None):
    """Who receives the gift, or the reason the target takes no gifts now."""
    try:
        return donation_receiver(**{target_type: target}, **(chosen or {})), ""
    except ValidationError as error:
        return None, error.messages[0]


def _need_receivers(need, source) -> dict:
    """The need's qualified receivers as the page lists them, and the one chosen: the project
    handling its referral, else the donor's choice (``receiver=project:5``), else the only
    one. A government office is never among them (core.charity_law)."""
    receivers = need_receivers(need)
    options = [
        {"key": f"project:{p.pk}", "holder": p, "organisation": p.organisation, "kind": "project"}
        for p in receivers.projects
    ] + [
        {"key": f"fund:{f.pk}", "holder": f, "organisation": f.holder, "kind": "fund"}
        for f in receivers.funds
    ]
    raw = (source.get("receiver") or "").strip()[:40]
    chosen = next((o for o in options if o["key"] == raw), None)
    if chosen is None and (receivers.referral_project is not None or len(options) == 1):
        chosen = options[0] if options else None
    return {
        "referral_project": receivers.referral_project,
        "receiver_options": options,
        "chosen_receiver": chosen,
    }


def _receiver_keyword(chosen) -> dict:
    if chosen is None:
        return {}
    return {f"receiving_{chosen['kind']}": chosen["holder"]}


def _amount_fen(raw: str) -> int:
    raw = (raw or "").strip()
    if not raw:
        raise ValidationError(_("Enter an amount in yuan."))
    fen = yuan_to_fen(raw[:20])
    problem = online_amount_problem(fen)
    if problem is not None:
        code, message = problem
        raise ValidationError(message, code=code)
    return fen


def _validated(post) -> tuple[dict, dict]:
    values = {k: (post.get(k) or "").strip() for k in ("amount", "name", "email", "message")}
    values["is_anonymous"] = post.get("is_anonymous") == "on"
    errors = {}
    try:
        values["amount_fen"] = _amount_fen(values["amount"])
    except ValidationError as error:
        errors["amount"] = error.messages[0]
    if not values["name"]:
        errors["name"] = _(
            "Write your name: it goes on the receipt, never in public if you give anonymously."
        )
    elif len(values["name"]) > 128:
        errors["name"] = _("Write the name in at most 128 characters.")
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = _("Enter a valid email address, or leave it empty.")
    if len(values["message"]) > 200:
        errors["message"] = _("Write the message in at most 200 characters.")
    return values, errors


def donate(request, editor_page=None):
    response = _donate(request, editor_page)
    # The form's answer redirects to Stripe's Checkout page: the page's CSP must allow the
    # form to go there (form-action covers redirects after a submit).
    response._csp_update = {"form-action": [settings.STRIPE_CHECKOUT_ORIGIN]}
    return response


def _donate(request, editor_page=None):
    source = request.POST if request.method == "POST" else request.GET
    target_type, target_id, target = _chosen_target(source)
    context = {
        "target_type": target_type,
        "target_id": target_id,
        "target": target,
        "target_title": _title(target) if target is not None else "",
        "online": stripe_enabled(),
        "minimum": format_money(MIN_ONLINE_FEN),
        "maximum": format_money(MAX_ONLINE_FEN),
        "values": {},
        "errors": {},
        "page_text": editor_text(DonatePage, editor_page),
    }
    if target_type is None:
        # Only what may take gifts from the public now (core.charity_law).
        funds = Fund.objects.filter(is_public=True, status=Fund.Status.ACTIVE).select_related(
            "owner"
        )
        projects = Project.objects.filter(status=Project.Status.OPEN).select_related("organisation")
        context["funds"] = [f for f in funds if fund_fundraising_problem(f, online=True) is None]
        context["projects"] = [p for p in projects if may_raise_publicly(p, p.organisation)]
        return TemplateResponse(request, "cms/donate_choose.html", context)
    if target is None:
        context["errors"]["target"] = _("No such fund, project or public need takes donations.")
        return TemplateResponse(request, "cms/donate.html", context, status=404)
    chosen = {}
    if target_type == "need" and target.status == "published":
        context.update(_need_receivers(target, source))
        if context["chosen_receiver"] is None:
            # Nothing to pay yet: the donor chooses a receiver, or learns there is none.
            context["holder"] = None
            status = 200 if context["receiver_options"] else 409
            if request.method == "POST" and context["receiver_options"]:
                context["errors"]["receiver"] = _(
                    "Choose the charity project or fund that receives your gift for this need."
                )
                status = 400
            return TemplateResponse(request, "cms/donate.html", context, status=status)
        chosen = _receiver_keyword(context["chosen_receiver"])
        context["holder"] = context["chosen_receiver"]["holder"]
    elif target_type in ("project", "fund"):
        context["holder"] = target
    receiver, closed = _receiver(target_type, target, chosen)
    context.update(receiver=receiver, closed=closed)
    if receiver is not None:
        verdict = True if target_type == "fund" else None  # the fund's own rule passed above
        context["charity_facts"] = public_record(context.get("holder"), receiver, verdict)
    if closed:
        return TemplateResponse(request, "cms/donate.html", context, status=409)
    if request.method != "POST":
        return TemplateResponse(request, "cms/donate.html", context)
    values, errors = _validated(request.POST)
    context.update(values=values, errors=errors)
    if errors:
        return TemplateResponse(request, "cms/donate.html", context, status=400)
    if not ratelimit.take_for_client(
        request, "donate-start", limit=STARTS_PER_IP_PER_HOUR, window=3600
    ):
        errors["form"] = _("Too many attempts from this connection; please try again later.")
        return TemplateResponse(request, "cms/donate.html", context, status=429)
    query = f"{target_type}={target_id}"
    if chosen:
        query += f"&receiver={context['chosen_receiver']['key']}"
    back = request.build_absolute_uri(f"{reverse('donate')}?{query}")
    try:
        _donation, url = checkout_start(
            donor_name=values["name"],
            email=values["email"],
            is_anonymous=values["is_anonymous"],
            amount_fen=values["amount_fen"],
            message=values["message"],
            # Stripe fills in the session's id, which the donation keeps as its reference.
            success_url=request.build_absolute_uri(reverse("donate-thanks"))
            + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=f"{back}&checkout=cancelled",
            **{target_type: target},
            **chosen,
        )
    except ValidationError as error:
        for field, messages in getattr(error, "message_dict", {"form": error.messages}).items():
            errors[SERVICE_FIELDS.get(field, "form")] = messages[0]
        return TemplateResponse(request, "cms/donate.html", context, status=400)
    except PaymentUnavailableError as error:
        errors["form"] = error.message
        return TemplateResponse(request, "cms/donate.html", context, status=503)
    return HttpResponseRedirect(url, status=303)


def donate_thanks(request):
    """Where Stripe sends the donor back: the gift's state (confirmed by Stripe's webhook,
    not by this visit) and, once it succeeded, the receipt. No donor data is shown."""
    session_id = (request.GET.get("session_id") or "").strip()[:255]
    donation = (
        Donation.objects.select_related("fund", "project", "need")
        .filter(channel=Donation.Channel.STRIPE, external_reference=session_id)
        .first()
        if session_id
        else None
    )
    if donation is None:
        raise Http404(_("No donation with this payment reference."))
    title = _title(donation.target)
    if donation.need_id and donation.need.status != "published":
        title = _("a public need")
    return TemplateResponse(
        request, "cms/donate_thanks.html", {"donation": donation, "target_title": title}
    )
