from django.urls import URLPattern, path

from lianjing.risks import views_exchange

urlpatterns: list[URLPattern] = [
    path("import/", views_exchange.import_upload, name="import"),
    path("import/template/", views_exchange.import_template, name="import_template"),
    path("export/", views_exchange.export, name="export"),
]
