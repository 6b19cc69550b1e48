"""Writes on control measures (防控措施) and their evidence (佐证材料): edit (safe against stale
pages), delete, upload and delete evidence. A retired risk point is closed: none of these change
it. Every write records an audit event."""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.db import transaction
from django.utils.translation import gettext as _

from lianjing.core.audit import audit, snapshot
from lianjing.org.services import ConflictError
from lianjing.risks.hooks import check_point_editable
from lianjing.risks.models import ControlMeasure, MeasureEvidence, RiskPoint

MEASURE_FIELDS = ("kind", "content", "owner", "due_date", "check_method", "status")
NAME_MAX = 200  # MeasureEvidence.name


@dataclass(frozen=True)
class FileKind:
    label: str
    signatures: tuple[bytes, ...]  # what the first bytes of such a file look like


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls (Office 97–2003)
_ZIP = b"PK\x03\x04"  # .docx, .xlsx, .zip, .ofd
EVIDENCE_KINDS: dict[str, FileKind] = {
    "pdf": FileKind("PDF", (b"%PDF-",)),
    "doc": FileKind("Word", (_OLE,)),
    "docx": FileKind("Word", (_ZIP,)),
    "xls": FileKind("Excel", (_OLE,)),
    "xlsx": FileKind("Excel", (_ZIP,)),
    "ofd": FileKind("OFD", (_ZIP,)),
    "jpg": FileKind("JPEG", (b"\xff\xd8\xff",)),
    "jpeg": FileKind("JPEG", (b"\xff\xd8\xff",)),
    "png": FileKind("PNG", (b"\x89PNG\r\n\x1a\n",)),
    "zip": FileKind("ZIP", (_ZIP,)),
}
ALLOWED_TEXT = "、".join(f".{ext}" for ext in EVIDENCE_KINDS)


def max_upload_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def _lock_measure(pk: int) -> ControlMeasure:
    """The stored measure, locked until the end of the transaction (PostgreSQL; on SQLite every
    write transaction already holds the database's write lock)."""
    found = (
        ControlMeasure.objects.select_for_update(of=("self",))
        .select_related("risk_point")
        .filter(pk=pk)
    )
    stored = found.first()
    if stored is None:
        raise ConflictError(_("该措施已被他人删除，请刷新页面。"))
    return stored


def _refuse_if_retired(point: RiskPoint, *, content: bool = True) -> None:
    """A retired point is closed. The content of a point a later module forbids changing (a
    signed register, one under review: lianjing.risks.hooks) is too — but not the record of
    carrying its measures out (status, evidence), which goes on all year after signing."""
    if point.status == RiskPoint.Status.RETIRED:
        raise ValidationError(_("已撤销的风险点不能再修改防控措施。"))
    if content:
        check_point_editable(point)


# --- measures -------------------------------------------------------------------------------------


def measure_fingerprint(measure: ControlMeasure) -> str:
    """A digest of the measure's editable values as read: the edit page carries it, and the edit
    is refused when the stored measure no longer matches (ControlMeasure has no version column)."""
    values = json.dumps(snapshot(measure, MEASURE_FIELDS), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(values.encode()).hexdigest()


@transaction.atomic
def measure_update(
    *, actor: Any, measure: ControlMeasure, expected: str | None = None, **fields: Any
) -> ControlMeasure:
    """Change a measure of a point that is not retired. The owner must be a person of the point's
    unit. `expected` is the fingerprint the editor read; if somebody saved the measure since, the
    edit is refused (ConflictError) instead of silently overwriting theirs."""
    stored = _lock_measure(measure.pk)
    content = any(
        getattr(stored, name) != value for name, value in fields.items() if name != "status"
    )
    _refuse_if_retired(stored.risk_point, content=content)
    if expected is not None and expected != measure_fingerprint(stored):
        raise ConflictError(_("该措施已被他人修改，请刷新页面后重新编辑。"))
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    before = snapshot(stored, MEASURE_FIELDS)
    for name, value in fields.items():
        setattr(stored, name, value)
    if stored.owner is not None and stored.owner.unit_id != stored.risk_point.unit_id:
        raise ValidationError({"owner": _("措施责任人须是本单位人员。")})
    stored.full_clean()
    stored.save(update_fields=[*fields])
    after = snapshot(stored, MEASURE_FIELDS)
    changed = [name for name in MEASURE_FIELDS if before[name] != after[name]]
    if changed:
        audit(
            "risks.measure.updated",
            actor=actor,
            obj=stored,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
        )
    return stored


@transaction.atomic
def measure_delete(*, actor: Any, measure: ControlMeasure) -> None:
    """Delete a measure of a point that is not retired, with its evidence (the files go once the
    deletion is committed, so a rolled-back deletion keeps them)."""
    stored = _lock_measure(measure.pk)
    _refuse_if_retired(stored.risk_point)
    evidence = list(stored.evidence.all())
    audit(
        "risks.measure.deleted",
        actor=actor,
        obj=stored,
        before={
            **snapshot(stored, MEASURE_FIELDS),
            "risk_point": stored.risk_point_id,
            "evidence": [e.name for e in evidence],
        },
    )
    files = [(e.file.storage, e.file.name) for e in evidence if e.file.name]
    stored.delete()
    for storage, name in files:
        _delete_file_on_commit(storage, name)


# --- evidence -------------------------------------------------------------------------------------


def evidence_name(raw: str) -> str:
    """The file name as shown and offered on download: no directories, control or reserved
    characters, at most 200 characters (the extension kept)."""
    name = unicodedata.normalize("NFC", raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = re.sub(r'[<>:"|?*]', "_", name).strip().rstrip(". ")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = stem.strip(". ") or _("佐证材料")
    ext = ext.strip()
    if not ext:
        return stem[:NAME_MAX]
    return f"{stem[: max(NAME_MAX - len(ext) - 1, 1)]}.{ext}"[:NAME_MAX]


def evidence_extension(name: str) -> str:
    return name.rpartition(".")[2].lower() if "." in name else ""


def evidence_check(upload: Any) -> str:
    """Refuse a file that is empty, too big, of a type not on the list, or whose content is not
    what its extension says. Returns the cleaned file name."""
    name = evidence_name(getattr(upload, "name", "") or "")
    ext = evidence_extension(name)
    if ext not in EVIDENCE_KINDS:
        raise ValidationError(
            {"file": _("不支持该文件类型，只能上传 %(allowed)s 文件。") % {"allowed": ALLOWED_TEXT}}
        )
    size = getattr(upload, "size", 0) or 0
    if size <= 0:
        raise ValidationError({"file": _("文件是空的，请重新选择。")})
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError({"file": _("文件不能超过 %(mb)s MB。") % {"mb": _megabytes(limit)}})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in EVIDENCE_KINDS[ext].signatures):
        raise ValidationError(
            {
                "file": _("文件内容不是有效的 %(kind)s 文件（.%(ext)s），请检查后重新上传。")
                % {"kind": EVIDENCE_KINDS[ext].label, "ext": ext}
            }
        )
    return name


def _megabytes(size: int) -> str:
    mb = size / (1024 * 1024)
    return f"{mb:g}" if mb >= 1 else f"{mb:.2f}"


@transaction.atomic
def evidence_add(
    *, actor: Any, measure: ControlMeasure, upload: Any, mark_done: bool = False
) -> MeasureEvidence:
    """Attach a file to a measure of a point that is not retired; optionally record the measure
    as carried out (已落实) at the same time. The stored file gets a fresh name under
    evidence/YYYY/MM/; the original (cleaned) name is kept for display and download."""
    stored = _lock_measure(measure.pk)
    _refuse_if_retired(stored.risk_point, content=False)
    name = evidence_check(upload)
    evidence = MeasureEvidence(measure=stored, name=name, uploaded_by=actor)
    evidence.file.save(f"{_random_stem()}.{evidence_extension(name)}", upload, save=False)
    try:
        evidence.save()
        audit(
            "risks.evidence.added",
            actor=actor,
            obj=evidence,
            after={"measure": stored.pk, "name": name, "size": upload.size},
        )
        if mark_done and stored.status != ControlMeasure.Status.DONE:
            before = {"status": stored.status}
            stored.status = ControlMeasure.Status.DONE
            stored.save(update_fields=["status"])
            audit(
                "risks.measure.status",
                actor=actor,
                obj=stored,
                before=before,
                after={"status": stored.status},
            )
    except BaseException:
        evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def _random_stem() -> str:
    return secrets.token_hex(16)


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: MeasureEvidence) -> None:
    """Remove a file from a measure of a point that is not retired (the file itself goes once the
    deletion is committed)."""
    stored = (
        MeasureEvidence.objects.select_related("measure__risk_point").filter(pk=evidence.pk).first()
    )
    if stored is None:
        raise ConflictError(_("该佐证材料已被他人删除，请刷新页面。"))
    _refuse_if_retired(stored.measure.risk_point, content=False)
    audit(
        "risks.evidence.deleted",
        actor=actor,
        obj=stored,
        before={"measure": stored.measure_id, "name": stored.name, "file": stored.file.name},
    )
    storage, name = stored.file.storage, stored.file.name
    stored.delete()
    if name:
        _delete_file_on_commit(storage, name)


def _delete_file_on_commit(storage: Storage, name: str) -> None:
    transaction.on_commit(lambda: storage.delete(name))
