//! The one SQLite file per user.
//!
//! - [`paths`]: where the data folder is (OS data dir, or `PREFLIGHT_DATA_DIR`, or a flag).
//! - [`db`]: opening the file safely: refuse files that are not Preflight databases or come
//!   from a newer version before touching them, then WAL, foreign keys and migrations.
//! - [`migrations`]: the versioned schema.
//! - [`assessments`] and [`answers`]: the saved data; every save is its own transaction.
//! - [`portable`]: saving to and loading from the portable JSON file.

pub mod answers;
pub mod assessments;
pub mod db;
pub mod error;
pub mod migrations;
pub mod paths;
pub mod portable;

pub use assessments::AssessmentSummary;
pub use db::Store;
pub use error::StoreError;
