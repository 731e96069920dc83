"""Excel .xlsx workbooks as rows of text, sheet by sheet (openpyxl, read-only)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from corpus_tools.errors import BadRecord, InputError


def sheets(data: bytes, display: str) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """(sheet name, rows) for each sheet; each row is the cells' text, '' for an empty cell."""
    try:
        import openpyxl
    except ImportError:
        raise InputError(f"{display}: reading .xlsx needs openpyxl: pip install 'corpus-tools[xlsx]'") from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises zipfile, XML and its own errors for a file it cannot open
        raise BadRecord(display, None, f"unreadable .xlsx workbook ({type(err).__name__}: {err})",
                        "is it an Excel 2007+ file? Save older .xls files as .xlsx or CSV") from None
    try:
        for sheet in workbook.worksheets:
            yield sheet.title, (_text_row(row) for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def _text_row(row: tuple[Any, ...]) -> list[str]:
    return [_text(value) for value in row]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
