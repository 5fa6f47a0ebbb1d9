//! The state every command shares: the data folder and the open store.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use preflight_catalog::Catalog;
use preflight_store::{paths, Store};

use crate::wire::WireError;

pub struct AppState {
    /// The data folder in use, when one could be resolved.
    pub data_dir: Option<PathBuf>,
    /// The open store, or the reason it could not be opened (shown by the UI; nothing is lost).
    /// Replaced when a backup is restored.
    store: Mutex<Result<Store, WireError>>,
    /// A second, read-only connection to the same file for the long lists (`with_reader`), so
    /// reading thousands of tasks does not hold up the commands on the store. Replaced with it.
    reader: Mutex<Option<Store>>,
    /// Why the backup on launch failed, if it did (shown, never hidden).
    pub backup_warning: Mutex<Option<WireError>>,
}

impl AppState {
    /// Resolves the data folder and opens the store; a failure is kept to show, not a panic.
    pub fn open(flag: Option<&Path>) -> AppState {
        match paths::data_dir(flag) {
            Ok(dir) => {
                let store = Store::open_dir(&dir).map_err(WireError::from);
                // A checked backup on launch, at most once a day.
                let warning = match &store {
                    Ok(s) => s
                        .daily_backup(chrono::Utc::now())
                        .err()
                        .map(WireError::from),
                    Err(_) => None,
                };
                AppState {
                    data_dir: Some(dir),
                    reader: Mutex::new(reader_of(&store)),
                    store: Mutex::new(store),
                    backup_warning: Mutex::new(warning),
                }
            }
            Err(e) => AppState {
                data_dir: None,
                store: Mutex::new(Err(e.into())),
                reader: Mutex::new(None),
                backup_warning: Mutex::new(None),
            },
        }
    }

    /// Puts a newly opened store in place (after a restore).
    pub fn replace_store(&self, store: Result<Store, WireError>) {
        // The reader goes first and comes back last: the file is never held by a connection
        // to what it was before.
        let mut reader = self.reader.lock().unwrap_or_else(|p| p.into_inner());
        *reader = None;
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        *reader = reader_of(&store);
        *guard = store;
    }

    /// Runs `f` with the read-only connection (the store's, when there is none), for commands
    /// that only read and may take a while on a large assessment (the task and evidence lists).
    pub fn with_reader<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        let guard = self.reader.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_ref() {
            Some(reader) => f(reader),
            None => {
                drop(guard);
                self.with_store(|s| f(s))
            }
        }
    }

    /// Runs `f` with the store, or returns why there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        // A poisoned lock means an earlier command panicked mid-way; SQLite rolled back any
        // open transaction, so the connection is still consistent and safe to keep using.
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        match guard.as_mut() {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn store_error(&self) -> Option<WireError> {
        let guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        guard.as_ref().err().cloned()
    }
}

/// The embedded catalog, or why it cannot be used, for every command.
pub fn catalog_ref() -> Result<&'static Catalog, WireError> {
    preflight_catalog::embedded().map_err(WireError::from)
}

/// Today on this computer's calendar: due dates, snapshots and timelines use it.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Reads a file the user chose to import (a vendor list, an HR export); a failure says nothing
/// was imported.
pub fn read_import_file(path: &str) -> Result<Vec<u8>, WireError> {
    std::fs::read(Path::new(path)).map_err(|e| {
        WireError::new(
            "file_io",
            format!("The file {path} could not be read ({e}). Nothing was imported."),
        )
    })
}

/// A read-only connection beside an open store; none when the store could not be opened (or
/// the second connection could not: the store then serves the lists too).
fn reader_of(store: &Result<Store, WireError>) -> Option<Store> {
    store.as_ref().ok().and_then(|s| s.reader().ok().flatten())
}
