//! The Evidence index: one row per evidence file, those in use first, then those removed (the
//! file is gone, the record stays, with the day it was removed): its id, the file's original
//! name, the question and task it belongs to, when it was collected, its size and SHA-256.

use preflight_remediation::Evidence;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::cells::{self, Formats, Grid};
use crate::remediation::{task_ref, Links, Remediation};
use crate::EVIDENCE_SHEET;

/// Column headers the tests and readers look for.
pub mod headers {
    pub const EVIDENCE_ID: &str = "Evidence id";
    pub const FILE_NAME: &str = "File name";
    pub const QUESTION_ID: &str = "Question id";
    pub const TASK: &str = "Task";
    pub const COLLECTED_ON: &str = "Collected on";
    pub const SIZE: &str = "Size (bytes)";
    pub const SHA256: &str = "SHA-256";
    pub const STATUS: &str = "Status";
    pub const REMOVED_ON: &str = "Removed on";
}

pub const COLUMNS: &[(&str, f64)] = &[
    (headers::EVIDENCE_ID, 20.0),
    (headers::FILE_NAME, 30.0),
    (headers::QUESTION_ID, 22.0),
    (headers::TASK, 30.0),
    (headers::COLLECTED_ON, 11.0),
    (headers::SIZE, 13.0),
    (headers::SHA256, 35.0),
    (headers::STATUS, 10.0),
    (headers::REMOVED_ON, 11.0),
];

pub const IN_USE: &str = "In use";
pub const REMOVED: &str = "Removed";

pub fn write(
    ws: &mut Worksheet,
    rem: &Remediation<'_>,
    links: &Links<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(EVIDENCE_SHEET)?;
    let all: Vec<&Evidence> = rem.evidence.iter().chain(rem.removed_evidence).collect();
    let n = all.len() as u32;
    cells::table_setup(ws, 0, COLUMNS.len(), n)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let column_formats: Vec<&Format> = (0..COLUMNS.len())
        .map(|c| match c {
            4 | 8 => &f.date,
            5 => &f.bytes,
            _ => &f.text,
        })
        .collect();
    let mut g = Grid::new(ws, &widths)?.column_formats(&column_formats)?;
    g.header(0, &names, &[&f.header])?;
    for (i, e) in all.iter().enumerate() {
        let row = i as u32 + 1;
        g.text(row, 0, &e.id.to_string(), &f.text)?;
        g.text(row, 1, &e.original_name, &f.text)?;
        match links.question_of_evidence(e) {
            Some(q) => g.text(row, 2, q, &f.text)?,
            None => g.blank(row, 2, &f.text)?,
        }
        match e.task_id {
            Some(id) => {
                let task = links
                    .task_by_id
                    .get(&id)
                    .map_or_else(|| id.to_string(), |t| task_ref(t));
                g.text(row, 3, &task, &f.text)?;
            }
            None => g.blank(row, 3, &f.text)?,
        }
        g.date(row, 4, e.collected_on, &f.date)?;
        // Sizes are far below 2^53 bytes, so they are exact as spreadsheet numbers.
        g.number(row, 5, e.size as f64, &f.bytes)?;
        g.text(row, 6, &e.sha256, &f.text)?;
        match e.removed_at {
            Some(at) => {
                g.text(row, 7, REMOVED, &f.gap)?;
                g.date(row, 8, at.date_naive(), &f.date)?;
            }
            None => {
                g.text(row, 7, IN_USE, &f.text)?;
                g.blank(row, 8, &f.date)?;
            }
        }
    }
    g.fit_rows()?;
    Ok(())
}
