"""The audit log in words: the one place that turns an audit event (an action code and its
changed fields, ``{"owner": [null, 1], "amount_fen": [null, 800000]}``) into what a
caseworker or an auditor reads: who by name, what happened in a sentence, amounts in yuan,
codes as their labels, records by their name or number, yes/no instead of True/False.

The case page's timeline (needs.admin_views.cases), the audit log screen (core.wagtail_hooks)
and the inspection export (supervision.exports) all read it from here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import format_money

# What happened, by action code.
ACTIONS = {
    "case.report": gettext_lazy("case reported"),
    "case.apply_online": gettext_lazy("applied for help online (我要求助)"),
    "case.accept": gettext_lazy("case accepted"),
    "case.handover": gettext_lazy("handed over"),
    "case.handover_withdraw": gettext_lazy("hand-over withdrawn by the sending office"),
    "case.assess": gettext_lazy("need assessed"),
    "case.conference": gettext_lazy("case conference recorded"),
    "case.close": gettext_lazy("case closed"),
    "case.flag_rematch": gettext_lazy("new need found by data cross-check: to be matched again"),
    "proxy_application.file": gettext_lazy("filed on someone's behalf (代办帮办)"),
    "relief.grant": gettext_lazy("relief given"),
    "relief.approve": gettext_lazy("relief approved (一事一议)"),
    "relief.refuse": gettext_lazy("relief refused (一事一议)"),
    "relief.paperwork_complete": gettext_lazy("advance-relief paperwork completed"),
    "relief.payment_record": gettext_lazy("relief payment recorded"),
    "referral.create": gettext_lazy("referred"),
    "referral.accept": gettext_lazy("referral accepted"),
    "referral.reject": gettext_lazy("referral declined"),
    "referral.start": gettext_lazy("referral work started"),
    "referral.complete": gettext_lazy("referral finished"),
    "referral.cancel": gettext_lazy("referral cancelled"),
    "referral.expire": gettext_lazy("referral expired unanswered"),
    "consent.record": gettext_lazy("consent recorded"),
    "consent.withdraw": gettext_lazy("consent withdrawn"),
    "household.identifier_add": gettext_lazy("bank card or document number recorded"),
    "household.identifier_remove": gettext_lazy("bank card or document number removed"),
    "household.contact_add": gettext_lazy("contact outside the household recorded"),
    "household.contact_remove": gettext_lazy("contact outside the household removed"),
    "need.preview": gettext_lazy("public need drafted"),
    "need.edit": gettext_lazy("public need edited"),
    "need.publish": gettext_lazy("public need published"),
    "need.unpublish": gettext_lazy("public need unpublished"),
    "deadline.escalate": gettext_lazy("overdue step escalated to the supervisor"),
    "hotline.record": gettext_lazy("hotline call recorded"),
    "hotline.call_back": gettext_lazy("caller called back"),
    "hotline.close": gettext_lazy("hotline call closed"),
    "hotline.to_case": gettext_lazy("hotline call made into a case"),
    "visit.record": gettext_lazy("visit recorded"),
    "visit.to_case": gettext_lazy("visit made into a case"),
    "visit.help_dealt_with": gettext_lazy("call for help after a visit dealt with"),
    "allocation.create": gettext_lazy("money committed to a referral"),
    "allocation.release": gettext_lazy("committed money released"),
    "disbursement.request": gettext_lazy("payment to the household requested"),
    "disbursement.approve": gettext_lazy("payment approved"),
    "disbursement.pay": gettext_lazy("payment made"),
    "disbursement.cancel": gettext_lazy("payment cancelled"),
    "disbursement.attach_proof": gettext_lazy("proof of payment attached"),
    "donation.create": gettext_lazy("donation recorded"),
    "donation.succeed": gettext_lazy("donation received"),
    "donation.fail": gettext_lazy("donation failed"),
    "donation.refund": gettext_lazy("donation refunded"),
    "fund.create": gettext_lazy("special fund set up"),
    "fund.close": gettext_lazy("special fund closed"),
    "project.create": gettext_lazy("project created"),
    "project.update": gettext_lazy("project edited"),
    "project.progress_update": gettext_lazy("project progress update written"),
    "project.progress_update_published": gettext_lazy("project progress update published"),
    "project.progress_update_hidden": gettext_lazy("project progress update hidden"),
    "organisation.create": gettext_lazy("organisation registered"),
    "organisation.update": gettext_lazy("organisation edited"),
    "membership.grant": gettext_lazy("staff role granted"),
    "membership.revoke": gettext_lazy("staff role revoked"),
    "relief_budget.appropriate": gettext_lazy("relief budget appropriated"),
    "relief_budget.correct": gettext_lazy("relief budget corrected"),
    "public_report.create": gettext_lazy("public report received"),
    "public_report.to_case": gettext_lazy("public report made into a case"),
    "supervision_task.open": gettext_lazy("supervision task opened"),
    "supervision_task.done": gettext_lazy("supervision task done"),
    "notification.send": gettext_lazy("notification sent"),
    "crosscheck.import": gettext_lazy("data cross-check list imported"),
    "crosscheck.import.finish": gettext_lazy("data cross-check import finished"),
    # assistance applications (needs.services.assistance)
    "assistance.apply": gettext_lazy("applied for assistance (申请)"),
    "assistance.accept": gettext_lazy("assistance application accepted (受理)"),
    "assistance.check": gettext_lazy("economic-status check recorded (核对)"),
    "assistance.community_review": gettext_lazy("community review recorded (民主评议)"),
    "assistance.review": gettext_lazy("assistance application reviewed (审核)"),
    "assistance.notice": gettext_lazy("public notice started (公示)"),
    "assistance.objection": gettext_lazy("objection recorded"),
    "assistance.objection_resolve": gettext_lazy("objection resolved"),
    "assistance.approve": gettext_lazy("assistance approved (审批)"),
    "assistance.refuse": gettext_lazy("assistance refused (不予)"),
    "assistance.end": gettext_lazy("assistance ended"),
    "household.status_refresh": gettext_lazy("household status follows its assistance"),
    "assistance.rule_save": gettext_lazy("rules of the assistance procedure set"),
    # Reports upward and special inspections (supervision.services_reports, _inspections).
    "monthly_report.generate": gettext_lazy("monthly report generated"),
    "monthly_report.regenerate": gettext_lazy("monthly report generated again"),
    "monthly_report.review": gettext_lazy("monthly report reviewed"),
    "monthly_report.submit": gettext_lazy("monthly report submitted to the office above"),
    "monthly_report.acknowledge": gettext_lazy("monthly report acknowledged"),
    "export.monthly_report": gettext_lazy("monthly report downloaded"),
    "inspection.create": gettext_lazy("special inspection started"),
    "inspection.close": gettext_lazy("special inspection closed"),
    "self_inspection.answer": gettext_lazy("self-inspection answered"),
    "self_inspection.submit": gettext_lazy("self-inspection submitted"),
    "spot_check.draw": gettext_lazy("spot check drawn"),
    "spot_check.finding": gettext_lazy("spot-check finding recorded"),
    "rectification.create": gettext_lazy("rectification task assigned"),
    "rectification.done": gettext_lazy("rectification task done"),
}

# Changed fields that are not a field of the audited record (or read better otherwise).
FIELDS = {
    "case": gettext_lazy("case"),
    "case_status": gettext_lazy("case status"),
    "owner": gettext_lazy("first-contact owner"),
    "referral": gettext_lazy("referral"),
    "to_office": gettext_lazy("hand over to"),
    "step": gettext_lazy("step"),
    "due_at": gettext_lazy("due at"),
    "to_organisation": gettext_lazy("referred to"),
    "project": gettext_lazy("charity project"),
    "amount_fen": gettext_lazy("amount"),
    "amount_requested_fen": gettext_lazy("amount requested"),
    "fee_fen": gettext_lazy("fee"),
    "rules_overridden": gettext_lazy("matching rules overridden"),
    "override_reason": gettext_lazy("reason for overriding the matching rules"),
    "key_groups_added": gettext_lazy("key groups added"),
    "needs_help": gettext_lazy("needs help"),
    "new_household": gettext_lazy("household newly recorded"),
    "on_time": gettext_lazy("in time"),
    "source": gettext_lazy("paid from"),
    "next_visit_due": gettext_lazy("next visit due"),
    "allocation": gettext_lazy("allocation"),
    "refund": gettext_lazy("refund"),
    "reason": gettext_lazy("reason"),
    "failure_reason": gettext_lazy("failure reason"),
    "update": gettext_lazy("progress update"),
    "date": gettext_lazy("date"),
    "is_published": gettext_lazy("published"),
    "objection": gettext_lazy("objection"),
    "community_review": gettext_lazy("community review"),
    "assistance_application": gettext_lazy("assistance application"),
}
# Never shown: the household is the case's own (its id says nothing), a file's hash is for
# machines.
HIDDEN = {"household", "proof_sha256", "proxy_application", "handover", "supervision_task"}
RULES = {
    "category": gettext_lazy("category"),
    "region": gettext_lazy("region"),
    "eligibility": gettext_lazy("eligibility"),
    "money": gettext_lazy("money"),
}


def person_name(user) -> str:
    """A member of staff as people call them: the full name (family name first for a
    Chinese name, core.User.get_full_name), else the login name."""
    if user is None:
        return _("system")
    return user.get_full_name() or user.get_username()


def action_label(code: str) -> str:
    return str(ACTIONS[code]) if code in ACTIONS else code


@dataclass
class EventText:
    at: Any
    actor: str
    action: str
    code: str
    changes: list[str] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        return "；".join(self.changes)


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:  # a changed field need not be a model field
        return None


def _label(model, name: str) -> str:
    model_field = _model_field(model, name)
    if name in FIELDS and not (
        name == "owner" and model_field is not None and model is not _case()
    ):
        return str(FIELDS[name])
    if model_field is not None and getattr(model_field, "verbose_name", None):
        label = str(model_field.verbose_name)
        for unit in (" (fen)", "（分）", "(fen)"):
            label = label.replace(unit, "")
        return label
    return name.removesuffix("_fen").replace("_", " ")


def _case():
    from needs.models import Case

    return Case


def _related_model(model, name: str):
    """The model a changed field's id points to, if any."""
    if name == "case":
        return _case()
    if name in ("to_office", "from_office"):
        from core.models import Organisation

        return Organisation
    if name == "case_status":
        return None
    model_field = _model_field(model, name)
    if model_field is not None and model_field.is_relation and model_field.many_to_one:
        return model_field.related_model
    return None


def _display(obj) -> str:
    from core.models import Organisation, Region, User

    if isinstance(obj, User):
        return person_name(obj)
    if isinstance(obj, Organisation):
        return obj.name
    if isinstance(obj, Region):
        return obj.full_name
    # A ledger account reads as what it holds money for (a fund, a project, a public need).
    for holder in ("fund", "project", "need"):
        if getattr(obj, f"{holder}_id", None):
            return _display(getattr(obj, holder))
    for attr in ("number", "title", "name"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            return value
    return str(obj)


class _Names:
    """Every record the events name, read in one query per model."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set] = defaultdict(set)
        self.found: dict[type[models.Model], dict] = {}

    def want(self, model, value) -> None:
        if value is not None and not isinstance(value, bool | list | dict):
            self.wanted[model].add(value)

    def load(self) -> None:
        for model, values in self.wanted.items():
            ids, keys = [], []
            for value in values:
                try:
                    ids.append(model._meta.pk.to_python(value))
                except (TypeError, ValueError, ValidationError):
                    keys.append(value)  # an account is named by its key ("fund:fund:1")
            found = model._default_manager.in_bulk(ids)
            if keys and any(f.name == "key" and f.unique for f in model._meta.fields):
                found.update(model._default_manager.in_bulk(keys, field_name="key"))
            self.found[model] = found

    def name(self, model, value) -> str:
        found = self.found.get(model, {})
        obj = found.get(value)
        if obj is None:
            try:
                obj = found.get(model._meta.pk.to_python(value))
            except (TypeError, ValueError, ValidationError):
                obj = None
        return _display(obj) if obj is not None else _("(removed record)")


def _choice_label(model, name: str, value) -> str | None:
    if name == "case_status":
        from needs.models import Case

        return str(dict(Case.Status.choices).get(value, value))
    if name == "regions" and isinstance(value, list):
        from core.models import Region

        found = Region.objects.in_bulk([str(code) for code in value])
        return "、".join(found[str(c)].full_name if str(c) in found else str(c) for c in value)
    if name == "step":
        from needs.models import CaseDeadline

        return str(dict(CaseDeadline.Step.choices).get(value, value))
    if name == "rules_overridden":
        return "、".join(str(RULES.get(v, v)) for v in value) if isinstance(value, list) else None
    if name == "key_groups_added":
        from needs.models.households import KEY_GROUPS

        labels = dict(KEY_GROUPS)
        values = value if isinstance(value, list) else [value]
        return "、".join(str(labels.get(v, v)) for v in values)
    model_field = _model_field(model, name)
    choices = getattr(model_field, "choices", None)
    if not choices and model_field is not None:
        base = getattr(model_field, "base_field", None)  # an ArrayField of choices
        choices = getattr(base, "choices", None)
    if not choices:
        choices = _list_choices(name)
    if not choices:
        return None
    labels = {str(k): v for k, v in choices}
    if isinstance(value, list):
        return "、".join(str(labels.get(str(v), v)) for v in value)
    return str(labels[str(value)]) if str(value) in labels else None


def _list_choices(name: str):
    if name == "categories":
        from needs.models import Case

        return Case.Category.choices
    if name == "reason":  # a proxy application's reason is a code; other reasons are text
        from discovery.models import ProxyApplication

        return ProxyApplication.Reason.choices
    return None


def _value(model, name: str, value, names: _Names) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name.endswith("_fen") and isinstance(value, int):
        return format_money(value)
    related = _related_model(model, name)
    if related is not None:
        return names.name(related, value)
    if isinstance(value, str) and len(value) > 16 and value[4:5] == "-" and value[10:11] in "T ":
        moment = parse_datetime(value)  # a time written out (ISO 8601): local, to the minute
        if moment is not None:
            return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
    label = _choice_label(model, name, value)
    if label is not None:
        return label
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def _pairs(changes: dict):
    for name, value in (changes or {}).items():
        if name in HIDDEN:
            continue
        pair = value if isinstance(value, list) and len(value) == 2 else [None, value]
        yield name, pair


def describe_events(events) -> list[EventText]:
    """``events`` (AuditEvent rows, actor and object_type selected) in words, in order."""
    events = list(events)
    names = _Names()
    for event in events:
        model = event.object_type.model_class() if event.object_type_id else None
        for name, pair in _pairs(event.changes):
            related = _related_model(model, name)
            if related is not None:
                for value in pair:
                    names.want(related, value)
    names.load()
    texts = []
    for event in events:
        model = event.object_type.model_class() if event.object_type_id else None
        lines = []
        for name, (before, after) in _pairs(event.changes):
            label = _label(model, name)
            shown_after = _value(model, name, after, names)
            if before is None or before == "":
                lines.append(f"{label}: {shown_after}")
            else:
                lines.append(f"{label}: {_value(model, name, before, names)} → {shown_after}")
        texts.append(
            EventText(
                at=event.created_at,
                actor=person_name(event.actor),
                action=action_label(event.action),
                code=event.action,
                changes=lines,
            )
        )
    return texts


def describe_event(event) -> EventText:
    return describe_events([event])[0]
