from django.urls import URLPattern, URLResolver, include, path

app_name = "powers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("lianjing.powers.urls_exchange")),
]
