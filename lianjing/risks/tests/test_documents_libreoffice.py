"""The Word documents open in LibreOffice (issue 5, "done when"): the unit's manual and a
person's prompt sheet are converted by LibreOffice Writer (headless, installed by
`scripts/setup.sh --test`) to PDF, whose text holds the Chinese content and whose first page,
rendered, shows glyphs (dark pixels on white paper). One LibreOffice run converts both: its
start-up is most of the time."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdfium2
import pytest
from django.urls import reverse

from lianjing.risks.tests.test_documents import client_for, register  # noqa: F401

pytestmark = pytest.mark.django_db


def through_libreoffice(
    documents: dict[str, bytes], tmp_path: Path
) -> dict[str, pypdfium2.PdfDocument]:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice Writer is missing: run scripts/setup.sh --test"
    sources = []
    for name, content in documents.items():
        source = tmp_path / f"{name}.docx"
        source.write_bytes(content)
        sources.append(str(source))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *sources,
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return {
        name: pypdfium2.PdfDocument((tmp_path / f"{name}.pdf").read_bytes()) for name in documents
    }


def dark_pixels_on_first_page(pdf: pypdfium2.PdfDocument) -> int:
    image = pdf[0].render(scale=1).to_pil().convert("L")
    return sum(1 for value in image.tobytes() if value < 128)


def text_of(pdf: pypdfium2.PdfDocument) -> str:
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def test_the_manual_and_the_prompt_sheet_open_in_libreoffice(world, register, tmp_path):  # noqa: F811
    manual = client_for(world.users["unit_leader"]).get(
        reverse("risks:manual_docx", args=[world.finance.pk, 2026])
    )
    sheet = client_for(world.users["cadre"]).get(
        reverse("risks:prompt_sheet_docx", args=[world.clerk.pk])
    )
    assert manual.status_code == sheet.status_code == 200
    pdfs = through_libreoffice({"manual": manual.content, "sheet": sheet.content}, tmp_path)

    text = text_of(pdfs["manual"])
    assert "廉政风险防范手册" in text and "预算资金拨付中优亲厚友" in text
    assert dark_pixels_on_first_page(pdfs["manual"]) > 200

    text = text_of(pdfs["sheet"])
    assert "廉政风险提示单" in text and "李科员" in text and "报销审核走过场" in text
    assert dark_pixels_on_first_page(pdfs["sheet"]) > 200
