//! The Summary sheet: who, what scope, when, and how ready.

use preflight_assessment::scoring::{readiness, RULE};
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::cells::{self, Formats};
use crate::{WorkbookInput, SUMMARY_SHEET};

/// Labels of the summary rows, in order; the value is in the column beside each.
pub mod labels {
    pub const COMPANY: &str = "Company";
    pub const ASSESSMENT: &str = "Assessment";
    pub const ASSESSMENT_ID: &str = "Assessment id";
    pub const REPORT: &str = "Report";
    pub const SCOPE: &str = "In scope";
    pub const OBSERVATION_START: &str = "Observation period start";
    pub const OBSERVATION_END: &str = "Observation period end";
    pub const PREPARED_ON: &str = "Prepared on";
    pub const OVERALL: &str = "Overall readiness";
    pub const QUESTIONS: &str = "Questions in scope";
    pub const ANSWERED: &str = "Questions answered";
    pub const GAPS_HIGH: &str = "Open gaps, high severity";
    pub const GAPS_MEDIUM: &str = "Open gaps, medium severity";
    pub const GAPS_LOW: &str = "Open gaps, low severity";
    pub const RULE: &str = "How readiness is scored";
}

pub fn write(wb: &mut Workbook, input: &WorkbookInput<'_>, f: &Formats) -> Result<(), XlsxError> {
    let a = input.assessment;
    let c = input.catalog;
    let r = readiness(c, &a.scope, input.answers);
    let ws = wb.add_worksheet();
    ws.set_name(SUMMARY_SHEET)?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 90)?;
    cells::print_setup(ws);
    cells::text(ws, 0, 0, "Preflight gap workbook", &f.title)?;

    let mut row = 2u32;
    let mut pair = |ws: &mut rust_xlsxwriter::Worksheet, label: &str| -> Result<u32, XlsxError> {
        cells::text(ws, row, 0, label, &f.label)?;
        row += 1;
        Ok(row - 1)
    };
    let rw = pair(ws, labels::COMPANY)?;
    cells::text(ws, rw, 1, &a.company, &f.text)?;
    let rw = pair(ws, labels::ASSESSMENT)?;
    cells::text(ws, rw, 1, &a.name, &f.text)?;
    let rw = pair(ws, labels::ASSESSMENT_ID)?;
    cells::text(ws, rw, 1, &a.id.to_string(), &f.text)?;
    let rw = pair(ws, labels::REPORT)?;
    cells::text(
        ws,
        rw,
        1,
        &format!("{} {}", a.scope.kind.label(), a.scope.report_type.label()),
        &f.text,
    )?;
    let rw = pair(ws, labels::SCOPE)?;
    let in_scope = a.scope.describe(c);
    let in_scope = in_scope
        .split_once(": ")
        .map_or(in_scope.as_str(), |(_, rest)| rest);
    cells::text(ws, rw, 1, in_scope, &f.text)?;
    if let Some(p) = a.scope.observation {
        let rw = pair(ws, labels::OBSERVATION_START)?;
        cells::date(ws, rw, 1, p.start, &f.date)?;
        let rw = pair(ws, labels::OBSERVATION_END)?;
        cells::date(ws, rw, 1, p.end, &f.date)?;
    }
    let rw = pair(ws, labels::PREPARED_ON)?;
    cells::date(ws, rw, 1, input.prepared_at.date_naive(), &f.date)?;
    let rw = pair(ws, labels::OVERALL)?;
    match r.overall {
        Some(p) => ws
            .write_number_with_format(rw, 1, p / 100.0, &f.percent)
            .map(|_| ())?,
        None => cells::text(
            ws,
            rw,
            1,
            "No figure: every question is Not applicable",
            &f.text,
        )?,
    }
    let counts = [
        (labels::QUESTIONS, r.questions),
        (labels::ANSWERED, r.answered),
        (labels::GAPS_HIGH, r.gaps.high),
        (labels::GAPS_MEDIUM, r.gaps.medium),
        (labels::GAPS_LOW, r.gaps.low),
    ];
    for (label, n) in counts {
        let rw = pair(ws, label)?;
        ws.write_number_with_format(rw, 1, n as f64, &f.number)?;
    }
    let rw = pair(ws, labels::RULE)?;
    cells::text(ws, rw, 1, RULE, &f.text)?;
    ws.set_row_height(rw, 60)?;
    Ok(())
}
