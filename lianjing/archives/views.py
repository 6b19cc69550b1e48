"""A person's integrity archive (个人廉政档案), section by section. The person reads their own;
others need archives.view with the person in their scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lianjing.accounts import permissions as perms
from lianjing.accounts.decorators import request_user
from lianjing.accounts.selectors import user_has_perm
from lianjing.archives.models import ArchiveEntry
from lianjing.org import access
from lianjing.org.models import Person


def _page(request: HttpRequest, person: Person, title: str) -> HttpResponse:
    entries = list(ArchiveEntry.objects.filter(person=person))
    sections = [
        (value, label, [e for e in entries if e.section == value])
        for value, label in ArchiveEntry.Section.choices
    ]
    return render(
        request,
        "archives/archive.html",
        {
            "title": title,
            "breadcrumbs": [(_("廉政档案"), None), (person.name, None)],
            "person": person,
            "sections": sections,
        },
    )


@login_required
@require_safe
def my_archive(request: HttpRequest) -> HttpResponse:
    person = access.own_person(request_user(request))
    if person is None:
        return render(
            request,
            "archives/no_person.html",
            {"title": _("我的廉政档案"), "breadcrumbs": [(_("廉政档案"), None)]},
        )
    return _page(request, person, _("我的廉政档案"))


@login_required
@require_safe
def person_archive(request: HttpRequest, person_pk: int) -> HttpResponse:
    user = request_user(request)
    me = access.own_person(user)
    if me is not None and me.pk == person_pk:
        person = me
    elif user_has_perm(user, perms.ARCHIVES_VIEW):
        person = access.get_visible_or_404(user, Person, person_pk, perms.ARCHIVES_VIEW)
    else:
        raise Http404
    return _page(request, person, _("%(name)s 的廉政档案") % {"name": person.name})
