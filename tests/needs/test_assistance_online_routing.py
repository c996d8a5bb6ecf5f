"""我要求助 routes to an assistance type (issue 20 item 7): the person may name the assistance
they ask for; staff applying for assistance from the case start with that type; a type that
does not exist is refused by name and nothing is written."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from needs.admin_forms.assistance import ApplyForm
from needs.models import AssistanceType, Case, OnlineApplication
from needs.services.applications import online_application_file
from tests.needs.test_online_application import GOOD

pytestmark = pytest.mark.django_db


def test_the_assistance_asked_for_is_kept_and_starts_the_staff_form(world):
    application = online_application_file(**GOOD, assistance_type=AssistanceType.HOUSING)
    assert application.assistance_type == AssistanceType.HOUSING
    form = ApplyForm(case=application.case, user=world.caseworker)
    assert form.fields["type"].initial == AssistanceType.HOUSING


def test_without_a_type_the_staff_form_has_no_preset(world):
    application = online_application_file(**GOOD)
    assert application.assistance_type == ""
    form = ApplyForm(case=application.case, user=world.caseworker)
    assert form.fields["type"].initial is None


def test_an_unknown_type_is_refused_by_name_and_nothing_written(world):
    with pytest.raises(ValidationError) as error:
        online_application_file(**GOOD, assistance_type="pension")
    assert "assistance_type" in error.value.message_dict
    assert not OnlineApplication.objects.exists() and not Case.objects.exists()


def test_the_public_form_sends_the_type(client, world):
    page = client.get("/apply/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="assistance_type"' in page and "housing assistance" in page
    response = client.post(
        "/apply/",
        {
            "applied_by": "self",
            "category": "fire",
            "assistance_type": "housing",
            "region": "220104",
            "what_happened": "家里失火，房子烧坏了。",
            "name": "李春华",
            "phone": "13800004444",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert OnlineApplication.objects.get().assistance_type == "housing"
