from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "lianjing.risks"
    label = "risks"
    verbose_name = "廉政风险"

    def ready(self) -> None:
        from lianjing.org.hooks import on_people_moved
        from lianjing.powers.hooks import register_step_levels
        from lianjing.risks.responsibility import refresh_for_people
        from lianjing.risks.selectors import step_risk_levels

        register_step_levels(step_risk_levels)
        on_people_moved(refresh_for_people)

        from lianjing.core.home import Panel, register_panel
        from lianjing.risks.home import my_post_suggestions, my_prompt_sheet

        register_panel(Panel("risks/_home_prompt_sheet.html", my_prompt_sheet, order=20))
        register_panel(Panel("risks/_home_suggestions.html", my_post_suggestions, order=25))
