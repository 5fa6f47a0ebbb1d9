//! What can go wrong with the database or the data in it.

use std::path::PathBuf;

use preflight_assessment::portable::PortableError;
use preflight_assessment::AssessmentError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{} is not a Preflight database: it is not an SQLite file, or it is damaged. Preflight left it unchanged. Move it away or choose another data folder.", .0.display())]
    NotADatabase(PathBuf),
    #[error("{} is an SQLite database of another program, not Preflight's. Preflight left it unchanged. Choose another data folder.", .0.display())]
    ForeignDatabase(PathBuf),
    #[error("{} was written by a newer Preflight (database version {found}; this version knows up to {supported}). Update Preflight to open it; it was left unchanged.", .path.display())]
    NewerDatabase {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("There is no assessment with id {0}. It may have been deleted.")]
    UnknownAssessment(String),
    #[error("Could not use the data folder {}: {source}", .path.display())]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "No data folder could be found for this user. Set PREFLIGHT_DATA_DIR or pass --data-dir."
    )]
    NoDataDir,
    #[error("Could not read or write {}: {source}", .path.display())]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Invalid(#[from] AssessmentError),
    #[error(transparent)]
    Portable(#[from] PortableError),
    #[error("The database reported an error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("The database could not be brought up to date: {0}")]
    Migration(String),
    #[error("The database holds a value Preflight does not understand ({0}). The file may have been edited by hand.")]
    BadValue(String),
}

impl StoreError {
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotADatabase(_) => "database_not_preflight",
            StoreError::ForeignDatabase(_) => "database_not_preflight",
            StoreError::NewerDatabase { .. } => "database_newer",
            StoreError::UnknownAssessment(_) => "unknown_assessment",
            StoreError::DataDir { .. } => "data_dir",
            StoreError::NoDataDir => "data_dir",
            StoreError::File { .. } => "file_io",
            StoreError::Invalid(e) => e.code(),
            StoreError::Portable(e) => e.code(),
            StoreError::Sqlite(_) => "database_error",
            StoreError::Migration(_) => "database_migration",
            StoreError::BadValue(_) => "database_bad_value",
        }
    }
}
