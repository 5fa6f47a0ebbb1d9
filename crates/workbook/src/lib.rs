//! The gap workbook (.xlsx) handed to the CPA firm, its CSV twins, and reading the workbook
//! the auditor sends back.
//!
//! - [`cells`]: formats, row heights fitted to wrapped text, and the one way user text reaches
//!   a cell (always as text, never as a formula, whatever it starts with).
//! - [`cover_sheet`]: who, what scope, when, how ready, and how to read the workbook.
//! - [`readiness_sheet`]: one row per criterion (or SOC 1 objective) with readiness and gaps,
//!   conditional formatting and a bar chart.
//! - [`questionnaire_sheet`]: one row per applicable question with answer, note, gap flag and
//!   the two auditor columns (comment, status from a dropdown).
//! - [`gap_register_sheet`]: one row per gap with a stable gap id, what is missing, and the
//!   linked tasks with the lead task's owner, due date and status.
//! - [`remediation_sheet`]: the Remediation plan, one row per task.
//! - [`evidence_sheet`]: the Evidence index, one row per evidence file, removed ones included.
//! - [`recurring_sheet`]: Type 2 only: the recurring controls over the observation period.
//! - [`soc1_sheet`]: SOC 1 only: each objective in scope with its statement and questions.
//! - [`remediation`]: the tasks, evidence and duty calendar a workbook carries, and how they
//!   link to the questions (which task a gap shows).
//! - [`registers`]: what the Risk register, Vendors and Customer controls (CUECs) sheets and
//!   their CSV files hold; [`register_sheet`]: writes each of them.
//! - [`rows`]: the questionnaire and gap rows, shared by the sheets and [`csv_export`].
//! - [`sheets`]: adds the sheets in their order and builds them on every core.
//! - [`auditor`]: the auditor statuses and comments; [`import`]: reading a returned workbook.
//!
//! Every sheet has a frozen header row, an autofilter, wrapped text with fitted row heights,
//! real dates, and print setup (landscape, fit to width, header row repeated).

pub mod auditor;
pub mod cells;
pub mod cover_sheet;
pub mod csv_export;
pub mod evidence_sheet;
pub mod gap_register_sheet;
pub mod import;
pub mod questionnaire_sheet;
pub mod readiness_sheet;
pub mod recurring_sheet;
pub mod register_sheet;
pub mod registers;
pub mod remediation;
pub mod remediation_sheet;
pub mod rows;
pub mod sheets;
pub mod soc1_sheet;

use std::path::Path;

use chrono::{DateTime, Utc};
use preflight_assessment::{Answer, Assessment, ObservationPeriod, ReportKind, ReportType};
use preflight_catalog::Catalog;
use rust_xlsxwriter::{DocProperties, Workbook};

pub use auditor::{AuditorEntry, AuditorStatus};
pub use import::{read_review, read_review_file, ImportError, ReviewReport};
pub use remediation::Remediation;
use sheets::{Holding, Sheet};

/// Sheet names, shared with tests and with the import of a returned workbook.
pub const COVER_SHEET: &str = "Cover";
pub const READINESS_SHEET: &str = "Readiness by criterion";
pub const QUESTIONNAIRE_SHEET: &str = "Questionnaire";
pub const GAP_REGISTER_SHEET: &str = "Gap register";
pub const REMEDIATION_SHEET: &str = "Remediation plan";
pub const EVIDENCE_SHEET: &str = "Evidence index";
pub const RECURRING_SHEET: &str = "Recurring controls";
pub const SOC1_SHEET: &str = "SOC 1 control objectives";
pub use registers::{
    CUEC_SHEET, PEOPLE_SHEET, POLICY_SHEET, REQUEST_SHEET, RISK_SHEET, VENDOR_SHEET,
};

/// The zip compression level of the workbook (1 fastest to 9 smallest). Level 2 is the fastest
/// that still finds repeated text (level 1 only codes each byte), and the save is the one part
/// of an export on a single core: at 5,000 tasks it saves in 50 ms rather than 61 at level 3,
/// for a file 5% larger (1.87 MB rather than 1.79).
pub const ZIP_LEVEL: u8 = 2;

/// Who the workbook says prepared it when nobody is named.
pub const DEFAULT_PREPARED_BY: &str = "Preflight";

/// Everything a workbook is written from.
pub struct WorkbookInput<'a> {
    pub catalog: &'a Catalog,
    pub assessment: &'a Assessment,
    pub answers: &'a [Answer],
    pub prepared_at: DateTime<Utc>,
}

/// What else goes into the workbook when known: who prepared it, the auditor's comments
/// imported earlier (written back into the auditor columns), and the remediation tasks,
/// evidence and recurring duties.
#[derive(Debug, Default, Clone, Copy)]
pub struct WorkbookExtras<'a> {
    pub prepared_by: Option<&'a str>,
    pub auditor: &'a [AuditorEntry],
    pub remediation: Remediation<'a>,
    /// The risk and vendor registers and the company's own CUECs.
    pub registers: registers::Registers<'a>,
    /// The request list's rows.
    pub requests: &'a [preflight_requests::RequestRow],
}

impl WorkbookExtras<'_> {
    pub fn prepared_by(&self) -> &str {
        self.prepared_by
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .unwrap_or(DEFAULT_PREPARED_BY)
    }
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
    #[error("The CSV file could not be written: {0}")]
    Csv(String),
}

impl WorkbookError {
    pub fn code(&self) -> &'static str {
        match self {
            WorkbookError::Build(_) => "workbook_build",
            WorkbookError::Save { .. } => "workbook_save",
            WorkbookError::Csv(_) => "csv_write",
        }
    }
}

/// The observation period whose recurring controls the workbook lists: Type 2 only.
pub fn recurring_period(assessment: &Assessment) -> Option<ObservationPeriod> {
    match assessment.scope.report_type {
        ReportType::Type2 => assessment.scope.observation,
        ReportType::Type1 => None,
    }
}

/// The sheets a workbook of this assessment has, in order.
pub fn sheet_names(assessment: &Assessment) -> Vec<&'static str> {
    let mut names = vec![
        COVER_SHEET,
        READINESS_SHEET,
        QUESTIONNAIRE_SHEET,
        GAP_REGISTER_SHEET,
        REMEDIATION_SHEET,
        EVIDENCE_SHEET,
    ];
    if recurring_period(assessment).is_some() {
        names.push(RECURRING_SHEET);
    }
    if assessment.scope.kind == ReportKind::Soc1 {
        names.push(SOC1_SHEET);
    }
    names.extend([
        RISK_SHEET,
        VENDOR_SHEET,
        CUEC_SHEET,
        POLICY_SHEET,
        PEOPLE_SHEET,
        REQUEST_SHEET,
    ]);
    names
}

/// Builds the workbook in memory.
pub fn to_bytes(input: &WorkbookInput<'_>) -> Result<Vec<u8>, WorkbookError> {
    to_bytes_with(input, &WorkbookExtras::default())
}

/// Builds the workbook in memory, with who prepared it, the auditor's comments and the
/// remediation data.
pub fn to_bytes_with(
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
) -> Result<Vec<u8>, WorkbookError> {
    let mut wb = Workbook::new();
    // Level 2 rather than 6: saving takes about half as long for a slightly larger file
    // (figures in docs/benchmarks.md).
    wb.set_zip_compression_level(ZIP_LEVEL);
    wb.set_default_format(
        &cells::base().set_align(rust_xlsxwriter::FormatAlign::Bottom),
        cells::ROW_PIXELS,
        64,
    )?;
    let a = input.assessment;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Gap workbook: {}", a.name))
            .set_subject(a.scope.describe(input.catalog))
            .set_company(&a.company)
            .set_author(extras.prepared_by())
            .set_category("SOC readiness")
            .set_keywords("SOC, readiness, gap workbook")
            .set_comment(format!("Assessment id {}", a.id))
            .set_creation_datetime(&input.prepared_at),
    );
    let fmt = cells::Formats::new();
    let rem = &extras.remediation;
    let links = remediation::Links::new(rem);
    let rows = rows::question_rows(input, extras.auditor, &links);
    let empty_calendar;
    let calendar = match (recurring_period(a), rem.calendar) {
        (None, _) => None,
        (Some(_), Some(c)) => Some(c),
        (Some(period), None) => {
            empty_calendar = preflight_remediation::calendar(&period, &[]);
            Some(&empty_calendar)
        }
    };
    let mut tables = csv_export::register_tables(input, extras);
    tables.push(registers::request_table(extras.requests));
    // The sheets in their order; `sheets::build` fills them on every core.
    let (fmt, rows, links) = (&fmt, &rows, &links);
    let gaps = rows.iter().filter(|r| r.gap.is_some()).count();
    let mut list = vec![
        Sheet::new(Holding::InMemory, 40, move |ws| {
            cover_sheet::write(ws, input, extras, fmt)
        }),
        Sheet::new(Holding::InMemory, 60, move |ws| {
            readiness_sheet::write(ws, input, fmt)
        }),
        Sheet::new(Holding::RowByRow, rows.len(), move |ws| {
            questionnaire_sheet::write(ws, input, rows, fmt)
        }),
        Sheet::new(Holding::RowByRow, gaps, move |ws| {
            gap_register_sheet::write(ws, input, rows, fmt)
        }),
        Sheet::new(Holding::RowByRow, rem.tasks.len(), move |ws| {
            remediation_sheet::write(ws, input, rem, fmt)
        }),
        Sheet::new(
            Holding::RowByRow,
            rem.evidence.len() + rem.removed_evidence.len(),
            move |ws| evidence_sheet::write(ws, rem, links, fmt),
        ),
    ];
    if let Some(calendar) = calendar {
        list.push(Sheet::new(
            Holding::InMemory,
            calendar.duties.len(),
            move |ws| recurring_sheet::write(ws, calendar, links, fmt),
        ));
    }
    if a.scope.kind == ReportKind::Soc1 {
        list.push(Sheet::new(Holding::InMemory, rows.len(), move |ws| {
            soc1_sheet::write(ws, input, rows, fmt)
        }));
    }
    for table in &tables {
        list.push(Sheet::new(Holding::InMemory, table.rows.len(), move |ws| {
            register_sheet::write(ws, table, fmt)
        }));
    }
    sheets::build(&mut wb, list)?;
    Ok(wb.save_to_buffer()?)
}

/// Writes the workbook to a file. The file is written whole or not at all: a failure leaves
/// any earlier file at that path as it was.
pub fn write(input: &WorkbookInput<'_>, path: &Path) -> Result<(), WorkbookError> {
    write_with(input, &WorkbookExtras::default(), path)
}

/// [`write`] with who prepared it and the auditor's comments.
pub fn write_with(
    input: &WorkbookInput<'_>,
    extras: &WorkbookExtras<'_>,
    path: &Path,
) -> Result<(), WorkbookError> {
    save(path, &to_bytes_with(input, extras)?)
}

/// Saves a workbook made by [`to_bytes_with`] to a file, whole or not at all.
pub fn save(path: &Path, bytes: &[u8]) -> Result<(), WorkbookError> {
    write_whole(path, bytes).map_err(|source| WorkbookError::Save {
        path: path.display().to_string(),
        source,
    })
}

/// Writes a file through a temporary file beside it and a rename, so a failure never leaves a
/// half-written file.
pub(crate) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), std::io::Error> {
    let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".partial");
    let tmp = path.with_file_name(tmp_name);
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
