"""Background work of the organisation module (Huey). Tasks take primary keys and stay thin."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from lianjing.org.exchange.importer import import_job_run


@db_task()
def org_import_run(job_id: int) -> None:
    """Read, check and (when everything is right) write one uploaded workbook."""
    import_job_run(job_id)
