"""An Excel workbook (Office Open XML, .xlsx) written as a stream of sheets of typed rows.

Why not XlsxWriter: its per-cell API costs about 7 µs a cell in Python, 20 s for the 2.7 million
cells of a 10,000-borehole project (issue 18 asks < 5 s for the whole export). Our sheets are plain
tables (a bold frozen header, then text, numbers, booleans and dates in fixed columns), so each row
is built as one string from fragments cached per column and value: a value seen before in a column
costs one dict look-up. Text goes to the shared-string table once per distinct value, as Excel itself
writes it. What a cell holds follows XlsxWriter (same number text, same Excel serial dates, the same
escaping of control characters), so a workbook reads back the same as before.
"""

from __future__ import annotations

import queue
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from math import isfinite
from typing import IO, Any, Literal

CellKind = Literal["text", "datetime", "date"]  # text: whatever type each value has; dates come as ISO text
CELL_CHARS = 32767  # Excel's longest cell text; XlsxWriter cuts there too
_CACHED = 50000  # cells kept per column
_CHUNK = 5000  # rows built at a time
_EPOCH = datetime(1899, 12, 31)
_STAMP = (1980, 1, 1, 0, 0, 0)  # fixed, as XlsxWriter: the same data gives the same file
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_APART = "\ue000"  # a private-use character between the shared strings while they are escaped together
_ROW = "\x00"  # stands for the row number in cached fragments; text never reaches a fragment


def column_letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def excel_serial(moment: datetime | date) -> float:
    """Days since Excel's 1900 epoch, with its phantom 29 February 1900 (as XlsxWriter counts)."""
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
    delta = moment - _EPOCH
    serial = delta.days + (float(delta.seconds) + float(delta.microseconds) / 1e6) / 86400
    return serial + 1 if serial > 59 else serial


def _escape(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL.search(text):  # XML 1.0 cannot carry them: Excel's own _xHHHH_ form
        text = _ESCAPED.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group(0)):04X}_", text)
    return text


def _string_items(texts: list[str]) -> str:
    """The shared strings' <si> items, escaped all at once rather than one by one (a project has
    hundreds of thousands: every identifier is one); whitespace is kept as typed."""
    item = '</t></si><si><t xml:space="preserve">'
    joined = _APART.join(texts)
    if joined.count(_APART) != max(len(texts) - 1, 0):  # a text holding the separator itself
        return "".join(f'<si><t xml:space="preserve">{_escape(t)}</t></si>' for t in texts)
    return f'<si><t xml:space="preserve">{_escape(joined).replace(_APART, item)}</t></si>' if texts else ""


def _number(value: float) -> str | None:
    return f"{value:.16G}" if isfinite(value) else None


class _Behind:
    """Writes into a zip entry from a second thread. Deflate and the CRC let go of the GIL, so the next
    rows are built while the last ones are compressed (a third of the writing, on the other core)."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._room = threading.Semaphore(4)  # chunks waiting at most: memory stays bounded
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="xlsx-deflate", daemon=True)

    def __enter__(self) -> _Behind:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._queue.put(None)
        self._thread.join()
        if self._error is not None and exc[0] is None:
            raise self._error

    def _run(self) -> None:
        while (chunk := self._queue.get()) is not None:
            try:
                if self._error is None:
                    self._out.write(chunk)
            except BaseException as error:  # handed to the writer's thread, which raises it
                self._error = error
            finally:
                self._room.release()

    def write(self, chunk: bytes) -> None:
        if self._error is not None:
            raise self._error
        self._room.acquire()
        self._queue.put(chunk)


class Book:
    """One workbook written into ``out`` (a binary file); add the sheets in order, then :meth:`close`.

    ``formats`` are the number formats the sheets' columns may name (e.g. ``"0.00"``)."""

    def __init__(self, out: IO[bytes], formats: Sequence[str], compresslevel: int = 1) -> None:
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel)
        self._level = compresslevel
        # style 0 plain, 1 the bold header, then one per number format
        self._styles = {fmt: n for n, fmt in enumerate(formats, start=2)}
        self._formats = list(formats)
        self._strings: dict[str, int] = {}
        self._sheets: list[str] = []

    def _entry(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, _STAMP)
        info.compress_type = zipfile.ZIP_DEFLATED
        # the entry's own level: zipfile names it compress_level from Python 3.13 on
        setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", self._level)
        return info

    def _write(self, name: str, text: str) -> None:
        self._zip.writestr(self._entry(name), text.encode("utf-8"))

    def _shared(self, text: str) -> int:
        index = self._strings.get(text)
        if index is None:
            index = self._strings[text] = len(self._strings)
        return index

    def sheet(self, name: str, header: Sequence[str], kinds: Sequence[CellKind], formats: Sequence[str | None],
              rows: Sequence[Sequence[Any]], every: Callable[[], None] | None = None) -> None:
        """A sheet ``name``: the bold ``header`` frozen above ``rows``; column ``c`` holds ``kinds[c]`` in
        number format ``formats[c]`` (None: General). Empty text and None leave a cell empty.
        ``every`` is called every 5,000 rows (progress, cancelling)."""
        width = len(header)
        last = column_letters(width - 1)
        self._sheets.append(name)
        with self._zip.open(self._entry(f"xl/worksheets/sheet{len(self._sheets)}.xml"), "w") as entry, \
                _Behind(entry) as fh:
            fh.write((
                f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:{last}{len(rows) + 1}"/>'
                '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
                'state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>'
                '<sheetFormatPr defaultRowHeight="15"/><sheetData><row r="1">'
                + "".join(f'<c r="{column_letters(c)}1" s="1" t="s"><v>{self._shared(h[:CELL_CHARS])}</v></c>'
                          for c, h in enumerate(header))
                + "</row>").encode("utf-8"))
            for chunk in self._rows(kinds, formats, rows, every):
                fh.write(chunk.encode("utf-8"))
            fh.write(b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
                     b'footer="0.3"/></worksheet>')

    def _rows(self, kinds: Sequence[CellKind], formats: Sequence[str | None], rows: Sequence[Sequence[Any]],
              every: Callable[[], None] | None) -> Iterable[str]:
        refs = [f'<c r="{column_letters(c)}{_ROW}"' for c in range(len(kinds))]
        styled = [f'{ref} s="{self._styles[fmt]}"' if fmt else ref for ref, fmt in zip(refs, formats, strict=True)]
        # per column: value -> its cell with the row number left open; an empty value -> no cell
        cells: list[dict[Any, str]] = [{None: "", "": ""} for _ in kinds]

        strings = self._strings
        plain = [kind == "text" for kind in kinds]
        misses = [0] * len(kinds)

        def cell(c: int, value: Any) -> str:
            kind = type(value)
            keep = True
            if kind is str and plain[c]:
                text = value[:CELL_CHARS]
                index = strings.get(text)
                if index is None:
                    index = strings[text] = len(strings)
                done = f'{refs[c]} t="s"><v>{index}</v></c>'
            elif not plain[c]:  # ISO 8601 text of a date; Excel has no time zones: UTC, as the header says
                if kinds[c] == "date":
                    moment: datetime | date = date.fromisoformat(str(value)[:10])
                else:
                    moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
                    if moment.tzinfo is not None:
                        moment = moment.astimezone(UTC).replace(tzinfo=None)
                done = f'{styled[c]}><v>{excel_serial(moment):.16G}</v></c>'
            elif kind is bool:
                done, keep = f'{refs[c]} t="b"><v>{int(value)}</v></c>', False
            elif kind is int or kind is float:
                shown = _number(value)
                # XlsxWriter's nan_inf_to_errors: the error Excel itself would show
                done = (f'{styled[c]}><v>{shown}</v></c>' if shown is not None else
                        f'{refs[c]} t="e"><v>{"#NUM!" if value != value else "#DIV/0!"}</v></c>')
                keep = value != 0 and value != 1  # True == 1: a boolean must never find a number's cell
            else:
                text = str(value)
                done = f'{refs[c]} t="s"><v>{self._shared(text[:CELL_CHARS])}</v></c>' if text else ""
            misses[c] += 1
            cache = cells[c]
            if keep and len(cache) < _CACHED:  # bounded: a column of identifiers would only grow it
                cache[value] = done
            return done

        def identifiers(c: int, values: tuple[Any, ...]) -> list[str] | None:
            """The cells of a column of identifiers in one go: text each new to the column, either all new to
            the workbook (numbered here) or all in it already (the ids a table refers to); else None."""
            if not plain[c] or set(map(type, values)) != {str}:
                return None
            cell = f'{refs[c]} t="s"><v>{{}}</v></c>'.format
            known = list(map(strings.get, values))
            if None not in known:
                return list(map(cell, known))
            distinct = set(values)
            if len(distinct) != len(values) or "" in distinct or known.count(None) != len(known) \
                    or max(map(len, values)) > CELL_CHARS:
                return None
            first = len(strings)
            numbers = range(first, first + len(values))
            strings.update(zip(values, numbers, strict=True))
            return list(map(cell, numbers))

        new = [False] * len(kinds)  # columns whose last chunk held no value seen before
        out: list[str] = []
        for start in range(0, len(rows), _CHUNK):
            # column by column: a value seen before in its column costs one look-up, only new values
            # (identifiers, coordinates, times) come to cell()
            columns = []
            for c, values in enumerate(zip(*rows[start:start + _CHUNK], strict=True)):
                done = identifiers(c, values) if new[c] else None
                if done is None:
                    get, before = cells[c].get, misses[c]
                    done = [hit if (hit := get(v)) is not None else cell(c, v) for v in values]
                    new[c] = misses[c] - before == len(values)
                columns.append(done)
            for r, parts in enumerate(zip(*columns, strict=True), start=start + 2):
                out.append(f'<row r="{r}">' + "".join(parts).replace(_ROW, str(r)) + "</row>")
            yield "".join(out)
            out.clear()
            if every is not None:
                every()

    def close(self) -> None:
        """Write the shared strings, styles and workbook parts, and finish the zip."""
        sheets = self._sheets
        count = len(sheets)
        self._write("[Content_Types].xml", (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_CT}.worksheet+xml"/>'
                      for n in range(1, count + 1))
            + "</Types>"))
        self._write("_rels/.rels", (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'))
        self._write("xl/workbook.xml", (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView/></bookViews><sheets>'
            + "".join(f'<sheet name="{_escape(name).replace(chr(34), "&quot;")}" sheetId="{n}" r:id="rId{n}"/>'
                      for n, name in enumerate(sheets, start=1))
            + '</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'))
        self._write("xl/_rels/workbook.xml.rels", (
            f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                      for n in range(1, count + 1))
            + f'<Relationship Id="rId{count + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"))
        self._write("xl/styles.xml", self._styles_xml())
        with self._zip.open(self._entry("xl/sharedStrings.xml"), "w") as fh:
            fh.write(f'{_HEAD}<sst xmlns="{_MAIN}" count="{len(self._strings)}" '
                     f'uniqueCount="{len(self._strings)}">'.encode())
            fh.write(_string_items(list(self._strings)).encode("utf-8"))  # in index order: dicts keep it
            fh.write(b"</sst>")
        self._zip.close()

    def _styles_xml(self) -> str:
        formats = self._formats
        font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
        return (
            f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
            + (f'<numFmts count="{len(formats)}">'
               + "".join(f'<numFmt numFmtId="{164 + n}" formatCode="{_escape(f).replace(chr(34), "&quot;")}"/>'
                         for n, f in enumerate(formats))
               + "</numFmts>" if formats else "")
            + f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{2 + len(formats)}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
            + "".join(f'<xf numFmtId="{164 + n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
                      for n in range(len(formats)))
            + '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '<dxfs count="0"/><tableStyles count="0"/></styleSheet>')

