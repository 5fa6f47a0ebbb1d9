//! The questionnaire and the gap register as CSV files, for tools that take CSV.
//!
//! Text-safe like the workbook: a spreadsheet program opening a CSV runs any cell that starts
//! with `=`, `+`, `-` or `@` as a formula, so such cells (and those starting with a tab or a
//! carriage return) get a leading single quote, which spreadsheets show as text. The files are
//! UTF-8 with a byte order mark, so Excel reads accents, right-to-left scripts and emoji right.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::registers::{self, Table};
use crate::remediation::Links;
use crate::rows::{gap_rows, question_rows, QuestionRow};
use crate::{
    gap_register_sheet, questionnaire_sheet, write_whole, WorkbookError, WorkbookExtras,
    WorkbookInput,
};

const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// A cell value made safe to open in a spreadsheet: a leading `'` before `=`, `+`, `-`, `@`,
/// tab or carriage return.
pub fn safe(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

fn to_csv(header: &[&str], records: &[Vec<String>]) -> Result<Vec<u8>, WorkbookError> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(BOM.to_vec());
    let err = |e: csv::Error| WorkbookError::Csv(e.to_string());
    w.write_record(header.iter().map(|h| safe(h).into_owned()))
        .map_err(err)?;
    for r in records {
        w.write_record(r.iter().map(|c| safe(c).into_owned()))
            .map_err(err)?;
    }
    w.into_inner()
        .map_err(|e| WorkbookError::Csv(e.error().to_string()))
}

fn soc1(input: &WorkbookInput<'_>) -> bool {
    !input.assessment.scope.kind.uses_trust_services_criteria()
}

/// The Questionnaire as CSV: the same columns as the sheet, dates as YYYY-MM-DD.
pub fn questionnaire_csv(
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
) -> Result<Vec<u8>, WorkbookError> {
    let links = Links::new(&extras.remediation);
    let rows = question_rows(input, extras.auditor, &links);
    let mut header: Vec<&str> = questionnaire_sheet::COLUMNS.iter().map(|c| c.0).collect();
    if soc1(input) {
        header[1] = "Objectives";
    }
    let records: Vec<Vec<String>> = rows.iter().map(question_record).collect();
    to_csv(&header, &records)
}

fn question_record(r: &QuestionRow<'_>) -> Vec<String> {
    vec![
        r.question.id.clone(),
        r.items.clone(),
        r.question.text.clone(),
        r.answer_label().to_string(),
        r.note().to_string(),
        r.question.severity.label().to_string(),
        r.gap_flag().to_string(),
        r.gap_reason().to_string(),
        r.evidence_refs.clone(),
        r.answered_on.map(|d| d.to_string()).unwrap_or_default(),
        r.auditor_comment().to_string(),
        r.auditor_status().to_string(),
    ]
}

/// The Gap register as CSV without remediation data: every gap "Open", no task.
pub fn gap_register_csv(input: &WorkbookInput<'_>) -> Result<Vec<u8>, WorkbookError> {
    gap_register_csv_with(input, &WorkbookExtras::default())
}

/// The Gap register as CSV: the same columns and order as the sheet, the linked tasks one per
/// line in their cell, the due date as YYYY-MM-DD.
pub fn gap_register_csv_with(
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
) -> Result<Vec<u8>, WorkbookError> {
    let links = Links::new(&extras.remediation);
    let rows = question_rows(input, &[], &links);
    let today = input.prepared_at.date_naive();
    let mut header: Vec<&str> = gap_register_sheet::COLUMNS.iter().map(|c| c.0).collect();
    if soc1(input) {
        header[1] = "Objectives";
    }
    let records: Vec<Vec<String>> = gap_rows(&rows)
        .iter()
        .map(|g| {
            let t = g.tasks(today);
            vec![
                g.gap_id(),
                g.row.items.clone(),
                g.row.question.text.clone(),
                g.missing(),
                g.gap.severity.label().to_string(),
                g.row.question.evidence.clone(),
                t.linked,
                t.owner,
                t.due.map(|d| d.to_string()).unwrap_or_default(),
                t.status.to_string(),
            ]
        })
        .collect();
    to_csv(&header, &records)
}

/// A file name part made from the assessment name: letters, digits, spaces, `-` and `_` are
/// kept, anything else becomes `_`; at most 80 characters.
pub fn file_stem(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('-').trim();
    if trimmed.is_empty() {
        "assessment".to_string()
    } else {
        trimmed.to_string()
    }
}

/// A register table as CSV: the same columns as its sheet, dates as YYYY-MM-DD.
pub fn register_csv(table: &Table) -> Result<Vec<u8>, WorkbookError> {
    let header: Vec<&str> = table.columns.iter().map(|c| c.0).collect();
    let records: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.as_text()).collect())
        .collect();
    to_csv(&header, &records)
}

/// The register tables of a workbook's extras, judged on the day the workbook is prepared.
pub fn register_tables(input: &WorkbookInput<'_>, extras: &WorkbookExtras<'_>) -> Vec<Table> {
    let mut reg = extras.registers;
    let prepared_on = input.prepared_at.date_naive();
    reg.today = reg.today.or(Some(prepared_on));
    reg.window_start = reg
        .window_start
        .or(input.assessment.scope.observation.map(|p| p.start))
        .or(Some(prepared_on));
    let rem = &extras.remediation;
    let evidence: Vec<preflight_remediation::Evidence> = rem
        .evidence
        .iter()
        .chain(rem.removed_evidence)
        .cloned()
        .collect();
    vec![
        registers::risk_table(&reg, rem.tasks),
        registers::vendor_table(&reg, &evidence),
        registers::cuec_table(&reg, rem.tasks),
        registers::policy_table(&reg),
        registers::people_table(&reg, input.assessment.scope.observation),
    ]
}

/// Writes `<name> questionnaire.csv` and `<name> gap register.csv` into `dir` (created if
/// missing), and for each register that has rows `<name> risk register.csv`, `<name>
/// vendors.csv` and `<name> customer controls.csv`, each whole or not at all, and returns
/// their paths.
pub fn write_csv(
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
    dir: &Path,
) -> Result<Vec<PathBuf>, WorkbookError> {
    let save_err = |path: &Path| {
        let path = path.display().to_string();
        move |source| WorkbookError::Save { path, source }
    };
    std::fs::create_dir_all(dir).map_err(save_err(dir))?;
    let stem = file_stem(&input.assessment.name);
    let mut files = vec![
        (
            dir.join(format!("{stem} questionnaire.csv")),
            questionnaire_csv(input, extras)?,
        ),
        (
            dir.join(format!("{stem} gap register.csv")),
            gap_register_csv_with(input, extras)?,
        ),
    ];
    for (table, name) in register_tables(input, extras).iter().zip([
        "risk register",
        "vendors",
        "customer controls",
        "policies",
        "people",
    ]) {
        if !table.rows.is_empty() {
            files.push((dir.join(format!("{stem} {name}.csv")), register_csv(table)?));
        }
    }
    let mut out = Vec::new();
    for (path, bytes) in files {
        write_whole(&path, &bytes).map_err(save_err(&path))?;
        out.push(path);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_other_text_is_not() {
        for bad in ["=1+1", "+ask HR", "-1 nobody", "@everyone", "\tx", "\rx"] {
            assert_eq!(safe(bad), format!("'{bad}"));
        }
        for fine in ["", "Yes", "a=b", "שלום", "☁️ cloud", "'quoted"] {
            assert_eq!(safe(fine), fine);
        }
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(
            file_stem("Acme SOC 2 readiness 2026"),
            "Acme SOC 2 readiness 2026"
        );
        assert_eq!(file_stem("a/b\\c:d"), "a_b_c_d");
        assert_eq!(file_stem("../.."), "_____");
        assert_eq!(file_stem("   "), "assessment");
        assert_eq!(file_stem(&"x".repeat(300)).len(), 80);
    }
}
