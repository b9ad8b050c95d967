"""Access to the staff pages: anonymous users go to the login page, other roles get a 403."""

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied


def submitted(request):
    """The posted data, also when it is empty: an empty form sent is a form with errors, not a blank page."""
    return request.POST if request.method == "POST" else None


def allowed_if(check: Callable) -> Callable:
    """Run the view only when ``check(user)`` holds; put it above any method check."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
