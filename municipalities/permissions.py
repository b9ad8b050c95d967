"""Who may do what with municipalities, organisations, grants and partnerships."""

from functools import wraps

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core import roles


def can_use_register(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Only programme staff keep the register."""
    return roles.is_staff_member(user)


def register_required(view):
    """Anonymous users go to the login page; signed-in users without the staff role get a 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_use_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
