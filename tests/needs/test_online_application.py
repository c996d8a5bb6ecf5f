"""The service behind 我要求助 (needs.services.applications.online_application_file): one
call writes the household, the case waiting for acceptance, the helper and the application,
or, on any wrong field, nothing at all with every wrong field named; codes never repeat one
a report already has."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core import tracking
from needs.models import Case, CaseDeadline, Household, OnlineApplication
from needs.services.applications import online_application_file

pytestmark = pytest.mark.django_db

GOOD = {
    "applied_by": "self",
    "region_code": "220104",
    "category": "fire",
    "what_happened": "家里失火，房子烧坏了，一家三口没有地方住。",
    "name": "李春华",
    "phone": "+86 138-0000-4444",
    "consent_to_contact": True,
}


def test_an_application_is_a_case_with_its_acceptance_deadline(world):
    application = online_application_file(**GOOD)
    case = application.case
    assert case.channel == Case.Channel.ONLINE and case.responsible_office == world.chaoyang
    assert case.number.startswith("220104-")
    assert case.household.phone == "13800004444"  # normalized like every household's
    deadline = case.deadlines.get()
    assert deadline.step == CaseDeadline.Step.ACCEPT and case.next_due_at == deadline.due_at
    assert tracking.is_tracking_code(application.tracking_code)


def test_every_wrong_field_is_named_at_once_and_nothing_is_written(world):
    with pytest.raises(ValidationError) as refused:
        online_application_file(
            **{
                **GOOD,
                "applied_by": "proxy",
                "region_code": "999999",
                "category": "",
                "what_happened": " ",
                "consent_to_contact": False,
            }
        )
    assert set(refused.value.message_dict) == {
        "region",
        "category",
        "what_happened",
        "consent",
        "helper_name",
        "helper_relation",
        "helper_phone",
        "person_agreed",
    }
    assert not (Case.objects.exists() or Household.objects.exists())


def test_a_code_already_given_to_a_report_is_never_given_again(world, monkeypatch):
    from discovery.services.public_reports import public_report_create

    report = public_report_create(region_code="220104", what_happened="老人独居无人照料")
    picks = iter(report.tracking_code + "ABCDEFGHJK")
    choice = tracking.secrets.choice

    def rigged(alphabet):  # the report's code first, then another; others draw as usual
        return next(picks) if alphabet == tracking.ALPHABET else choice(alphabet)

    monkeypatch.setattr(tracking.secrets, "choice", rigged)
    application = online_application_file(**GOOD)
    assert application.tracking_code == "ABCDEFGHJK"
    assert OnlineApplication.objects.count() == 1
