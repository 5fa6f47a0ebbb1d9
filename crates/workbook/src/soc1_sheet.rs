//! The SOC 1 control objectives sheet (SOC 1 assessments only): each objective in scope with
//! its statement, followed by its questions with the company's answers and notes.

use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::cells::{self, Formats, Grid};
use crate::rows::QuestionRow;
use crate::{WorkbookInput, SOC1_SHEET};

pub const COLUMNS: &[(&str, f64)] = &[
    ("Objective", 12.0),
    ("Question id", 22.0),
    ("Objective statement or question", 64.0),
    ("Answer", 12.0),
    ("Note", 46.0),
    ("Gap", 6.0),
];

pub fn write(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    rows: &[QuestionRow<'_>],
    f: &Formats,
) -> Result<(), XlsxError> {
    let c = input.catalog;
    ws.set_name(SOC1_SHEET)?;
    let objectives: Vec<_> = input
        .assessment
        .scope
        .objectives
        .iter()
        .filter_map(|id| c.objective(id))
        .collect();
    let last_row: u32 = objectives
        .iter()
        .map(|o| {
            1 + rows
                .iter()
                .filter(|r| r.question.objectives.contains(&o.id))
                .count() as u32
        })
        .sum();
    cells::table_setup(ws, 0, COLUMNS.len(), last_row)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let mut g = Grid::new(ws, &widths)?;
    g.header(0, &names, &[&f.header])?;
    let mut row = 1u32;
    for o in objectives {
        g.text(row, 0, &o.id, &f.section)?;
        g.blank(row, 1, &f.section)?;
        g.text(
            row,
            2,
            &format!("{} ({}): {}", o.title, o.area, o.statement),
            &f.section,
        )?;
        for col in 3..COLUMNS.len() as u16 {
            g.blank(row, col, &f.section)?;
        }
        row += 1;
        for r in rows
            .iter()
            .filter(|r| r.question.objectives.contains(&o.id))
        {
            g.text(row, 0, &o.id, &f.text)?;
            g.text(row, 1, &r.question.id, &f.text)?;
            g.text(row, 2, &r.question.text, &f.text)?;
            g.text(row, 3, r.answer_label(), &f.text)?;
            g.text(row, 4, r.note(), &f.text)?;
            let gap_format = if r.gap.is_some() { &f.gap } else { &f.text };
            g.text(row, 5, r.gap_flag(), gap_format)?;
            row += 1;
        }
    }
    g.fit_rows()?;
    Ok(())
}
