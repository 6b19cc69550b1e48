from django.apps import AppConfig


class ArchivesConfig(AppConfig):
    name = "lianjing.archives"
    label = "archives"
    verbose_name = "廉政档案"
