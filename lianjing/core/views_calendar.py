# owned by the calendar helper: replaced with the calendar administration page
from django.http import HttpRequest, HttpResponse


def calendar(request: HttpRequest) -> HttpResponse:
    raise NotImplementedError
