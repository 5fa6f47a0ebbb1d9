//! The Gap register: one row per gap, most severe first, with a stable gap id, what is
//! missing, and the remediation columns: every task linked to the gap's question (one per
//! line, the lead task first), and the lead task's owner, due date and status ("Open" when no
//! task tracks the gap). Which task leads is in [`crate::remediation`]. A due date that has
//! passed on an open task is shown in red.

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

use crate::cells::{self, colour, Formats, Grid};
use crate::rows::{gap_rows, QuestionRow};
use crate::{WorkbookInput, GAP_REGISTER_SHEET};

/// Columns and widths. The second header reads "Objectives" for SOC 1.
pub const COLUMNS: &[(&str, f64)] = &[
    ("Gap id", 24.0),
    ("Criteria", 12.0),
    ("Question", 40.0),
    ("What is missing", 48.0),
    ("Severity", 9.0),
    ("Evidence an auditor asks for", 32.0),
    ("Linked task", 28.0),
    ("Owner", 14.0),
    ("Due date", 11.0),
    ("Status", 13.0),
];

pub const SEVERITY_COL: u16 = 4;
pub const TASK_COL: u16 = 6;
pub const OWNER_COL: u16 = 7;
pub const DUE_COL: u16 = 8;
pub const STATUS_COL: u16 = 9;

/// The status of a gap while no remediation task tracks it.
pub const OPEN: &str = crate::remediation::NO_TASK_STATUS;

pub fn write(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    rows: &[QuestionRow<'_>],
    f: &Formats,
) -> Result<(), XlsxError> {
    let soc1 = !input.assessment.scope.kind.uses_trust_services_criteria();
    let today = input.prepared_at.date_naive();
    let gaps = gap_rows(rows);
    ws.set_name(GAP_REGISTER_SHEET)?;
    let n = gaps.len() as u32;
    cells::table_setup(ws, 0, COLUMNS.len(), n)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    if soc1 {
        names[1] = "Objectives";
    }
    let mut g = Grid::new(ws, &widths)?;
    g.header(0, &names, &[&f.header])?;
    for (i, gap) in gaps.iter().enumerate() {
        let row = i as u32 + 1;
        g.text(row, 0, &gap.gap_id(), &f.text)?;
        g.text(row, 1, &gap.row.items, &f.text)?;
        g.text(row, 2, &gap.row.question.text, &f.text)?;
        g.text(row, 3, &gap.missing(), &f.text)?;
        g.text(row, SEVERITY_COL, gap.gap.severity.label(), &f.text)?;
        g.text(row, 5, &gap.row.question.evidence, &f.text)?;
        let t = gap.tasks(today);
        match t.linked.as_str() {
            "" => g.blank(row, TASK_COL, &f.text)?,
            linked => g.text(row, TASK_COL, linked, &f.text)?,
        }
        match t.owner.as_str() {
            "" => g.blank(row, OWNER_COL, &f.text)?,
            owner => g.text(row, OWNER_COL, owner, &f.text)?,
        }
        let due_format = if t.overdue { &f.date_overdue } else { &f.date };
        match t.due {
            Some(d) => g.date(row, DUE_COL, d, due_format)?,
            None => g.blank(row, DUE_COL, &f.date)?,
        }
        g.text(row, STATUS_COL, t.status, &f.text)?;
    }
    g.fit_rows()?;
    if n == 0 {
        return Ok(());
    }
    let ws = g.ws;
    for (severity, bg, fg) in [
        ("High", colour::BAD_FILL, colour::BAD_TEXT),
        ("Medium", colour::WARN_FILL, colour::WARN_TEXT),
    ] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(severity))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(bg))
                    .set_font_color(Color::RGB(fg)),
            );
        ws.add_conditional_format(1, SEVERITY_COL, n, SEVERITY_COL, &cf)?;
    }
    crate::remediation_sheet::status_colours(ws, 1, n, STATUS_COL)?;
    Ok(())
}
