from django.urls import path

from lianjing.accounts import views, views_admin

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/verify/", views.otp_verify, name="otp_verify"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/disable/", views.two_factor_disable, name="two_factor_disable"),
    path("users/", views_admin.user_list_view, name="user_list"),
    path("users/new/", views_admin.user_create, name="user_create"),
    path("users/<int:pk>/", views_admin.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", views_admin.user_password_reset, name="user_password_reset"),
    path("users/<int:pk>/unlock/", views_admin.user_unlock, name="user_unlock"),
    path(
        "users/<int:pk>/two-factor/reset/",
        views_admin.user_two_factor_reset,
        name="user_two_factor_reset",
    ),
    path(
        "users/<int:pk>/roles/new/",
        views_admin.role_assignment_create,
        name="role_assignment_create",
    ),
    path(
        "role-assignments/<int:pk>/delete/",
        views_admin.role_assignment_delete,
        name="role_assignment_delete",
    ),
    path("roles/", views_admin.role_list_view, name="role_list"),
    path("roles/new/", views_admin.role_create, name="role_create"),
    path("roles/<int:pk>/", views_admin.role_edit, name="role_edit"),
]
