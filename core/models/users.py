from __future__ import annotations

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: staff of an office, charity or enterprise, an auditor, an admin.

    Roles are not on the user: they come from memberships of organisations (core.Membership).
    """

    def get_full_name(self) -> str:
        """The name as its reader expects it: family name first and no space for a Chinese
        name (王芳), given name first for a Western one (Anna Schmidt)."""
        first, last = self.first_name.strip(), self.last_name.strip()
        if _is_cjk(first) or _is_cjk(last):
            return f"{last}{first}"
        return f"{first} {last}".strip()

    def get_short_name(self) -> str:
        """A Chinese name is not cut to the given name (芳): it stays whole (王芳)."""
        if _is_cjk(self.first_name) or _is_cjk(self.last_name):
            return self.get_full_name()
        return self.first_name


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in text)
