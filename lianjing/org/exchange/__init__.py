"""The organisation workbook: Excel templates, import (read, check, write) and export."""
