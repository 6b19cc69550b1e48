from django.urls import path

from lianjing.core import views, views_audit, views_calendar

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("system/audit/", views_audit.audit_list, name="audit_list"),
    path("system/audit/<int:pk>/", views_audit.audit_detail, name="audit_detail"),
    path("system/calendar/", views_calendar.calendar, name="calendar"),
    path(
        "system/calendar/days/new/",
        views_calendar.calendar_day_create,
        name="calendar_day_create",
    ),
    path(
        "system/calendar/days/<int:pk>/edit/",
        views_calendar.calendar_day_edit,
        name="calendar_day_edit",
    ),
    path(
        "system/calendar/days/<int:pk>/delete/",
        views_calendar.calendar_day_delete,
        name="calendar_day_delete",
    ),
    path(
        "system/calendar/years/confirm/",
        views_calendar.calendar_year_confirm,
        name="calendar_year_confirm",
    ),
    path(
        "system/calendar/years/unconfirm/",
        views_calendar.calendar_year_unconfirm,
        name="calendar_year_unconfirm",
    ),
    path("system/calendar/seed/", views_calendar.calendar_seed, name="calendar_seed"),
]
