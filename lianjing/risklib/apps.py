from django.apps import AppConfig


class RisklibConfig(AppConfig):
    name = "lianjing.risklib"
    label = "risklib"
    verbose_name = "风险库"
