//! Recurring controls (Type 2 only): the duties that must recur inside the observation period,
//! how many times each is expected, what is done so far (period by period), and the sample an
//! auditor typically pulls, under the note that sample sizes are the auditor's call.

use preflight_remediation::recurring::{per_event_sample, DutyPlan, Expected};
use preflight_remediation::{Calendar, DutyOccurrence};
use rust_xlsxwriter::{Worksheet, XlsxError};

use crate::cells::{self, Formats, Grid};
use crate::remediation::{evidence_ref, Links};
use crate::RECURRING_SHEET;

/// Column headers the tests and readers look for.
pub mod headers {
    pub const DUTY: &str = "Duty";
    pub const CADENCE: &str = "Cadence";
    pub const EXPECTED: &str = "Expected in the window";
    pub const DONE: &str = "Done so far";
    pub const OPEN_PERIODS: &str = "Periods still without one";
    pub const RECORD: &str = "Done, period by period";
    pub const SAMPLE: &str = "Typical sample";
    pub const NOTES: &str = "Notes";
}

pub const COLUMNS: &[(&str, f64)] = &[
    (headers::DUTY, 24.0),
    (headers::CADENCE, 10.0),
    ("Criteria", 13.0),
    (headers::EXPECTED, 11.0),
    (headers::DONE, 9.0),
    (headers::OPEN_PERIODS, 11.0),
    (headers::RECORD, 52.0),
    (headers::SAMPLE, 22.0),
    (headers::NOTES, 30.0),
];

/// The table's header row: below the note on sample sizes and a blank row.
pub const HEADER_ROW: u32 = 2;

pub const EXPECTED_COL: u16 = 3;
pub const DONE_COL: u16 = 4;
pub const OPEN_COL: u16 = 5;

/// The note above the table: the window and who sets sample sizes.
pub fn note(calendar: &Calendar) -> String {
    format!(
        "Observation period {} to {} ({} months). {}",
        calendar.period.start, calendar.period.end, calendar.months, calendar.sample_note
    )
}

/// Occurrences that count: done inside the window, or (a yearly duty) in the 12 months before
/// its stretch ends.
pub fn done_in_window(plan: &DutyPlan) -> usize {
    plan.occurrences
        .iter()
        .filter(|o| !plan.outside_window.contains(&o.id))
        .count()
}

fn occurrence_text(o: &DutyOccurrence, links: &Links<'_>) -> String {
    match o.evidence_id {
        Some(id) => match links.evidence_by_id.get(&id) {
            Some(e) => format!("{} ({})", o.done_on, evidence_ref(e)),
            None => format!("{} (evidence {id})", o.done_on),
        },
        None => o.done_on.to_string(),
    }
}

/// What is done, period by period (or, for per-event duties, the days recorded).
pub fn record_text(plan: &DutyPlan, links: &Links<'_>) -> String {
    let by_id = |id: &uuid::Uuid| plan.occurrences.iter().find(|o| o.id == *id);
    let mut lines: Vec<String> = Vec::new();
    if plan.slots.is_empty() {
        let done: Vec<String> = plan
            .occurrences
            .iter()
            .filter(|o| !plan.outside_window.contains(&o.id))
            .map(|o| occurrence_text(o, links))
            .collect();
        lines.push(if done.is_empty() {
            "None recorded yet.".to_string()
        } else {
            format!("Recorded: {}", done.join(", "))
        });
    } else {
        for s in &plan.slots {
            let done: Vec<String> = s
                .done
                .iter()
                .filter_map(by_id)
                .map(|o| occurrence_text(o, links))
                .collect();
            let state = if done.is_empty() {
                "not done yet".to_string()
            } else {
                format!("done {}", done.join(", "))
            };
            lines.push(format!("{} ({} to {}): {state}", s.label, s.from, s.to));
        }
    }
    let outside: Vec<String> = plan
        .outside_window
        .iter()
        .filter_map(by_id)
        .map(|o| occurrence_text(o, links))
        .collect();
    if !outside.is_empty() {
        lines.push(format!("Outside the window: {}", outside.join(", ")));
    }
    if !plan.slots.is_empty() {
        lines.push(format!("Counted: {}.", plan.rule));
    }
    lines.join("\n")
}

/// The typical sample, and for a per-event duty with events recorded, the figure for them.
pub fn sample_text(plan: &DutyPlan) -> String {
    let label = capitalised(plan.sample.label);
    match plan.expected {
        Expected::PerEvent { .. } => match u32::try_from(done_in_window(plan)) {
            Ok(n) if n > 0 => format!(
                "{label}; for the {n} recorded so far: {}",
                per_event_sample(n)
            ),
            _ => label,
        },
        Expected::Count { .. } => label,
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn write(
    ws: &mut Worksheet,
    calendar: &Calendar,
    links: &Links<'_>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(RECURRING_SHEET)?;
    let n = calendar.duties.len() as u32;
    cells::table_setup(ws, HEADER_ROW, COLUMNS.len(), HEADER_ROW + n)?;
    let widths: Vec<f64> = COLUMNS.iter().map(|c| c.1).collect();
    let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    let mut g = Grid::new(ws, &widths)?;
    g.merged_text(0, 0, COLUMNS.len() as u16, &note(calendar), &f.note)?;
    g.header(HEADER_ROW, &names, &[&f.header])?;
    for (i, plan) in calendar.duties.iter().enumerate() {
        let row = HEADER_ROW + 1 + i as u32;
        g.text(row, 0, plan.label, &f.bold_text)?;
        g.text(row, 1, plan.frequency.label(), &f.text)?;
        g.text(row, 2, &plan.criteria.join(", "), &f.text)?;
        match plan.expected {
            Expected::Count { occurrences } => {
                g.number(row, EXPECTED_COL, f64::from(occurrences), &f.number)?;
                g.number(row, OPEN_COL, f64::from(plan.slots_open), &f.number)?;
            }
            Expected::PerEvent { label } => {
                g.text(row, EXPECTED_COL, &format!("One {label}"), &f.text)?;
                g.blank(row, OPEN_COL, &f.number)?;
            }
        }
        g.number(row, DONE_COL, done_in_window(plan) as f64, &f.number)?;
        g.text(row, 6, &record_text(plan, links), &f.text)?;
        g.text(row, 7, &sample_text(plan), &f.text)?;
        let notes: Vec<String> = plan
            .occurrences
            .iter()
            .filter(|o| !o.note.is_empty())
            .map(|o| format!("{}: {}", o.done_on, o.note))
            .collect();
        if notes.is_empty() {
            g.blank(row, 8, &f.text)?;
        } else {
            g.text(row, 8, &notes.join("\n"), &f.text)?;
        }
    }
    g.fit_rows()?;
    Ok(())
}
