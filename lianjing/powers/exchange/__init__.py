"""The power catalogue workbook (职权目录导入导出): template, all-or-nothing import, export."""
