from django.urls import URLPattern, path

from lianjing.risks import views_documents

urlpatterns: list[URLPattern] = [
    path(
        "units/<int:unit_pk>/<int:year>/manual.docx",
        views_documents.manual,
        name="manual_docx",
    ),
    path(
        "people/<int:pk>/prompt-sheet.docx",
        views_documents.prompt_sheet_docx,
        name="prompt_sheet_docx",
    ),
    path(
        "people/<int:pk>/prompt-sheet.pdf",
        views_documents.prompt_sheet_pdf,
        name="prompt_sheet_pdf",
    ),
]
