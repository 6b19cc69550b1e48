"""The all-or-nothing import: read and check the whole workbook first (reader, checks), then
write everything in one transaction with bulk statements, keep each person's unit/department/post
mirror right, and record one audit event. If anything is wrong nothing is written."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from lianjing.core.audit import audit
from lianjing.core.db import refresh_planner_statistics
from lianjing.org.exchange.checks import check
from lianjing.org.exchange.reader import FileError, Problem, Progress, Report, read_workbook
from lianjing.org.exchange.writes import ImportConflict, Writes
from lianjing.org.models import ORG_TABLES, ImportJob

logger = logging.getLogger(__name__)


@dataclass
class Outcome:
    ok: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0


def file_problem(message: str) -> Problem:
    return Problem(sheet="", row=None, column="", value="", message=message)


def import_workbook(
    data: bytes,
    *,
    user: Any | None,
    file_name: str = "",
    job_id: int | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """Import the organisation workbook `data` as `user` (None: the system, no scope limit).
    Raises FileError for a file that cannot be read at all."""
    report = Report()
    rows = read_workbook(data, report, progress)
    plan = check(rows, report, user)
    if report:
        return Outcome(ok=False, problems=report.sorted(), problem_count=report.count)
    with transaction.atomic():
        writes = Writes(plan)
        writes.apply()
        counts = plan.counts()
        audit(
            "org.import.completed",
            actor=user,
            object_type="org.importjob",
            object_id=job_id or "",
            object_repr=file_name,
            after={"file": file_name, "counts": counts, **writes.codes()},
        )
    refresh_planner_statistics(ORG_TABLES)
    return Outcome(ok=True, counts=counts)


# --- the background job -------------------------------------------------------------------------


def import_job_submit(*, actor: Any, upload: Any) -> ImportJob:
    """Store the upload and queue its job. Called outside any transaction (the page's request):
    the job row is committed before the worker can look for it."""
    from lianjing.org.tasks import org_import_run  # the task module imports this one

    job = ImportJob(created_by=actor, file_name=str(upload.name)[:255])
    job.file.save(f"{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    org_import_run(job.pk)
    return job


def import_job_run(job_id: int) -> None:
    """Run one queued job (the Huey task calls this). A job runs once: a second delivery of the
    task finds it no longer queued and does nothing."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.State.QUEUED).update(
        status=ImportJob.State.RUNNING, started_at=timezone.now()
    )
    if claimed != 1:
        return
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(processed_rows=done, total_rows=total)

    outcome = Outcome(ok=False)
    try:
        with job.file.open("rb") as handle:
            data = handle.read()
        outcome = import_workbook(
            data, user=job.created_by, file_name=job.file_name, job_id=job_id, progress=progress
        )
    except FileError as exc:
        outcome.problems = [file_problem(str(exc))]
    except ImportConflict as exc:
        outcome.problems = [file_problem(str(exc))]
    except DatabaseError:
        logger.exception("org import job %s: the database refused the write", job_id)
        outcome.problems = [
            file_problem(
                "写入数据库时出错（可能有人同时修改了相同的记录），本次未写入任何数据，请重新导入。"
            )
        ]
    except Exception:
        logger.exception("org import job %s failed", job_id)
        outcome.problems = [file_problem("导入时发生内部错误，本次未写入任何数据。请联系管理员。")]
    _finish(job, outcome)


def _finish(job: ImportJob, outcome: Outcome) -> None:
    # the upload may hold plain ID numbers: it is not kept once read
    if job.file:
        job.file.delete(save=False)
    job.status = ImportJob.State.SUCCEEDED if outcome.ok else ImportJob.State.FAILED
    job.errors = [p.as_dict() for p in outcome.problems]
    job.result = {
        "counts": outcome.counts,
        "problem_count": outcome.problem_count or len(outcome.problems),
    }
    job.refresh_from_db(fields=["processed_rows", "total_rows"])
    job.processed_rows = job.total_rows = max(job.processed_rows, job.total_rows)
    job.finished_at = timezone.now()
    job.save()
