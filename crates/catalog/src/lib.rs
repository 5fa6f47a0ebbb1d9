//! The readiness catalog: what Preflight asks and what it maps to.
//!
//! The catalog is data, not code. It lives in `assets/catalog/` as TOML, is embedded into the
//! binary at compile time ([`embedded`]) and is checked by [`validate`] before anything uses it:
//! ids are unique, every reference resolves, every question maps to something it assesses,
//! every criterion and SOC 1 objective has at least two questions, and every point of focus is
//! covered by a question.
//!
//! - [`model`]: the types (categories, series, criteria, SOC 1 objectives, questions).
//! - [`embedded`]: the TOML files compiled into the binary and the parsed, validated catalog.
//! - [`validate`]: the rules a catalog must pass.
//! - [`glossary`]: the words a founder meets, explained in plain language.
//! - [`duties`]: the recurring duties and their timing, the one source for the calendar, the
//!   timeline and the questions' texts.
//! - [`render`]: placeholders in texts (`{every:<duty>}`, `{in_period}`, ...) and rendering them
//!   for a report type.

pub mod duties;
pub mod embedded;
pub mod glossary;
pub mod model;
pub mod render;
pub mod validate;

pub use duties::{Duty, DutySpec, Frequency, Wording, DUTIES};
pub use embedded::embedded;
pub use model::{
    Catalog, Category, Criterion, Objective, PointOfFocus, Question, Series, Severity,
};
pub use validate::Problem;

/// Why a catalog could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("catalog file {file} is not valid TOML: {message}")]
    Parse { file: String, message: String },
    #[error("the catalog has {} problem(s): {}", .0.len(), .0.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<Problem>),
}

impl CatalogError {
    /// A stable machine-readable code for the UI and the command line.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogError::Parse { .. } => "catalog_parse",
            CatalogError::Invalid(_) => "catalog_invalid",
        }
    }
}
