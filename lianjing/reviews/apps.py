from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "lianjing.reviews"
    label = "reviews"
    verbose_name = "风险排查（八步工作法）"

    def ready(self) -> None:
        from lianjing.core.home import Panel, register_panel
        from lianjing.reviews.home import my_tasks

        register_panel(Panel("reviews/_home_tasks.html", my_tasks, order=10))

        from lianjing.reviews.guards import closed_registers, point_problem, register_problem
        from lianjing.risks.hooks import register_closed_lookup, register_edit_guards

        register_edit_guards(point_problem, register_problem)
        register_closed_lookup(closed_registers)
