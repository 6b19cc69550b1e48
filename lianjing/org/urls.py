from lianjing.org import urls_exchange, urls_people, urls_structure

app_name = "org"

urlpatterns = [
    *urls_structure.urlpatterns,
    *urls_people.urlpatterns,
    *urls_exchange.urlpatterns,
]
