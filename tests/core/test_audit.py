"""The audit log is append-only, written inside the caller's transaction."""

import pytest
from django.db import DatabaseError, connection, transaction

from core.audit import AuditOutsideTransactionError, audit_record, personal_data_read_record
from core.factories import OrganisationFactory, UserFactory
from core.models import AuditEvent, PersonalDataRead
from core.models.audit import AppendOnlyError

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return audit_record(
        actor=UserFactory(), action="organisation.create", obj=OrganisationFactory(), changes={}
    )


def test_an_event_records_actor_action_object_and_changes():
    actor = UserFactory(username="wangfang")
    organisation = OrganisationFactory(name="朝阳区民政局")

    event = audit_record(
        actor=actor,
        action="organisation.verify",
        obj=organisation,
        changes={"is_verified": (False, True)},
    )

    event.refresh_from_db()
    assert event.actor == actor
    assert event.action == "organisation.verify"
    assert event.object_id == str(organisation.pk)
    assert event.object_type.model == "organisation"
    assert event.object_repr == "朝阳区民政局"
    assert event.changes == {"is_verified": [False, True]}
    assert event.created_at is not None


def test_saving_an_existing_event_is_refused(event):
    event.action = "something.else"
    with pytest.raises(AppendOnlyError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "organisation.create"


def test_deleting_an_event_is_refused(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_bulk_updates_are_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["action"])
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.update_or_create(pk=event.pk, defaults={"action": "x"})


def test_the_database_refuses_an_update_that_bypasses_the_orm(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "organisation.create"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps DELETE for test flush")
def test_postgresql_refuses_a_delete_that_bypasses_the_orm(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_personal_data_reads_are_append_only_too():
    read = personal_data_read_record(
        actor=UserFactory(),
        obj=OrganisationFactory(),
        fields=["phone", "id_number"],
        purpose="核实",
    )
    assert read.fields == ["id_number", "phone"]
    with pytest.raises(AppendOnlyError):
        read.delete()
    with pytest.raises(AppendOnlyError):
        PersonalDataRead.objects.filter(pk=read.pk).update(purpose="x")


def test_event_rolls_back_with_the_change_it_records():
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, action="organisation.create", obj=organisation)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.filter(object_id=str(organisation.pk)).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_writing_an_event_outside_a_transaction_is_refused():
    with pytest.raises(AuditOutsideTransactionError):
        audit_record(actor=None, action="organisation.create")
    assert AuditEvent.objects.count() == 0


def test_request_id_and_ip_come_from_the_request(client):
    from core import request_context

    token = request_context.set_current(
        request_context.RequestContext(request_id="req-12345678", ip_address="10.1.2.3")
    )
    try:
        event = audit_record(actor=None, action="test.event")
    finally:
        request_context.reset(token)
    assert (event.request_id, event.ip_address) == ("req-12345678", "10.1.2.3")


def test_every_response_carries_a_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abcdef123456")
    assert response["X-Request-ID"] == "abcdef123456"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")
    assert len(generated["X-Request-ID"]) == 32


def test_the_base_manager_is_guarded_too(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_client_ip_comes_from_the_trusted_proxy_only(client, settings):
    from django.test import RequestFactory

    from core.middleware import client_ip

    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"  # the header is not trusted without a proxy
    settings.PROXY_COUNT = 1
    assert client_ip(request) == "1.2.3.4"  # what our proxy saw, not what the client claimed
