//! Commands for the portable file and the `.preflight` archive: save an assessment with or
//! without its evidence files, see what a file holds before loading it, and load it as a copy
//! or in place of the assessment with the same id. Long work runs off the UI thread and
//! reports its progress through a channel.

use std::path::PathBuf;

use preflight_assessment::assessment::parse_id;
use preflight_store::archive::ArchiveSaved;
use preflight_store::portable::{FilePreview, Loaded, SameAssessment};
use tauri::ipc::Channel;
use tauri::State;

use crate::evidence::CopyProgress;
use crate::state::{catalog_ref, AppState};
use crate::wire::WireError;

type Res<T> = Result<T, WireError>;

/// Sends progress at most once per percent.
fn reporter(channel: Channel<CopyProgress>) -> impl FnMut(u64, u64) {
    let mut last = u64::MAX;
    move |done, total| {
        let percent = if total == 0 { 100 } else { done * 100 / total };
        if percent != last {
            last = percent;
            let _ = channel.send(CopyProgress { done, total });
        }
    }
}

fn data_dir(state: &AppState) -> Res<PathBuf> {
    state.data_dir.clone().ok_or_else(|| {
        WireError::new(
            "data_dir",
            "Preflight has no data folder to read the evidence files from.",
        )
    })
}

/// Saves an assessment with its evidence files as one `.preflight` archive.
#[tauri::command]
pub async fn export_archive(
    state: State<'_, AppState>,
    id: String,
    path: PathBuf,
    on_progress: Channel<CopyProgress>,
) -> Res<ArchiveSaved> {
    let aid = parse_id(&id)?;
    let dir = data_dir(&state)?;
    let mut progress = reporter(on_progress);
    state.with_store(|s| Ok(s.export_archive(&dir, aid, &path, &mut progress)?))
}

/// What a portable file or archive holds, checked completely; nothing is saved.
#[tauri::command]
pub fn preview_file(state: State<'_, AppState>, path: PathBuf) -> Res<FilePreview> {
    let c = catalog_ref()?;
    state.with_store(|s| Ok(s.preview_file(c, &path)?))
}

/// Loads a portable file or archive: as a copy beside an assessment with the same id, or in
/// its place when `replace` is true (the window asks first).
#[tauri::command]
pub async fn load_file(
    state: State<'_, AppState>,
    path: PathBuf,
    replace: bool,
    on_progress: Channel<CopyProgress>,
) -> Res<Loaded> {
    let c = catalog_ref()?;
    let dir = data_dir(&state)?;
    let same = if replace {
        SameAssessment::Replace
    } else {
        SameAssessment::Copy
    };
    let mut progress = reporter(on_progress);
    state.with_store(|s| Ok(s.load_file(c, &dir, &path, same, &mut progress)?))
}
