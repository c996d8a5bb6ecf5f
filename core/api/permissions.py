from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.jurisdiction import has_role
from core.models import Membership


def role_required(*roles: str) -> type[BasePermission]:
    """A permission class admitting users who hold any of ``roles`` (superusers count as admin)."""

    class HasRole(BasePermission):
        def has_permission(self, request, view) -> bool:
            return has_role(request.user, *roles)

    HasRole.__name__ = "HasRole_" + "_".join(roles)
    return HasRole


class ReadOrPlatformAdmin(BasePermission):
    """Any signed-in user may read; only a platform administrator may write."""

    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        return request.method in SAFE_METHODS or has_role(
            request.user, Membership.Role.PLATFORM_ADMIN
        )
