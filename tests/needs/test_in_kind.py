"""In-kind relief (实物救助): goods recorded as goods (item, quantity, value for the accounts),
with or without cash; only the cash goes through the money ledger."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from donors.models import Transaction
from donors.reconcile import reconcile
from needs import services
from needs.models import Case, ReliefGrant

pytestmark = pytest.mark.django_db


def assessed(world, gap=3_000_000):
    case = world.accepted()
    return services.case_assess(
        by=world.caseworker, case=case, assessed_need_fen=gap, assessed_gap_fen=gap
    )


def test_goods_alone_are_recorded_as_goods_and_stay_outside_the_ledger(world):
    case = assessed(world)
    grant = services.relief_grant(
        by=world.caseworker,
        case=case,
        kind="temporary",
        amount_fen=0,
        in_kind="大米",
        goods_quantity=4,
        goods_unit="袋",
        goods_value_fen=40_000,
    )
    case.refresh_from_db()
    assert (grant.in_kind, grant.goods_quantity, grant.goods_unit) == ("大米", 4, "袋")
    assert (grant.amount_fen, grant.goods_value_fen, grant.is_cash) == (0, 40_000, False)
    assert not Transaction.objects.filter(relief_grant=grant).exists()
    # The goods' value is relief the household received: it narrows the gap.
    assert (case.status, case.remaining_gap_fen) == (Case.Status.RELIEVED, 2_960_000)
    event = AuditEvent.objects.get(action="relief.grant", object_id=str(grant.pk))
    assert event.changes["goods_quantity"] == [None, 4]
    assert not [p for p in reconcile() if p.is_failure]


def test_cash_and_goods_together_book_only_the_cash(world):
    case = assessed(world)
    grant = services.relief_grant(
        by=world.caseworker,
        case=case,
        kind="temporary",
        amount_fen=100_000,
        in_kind="棉被",
        goods_quantity=2,
        goods_unit="床",
        goods_value_fen=30_000,
    )
    booked = Transaction.objects.get(relief_grant=grant)
    assert sorted(e.amount_fen for e in booked.entries.all()) == [-100_000, 100_000]
    case.refresh_from_db()
    assert case.remaining_gap_fen == 3_000_000 - 130_000
    assert not [p for p in reconcile() if p.is_failure]


def test_the_ceiling_applies_to_cash_and_goods_together(world):
    case = assessed(world)
    # The world's ceiling is 5,000 yuan: 3,000 in cash and 2,500 in goods go above it.
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker,
            case=case,
            kind="temporary",
            amount_fen=300_000,
            in_kind="米面油",
            goods_quantity=10,
            goods_value_fen=250_000,
        )
    assert "reason" in error.value.error_dict
    assert not ReliefGrant.objects.exists()


@pytest.mark.parametrize(
    ("goods", "field", "code"),
    [
        ({"goods_quantity": 2, "goods_value_fen": 0}, "goods_value_fen", "min_value"),
        ({"goods_quantity": None, "goods_value_fen": 10_000}, "goods_quantity", "required"),
        ({"goods_quantity": 0, "goods_value_fen": 10_000}, "goods_quantity", "required"),
        ({"goods_quantity": 2, "goods_value_fen": 1.5}, "goods_value_fen", "invalid"),
    ],
)
def test_goods_without_a_count_or_a_value_are_refused(world, goods, field, code):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker, case=case, kind="temporary", amount_fen=0, in_kind="大米", **goods
        )
    assert error.value.error_dict[field][0].code == code
    assert not ReliefGrant.objects.exists()


def test_nothing_given_is_refused_on_the_amount(world):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(by=world.caseworker, case=case, kind="temporary", amount_fen=0)
    assert error.value.error_dict["amount_fen"][0].code == "min_value"
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker, case=case, kind="temporary", amount_fen=0, goods_quantity=3
        )
    assert "in_kind" in error.value.error_dict
    assert not ReliefGrant.objects.exists()


def test_goods_alone_are_not_paid(world):
    case = assessed(world)
    with pytest.raises(ValidationError) as error:
        services.relief_grant(
            by=world.caseworker,
            case=case,
            kind="temporary",
            amount_fen=0,
            in_kind="大米",
            goods_quantity=1,
            goods_value_fen=5_000,
            paid_via="cash",
            payment_reference="R-1",
        )
    assert error.value.error_dict["paid_via"][0].code == "no_cash"
    assert not ReliefGrant.objects.exists()


def test_the_api_records_goods_and_names_the_missing_field(world, client):
    case = assessed(world)
    client.force_login(world.caseworker)
    url = f"/api/v1/cases/{case.pk}/relief/"
    response = client.post(
        url,
        {"kind": "temporary", "amount_fen": 0, "in_kind": "大米", "goods_value_fen": 10_000},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"] == [
        {
            "field": "goods_quantity",
            "code": "required",
            "message": "Give how many of the goods were given.",
        }
    ]
    assert not ReliefGrant.objects.exists()
    response = client.post(
        url,
        {
            "kind": "temporary",
            "amount_fen": 0,
            "in_kind": "大米",
            "goods_quantity": 2,
            "goods_unit": "袋",
            "goods_value_fen": 10_000,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    grant = response.json()["relief_grant"]
    assert (grant["goods_quantity"], grant["goods_value_fen"], grant["amount_fen"]) == (
        2,
        10_000,
        0,
    )


def test_the_back_office_form_records_goods_alone(world, client):
    case = assessed(world)
    client.force_login(world.caseworker)
    from needs.admin_forms.actions import ReliefForm

    form = ReliefForm(
        {
            "kind": "temporary",
            "amount": "",
            "in_kind": "食用油",
            "goods_quantity": "3",
            "goods_unit": "桶",
            "goods_value": "150",
            "reason": "",
            "paid_via": "",
            "payment_reference": "",
        },
        case=case,
        user=world.caseworker,
    )
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["amount"], form.cleaned_data["goods_value"]) == (None, 15_000)
