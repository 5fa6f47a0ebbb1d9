//! What can go wrong with the database or the data in it.

use std::path::PathBuf;

use preflight_assessment::portable::PortableError;
use preflight_assessment::AssessmentError;
use preflight_remediation::RemediationError;

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
    #[error(transparent)]
    Remediation(#[from] RemediationError),
    #[error("There is no task with id {0}. It may have been deleted.")]
    UnknownTask(String),
    #[error("There is no evidence with id {0}.")]
    UnknownEvidence(String),
    #[error("There is no recorded occurrence with id {0}. It may have been removed.")]
    UnknownOccurrence(String),
    #[error("This task has {count} piece(s) of evidence attached. Remove the evidence, or attach it elsewhere, before deleting the task.")]
    TaskHasEvidence { count: usize },
    #[error("The file {} could not be found. It may have been moved, renamed or deleted; nothing was copied.", .0.display())]
    EvidenceSourceMissing(PathBuf),
    #[error("{} is a folder, not a file. Choose a file to attach; nothing was copied.", .0.display())]
    EvidenceSourceNotAFile(PathBuf),
    #[error("The file {} could not be read ({source}). Check that it is not open elsewhere and that you may read it; nothing was copied.", .path.display())]
    EvidenceSourceUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The file could not be copied into the evidence folder {} ({source}); nothing was kept.", .path.display())]
    EvidenceCopy {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The backup {} could not be written or failed its check ({reason}). It was not kept; your database is unchanged.", .path.display())]
    BackupFailed { path: PathBuf, reason: String },
    #[error("There is no risk with id {0}. It may have been deleted.")]
    UnknownRisk(String),
    #[error("There is no vendor with id {0}. It may have been deleted.")]
    UnknownVendor(String),
    #[error("There is no customer control with id {0}. It may have been deleted.")]
    UnknownCustomerControl(String),
    #[error("{0}")]
    Starter(String),
    #[error("{0} is not ticked by hand: it comes from the People register (start dates, and the day a leaver's access was removed). Record it there.")]
    DutyFromPeople(String),
    #[error("There is no policy with id {0}. It may have been deleted.")]
    UnknownPolicy(String),
    #[error(transparent)]
    Policy(#[from] preflight_policies::PolicyError),
    #[error(transparent)]
    People(#[from] preflight_people::PeopleError),
    #[error(transparent)]
    Description(#[from] preflight_description::section::DescriptionError),
    #[error(transparent)]
    Request(#[from] preflight_requests::RequestError),
    #[error(transparent)]
    Risk(#[from] preflight_risks::RiskError),
    #[error(transparent)]
    Vendor(#[from] preflight_vendors::VendorError),
    #[error("{} is not a Preflight archive or is damaged ({reason}). Nothing was loaded.", .path.display())]
    ArchiveMalformed { path: PathBuf, reason: String },
    #[error("The archive's copy of the evidence file \"{name}\" does not match the SHA-256 recorded when it was attached: it was changed or damaged. Nothing was loaded.")]
    ArchiveFileTampered { name: String },
    #[error(
        "The archive lists the evidence file \"{name}\" but does not hold it. Nothing was loaded."
    )]
    ArchiveFileMissing { name: String },
    #[error("The evidence file {} could not be deleted ({source}); the evidence was not removed.", .path.display())]
    EvidenceDelete {
        path: PathBuf,
        source: std::io::Error,
    },
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
            StoreError::Remediation(e) => e.code(),
            StoreError::UnknownTask(_) => "unknown_task",
            StoreError::UnknownEvidence(_) => "unknown_evidence",
            StoreError::UnknownOccurrence(_) => "unknown_occurrence",
            StoreError::TaskHasEvidence { .. } => "task_has_evidence",
            StoreError::EvidenceSourceMissing(_) => "evidence_source_missing",
            StoreError::EvidenceSourceNotAFile(_) => "evidence_source_not_a_file",
            StoreError::EvidenceSourceUnreadable { .. } => "evidence_source_unreadable",
            StoreError::EvidenceCopy { .. } => "evidence_copy_failed",
            StoreError::EvidenceDelete { .. } => "evidence_delete_failed",
            StoreError::UnknownRisk(_) => "unknown_risk",
            StoreError::ArchiveMalformed { .. } => "archive_malformed",
            StoreError::ArchiveFileTampered { .. } => "archive_file_tampered",
            StoreError::ArchiveFileMissing { .. } => "archive_file_missing",
            StoreError::BackupFailed { .. } => "backup_failed",
            StoreError::UnknownVendor(_) => "unknown_vendor",
            StoreError::UnknownCustomerControl(_) => "unknown_customer_control",
            StoreError::Starter(_) => "starter_adoption",
            StoreError::UnknownPolicy(_) => "unknown_policy",
            StoreError::DutyFromPeople(_) => "duty_from_people",
            StoreError::Policy(e) => e.code(),
            StoreError::People(e) => e.code(),
            StoreError::Description(e) => e.code(),
            StoreError::Request(e) => e.code(),
            StoreError::Risk(e) => e.code(),
            StoreError::Vendor(e) => e.code(),
        }
    }
}
