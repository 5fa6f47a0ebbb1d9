//! Reading the workbook an auditor sends back: the two auditor columns of the Questionnaire.
//!
//! The file must be an .xlsx with the Cover sheet Preflight wrote (its "Assessment id" must be
//! the assessment being imported into) and the Questionnaire sheet. Columns are found by their
//! header text ("Question id", "Auditor comment", "Auditor status"), never by position, so an
//! auditor may move, hide or add columns. Each row with something in an auditor column is
//! either taken or rejected with its row number and the reason; rows with nothing in them are
//! counted and left alone. Nothing here writes anywhere: saving is the store's job.
//!
//! When the workbook has the "Request list" sheet, its two auditor columns are read the same
//! way, keyed by the "Request id" column: an id not on this assessment's request list is
//! rejected with its row.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Range, Reader, Xlsx};
use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use serde::Serialize;
use uuid::Uuid;

use crate::auditor::{AuditorEntry, AuditorStatus};
use crate::cover_sheet::labels;
use crate::questionnaire_sheet::headers;
use crate::{COVER_SHEET, QUESTIONNAIRE_SHEET};

/// A returned workbook larger than this is not read (Preflight's own are far smaller).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The longest auditor comment taken, as for the user's own notes.
pub const MAX_COMMENT_CHARS: usize = preflight_assessment::MAX_NOTE_CHARS;
/// How far down the Questionnaire sheet the header row is looked for.
const HEADER_SEARCH_ROWS: usize = 20;

/// Why a whole file is refused. Nothing is taken from a refused file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("Could not read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{name} is {size} bytes; Preflight reads returned workbooks of up to {max} bytes.")]
    TooLarge { name: String, size: u64, max: u64 },
    #[error("{name} is not an .xlsx workbook{hint}. Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import that file.")]
    NotXlsx { name: String, hint: &'static str },
    #[error("{name} has no \"{sheet}\" sheet (its sheets: {found}). Preflight finds the auditor's comments by the sheet names it wrote: rename the sheet back to \"{sheet}\".")]
    MissingSheet {
        name: String,
        sheet: &'static str,
        found: String,
    },
    #[error("The Cover sheet of {name} has no assessment id, so Preflight cannot tell which assessment it belongs to. Import the workbook Preflight exported, with the \"Assessment id\" row of its Cover sheet unchanged.")]
    NoAssessmentId { name: String },
    #[error("{name} is the workbook of another assessment (id {found}), not of \"{expected_name}\" (id {expected}). Import it into the assessment it was exported from.")]
    OtherAssessment {
        name: String,
        found: String,
        expected: String,
        expected_name: String,
    },
    #[error("The Questionnaire sheet of {name} has no \"{column}\" column. Keep the column headers Preflight wrote; columns may be moved.")]
    MissingColumn { name: String, column: &'static str },
    #[error("{name} could not be read: {detail}")]
    Unreadable { name: String, detail: String },
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Read { .. } => "review_read",
            ImportError::TooLarge { .. } => "review_too_large",
            ImportError::NotXlsx { .. } => "review_not_xlsx",
            ImportError::MissingSheet { .. } => "review_missing_sheet",
            ImportError::NoAssessmentId { .. } => "review_no_assessment_id",
            ImportError::OtherAssessment { .. } => "review_other_assessment",
            ImportError::MissingColumn { .. } => "review_missing_column",
            ImportError::Unreadable { .. } => "review_unreadable",
        }
    }
}

/// A row whose auditor columns were taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TakenRow {
    /// The row number as the spreadsheet shows it (the header is usually row 1).
    pub row: u32,
    pub question_id: String,
    pub comment: String,
    pub status: Option<AuditorStatus>,
}

impl TakenRow {
    pub fn entry(&self) -> AuditorEntry {
        AuditorEntry {
            question_id: self.question_id.clone(),
            comment: self.comment.clone(),
            status: self.status,
        }
    }
}

/// Why one row was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    EmptyId,
    UnknownQuestion,
    OutOfScope,
    InvalidStatus,
    CommentTooLong,
    Duplicate,
}

impl RejectReason {
    pub fn code(self) -> &'static str {
        match self {
            RejectReason::EmptyId => "empty_id",
            RejectReason::UnknownQuestion => "unknown_question",
            RejectReason::OutOfScope => "out_of_scope",
            RejectReason::InvalidStatus => "invalid_status",
            RejectReason::CommentTooLong => "comment_too_long",
            RejectReason::Duplicate => "duplicate",
        }
    }
}

/// A row that was not taken, and why, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    pub row: u32,
    pub question_id: String,
    pub reason: RejectReason,
    pub message: String,
}

/// What a returned workbook holds for an assessment.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewReport {
    /// The file's name, as it will be recorded with each comment.
    pub file_name: String,
    pub assessment_id: String,
    pub taken: Vec<TakenRow>,
    pub rejected: Vec<RejectedRow>,
    /// Question rows with nothing in either auditor column (left as they are).
    pub blank_rows: usize,
    /// Request list rows taken (the row's `question_id` holds the request id).
    #[serde(default)]
    pub requests_taken: Vec<TakenRow>,
    /// Request list rows rejected (the row's `question_id` holds the request id).
    #[serde(default)]
    pub requests_rejected: Vec<RejectedRow>,
}

impl ReviewReport {
    /// The taken rows as entries to save.
    pub fn entries(&self) -> Vec<AuditorEntry> {
        self.taken.iter().map(TakenRow::entry).collect()
    }
}

/// Reads a returned workbook from a file.
pub fn read_review_file(
    path: &Path,
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<ReviewReport, ImportError> {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let read_err = |source| ImportError::Read {
        path: path.display().to_string(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            name,
            size,
            max: MAX_FILE_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_err)?;
    read_review(&bytes, &name, catalog, assessment)
}

/// Reads a returned workbook held in memory; `file_name` names it in messages and in the
/// report.
pub fn read_review(
    bytes: &[u8],
    file_name: &str,
    catalog: &Catalog,
    assessment: &Assessment,
) -> Result<ReviewReport, ImportError> {
    let name = file_name.to_string();
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            name,
            size: bytes.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        let hint = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            ": it looks like an old-style .xls file or a password-protected workbook"
        } else {
            ""
        };
        return Err(ImportError::NotXlsx { name, hint });
    }
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| ImportError::NotXlsx {
        name: name.clone(),
        hint: ": it is a zip file but not an Excel workbook",
    })?;
    let sheets = wb.sheet_names();
    let find_sheet = |wanted: &'static str| -> Result<String, ImportError> {
        sheets
            .iter()
            .find(|s| s.as_str() == wanted)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|s| s.trim().eq_ignore_ascii_case(wanted))
            })
            .cloned()
            .ok_or_else(|| ImportError::MissingSheet {
                name: name.clone(),
                sheet: wanted,
                found: sheets
                    .iter()
                    .map(|s| format!("\"{s}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    let cover_name = find_sheet(COVER_SHEET)?;
    let questionnaire_name = find_sheet(QUESTIONNAIRE_SHEET)?;
    let unreadable = |detail: String| ImportError::Unreadable {
        name: name.clone(),
        detail,
    };

    let cover = sheet_range(&mut wb, &cover_name).map_err(unreadable)?;
    let found = cover_value(&cover, labels::ASSESSMENT_ID)
        .ok_or_else(|| ImportError::NoAssessmentId { name: name.clone() })?;
    let found_id = Uuid::parse_str(found.trim())
        .map_err(|_| ImportError::NoAssessmentId { name: name.clone() })?;
    if found_id != assessment.id {
        return Err(ImportError::OtherAssessment {
            name,
            found: found.trim().to_string(),
            expected: assessment.id.to_string(),
            expected_name: assessment.name.clone(),
        });
    }

    let q = sheet_range(&mut wb, &questionnaire_name).map_err(unreadable)?;
    let columns = find_columns(&q).map_err(|column| ImportError::MissingColumn {
        name: name.clone(),
        column,
    })?;
    let first_row = q.start().map_or(0, |(r, _)| r);

    let mut report = ReviewReport {
        file_name: name,
        assessment_id: assessment.id.to_string(),
        taken: Vec::new(),
        rejected: Vec::new(),
        blank_rows: 0,
        requests_taken: Vec::new(),
        requests_rejected: Vec::new(),
    };
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (i, cells) in q.rows().enumerate().skip(columns.header_index + 1) {
        // Row numbers as the spreadsheet shows them, counting from 1.
        let row = first_row + i as u32 + 1;
        let get = |col: usize| cells.get(col).map(cell_text).unwrap_or_default();
        let question_id = get(columns.id).trim().to_string();
        let comment = get(columns.comment).trim().to_string();
        let status_text = get(columns.status).trim().to_string();
        if comment.is_empty() && status_text.is_empty() {
            if !question_id.is_empty() {
                report.blank_rows += 1;
            }
            continue;
        }
        let reject = |reason: RejectReason, message: String| RejectedRow {
            row,
            question_id: question_id.clone(),
            reason,
            message,
        };
        if question_id.is_empty() {
            report.rejected.push(reject(
                RejectReason::EmptyId,
                format!("Row {row} has an auditor comment or status but no question id."),
            ));
            continue;
        }
        let Some(question) = catalog.question(&question_id) else {
            report.rejected.push(reject(
                RejectReason::UnknownQuestion,
                format!("Row {row}: \"{question_id}\" is not a question Preflight knows."),
            ));
            continue;
        };
        if !assessment.scope.applies(catalog, question) {
            report.rejected.push(reject(
                RejectReason::OutOfScope,
                format!("Row {row}: question \"{question_id}\" is not in this assessment's scope."),
            ));
            continue;
        }
        let status = if status_text.is_empty() {
            None
        } else {
            match AuditorStatus::from_label(&status_text) {
                Some(s) => Some(s),
                None => {
                    report.rejected.push(reject(
                        RejectReason::InvalidStatus,
                        format!(
                            "Row {row}: \"{status_text}\" is not an auditor status; use {}.",
                            AuditorStatus::labels().join(", ")
                        ),
                    ));
                    continue;
                }
            }
        };
        let len = comment.chars().count();
        if len > MAX_COMMENT_CHARS {
            report.rejected.push(reject(
                RejectReason::CommentTooLong,
                format!(
                    "Row {row}: the comment is {len} characters long; at most {MAX_COMMENT_CHARS} are taken."
                ),
            ));
            continue;
        }
        if let Some(first) = seen.get(&question_id) {
            report.rejected.push(reject(
                RejectReason::Duplicate,
                format!(
                    "Row {row}: question \"{question_id}\" appears again; row {first} was taken."
                ),
            ));
            continue;
        }
        seen.insert(question_id.clone(), row);
        report.taken.push(TakenRow {
            row,
            question_id,
            comment,
            status,
        });
    }
    let request_sheet = sheets
        .iter()
        .find(|s| s.trim().eq_ignore_ascii_case(crate::REQUEST_SHEET))
        .cloned();
    if let Some(sheet) = request_sheet {
        let range = sheet_range(&mut wb, &sheet).map_err(|detail| ImportError::Unreadable {
            name: report.file_name.clone(),
            detail,
        })?;
        read_requests(&range, catalog, assessment, &mut report);
    }
    Ok(report)
}

/// The rows of Excel's grid.
const GRID_ROWS: u32 = 1_048_576;
/// The columns of Excel's grid.
const GRID_COLUMNS: u32 = 16_384;
/// The most cells the used area of a sheet may span (Preflight's own sheets span a few
/// thousand): the area is held in memory, so a stray value far from the table must not make it
/// gigabytes.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// A sheet's non-empty cells, read without trusting the file. The xlsx reader would build the
/// whole used area in memory however far apart two cells are, and panics on an overlong cell
/// reference ("ZZZZZ99999999999") in debug builds (and wraps it in release ones): a cell
/// outside Excel's grid, a used area beyond [`MAX_SHEET_CELLS`] or a reference that cannot be
/// read refuses the file instead.
fn sheet_range(wb: &mut Xlsx<Cursor<&[u8]>>, sheet: &str) -> Result<Range<Data>, String> {
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(
        || -> Result<Vec<calamine::Cell<Data>>, String> {
            let mut reader = match wb.worksheet_cells_reader(sheet) {
                Ok(reader) => reader,
                // A chart sheet under the name: no cells, as the xlsx reader has it.
                Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
                Err(e) => return Err(e.to_string()),
            };
            let mut cells = Vec::new();
            let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                let (r, c) = cell.get_position();
                if r >= GRID_ROWS || c >= GRID_COLUMNS {
                    return Err(format!(
                        "the sheet \"{sheet}\" has a cell outside Excel's grid (row {}, column {})",
                        u64::from(r) + 1,
                        u64::from(c) + 1
                    ));
                }
                let value = Data::from(cell.get_value().clone());
                if value == Data::Empty {
                    continue;
                }
                (top, bottom) = (top.min(r), bottom.max(r));
                (left, right) = (left.min(c), right.max(c));
                let area = u64::from(bottom - top + 1) * u64::from(right - left + 1);
                if area > MAX_SHEET_CELLS {
                    return Err(format!(
                        "the sheet \"{sheet}\" spans {} rows and {} columns, more than Preflight reads; delete the values far from the table",
                        bottom - top + 1,
                        right - left + 1
                    ));
                }
                cells.push(calamine::Cell::new((r, c), value));
            }
            Ok(cells)
        },
    ));
    match read {
        Ok(Ok(cells)) => Ok(Range::from_sparse(cells)),
        Ok(Err(detail)) => Err(detail),
        Err(_) => Err(format!(
            "the sheet \"{sheet}\" has a cell reference that cannot be read"
        )),
    }
}

/// The auditor columns of the Request list sheet, keyed by request id.
fn read_requests(
    range: &Range<Data>,
    catalog: &Catalog,
    assessment: &Assessment,
    report: &mut ReviewReport,
) {
    use crate::registers::headers as rh;
    let is = |cell: &Data, name: &str| cell_text(cell).trim().eq_ignore_ascii_case(name);
    let Some((header_index, header)) = range
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find(|(_, r)| r.iter().any(|c| is(c, rh::REQUEST_ID)))
    else {
        return;
    };
    let position = |name: &str| header.iter().position(|c| is(c, name));
    let (Some(id_col), Some(comment_col), Some(status_col)) = (
        position(rh::REQUEST_ID),
        position(rh::AUDITOR_COMMENT),
        position(rh::AUDITOR_STATUS),
    ) else {
        return;
    };
    let known: Vec<String> = match preflight_requests::items() {
        Ok(all) => preflight_requests::request_list(catalog, &assessment.scope, all)
            .into_iter()
            .map(|l| l.item.id.clone())
            .collect(),
        Err(_) => Vec::new(),
    };
    let first_row = range.start().map_or(0, |(r, _)| r);
    let mut seen: HashMap<String, u32> = HashMap::new();
    for (i, cells) in range.rows().enumerate().skip(header_index + 1) {
        let row = first_row + i as u32 + 1;
        let get = |col: usize| cells.get(col).map(cell_text).unwrap_or_default();
        let id = get(id_col).trim().to_string();
        let comment = get(comment_col).trim().to_string();
        let status_text = get(status_col).trim().to_string();
        if comment.is_empty() && status_text.is_empty() {
            continue;
        }
        let reject = |reason: RejectReason, message: String| RejectedRow {
            row,
            question_id: id.clone(),
            reason,
            message,
        };
        let problem = if id.is_empty() {
            Some((
                RejectReason::EmptyId,
                format!(
                    "Request list row {row} has an auditor comment or status but no request id."
                ),
            ))
        } else if !known.contains(&id) {
            Some((
                RejectReason::UnknownQuestion,
                format!(
                    "Request list row {row}: \"{id}\" is not on this assessment's request list."
                ),
            ))
        } else if comment.chars().count() > MAX_COMMENT_CHARS {
            Some((RejectReason::CommentTooLong, format!("Request list row {row}: the comment is longer than {MAX_COMMENT_CHARS} characters.")))
        } else if let Some(first) = seen.get(&id) {
            Some((
                RejectReason::Duplicate,
                format!("Request list row {row}: \"{id}\" appears again; row {first} was taken."),
            ))
        } else {
            None
        };
        if let Some((reason, message)) = problem {
            report.requests_rejected.push(reject(reason, message));
            continue;
        }
        let status = if status_text.is_empty() {
            None
        } else {
            match AuditorStatus::from_label(&status_text) {
                Some(s) => Some(s),
                None => {
                    report.requests_rejected.push(reject(
                        RejectReason::InvalidStatus,
                        format!("Request list row {row}: \"{status_text}\" is not an auditor status; use {}.", AuditorStatus::labels().join(", ")),
                    ));
                    continue;
                }
            }
        };
        seen.insert(id.clone(), row);
        report.requests_taken.push(TakenRow {
            row,
            question_id: id,
            comment,
            status,
        });
    }
}

/// Where the three columns are, by header text (trimmed, any case).
struct Columns {
    header_index: usize,
    id: usize,
    comment: usize,
    status: usize,
}

fn find_columns(range: &Range<Data>) -> Result<Columns, &'static str> {
    let is = |cell: &Data, name: &str| cell_text(cell).trim().eq_ignore_ascii_case(name);
    let (header_index, header) = range
        .rows()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find(|(_, r)| r.iter().any(|c| is(c, headers::QUESTION_ID)))
        .ok_or(headers::QUESTION_ID)?;
    let position = |name: &'static str| header.iter().position(|c| is(c, name)).ok_or(name);
    Ok(Columns {
        header_index,
        id: position(headers::QUESTION_ID)?,
        comment: position(headers::AUDITOR_COMMENT)?,
        status: position(headers::AUDITOR_STATUS)?,
    })
}

/// The value beside a label on the Cover sheet: the first non-empty cell right of it.
fn cover_value(range: &Range<Data>, label: &str) -> Option<String> {
    range.rows().find_map(|r| {
        let at = r
            .iter()
            .position(|c| cell_text(c).trim().eq_ignore_ascii_case(label))?;
        r.iter()
            .skip(at + 1)
            .map(cell_text)
            .find(|s| !s.trim().is_empty())
    })
}

/// A cell as the text a person sees; whole numbers without a decimal point, dates as
/// YYYY-MM-DD.
fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map_or_else(|| dt.to_string(), |d| d.date().to_string()),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}
