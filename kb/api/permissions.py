"""Who may do what: reads are public unless KB_PUBLIC_READ=false; writes need a write token of staff."""

from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from kb import access
from kb.models import ApiToken


def can_read(request) -> bool:
    return access.can_read(request.user)


def can_write(request) -> bool:
    """False means "not authenticated" (DRF answers 401); refusals of a known user raise 403."""
    if not isinstance(request.auth, ApiToken):
        if request.user.is_authenticated:
            raise PermissionDenied("Writes need an API token (Authorization: Token <key>), not a session.")
        return False
    if not request.auth.write:
        raise PermissionDenied("This token is read-only; writes need a token made with write access.")
    if not request.user.is_staff:
        raise PermissionDenied("Writes need a staff user; this token's user is not staff.")
    return True


class ReadOrTokenWrite(BasePermission):
    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return can_read(request)
        return can_write(request)


class ReadAccess(BasePermission):
    """For search and match: a POST there only reads."""

    def has_permission(self, request, view):
        return can_read(request)
