//! Commands for backups: back up now, list the backups with what each holds, and restore one
//! (the current database is moved aside, never deleted, and the store reopened). Thin: the
//! rules live in `preflight_store::backup`.

use std::path::PathBuf;

use preflight_store::backup::{list_backups, restore, BackupInfo, Reason, RestoreReport};
use preflight_store::Store;
use tauri::State;

use crate::state::AppState;
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

fn data_dir(state: &AppState) -> Res<PathBuf> {
    state
        .data_dir
        .clone()
        .ok_or_else(|| WireError::new("data_dir", "Preflight has no data folder."))
}

#[tauri::command]
pub fn backup_now(state: State<'_, AppState>) -> Res<BackupInfo> {
    state.with_store(|s| Ok(s.backup_now(Reason::Manual, chrono::Utc::now())?))
}

/// The backups, newest first, with what each holds; and why the backup on launch failed, if it
/// did.
#[derive(Debug, serde::Serialize)]
pub struct Backups {
    pub backups: Vec<BackupInfo>,
    pub warning: Option<WireError>,
}

#[tauri::command]
pub fn list_backups_cmd(state: State<'_, AppState>) -> Res<Backups> {
    let dir = data_dir(&state)?;
    let warning = state
        .backup_warning
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    Ok(Backups {
        backups: list_backups(&dir),
        warning,
    })
}

/// Restores a backup (one of the listed ones) and reopens the store.
#[tauri::command]
pub fn restore_backup(state: State<'_, AppState>, path: String) -> Res<RestoreReport> {
    let dir = data_dir(&state)?;
    let wanted = PathBuf::from(path.trim());
    let known = list_backups(&dir);
    let Some(b) = known.iter().find(|b| b.path == wanted) else {
        return Err(WireError::new(
            "unknown_backup",
            "That file is not one of Preflight's backups.",
        ));
    };
    if !b.good {
        return Err(WireError::new(
            "backup_failed",
            "That backup failed its check and cannot be restored; choose another.",
        ));
    }
    // Close the current store first (it may be the damaged file).
    state.replace_store(Err(WireError::new(
        "restoring",
        "A backup is being restored.",
    )));
    let report = restore(&dir, &b.path, chrono::Utc::now());
    state.replace_store(Store::open_dir(&dir).map_err(WireError::from));
    Ok(report?)
}
