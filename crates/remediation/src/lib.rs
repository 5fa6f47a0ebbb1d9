//! Remediation: closing the gaps before the auditor arrives. Pure domain logic: no files, no
//! database, and no clock (every "today" is passed in, so the caller decides the time zone).
//!
//! - [`task`]: tasks that close a gap (or any other work), their priority, owner, due date,
//!   notes and status, with the history of status changes and a version for optimistic
//!   concurrency. "Risk accepted" needs a written justification and who accepted it.
//! - [`people`]: the people of an assessment, who can own tasks.
//! - [`evidence`]: evidence records, the stored file's name, copying with SHA-256 and progress,
//!   and the verification report.
//! - [`recurring`]: the Type 2 calendar of recurring duties and the samples auditors pull.
//! - [`snapshot`]: one readiness snapshot per assessment per day, for the trend line.
//! - [`projection`]: the projected ready date.
//! - [`fields`]: length and date checks shared by every input.
//! - [`listing`]: the task and evidence lists searched, filtered and sorted, a page at a time.
//!
//! # The projected ready date
//!
//! Only high and medium gaps count. For each such gap still open:
//! - its open tasks (to do, in progress) are the ones that count;
//! - with no open task, a gap whose tasks are all done is waiting for its question to be
//!   answered again, and a gap whose risk was accepted is set aside: neither holds the date back;
//! - a gap with no task at all means there is no projected date, as does an open task without a
//!   due date: the answer says which.
//!
//! Otherwise the projected date is the latest due date among those open tasks; if any of them is
//! overdue, the projection is "today is past due". The same rule, for the UI, is
//! [`projection::RULE`].
//!
//! # Overdue
//!
//! A task is overdue when it is open (not done, not risk accepted) and its due date is before
//! today.

pub mod error;
pub mod evidence;
pub mod fields;
pub mod listing;
pub mod people;
pub mod projection;
pub mod recurring;
pub mod snapshot;
pub mod task;

pub use error::RemediationError;
pub use evidence::{Evidence, EvidenceTarget, FileCheck, FileState, VerificationReport};
pub use people::People;
pub use projection::{project, ProjectedReady, Projection};
pub use recurring::{calendar, Calendar, Duty, DutyOccurrence, NewOccurrence};
pub use snapshot::Snapshot;
pub use task::{
    NewTask, Priority, ReanswerPrompt, RiskAcceptance, StatusChange, StatusRequest, Task,
    TaskCounts, TaskEdit, TaskStatus,
};
