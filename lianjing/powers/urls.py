from django.urls import URLPattern, URLResolver, include, path, re_path

from lianjing.powers import views, views_editors, views_reference

app_name = "powers"

KIND = r"(?P<kind>categories|circumstances)"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.power_list, name="power_list"),
    path("new/", views.power_create, name="power_create"),
    path("<int:pk>/", views.power_detail, name="power_detail"),
    path("<int:pk>/edit/", views.power_edit, name="power_edit"),
    path("<int:pk>/flow/", views_editors.flow_edit, name="flow_edit"),
    path("<int:pk>/benchmarks/", views_editors.benchmarks_edit, name="benchmarks_edit"),
    path("<int:pk>/chart.svg", views.power_chart, name="power_chart"),
    path("<int:pk>/publish/", views.power_publish, name="power_publish"),
    path("<int:pk>/revise/", views.power_revise, name="power_revise"),
    path("<int:pk>/revoke/", views.power_revoke, name="power_revoke"),
    re_path(rf"^settings/{KIND}/$", views_reference.reference_list, name="reference_list"),
    re_path(rf"^settings/{KIND}/new/$", views_reference.reference_create, name="reference_create"),
    re_path(
        rf"^settings/{KIND}/(?P<pk>[0-9]+)/$",
        views_reference.reference_edit,
        name="reference_edit",
    ),
    path("", include("lianjing.powers.urls_exchange")),
]
