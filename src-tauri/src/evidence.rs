//! Commands for evidence files and the Type 2 duty calendar. A large file is copied off the
//! UI thread without holding the database, and its progress reaches the window through a
//! channel, so the window never freezes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use preflight_assessment::assessment::parse_id;
use preflight_remediation::evidence::{Evidence, EvidenceTarget, VerificationReport};
use preflight_remediation::listing::{
    evidence_page as evidence_page_of, EvidenceQuery, EvidenceRow, Page,
};
use preflight_remediation::recurring::{Calendar, DutyOccurrence, NewOccurrence};
use preflight_store::evidence::{copy_into_store, resolve_stored_path};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::state::{catalog_ref, today, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn data_dir(state: &AppState) -> Res<&Path> {
    state.data_dir.as_deref().ok_or_else(|| {
        WireError::new(
            "data_dir",
            "Preflight has no data folder to keep evidence in.",
        )
    })
}

fn uuid_of(s: &str, what: &str) -> Res<uuid::Uuid> {
    uuid::Uuid::parse_str(s.trim())
        .map_err(|_| WireError::new("unknown_id", format!("\"{s}\" is not a {what} id.")))
}

/// Bytes copied so far, for the progress bar.
#[derive(Debug, Clone, Serialize)]
pub struct CopyProgress {
    pub done: u64,
    pub total: u64,
}

/// Copies a file into the evidence store, linked to a question or a task, reporting progress.
#[tauri::command]
pub async fn attach_evidence(
    state: State<'_, AppState>,
    id: String,
    path: PathBuf,
    question_id: Option<String>,
    task_id: Option<String>,
    on_progress: Channel<CopyProgress>,
) -> Res<Evidence> {
    let c = catalog_ref()?;
    let aid = parse_id(&id)?;
    let target = match (question_id, task_id) {
        (_, Some(t)) if !t.is_empty() => EvidenceTarget::Task {
            task_id: uuid_of(&t, "task")?,
        },
        (Some(q), _) if !q.is_empty() => EvidenceTarget::Question { question_id: q },
        _ => {
            return Err(WireError::new(
                "evidence_target",
                "Choose the question or task this evidence is for.",
            ))
        }
    };
    let dir = data_dir(&state)?.to_path_buf();
    state.with_store(|s| Ok(s.check_evidence_target(c, aid, &target)?))?;
    let copy_dir = dir.clone();
    let copied = tauri::async_runtime::spawn_blocking(move || {
        let mut last_percent = u64::MAX;
        copy_into_store(
            &copy_dir,
            aid,
            uuid::Uuid::new_v4(),
            &path,
            &mut |done, total| {
                let percent = if total == 0 { 100 } else { done * 100 / total };
                if percent != last_percent {
                    last_percent = percent;
                    let _ = on_progress.send(CopyProgress { done, total });
                }
            },
        )
    })
    .await
    .map_err(|e| {
        WireError::new(
            "evidence_copy",
            format!("The copy stopped unexpectedly: {e}"),
        )
    })??;
    state.with_store(|s| Ok(s.record_evidence(c, &dir, copied, target, today())?))
}

/// Evidence in use and evidence removed (the record is kept).
#[derive(Debug, Serialize)]
pub struct EvidenceList {
    pub in_use: Vec<Evidence>,
    pub removed: Vec<Evidence>,
}

#[tauri::command]
pub fn evidence(state: State<'_, AppState>, id: String) -> Res<EvidenceList> {
    let aid = parse_id(&id)?;
    state.with_store(|s| {
        Ok(EvidenceList {
            in_use: s.evidence(aid)?,
            removed: s.removed_evidence(aid)?,
        })
    })
}

/// One page of the evidence in use, searched, filtered and sorted over every record (the rules:
/// `preflight_remediation::listing`), and one page of the removed records.
#[derive(Debug, Serialize)]
pub struct EvidencePage {
    #[serde(flatten)]
    pub in_use: Page<EvidenceRow>,
    pub removed: Page<EvidenceRow>,
}

/// Async and through the read-only connection, as `task_page`: it runs beside the header's
/// commands.
#[tauri::command]
pub async fn evidence_page(
    state: State<'_, AppState>,
    id: String,
    query: serde_json::Value,
    removed_page: Option<usize>,
) -> Res<EvidencePage> {
    let aid = parse_id(&id)?;
    let query: EvidenceQuery = crate::remediation::form(query, "evidence list query")?;
    state.with_reader(|s| {
        let titles: HashMap<uuid::Uuid, String> = s.task_titles(aid)?.into_iter().collect();
        let title = |t: uuid::Uuid| titles.get(&t).cloned();
        let removed = EvidenceQuery {
            page: removed_page.unwrap_or(0),
            page_size: query.page_size,
            ..EvidenceQuery::default()
        };
        Ok(EvidencePage {
            in_use: evidence_page_of(s.evidence(aid)?, &query, &title),
            removed: evidence_page_of(s.removed_evidence(aid)?, &removed, &title),
        })
    })
}

/// Re-hashes every stored file: tampered and missing ones are listed.
#[tauri::command]
pub async fn verify_evidence(state: State<'_, AppState>, id: String) -> Res<VerificationReport> {
    let aid = parse_id(&id)?;
    let dir = data_dir(&state)?.to_path_buf();
    let items = state.with_store(|s| Ok(s.evidence(aid)?))?;
    tauri::async_runtime::spawn_blocking(move || {
        preflight_store::evidence::verify_files(&dir, &items, &mut |_, _| {})
    })
    .await
    .map_err(|e| {
        WireError::new(
            "evidence_verify",
            format!("The check stopped unexpectedly: {e}"),
        )
    })
}

/// Removes evidence after the user confirmed: the file goes, the record stays.
#[tauri::command]
pub fn remove_evidence(state: State<'_, AppState>, evidence_id: String) -> Res<Evidence> {
    let eid = uuid_of(&evidence_id, "evidence")?;
    let dir = data_dir(&state)?.to_path_buf();
    state.with_store(|s| Ok(s.remove_evidence(&dir, eid)?))
}

/// Hands a stored evidence file to the OS's default viewer.
#[tauri::command]
pub fn open_evidence<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
    evidence_id: String,
) -> Res<()> {
    use tauri_plugin_opener::OpenerExt;
    let eid = uuid_of(&evidence_id, "evidence")?;
    let dir = data_dir(&state)?.to_path_buf();
    let e = state.with_store(|s| Ok(s.evidence_item(eid)?))?;
    let path = resolve_stored_path(&dir, &e.stored_path)?;
    app.opener()
        .open_path(path.display().to_string(), None::<&str>)
        .map_err(|err| {
            WireError::new(
                "open_failed",
                format!("Could not open {}: {err}", e.original_name),
            )
        })
}

#[tauri::command]
pub fn duty_calendar(state: State<'_, AppState>, id: String) -> Res<Calendar> {
    let aid = parse_id(&id)?;
    state.with_store(|s| Ok(s.duty_calendar(aid)?))
}

#[tauri::command]
pub fn record_duty(
    state: State<'_, AppState>,
    id: String,
    occurrence: serde_json::Value,
) -> Res<DutyOccurrence> {
    let aid = parse_id(&id)?;
    let o: NewOccurrence = serde_json::from_value(occurrence).map_err(|e| {
        WireError::new(
            "invalid_form",
            format!("The occurrence could not be read: {e}"),
        )
    })?;
    state.with_store(|s| Ok(s.record_duty(aid, o)?))
}

#[tauri::command]
pub fn remove_duty_occurrence(state: State<'_, AppState>, occurrence_id: String) -> Res<()> {
    let oid = uuid_of(&occurrence_id, "occurrence")?;
    state.with_store(|s| Ok(s.remove_duty_occurrence(oid)?))
}
