from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "lianjing.powers"
    label = "powers"
    verbose_name = "职权目录"

    def ready(self) -> None:
        from lianjing.core.home import Panel, register_panel
        from lianjing.powers.home import catalogue_drafts

        register_panel(Panel("powers/_home_drafts.html", catalogue_drafts, order=30))
