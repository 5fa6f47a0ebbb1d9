//! The Questionnaire sheet: one row per question that applies, with its answer, gap flag and
//! the two auditor columns (comment, and status from a dropdown) the auditor fills and sends
//! back.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::auditor::AuditorStatus;
use crate::cells::{self, Formats, Grid};
use crate::rows::QuestionRow;
use crate::{WorkbookInput, QUESTIONNAIRE_SHEET};

/// Column headers the import looks for (by text, never by position).
pub mod headers {
    pub const QUESTION_ID: &str = "Question id";
    pub const AUDITOR_COMMENT: &str = "Auditor comment";
    pub const AUDITOR_STATUS: &str = "Auditor status";
}

/// Columns and widths. The second header reads "Objectives" for SOC 1.
pub const COLUMNS: &[(&str, f64)] = &[
    (headers::QUESTION_ID, 22.0),
    ("Criteria", 12.0),
    ("Question", 46.0),
    ("Answer", 12.0),
    ("Note", 36.0),
    ("Severity", 9.0),
    ("Gap", 6.0),
    ("Gap reason", 14.0),
    ("Evidence references", 24.0),
    ("Answered on", 12.0),
    (headers::AUDITOR_COMMENT, 36.0),
    (headers::AUDITOR_STATUS, 16.0),
];

pub const COMMENT_COL: u16 = 10;
pub const STATUS_COL: u16 = 11;

pub fn write(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    rows: &[QuestionRow<'_>],
    f: &Formats,
) -> Result<(), XlsxError> {
    let soc1 = !input.assessment.scope.kind.uses_trust_services_criteria();
    ws.set_name(QUESTIONNAIRE_SHEET)?;
    let n = rows.len() as u32;
    cells::table_setup(ws, 0, COLUMNS.len(), n)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    if soc1 {
        names[1] = "Objectives";
    }
    let mut g = Grid::new(ws, &widths)?;
    let mut header_formats = vec![&f.header; COLUMNS.len()];
    header_formats[usize::from(COMMENT_COL)] = &f.auditor_header;
    header_formats[usize::from(STATUS_COL)] = &f.auditor_header;
    g.header(0, &names, &header_formats)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        g.text(row, 0, &r.question.id, &f.text)?;
        g.text(row, 1, &r.items, &f.text)?;
        g.text(row, 2, &r.question.text, &f.text)?;
        g.text(row, 3, r.answer_label(), &f.text)?;
        g.text(row, 4, r.note(), &f.text)?;
        g.text(row, 5, r.question.severity.label(), &f.text)?;
        let gap_format = if r.gap.is_some() { &f.gap } else { &f.text };
        g.text(row, 6, r.gap_flag(), gap_format)?;
        g.text(row, 7, r.gap_reason(), &f.text)?;
        g.text(row, 8, &r.evidence_refs, &f.text)?;
        match r.answered_on {
            Some(d) => g.date(row, 9, d, &f.date)?,
            None => g.blank(row, 9, &f.date)?,
        }
        match r.auditor_comment() {
            "" => g.blank(row, COMMENT_COL, &f.auditor)?,
            c => g.text(row, COMMENT_COL, c, &f.auditor)?,
        }
        match r.auditor_status() {
            "" => g.blank(row, STATUS_COL, &f.auditor)?,
            s => g.text(row, STATUS_COL, s, &f.auditor)?,
        }
    }
    g.fit_rows()?;
    if n == 0 {
        return Ok(());
    }
    let ws = g.ws;
    let validation = AuditorStatus::validation()?;
    ws.add_data_validation(1, STATUS_COL, n, STATUS_COL, &validation)?;
    Ok(())
}
