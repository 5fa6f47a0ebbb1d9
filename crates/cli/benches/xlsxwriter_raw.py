"""Python's XlsxWriter writing the same cells as the Preflight export, for the comparison in
crates/cli/benches/export.rs (see docs/benchmarks.md).

    python3 xlsxwriter_raw.py cells.json out.xlsx

cells.json: {"sheets": [{"name": ..., "rows": [[cell, ...], ...]}]}, a cell being null
(empty), a string, a number, or {"d": serial} for a date. Reading the JSON is not timed; the
time from creating the workbook to closing it (the file written to disk) is printed, in seconds.
Each sheet gets what the Preflight sheets have: a wrapped-text format on every cell, a frozen
header row and an autofilter over the used range. Needs `pip install XlsxWriter`.
"""

import json
import sys
import time

import xlsxwriter


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        data = json.load(f)
    start = time.perf_counter()
    wb = xlsxwriter.Workbook(sys.argv[2])
    base = {"font_name": "Arial", "font_size": 10, "valign": "top"}
    wrap = wb.add_format(dict(base, text_wrap=True))
    date = wb.add_format(dict(base, num_format="yyyy-mm-dd", align="left"))
    for sheet in data["sheets"]:
        ws = wb.add_worksheet(sheet["name"])
        rows = sheet["rows"]
        columns = 1
        for r, row in enumerate(rows):
            columns = max(columns, len(row))
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, c, v, wrap)
                elif isinstance(v, dict):
                    ws.write_number(r, c, v["d"], date)
                else:
                    ws.write_number(r, c, v, wrap)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(rows) - 1, 0), columns - 1)
    wb.close()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
