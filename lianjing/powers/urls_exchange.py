from django.urls import URLPattern, path

from lianjing.powers import views_exchange as views

urlpatterns: list[URLPattern] = [
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("export/", views.export, name="export"),
]
