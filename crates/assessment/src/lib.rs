//! Assessments and what follows from their answers. Pure domain logic: no files, no database.
//!
//! - [`scope`]: report kind and type, criteria or objectives in scope, the observation period,
//!   and which questions apply. Security is forced in for SOC 2 and SOC 3 here.
//! - [`assessment`]: an assessment and the rules for creating and renaming one.
//! - [`answer`]: the five answers and a saved answer with its note.
//! - [`gap`]: where a gap is derived from the answers.
//! - [`scoring`]: the readiness figures, per scope item and overall.
//! - [`profile`], [`recommendation`], [`timeline`]: the scoping wizard: the company profile,
//!   the recommended report and criteria with reasons, and the audit timeline from today.
//! - [`objectives`]: SOC 1 objectives reworded or added by the company, and the assessment's
//!   effective catalog.
//! - [`cadence`]: how many times a recurring duty is expected in a Type 2 window, and when.
//! - [`portable`]: the portable JSON file (save and load an assessment).

pub mod answer;
pub mod assessment;
pub mod cadence;
pub mod error;
pub mod gap;
pub mod objectives;
pub mod portable;
pub mod profile;
pub mod recommendation;
pub mod scope;
pub mod scoring;
pub mod timeline;

pub use answer::{Answer, AnswerValue, MAX_NOTE_CHARS};
pub use assessment::{Assessment, Exclusion, NewAssessment};
pub use error::AssessmentError;
pub use gap::{Gap, GapReason};
pub use scope::{ObservationPeriod, ReportKind, ReportType, Scope, ScopeItem};
pub use scoring::{Readiness, ScopeItemReadiness};
