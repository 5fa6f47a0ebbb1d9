//! Commands for the auditor's request list: the items of the scope with their status and
//! evidence, an item's owner, due date and status, the effective date of a piece of evidence
//! and its links to items, and the evidence package written off the UI thread with progress.
//! Thin: the rules live in `preflight-requests`, the store and `preflight_cli::package`.

use std::collections::HashMap;
use std::path::PathBuf;

use preflight_assessment::assessment::parse_id;
use preflight_requests::effective::DateCheck;
use preflight_requests::{EvidenceWindow, RequestRow};
use preflight_store::requests::RequestEdit;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::evidence::CopyProgress;
use crate::remediation::form;
use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn evidence_id(s: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim()).map_err(|_| {
        WireError::new(
            "unknown_evidence",
            format!("\"{s}\" is not an evidence id."),
        )
    })
}

#[derive(Debug, Serialize)]
pub struct RequestListView {
    pub rows: Vec<RequestRow>,
    pub window: EvidenceWindow,
    /// Effective dates of the evidence in use, by evidence id.
    pub dates: HashMap<String, chrono::NaiveDate>,
}

#[tauri::command]
pub fn request_list(state: State<'_, AppState>, id: String) -> Res<RequestListView> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    state.with_store(|s| {
        Ok(RequestListView {
            rows: s.request_rows(c, id, today())?,
            window: s.evidence_window(id)?,
            dates: s
                .evidence_dates(id)?
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        })
    })
}

#[tauri::command]
pub fn update_request(
    state: State<'_, AppState>,
    id: String,
    request_id: String,
    edit: serde_json::Value,
) -> Res<RequestRow> {
    let c = catalog_ref()?;
    let id = parse_id(&id)?;
    let edit: RequestEdit = form(edit, "request item")?;
    state.with_store(|s| Ok(s.update_request(c, id, &request_id, &edit, today())?))
}

#[tauri::command]
pub fn set_evidence_date(
    state: State<'_, AppState>,
    evidence_id: String,
    date: String,
) -> Res<DateCheck> {
    let eid = self::evidence_id(&evidence_id)?;
    state.with_store(|s| Ok(s.set_evidence_date(eid, &date, today())?))
}

#[tauri::command]
pub fn link_evidence_request(
    state: State<'_, AppState>,
    evidence_id: String,
    request_id: String,
) -> Res<()> {
    let c = catalog_ref()?;
    let eid = self::evidence_id(&evidence_id)?;
    state.with_store(|s| Ok(s.link_evidence_to_request(c, eid, &request_id)?))
}

#[tauri::command]
pub fn unlink_evidence_request(
    state: State<'_, AppState>,
    evidence_id: String,
    request_id: String,
) -> Res<()> {
    let eid = self::evidence_id(&evidence_id)?;
    state.with_store(|s| Ok(s.unlink_evidence_from_request(eid, &request_id)?))
}

/// Writes the evidence package off the UI thread, reporting bytes copied on `on_progress`.
#[tauri::command]
pub async fn write_package(
    state: State<'_, AppState>,
    id: String,
    path: String,
    on_progress: Channel<CopyProgress>,
) -> Res<preflight_cli::package::PackageSummary> {
    let c = catalog_ref()?;
    if path.trim().is_empty() {
        return Err(WireError::new(
            "no_file",
            "Enter where to write the package (a .zip file).",
        ));
    }
    let data_dir: PathBuf = state.data_dir.clone().ok_or_else(|| {
        WireError::new(
            "data_dir",
            "Preflight has no data folder to read the evidence from.",
        )
    })?;
    let target = PathBuf::from(path.trim());
    state.with_store(|s| {
        Ok(preflight_cli::package::write_package(
            s,
            c,
            &data_dir,
            &id,
            &target,
            &mut |done, total| {
                let _ = on_progress.send(CopyProgress { done, total });
            },
        )?)
    })
}

/// The effective dates of an assessment's evidence, with whether each fits the window.
#[tauri::command]
pub fn evidence_dates(state: State<'_, AppState>, id: String) -> Res<HashMap<String, DateCheck>> {
    let id = parse_id(&id)?;
    state.with_store(|s| {
        let window = s.evidence_window(id)?;
        Ok(s.evidence_dates(id)?
            .into_iter()
            .map(|(k, d)| {
                (
                    k.to_string(),
                    preflight_requests::effective::judge(d, window),
                )
            })
            .collect())
    })
}
