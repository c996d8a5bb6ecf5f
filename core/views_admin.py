"""Back-office view classes that route writes through services and reads through the
jurisdiction selector, so a Wagtail screen can never do what the API refuses."""

from __future__ import annotations

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin import messages
from wagtail.admin.views import generic
from wagtail.permission_policies.base import ModelPermissionPolicy

from core import form_tokens


class _ServiceFormMixin:
    """Save through ``call_service(cleaned_data)``; a rule broken there shows on the form.

    The form carries a one-time token (core.form_tokens), spent in the service's transaction,
    as every other state-changing form of the back office: a second post of the same form
    (a double click, the back button) writes nothing and lands on the list with the
    already-submitted message."""

    def call_service(self, data):
        raise NotImplementedError

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields.setdefault(form_tokens.FIELD, form_tokens.token_field())
        return form

    def save_instance(self):
        data = dict(self.form.cleaned_data)
        data.pop(form_tokens.FIELD, None)
        return self.call_service(data)

    def form_valid(self, form):
        self.form = form
        token = form.cleaned_data.get(form_tokens.FIELD)
        try:
            with transaction.atomic():
                form_tokens.spend(user=self.request.user, token=token, scope=type(self).__name__)
                self.object = self.save_instance()
        except form_tokens.AlreadySubmitted:
            if getattr(self, "index_url_name", None):
                messages.info(self.request, str(form_tokens.ALREADY_SUBMITTED))
                return redirect(self.index_url_name)
            form_tokens.refuse_on(form)
            return self.form_invalid(form)
        except ValidationError as error:
            errors = (
                error.error_dict
                if hasattr(error, "error_dict")
                else {NON_FIELD_ERRORS: error.error_list}
            )
            for field, field_errors in errors.items():
                form.add_error(field if field in form.fields else None, field_errors)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        response = self.save_action()
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


class ServiceCreateView(_ServiceFormMixin, generic.CreateView):
    pass


class ServiceEditView(_ServiceFormMixin, generic.EditView):
    pass


class ServiceDeleteView(generic.DeleteView):
    """Delete through ``call_service()`` so that the deletion is checked and audited."""

    def call_service(self):
        raise NotImplementedError

    def delete_action(self):
        with transaction.atomic():
            self.call_service()


class ScopedIndexView(generic.IndexView):
    def scope(self, queryset):
        raise NotImplementedError

    def get_base_queryset(self):
        return self.scope(super().get_base_queryset())


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            self.scope(self.model._default_manager.all()), pk=self.kwargs["pk"]
        )


class LimitedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, but only for ``allowed`` actions, whoever the user (superusers too).

    The audit log allows "view" only (append-only); staff roles allow "add" and "view"
    (a role is granted or revoked through its service, never edited in place).
    """

    def __init__(self, model, allowed: frozenset[str] = frozenset({"view"}), **kwargs):
        super().__init__(model, **kwargs)
        self.allowed = allowed

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def local_minute(value) -> str:
    """A moment as the back office's lists show it: local time, "2026-03-01 14:05"."""
    from django.utils import timezone
    from django.utils.dateformat import format as date_format

    return date_format(timezone.localtime(value), "Y-m-d H:i") if value else "—"
