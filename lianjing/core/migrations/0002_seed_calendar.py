"""Seed the working-day calendar with every year the installed chinese-calendar package knows.

Later package upgrades are picked up with `manage.py calendar_seed`, which never overwrites what an
administrator entered."""

from django.db import migrations

PACKAGE_SOURCE = "chinese-calendar"


def seed(apps, schema_editor):
    import chinese_calendar

    from lianjing.core import calendar_seed

    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarYear = apps.get_model("core", "CalendarYear")
    present = set(CalendarDay.objects.values_list("date", flat=True))
    rows = []
    for day, kind, name in calendar_seed.package_days():
        if day in present:
            continue
        present.add(day)
        rows.append(CalendarDay(date=day, kind=kind, name=name[:50], source=PACKAGE_SOURCE))
    CalendarDay.objects.bulk_create(rows, batch_size=500)
    note = f"版本 {chinese_calendar.__version__}，随系统安装导入"
    confirmed = set(CalendarYear.objects.values_list("year", flat=True))
    CalendarYear.objects.bulk_create(
        [
            CalendarYear(year=year, source=PACKAGE_SOURCE, note=note)
            for year in calendar_seed.package_years()
            if year not in confirmed
        ]
    )


def unseed(apps, schema_editor):
    apps.get_model("core", "CalendarDay").objects.filter(source=PACKAGE_SOURCE).delete()
    apps.get_model("core", "CalendarYear").objects.filter(source=PACKAGE_SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
