import gc

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lianjing.core"
    label = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        # Python's cyclic garbage collector runs every 700 allocations by default; a request
        # that reads a province's unit tree (6,500 rows) triggered full collections that paused
        # it for 40–200 ms (bench/org_pages.py). Objects alive after start-up (modules, URL
        # patterns, templates) are frozen out of the collector and collections run less often.
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
