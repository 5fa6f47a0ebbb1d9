//! The one SQLite file per user.
//!
//! - [`backup`]: rolling backups (written by SQLite, checked, rotated) and restoring one.
//! - [`paths`]: where the data folder is (OS data dir, or `PREFLIGHT_DATA_DIR`, or a flag).
//! - [`db`]: opening the file safely: refuse files that are not Preflight databases or come
//!   from a newer version before touching them, then WAL, foreign keys and migrations.
//! - [`migrations`]: the versioned schema.
//! - [`assessments`] and [`answers`]: the saved data; every save is its own transaction.
//! - [`portable`]: saving to and loading from the portable JSON file; [`records`]: its tasks,
//!   evidence records, duties, snapshots and auditor comments; [`archive`]: the `.preflight`
//!   zip that adds the evidence files, checked by SHA-256 on loading.
//! - [`tasks`]: remediation: the people list, tasks with their status history (an update must
//!   carry the version it was made on), the projected ready date, and recurring duties ticked
//!   off for the Type 2 calendar.
//! - `kept_tasks`: the tasks a read-only connection keeps between pages of the task list,
//!   reading again only the tasks changed since (lines the task tables' triggers leave).
//! - [`evidence`]: evidence files copied into `<data dir>/evidence/<assessment id>/` with their
//!   SHA-256, verification, and removal that keeps a record.
//! - [`risks`]: the risk register and its recorded risk assessments (which tick the Type 2
//!   calendar's yearly duty).
//! - [`vendors`]: vendors with their SOC report reviews, the CSV import, and the company's own
//!   CUECs.
//! - [`people`]: the people register behind the owners and the Type 2 samples; its CSV import.
//! - [`description`]: the system description's component lists, saved sections and drafts.
//! - [`policies`]: the policy set, every version of each text, approval and retirement.
//! - [`requests`]: the request list's states, evidence links and effective dates.
//! - [`snapshots`]: one readiness snapshot per assessment per day, for the trend line.

pub mod answers;
pub mod archive;
pub mod assessments;
pub mod backup;
pub mod db;
pub mod description;
pub mod error;
pub mod evidence;
mod kept_tasks;
pub mod migrations;
pub mod paths;
pub mod people;
pub mod policies;
pub mod portable;
pub mod records;
pub mod registers;
pub mod requests;
pub mod review;
pub mod risks;
pub mod snapshots;
pub mod tasks;
#[cfg(test)]
mod test_support;
pub mod vendors;

pub use assessments::AssessmentSummary;
pub use db::Store;
pub use error::StoreError;
