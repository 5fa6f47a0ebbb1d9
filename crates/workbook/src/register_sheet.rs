//! Writes one register table ("Risk register", "Vendors", "Customer controls (CUECs)") as a
//! sheet to the workbook's standard: an optional note above, a frozen header, an autofilter,
//! widths, wrapped text with fitted rows, real dates, print setup, user text always as text,
//! and the two auditor columns (a comment, and a status from a dropdown).

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::auditor::AuditorStatus;
use crate::cells::{self, Formats, Grid};
use crate::registers::{headers, Cell, Table};

pub const AUDITOR_COLUMNS: &[(&str, f64)] = &[
    (headers::AUDITOR_COMMENT, 30.0),
    (headers::AUDITOR_STATUS, 14.0),
];

pub fn write(ws: &mut Worksheet, table: &Table, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(table.sheet)?;
    let columns: Vec<(&str, f64)> = table
        .columns
        .iter()
        .chain(AUDITOR_COLUMNS)
        .copied()
        .collect();
    let header_row: u32 = if table.note.is_some() { 2 } else { 0 };
    let n = table.rows.len() as u32;
    let last_row = header_row + n;
    cells::table_setup(ws, header_row, columns.len(), last_row)?;
    let widths: Vec<f64> = columns.iter().map(|c| c.1).collect();
    let names: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let own = table.columns.len();
    let mut g = Grid::new(ws, &widths)?;
    if let Some(note) = &table.note {
        let span = own.min(8) as u16;
        g.merged_text(0, 0, span, note, &f.note)?;
    }
    let header_formats: Vec<&rust_xlsxwriter::Format> = (0..columns.len())
        .map(|i| {
            if i < own {
                &f.header
            } else {
                &f.auditor_header
            }
        })
        .collect();
    g.header(header_row, &names, &header_formats)?;
    for (i, row) in table.rows.iter().enumerate() {
        let r = header_row + 1 + i as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => g.text(r, c, s, &f.text)?,
                Cell::Alert(s) => g.text(r, c, s, &f.gap)?,
                Cell::Date(Some(d)) => g.date(r, c, *d, &f.date)?,
                Cell::Date(None) => g.blank(r, c, &f.text)?,
                Cell::Number(x) => g.number(r, c, *x, &f.number)?,
                Cell::Percent(Some(x)) => g.number(r, c, *x, &f.percent)?,
                Cell::Percent(None) => g.blank(r, c, &f.text)?,
            }
        }
        g.blank(r, own as u16, &f.auditor)?;
        g.blank(r, own as u16 + 1, &f.auditor)?;
    }
    g.fit_rows()?;
    if n > 0 {
        let status_col = own as u16 + 1;
        let validation = AuditorStatus::validation()?;
        g.ws.add_data_validation(
            header_row + 1,
            status_col,
            last_row,
            status_col,
            &validation,
        )?;
    }
    Ok(())
}
