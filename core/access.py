"""The access gate: one way for every page to say who may use it.

Every page answers in the same order, whatever the HTTP method:

1. not signed in (unless the page is public) -> the login page;
2. a role the page is not for -> 403;
3. the object the page is about, looked up in a queryset scoped to the user: one the
   user may not see is a 404, exactly like one that does not exist;
4. what the user may do with that object -> 403;
5. only then the method: one the page does not handle -> 405.

So a refused user learns nothing from trying other methods, and another
municipality's object cannot be told from a missing one.

    @gate(can_use_register)                                  # steps 1, 2 and 5 (GET)
    def grant_list(request): ...

    @gate(can_use_reports, methods=("GET", "POST"), load=visible_report, allow=can_edit_report)
    def report_edit(request, report): ...                     # all five steps

``load(request, **url_kwargs)`` returns the object or raises ``Http404`` (use
``visible_or_404`` on a user-scoped queryset); the view then gets the object in place
of the URL's keyword arguments.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed

from core.roles import User

Check = Callable[[User], bool]
READ = ("GET", "HEAD")
READ_WRITE = ("GET", "HEAD", "POST")

M = TypeVar("M", bound=Model)


def anyone(user: User) -> bool:
    """The check of a public page."""
    return True


def signed_in(user: User) -> bool:
    """Any signed-in user, whatever their role."""
    return user.is_authenticated


def gate(
    role: Check = signed_in,
    *,
    methods: Iterable[str] = READ,
    load: Callable[..., Any] | None = None,
    allow: Callable[[User, Any], bool] | None = None,
    public: bool = False,
) -> Callable:
    """Wrap a view in the five steps above; ``public`` skips the sign-in step."""
    allowed_methods = tuple(methods)
    if "GET" in allowed_methods and "HEAD" not in allowed_methods:
        allowed_methods += ("HEAD",)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not public and not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not role(user):
                raise PermissionDenied
            if load is not None:
                obj = load(request, *args, **kwargs)
                if allow is not None and not allow(user, obj):
                    raise PermissionDenied
                args, kwargs = (obj,), {}
            if request.method not in allowed_methods:
                return HttpResponseNotAllowed(allowed_methods)
            return view(request, *args, **kwargs)

        wrapper.access_methods = allowed_methods  # type: ignore[attr-defined]
        return wrapper

    return decorator


def visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The object of a user-scoped queryset, or a 404 (also for ids too large for the database)."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, OverflowError):
        raise Http404 from None


def require(allowed: bool) -> None:
    """A 403 unless ``allowed``: for checks that need what the view has read."""
    if not allowed:
        raise PermissionDenied


def submitted(request: HttpRequest) -> Any:
    """The posted data, also when it is empty: an empty form sent is a form with errors, not a blank page."""
    return request.POST if request.method == "POST" else None
