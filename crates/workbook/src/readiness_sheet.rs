//! The Readiness by criterion sheet: one row per criterion (or SOC 1 objective) in scope.

use preflight_assessment::scoring::readiness;
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::cells::{self, Formats};
use crate::{WorkbookInput, READINESS_SHEET};

pub const COLUMNS: &[(&str, f64)] = &[
    ("Criterion", 11.0),
    ("Series", 9.0),
    ("Title", 60.0),
    ("Questions", 11.0),
    ("Answered", 11.0),
    ("Readiness", 11.0),
    ("High gaps", 10.0),
    ("Medium gaps", 10.0),
    ("Low gaps", 10.0),
    ("Status", 14.0),
];

pub fn write(wb: &mut Workbook, input: &WorkbookInput<'_>, f: &Formats) -> Result<(), XlsxError> {
    let r = readiness(input.catalog, &input.assessment.scope, input.answers);
    let ws = wb.add_worksheet();
    ws.set_name(READINESS_SHEET)?;
    cells::table(ws, 0, COLUMNS, r.items.len() as u32, f)?;
    for (i, it) in r.items.iter().enumerate() {
        let row = i as u32 + 1;
        cells::text(ws, row, 0, &it.item.id, &f.text)?;
        cells::text(ws, row, 1, &it.item.group, &f.text)?;
        cells::text(ws, row, 2, &it.item.title, &f.text)?;
        ws.write_number_with_format(row, 3, it.questions as f64, &f.number)?;
        ws.write_number_with_format(row, 4, it.answered as f64, &f.number)?;
        match it.readiness {
            Some(p) => {
                ws.write_number_with_format(row, 5, p / 100.0, &f.percent)?;
            }
            None => cells::text(ws, row, 5, "n/a", &f.text)?,
        }
        ws.write_number_with_format(row, 6, it.gaps.high as f64, &f.number)?;
        ws.write_number_with_format(row, 7, it.gaps.medium as f64, &f.number)?;
        ws.write_number_with_format(row, 8, it.gaps.low as f64, &f.number)?;
        cells::text(ws, row, 9, it.status.label(), &f.text)?;
    }
    Ok(())
}
