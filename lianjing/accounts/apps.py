from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lianjing.accounts"
    label = "accounts"
    verbose_name = "账户与角色"

    def ready(self) -> None:
        from lianjing.accounts import signals  # noqa: F401  (connects the login audit receivers)
