"""The public portal, mounted at /public/: no login anywhere below it."""

from django.urls import URLPattern, path

from lianjing.portal import views

app_name = "portal"

urlpatterns: list[URLPattern] = [
    path("", views.index, name="index"),
    path("units/<int:pk>/", views.unit, name="unit"),
    path("powers/<int:pk>/", views.power, name="power"),
]
