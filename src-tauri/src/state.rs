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
    store: Result<Mutex<Store>, WireError>,
}

impl AppState {
    /// Resolves the data folder and opens the store; a failure is kept to show, not a panic.
    pub fn open(flag: Option<&Path>) -> AppState {
        match paths::data_dir(flag) {
            Ok(dir) => {
                let store = Store::open_dir(&dir)
                    .map(Mutex::new)
                    .map_err(WireError::from);
                AppState {
                    data_dir: Some(dir),
                    store,
                }
            }
            Err(e) => AppState {
                data_dir: None,
                store: Err(e.into()),
            },
        }
    }

    /// Runs `f` with the store, or returns why there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, WireError>,
    ) -> Result<T, WireError> {
        let store = self.store.as_ref().map_err(Clone::clone)?;
        // A poisoned lock means an earlier command panicked mid-way; SQLite rolled back any
        // open transaction, so the connection is still consistent and safe to keep using.
        let mut guard = store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }

    pub fn store_error(&self) -> Option<WireError> {
        self.store.as_ref().err().cloned()
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
