from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "lianjing.risks"
    label = "risks"
    verbose_name = "廉政风险"
