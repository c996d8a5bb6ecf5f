"""我要求助: the public form to apply for help online, for oneself or on someone's behalf
(代理申请), and the tracking-code look-up that finds a report or an application again.

The same rules as the report form (cms.views.report_someone): a per-client hourly limit taken
before the work (core.ratelimit), a honeypot field, control characters refused by global
middleware. A plain form that works without JavaScript. The writing is one service,
needs.services.applications.online_application_file.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.editor_pages import ApplyPage, editor_text
from cms.tracking import tracked_by_code
from cms.views import county_picker
from core import ratelimit
from core.tracking import tracking_code_normalize
from needs.models import AssistanceType, Case, HouseholdContact, OnlineApplication
from needs.services.applications import MAX_NAME, MAX_TEXT, MAX_TOWNSHIP, online_application_file

APPLICATIONS_PER_IP_PER_HOUR = 5
# Look-ups of a tracking code per client: plenty for a person checking their own code, far
# too few to try codes (and 32^10 codes exist).
LOOKUPS_PER_IP_PER_HOUR = 30
APPLY_SCOPE, LOOKUP_SCOPE, HOUR = "online-application", "tracking-lookup", 3600
FIELDS = (
    "applied_by",
    "category",
    "assistance_type",
    "region",
    "township",
    "what_happened",
    "name",
    "phone",
    "helper_name",
    "helper_relation",
    "helper_phone",
)


def _errors_of(error: ValidationError) -> dict[str, str]:
    return {field: messages[0] for field, messages in error.message_dict.items()}


@never_cache
def apply_for_help(request, editor_page=None):
    """Apply for help: who applies, the kind of hardship, where, what happened, how to reach
    the person (and, on someone's behalf, the helper), and the consent to be contacted."""
    errors, values, status = {}, {"applied_by": "self"}, 200
    # A policy page links each assistance type it governs here with ``?type=``: the form opens
    # with that type chosen (an unknown code is ignored, never shown).
    if request.GET.get("type") in AssistanceType.values:
        values["assistance_type"] = request.GET["type"]
    if request.method == "POST":
        values = {name: request.POST.get(name, "") for name in FIELDS}
        values["consent"] = request.POST.get("consent") == "on"
        values["person_agreed"] = request.POST.get("person_agreed") == "on"
        if request.POST.get("website"):  # the honeypot: people never see this field
            return TemplateResponse(request, "cms/apply_sent.html", {"tracked": None})
        if not ratelimit.take_for_client(
            request, APPLY_SCOPE, limit=APPLICATIONS_PER_IP_PER_HOUR, window=HOUR
        ):
            errors["form"] = _(
                "Too many applications from this connection; please call 12349 or your "
                "township office."
            )
            status = 429
        else:
            try:
                application = online_application_file(
                    applied_by=values["applied_by"],
                    region_code=values["region"],
                    category=values["category"],
                    assistance_type=values["assistance_type"],
                    what_happened=values["what_happened"],
                    name=values["name"],
                    phone=values["phone"],
                    township=values["township"],
                    consent_to_contact=values["consent"],
                    helper_name=values["helper_name"],
                    helper_relation=values["helper_relation"],
                    helper_phone=values["helper_phone"],
                    person_agreed=values["person_agreed"],
                )
            except ValidationError as error:
                # A mistake does not use up one of the hour's applications.
                ratelimit.give_back_for_client(request, APPLY_SCOPE, window=HOUR)
                errors = _errors_of(error)
                errors["form"] = _("Please correct the fields marked below.")
                status = 400
            else:
                return redirect("apply-sent", code=application.tracking_code)
    context = {
        "region_picker": county_picker("apply", values.get("region", ""), errors.get("region")),
        "values": values,
        "errors": errors,
        "categories": Case.Category.choices,
        "assistance_types": AssistanceType.choices,
        "relations": HouseholdContact.Relation.choices,
        "applied_by_choices": OnlineApplication.AppliedBy.choices,
        "max_text": MAX_TEXT,
        "max_name": MAX_NAME,
        "max_township": MAX_TOWNSHIP,
        "page_text": editor_text(ApplyPage, editor_page),
    }
    return TemplateResponse(request, "cms/apply_form.html", context, status=status)


def _look_up(request, typed: str):
    """The tracked report or application, or None; ``limited`` when the client has looked up
    too many codes this hour (then nothing is looked up at all)."""
    if not ratelimit.take_for_client(
        request, LOOKUP_SCOPE, limit=LOOKUPS_PER_IP_PER_HOUR, window=HOUR
    ):
        return None, True
    return tracked_by_code(typed), False


@never_cache
def track(request):
    """Find a report or an application again by its code (GET ``?code=``): the status page, or
    one answer for every code that finds nothing, malformed or unknown alike."""
    typed = (request.GET.get("code") or "").strip()
    context = {"typed": tracking_code_normalize(typed)[:16], "asked": bool(typed)}
    status = 200
    if typed:
        tracked, limited = _look_up(request, typed)
        context.update(tracked=tracked, limited=limited)
        status = 429 if limited else 200 if tracked else 404
    return TemplateResponse(request, "cms/track.html", context, status=status)


@never_cache
def apply_sent(request, code: str):
    """The page after applying: the tracking code, what happens next and by when; for any
    other code the look-up's own answer."""
    tracked, limited = _look_up(request, code)
    if tracked is None or tracked.kind != "application":
        context = {"typed": "", "asked": True, "tracked": None, "limited": limited}
        return TemplateResponse(request, "cms/track.html", context, status=429 if limited else 404)
    return TemplateResponse(request, "cms/apply_sent.html", {"tracked": tracked})
