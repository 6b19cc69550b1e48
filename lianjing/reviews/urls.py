from django.urls import URLPattern, path

from lianjing.reviews import views, views_review

app_name = "reviews"

urlpatterns: list[URLPattern] = [
    path("", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("campaigns/new/", views.campaign_create, name="campaign_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/progress/", views.round_progress, name="round_progress"),
    path("mine/", views.my_reviews, name="my_reviews"),
    path("public/", views.my_public, name="my_public"),
    path("units/<int:unit_pk>/public/", views.unit_public, name="unit_public"),
    path("units/<int:unit_pk>/years/", views.year_compare, name="year_compare"),
    path("snapshots/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("<int:pk>/", views_review.review_detail, name="review_detail"),
    path("<int:pk>/act/", views_review.review_act, name="review_act"),
    path("<int:pk>/comments/", views_review.comment_add, name="comment_add"),
    path(
        "<int:pk>/comments/<int:comment_pk>/answer/",
        views_review.comment_answer,
        name="comment_answer",
    ),
    path("<int:pk>/points/new/", views_review.point_add, name="point_add"),
    path("<int:pk>/points/<int:point_pk>/edit/", views_review.point_edit, name="point_edit"),
    path(
        "<int:pk>/points/<int:point_pk>/measures/",
        views_review.measure_add,
        name="measure_add",
    ),
    path("<int:pk>/revise/", views_review.revision_open, name="revision_open"),
    path("<int:pk>/diff/", views_review.revision_diff, name="revision_diff"),
]
