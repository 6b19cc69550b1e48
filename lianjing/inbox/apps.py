from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "lianjing.inbox"
    label = "inbox"
    verbose_name = "消息"
