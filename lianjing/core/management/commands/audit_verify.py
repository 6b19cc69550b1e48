"""manage.py audit_verify [--anchor HASH]: check the audit log's hash chain and name every event
that was edited, deleted, inserted or reordered. Exits with status 1 when the chain is broken."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lianjing.core.audit import verify_chain

HASH_PATTERN = re.compile(r"^[0-9a-f]{64}$")


class Command(BaseCommand):
    help = "校验审计日志的哈希链，指出被修改、删除、插入或调换顺序的事件。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            metavar="HASH",
            help="上次校验时在系统之外记录的链头哈希；若已不在链中，说明末尾事件被删除。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchor = (options.get("anchor") or "").strip().lower() or None
        if anchor is not None and not HASH_PATTERN.match(anchor):
            raise CommandError("--anchor 应为 64 位十六进制的 SHA-256 哈希值。")
        report = verify_chain(anchor)
        self.stdout.write(f"已检查 {report.checked} 条审计事件。")
        if report.head_id is not None:
            self.stdout.write(f"链头：#{report.head_id} {report.head_hash}")
            self.stdout.write(
                "请将链头哈希记录在系统之外（如纸质台账或另一台服务器），"
                "下次用 --anchor 该哈希 校验，可发现末尾事件被删除。"
            )
        if report.ok:
            self.stdout.write(self.style.SUCCESS("审计链完整，未发现篡改。"))
            return
        for problem in report.problems:
            self.stderr.write(f"[{problem.kind_label}] {problem.message}")
        raise CommandError(f"审计链校验未通过：发现 {len(report.problems)} 处问题。")
