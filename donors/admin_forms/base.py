"""What every form of the money back office shares: the action form base of the cases back
office (its one-time submission token and the service errors put back on the named fields),
the amount in yuan, and the choice of a target or source written as "kind:id"."""

from __future__ import annotations

from django import forms

from needs.admin_forms import ServiceForm, YuanField

__all__ = ["MoneyForm", "TargetChoiceField", "YuanField"]


class MoneyForm(ServiceForm):
    """A form whose cleaned data goes to one money service. ``target`` is the object the
    action is about (a fund, a donation, a referral...), from which the form builds its
    choices; the service's errors come back onto the fields named in ``error_fields``."""

    def __init__(self, *args, target=None, user=None, **kwargs):
        self.target = target
        super().__init__(*args, user=user, **kwargs)


class TargetChoiceField(forms.ChoiceField):
    """One of a few objects of different kinds (a fund, a project, a public need), offered
    in groups and posted as "kind:id"; cleaned to ``(kind, object)``.

    ``groups`` is a list of ``(kind, label, queryset)``; only their rows are accepted."""

    def __init__(self, *args, **kwargs):
        self.groups: list[tuple[str, str, object]] = []
        super().__init__(*args, **kwargs)

    def set_groups(self, groups, label_of) -> None:
        self.groups = groups
        self.objects = {}
        choices = [("", "---------")]
        for kind, label, queryset in groups:
            options = []
            for obj in queryset:
                value = f"{kind}:{obj.pk}"
                self.objects[value] = (kind, obj)
                options.append((value, label_of(kind, obj)))
            if options:
                choices.append((label, options))
        self.choices = choices

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return self.objects[value]

    @property
    def is_empty(self) -> bool:
        return not getattr(self, "objects", None)
