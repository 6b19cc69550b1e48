from django.urls import include, path

from lianjing.core import views as core_views

urlpatterns = [
    path("", include("lianjing.core.urls")),
    path("accounts/", include("lianjing.accounts.urls")),
    path("org/", include("lianjing.org.urls")),
    path("powers/", include("lianjing.powers.urls")),
    path("public/", include("lianjing.portal.urls")),
    path("risklib/", include("lianjing.risklib.urls")),
    path("risks/", include("lianjing.risks.urls")),
    path("reviews/", include("lianjing.reviews.urls")),
    path("inbox/", include("lianjing.inbox.urls")),
    path("archives/", include("lianjing.archives.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error
