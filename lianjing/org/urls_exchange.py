from django.urls import URLPattern, path

from lianjing.org import views_exchange as views

urlpatterns: list[URLPattern] = [
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_job, name="import_job"),
    path("import/<int:pk>/errors.xlsx", views.import_errors, name="import_errors"),
    path("export/", views.export, name="export"),
]
