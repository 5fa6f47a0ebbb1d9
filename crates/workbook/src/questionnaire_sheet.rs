//! The Questionnaire sheet: one row per question that applies, with its answer and gap flag.

use preflight_assessment::gap::gap_of;
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::cells::{self, Formats};
use crate::{WorkbookInput, QUESTIONNAIRE_SHEET};

pub const COLUMNS: &[(&str, f64)] = &[
    ("Question id", 24.0),
    ("Criteria", 14.0),
    ("Question", 55.0),
    ("Answer", 14.0),
    ("Note", 45.0),
    ("Severity", 10.0),
    ("Gap", 7.0),
    ("Gap reason", 18.0),
    ("Answered on", 13.0),
    ("Evidence an auditor asks for", 45.0),
];

pub fn write(wb: &mut Workbook, input: &WorkbookInput<'_>, f: &Formats) -> Result<(), XlsxError> {
    let scope = &input.assessment.scope;
    let questions: Vec<_> = scope.questions(input.catalog).collect();
    let ws = wb.add_worksheet();
    ws.set_name(QUESTIONNAIRE_SHEET)?;
    cells::table(ws, 0, COLUMNS, questions.len() as u32, f)?;
    for (i, q) in questions.iter().enumerate() {
        let row = i as u32 + 1;
        let answer = input.answers.iter().find(|a| a.question_id == q.id);
        let gap = gap_of(q, answer);
        cells::text(ws, row, 0, &q.id, &f.text)?;
        cells::text(ws, row, 1, &scope.item_ids_of(q).join(", "), &f.text)?;
        cells::text(ws, row, 2, &q.text, &f.text)?;
        let value = answer.and_then(|a| a.value).map_or("", |v| v.label());
        cells::text(ws, row, 3, value, &f.text)?;
        cells::text(ws, row, 4, answer.map_or("", |a| a.note.as_str()), &f.text)?;
        cells::text(ws, row, 5, q.severity.label(), &f.text)?;
        match gap {
            Some(g) => {
                cells::text(ws, row, 6, "Yes", &f.gap)?;
                cells::text(ws, row, 7, g.reason.label(), &f.text)?;
            }
            None => {
                cells::text(ws, row, 6, "No", &f.text)?;
            }
        }
        if let Some(a) = answer.filter(|a| a.value.is_some()) {
            cells::date(ws, row, 8, a.answered_at.date_naive(), &f.date)?;
        }
        cells::text(ws, row, 9, &q.evidence, &f.text)?;
    }
    Ok(())
}
