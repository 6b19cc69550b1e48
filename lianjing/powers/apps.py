from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "lianjing.powers"
    label = "powers"
    verbose_name = "职权目录"
