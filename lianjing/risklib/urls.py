"""URLs of the libraries, mounted at /risklib/. Each library has list, new, detail, edit and
active (POST active=yes|no); `lib` tells the shared views which library."""

from django.urls import URLPattern, URLResolver, path

from lianjing.risklib import views, views_trial

app_name = "risklib"

urlpatterns: list[URLPattern | URLResolver] = []
for key, library in views.LIBRARIES.items():
    lib = {"lib": key}
    urlpatterns += [
        path(f"{key}/", views.entry_list, lib, name=f"{library.name}_list"),
        path(f"{key}/new/", views.entry_create, lib, name=f"{library.name}_create"),
        path(f"{key}/<int:pk>/", views.entry_detail, lib, name=f"{library.name}_detail"),
        path(f"{key}/<int:pk>/edit/", views.entry_edit, lib, name=f"{library.name}_edit"),
        path(f"{key}/<int:pk>/active/", views.entry_set_active, lib, name=f"{library.name}_active"),
    ]
urlpatterns += [
    path("trial/", views_trial.trial, name="trial"),
    path("trial/<int:pk>/", views_trial.trial_post, name="trial_post"),
]
