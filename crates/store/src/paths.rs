//! Where Preflight keeps its data.
//!
//! The folder is, in order: the `--data-dir` flag, the `PREFLIGHT_DATA_DIR` environment
//! variable, or `<OS data dir>/<app identifier>`; the same folder Tauri's `app_data_dir()` uses
//! (`~/.local/share/…` on Linux, `~/Library/Application Support/…` on macOS,
//! `%APPDATA%\…` on Windows).

use std::path::{Path, PathBuf};

use crate::StoreError;

/// The app identifier, as in tauri.conf.json.
pub const APP_IDENTIFIER: &str = "io.preflight.desktop";
/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "PREFLIGHT_DATA_DIR";
/// The database file's name inside the data folder.
pub const DB_FILE: &str = "preflight.sqlite3";

/// Resolves the data folder from a flag, the environment, or the OS default.
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or(StoreError::NoDataDir)
}

/// The database file inside a data folder.
pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}
