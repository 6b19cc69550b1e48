from django.urls import path

from lianjing.core import views, views_audit, views_calendar

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("system/audit/", views_audit.audit_list, name="audit_list"),
    path("system/calendar/", views_calendar.calendar, name="calendar"),
]
