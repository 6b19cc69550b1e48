from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lianjing.core"
    label = "core"
    verbose_name = "基础"
