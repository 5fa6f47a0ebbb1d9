//! The Remediation plan: one row per task, open tasks first (due first), then risks accepted,
//! then done tasks, with owner, due date, status, the history of status changes in one cell,
//! who accepted a risk and why, notes, and whether the task is overdue on the day the workbook
//! was prepared.

use std::cmp::Reverse;

use preflight_remediation::{Task, TaskStatus};
use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

use crate::cells::{self, colour, Formats, Grid};
use crate::remediation::{status_changed_on, Remediation};
use crate::{WorkbookInput, REMEDIATION_SHEET};

/// Column headers the tests and readers look for.
pub mod headers {
    pub const TASK_ID: &str = "Task id";
    pub const TITLE: &str = "Title";
    pub const QUESTION_ID: &str = "Question id";
    pub const STATUS: &str = "Status";
    pub const DUE: &str = "Due date";
    pub const OVERDUE: &str = "Overdue";
    pub const HISTORY: &str = "Status history";
    pub const NOTES: &str = "Notes";
}

/// Columns and widths. The fourth header reads "Objectives" for SOC 1.
pub const COLUMNS: &[(&str, f64)] = &[
    (headers::TASK_ID, 20.0),
    (headers::TITLE, 30.0),
    (headers::QUESTION_ID, 20.0),
    ("Criteria", 13.0),
    ("Priority", 9.0),
    ("Owner", 14.0),
    (headers::DUE, 11.0),
    (headers::STATUS, 12.0),
    (headers::OVERDUE, 9.0),
    ("Created on", 11.0),
    ("Status changed on", 11.0),
    (headers::HISTORY, 27.0),
    ("Risk accepted by", 13.0),
    ("Risk justification", 28.0),
    (headers::NOTES, 32.0),
];

pub const CRITERIA_COL: u16 = 3;
pub const PRIORITY_COL: u16 = 4;
pub const DUE_COL: u16 = 6;
pub const STATUS_COL: u16 = 7;
pub const OVERDUE_COL: u16 = 8;
pub const CREATED_COL: u16 = 9;
pub const CHANGED_COL: u16 = 10;

/// Open tasks first, due first (none last), then risks accepted and done tasks, the latest
/// change first.
pub fn plan_order(tasks: &[Task]) -> Vec<&Task> {
    let mut out: Vec<&Task> = tasks.iter().collect();
    out.sort_by_key(|t| {
        let rank = match t.status {
            TaskStatus::Todo | TaskStatus::InProgress => 0u8,
            TaskStatus::RiskAccepted => 1,
            TaskStatus::Done => 2,
        };
        let due = if t.is_open() { t.due } else { None };
        (
            rank,
            due.is_none(),
            due,
            Reverse(status_changed_on(t)),
            t.priority,
            t.created_on,
            t.id,
        )
    });
    out
}

/// A task's status history, one change per line: `2026-03-01  Risk accepted (by Dana)`.
pub fn history_text(t: &Task) -> String {
    t.history
        .iter()
        .map(|h| match &h.risk {
            Some(r) => format!("{}  {} (by {})", h.on, h.status.label(), r.accepted_by),
            None => format!("{}  {}", h.on, h.status.label()),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn write(
    ws: &mut Worksheet,
    input: &WorkbookInput<'_>,
    rem: &Remediation<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let soc1 = !input.assessment.scope.kind.uses_trust_services_criteria();
    let today = input.prepared_at.date_naive();
    let tasks = plan_order(rem.tasks);
    ws.set_name(REMEDIATION_SHEET)?;
    let n = tasks.len() as u32;
    cells::table_setup(ws, 0, COLUMNS.len(), n)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let mut names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    if soc1 {
        names[usize::from(CRITERIA_COL)] = "Objectives";
    }
    let column_formats: Vec<&Format> = (0..COLUMNS.len() as u16)
        .map(|c| match c {
            DUE_COL | CREATED_COL | CHANGED_COL => &f.date,
            _ => &f.text,
        })
        .collect();
    let mut g = Grid::new(ws, &widths)?.column_formats(&column_formats)?;
    g.header(0, &names, &[&f.header])?;
    for (i, t) in tasks.iter().enumerate() {
        let row = i as u32 + 1;
        let overdue = t.is_overdue(today);
        g.text(row, 0, &t.id.to_string(), &f.text)?;
        g.text(row, 1, &t.title, &f.text)?;
        opt_text(&mut g, row, 2, t.question_id.as_deref(), f)?;
        g.text(row, CRITERIA_COL, &t.criteria.join(", "), &f.text)?;
        g.text(row, PRIORITY_COL, t.priority.label(), &f.text)?;
        opt_text(&mut g, row, 5, t.owner.as_deref(), f)?;
        match t.due {
            Some(d) => g.date(
                row,
                DUE_COL,
                d,
                if overdue { &f.date_overdue } else { &f.date },
            )?,
            None => g.blank(row, DUE_COL, &f.date)?,
        }
        g.text(row, STATUS_COL, t.status.label(), &f.text)?;
        if overdue {
            g.text(row, OVERDUE_COL, "Yes", &f.gap)?;
        } else {
            g.text(row, OVERDUE_COL, "No", &f.text)?;
        }
        g.date(row, CREATED_COL, t.created_on, &f.date)?;
        g.date(row, CHANGED_COL, status_changed_on(t), &f.date)?;
        g.text(row, 11, &history_text(t), &f.text)?;
        opt_text(
            &mut g,
            row,
            12,
            t.risk.as_ref().map(|r| r.accepted_by.as_str()),
            f,
        )?;
        opt_text(
            &mut g,
            row,
            13,
            t.risk.as_ref().map(|r| r.justification.as_str()),
            f,
        )?;
        opt_text(&mut g, row, 14, Some(t.notes.as_str()), f)?;
    }
    g.fit_rows()?;
    if n == 0 {
        return Ok(());
    }
    let ws = g.ws;
    status_colours(ws, 1, n, STATUS_COL)?;
    for (priority, bg, fg) in [
        ("High", colour::BAD_FILL, colour::BAD_TEXT),
        ("Medium", colour::WARN_FILL, colour::WARN_TEXT),
    ] {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(priority))
            .set_format(fill(bg, fg));
        ws.add_conditional_format(1, PRIORITY_COL, n, PRIORITY_COL, &cf)?;
    }
    Ok(())
}

/// User text, or a blank cell when there is none.
fn opt_text(
    g: &mut Grid<'_, '_>,
    row: u32,
    col: u16,
    value: Option<&str>,
    f: &Formats,
) -> Result<(), XlsxError> {
    match value.filter(|v| !v.is_empty()) {
        Some(v) => g.text(row, col, v, &f.text),
        None => g.blank(row, col, &f.text),
    }
}

fn fill(bg: u32, fg: u32) -> Format {
    Format::new()
        .set_background_color(Color::RGB(bg))
        .set_font_color(Color::RGB(fg))
}

/// Colours on a column of task statuses: Done green, Risk accepted amber.
pub fn status_colours(
    ws: &mut Worksheet,
    first_row: u32,
    last_row: u32,
    col: u16,
) -> Result<(), XlsxError> {
    let rules = [
        (
            TaskStatus::Done.label(),
            colour::GOOD_FILL,
            colour::GOOD_TEXT,
        ),
        (
            TaskStatus::RiskAccepted.label(),
            colour::WARN_FILL,
            colour::WARN_TEXT,
        ),
    ];
    for (status, bg, fg) in rules {
        let cf = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(status))
            .set_format(fill(bg, fg));
        ws.add_conditional_format(first_row, col, last_row, col, &cf)?;
    }
    Ok(())
}
