//! The gap workbook (.xlsx) handed to the CPA firm.
//!
//! - [`cells`]: formats, and the one way user text reaches a cell (always as text, never as a
//!   formula, whatever it starts with).
//! - [`summary_sheet`]: company, scope, date, readiness overall and per criterion.
//! - [`readiness_sheet`]: one row per criterion in scope with its readiness and gaps.
//! - [`questionnaire_sheet`]: one row per applicable question with answer, note and gap flag.
//!
//! Every sheet has a frozen header row, an autofilter, wrapped text, real dates, and print
//! setup (landscape, fit to width, header row repeated).

pub mod cells;
pub mod questionnaire_sheet;
pub mod readiness_sheet;
pub mod summary_sheet;

use std::path::Path;

use chrono::{DateTime, Utc};
use preflight_assessment::{Answer, Assessment};
use preflight_catalog::Catalog;
use rust_xlsxwriter::{DocProperties, Workbook};

/// Sheet names, shared with tests and with the import of a returned workbook.
pub const SUMMARY_SHEET: &str = "Summary";
pub const READINESS_SHEET: &str = "Readiness by criterion";
pub const QUESTIONNAIRE_SHEET: &str = "Questionnaire";

/// Everything a workbook is written from.
pub struct WorkbookInput<'a> {
    pub catalog: &'a Catalog,
    pub assessment: &'a Assessment,
    pub answers: &'a [Answer],
    pub prepared_at: DateTime<Utc>,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("The workbook could not be built: {0}")]
    Build(#[from] rust_xlsxwriter::XlsxError),
    #[error("The workbook could not be saved to {path}: {source}")]
    Save {
        path: String,
        source: std::io::Error,
    },
}

impl WorkbookError {
    pub fn code(&self) -> &'static str {
        match self {
            WorkbookError::Build(_) => "workbook_build",
            WorkbookError::Save { .. } => "workbook_save",
        }
    }
}

/// Builds the workbook in memory.
pub fn to_bytes(input: &WorkbookInput<'_>) -> Result<Vec<u8>, WorkbookError> {
    let mut wb = Workbook::new();
    let a = input.assessment;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&format!("Gap workbook: {}", a.name))
            .set_subject(&a.scope.describe(input.catalog))
            .set_company(&a.company)
            .set_author("Preflight")
            .set_comment(&format!("Assessment id {}", a.id)),
    );
    let fmt = cells::Formats::new();
    summary_sheet::write(&mut wb, input, &fmt)?;
    readiness_sheet::write(&mut wb, input, &fmt)?;
    questionnaire_sheet::write(&mut wb, input, &fmt)?;
    Ok(wb.save_to_buffer()?)
}

/// Writes the workbook to a file. The file is written whole or not at all: a failure leaves
/// any earlier file at that path as it was.
pub fn write(input: &WorkbookInput<'_>, path: &Path) -> Result<(), WorkbookError> {
    let bytes = to_bytes(input)?;
    let save_err = |source| WorkbookError::Save {
        path: path.display().to_string(),
        source,
    };
    let tmp = path.with_extension("xlsx.partial");
    std::fs::write(&tmp, bytes).map_err(save_err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        save_err(e)
    })
}
