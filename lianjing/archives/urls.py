from django.urls import URLPattern, path

from lianjing.archives import views

app_name = "archives"

urlpatterns: list[URLPattern] = [
    path("me/", views.my_archive, name="my_archive"),
    path("people/<int:person_pk>/", views.person_archive, name="person_archive"),
]
