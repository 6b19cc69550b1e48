from django.urls import URLPattern, path

from lianjing.inbox import views

app_name = "inbox"

urlpatterns: list[URLPattern] = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_message, name="open"),
    path("read-all/", views.read_all, name="read_all"),
]
