from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "lianjing.org"
    label = "org"
    verbose_name = "组织机构"

    def ready(self) -> None:
        from lianjing.core.home import Panel, register_panel
        from lianjing.org.home import my_posts

        register_panel(Panel("org/_home_my_posts.html", my_posts, order=10))
