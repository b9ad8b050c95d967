from django.http import HttpRequest, HttpResponseNotAllowed


def refuse_other_methods(request: HttpRequest, *methods: str) -> HttpResponseNotAllowed | None:
    """A 405 for a method the page does not handle, or None.

    Called after the permission checks and the lookup, so a user who may not see the page or the
    object gets the same answer (403 or 404) whatever the method.
    """
    if request.method in methods:
        return None
    return HttpResponseNotAllowed(methods)
