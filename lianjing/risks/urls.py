from django.urls import URLPattern, URLResolver, include, path

from lianjing.risks import (
    views,
    views_exceptions,
    views_grading,
    views_measures,
    views_separation,
    views_suggestions,
)

app_name = "risks"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("units/<int:unit_pk>/<int:year>/", views.register, name="register"),
    path(
        "units/<int:unit_pk>/<int:year>/confirm/", views.register_confirm, name="register_confirm"
    ),
    path(
        "units/<int:unit_pk>/<int:year>/exception/",
        views.exception_request,
        name="exception_request",
    ),
    path("units/<int:unit_pk>/separation/", views_separation.separation, name="separation"),
    path(
        "units/<int:unit_pk>/separation/duties/",
        views_separation.post_duty_add,
        name="post_duty_add",
    ),
    path(
        "units/<int:unit_pk>/separation/duties/<int:pk>/remove/",
        views_separation.post_duty_remove,
        name="post_duty_remove",
    ),
    path("posts/<int:post_pk>/suggestions/", views_suggestions.suggestions, name="suggestions"),
    path(
        "posts/<int:post_pk>/suggestions/<int:template_pk>/accept/",
        views_suggestions.accept,
        name="suggestion_accept",
    ),
    path(
        "posts/<int:post_pk>/suggestions/<int:template_pk>/reject/",
        views_suggestions.reject,
        name="suggestion_reject",
    ),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<int:pk>/", views.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path("points/<int:pk>/measures/", views.measure_add, name="measure_add"),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/status/",
        views.measure_status,
        name="measure_status",
    ),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/edit/",
        views_measures.measure_edit,
        name="measure_edit",
    ),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/delete/",
        views_measures.measure_delete,
        name="measure_delete",
    ),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/evidence/",
        views_measures.evidence_upload,
        name="evidence_upload",
    ),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/evidence/<int:evidence_pk>/",
        views_measures.evidence_download,
        name="evidence_download",
    ),
    path(
        "points/<int:pk>/measures/<int:measure_pk>/evidence/<int:evidence_pk>/delete/",
        views_measures.evidence_delete,
        name="evidence_delete",
    ),
    path("points/<int:pk>/retire/", views.point_retire, name="point_retire"),
    path("exceptions/", views_exceptions.exception_list, name="exception_list"),
    path("exceptions/<int:pk>/", views_exceptions.exception_decide, name="exception_decide"),
    path("grading/", views_grading.grading_list, name="grading_list"),
    path("grading/<int:pk>/edit/", views_grading.grading_edit, name="grading_edit"),
    path(
        "grading/<int:pk>/new-version/",
        views_grading.grading_new_version,
        name="grading_new_version",
    ),
    path("grading/<int:pk>/activate/", views_grading.grading_activate, name="grading_activate"),
    path("grading/regrade/", views_grading.regrade, name="regrade"),
    path("", include("lianjing.risks.urls_documents")),
    path("", include("lianjing.risks.urls_exchange")),
]
