//! The commands for the auditor's side: import a returned workbook's comments, list the
//! comments saved for an assessment, and export the questionnaire and gap register as CSV.
//! Thin adapters over `preflight_cli`'s shared functions; errors reach the UI as `{code,
//! message}`.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use preflight_assessment::assessment::parse_id;
use preflight_cli::CliError;
use preflight_store::review::SavedReview;
use preflight_workbook::{AuditorStatus, ImportError, ReviewReport};
use serde::Serialize;
use tauri::State;

use crate::state::{catalog_ref, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

impl From<CliError> for WireError {
    fn from(e: CliError) -> Self {
        WireError::new(e.code(), e.to_string())
    }
}

impl From<ImportError> for WireError {
    fn from(e: ImportError) -> Self {
        WireError::new(e.code(), e.to_string())
    }
}

/// What an import did: what the file held (rows taken, rows rejected with their row number
/// and reason) and what was saved (question ids new, changed, unchanged).
#[derive(Debug, Serialize)]
pub struct ReviewImportView {
    pub report: ReviewReport,
    pub saved: SavedReview,
}

/// An auditor comment as the UI shows it beside an answer.
#[derive(Debug, Serialize)]
pub struct AuditorCommentView {
    pub question_id: String,
    pub comment: String,
    /// Stable code (`agreed`, `needs_evidence`, `not_agreed`, `not_tested`) or null.
    pub status: Option<String>,
    /// The dropdown label ("Needs evidence"), or null.
    pub status_label: Option<&'static str>,
    pub imported_at: DateTime<Utc>,
    pub source_file: String,
}

/// Reads the auditor's comments from a returned workbook and saves them.
#[tauri::command]
pub fn import_review(
    state: State<'_, AppState>,
    id: String,
    path: PathBuf,
) -> Res<ReviewImportView> {
    let c = catalog_ref()?;
    state.with_store(|s| {
        let done = preflight_cli::import_review(s, c, &id, &path)?;
        Ok(ReviewImportView {
            report: done.report,
            saved: done.saved,
        })
    })
}

/// The auditor comments saved for an assessment.
#[tauri::command(async)]
pub fn auditor_comments(state: State<'_, AppState>, id: String) -> Res<Vec<AuditorCommentView>> {
    let id = parse_id(&id)?;
    let comments = state.with_store(|s| Ok(s.auditor_comments(id)?))?;
    Ok(comments
        .into_iter()
        .map(|c| AuditorCommentView {
            status_label: c
                .status
                .as_deref()
                .and_then(AuditorStatus::from_code)
                .map(AuditorStatus::label),
            question_id: c.question_id,
            comment: c.comment,
            status: c.status,
            imported_at: c.imported_at,
            source_file: c.source_file,
        })
        .collect())
}

/// Writes the questionnaire and gap register CSV files into a folder; returns their paths.
#[tauri::command]
pub fn export_csv(state: State<'_, AppState>, id: String, dir: PathBuf) -> Res<Vec<String>> {
    let c = catalog_ref()?;
    let paths = state.with_store(|s| Ok(preflight_cli::write_csv_files(s, c, &id, &dir)?))?;
    Ok(paths.iter().map(|p| p.display().to_string()).collect())
}
