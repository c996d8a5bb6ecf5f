from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: staff of an office, charity or enterprise, an auditor, an admin.

    Roles are not on the user: they come from memberships of organisations (core.Membership).
    """
