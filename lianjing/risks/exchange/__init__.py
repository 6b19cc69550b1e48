"""Excel import and export of risk points with their control measures (风险点导入导出)."""
