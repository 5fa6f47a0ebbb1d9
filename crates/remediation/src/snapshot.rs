//! Readiness snapshots: one per assessment per day, for a trend line.
//!
//! Taking a snapshot twice on one day replaces that day's (the store keys them by day).

use chrono::NaiveDate;
use preflight_assessment::scoring::SeverityCounts;
use preflight_assessment::Readiness;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::task::{Task, TaskCounts};

/// Where an assessment stood on one day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub assessment_id: Uuid,
    pub taken_on: NaiveDate,
    /// Overall readiness, 0 to 100; `None` when there was nothing to count.
    pub overall: Option<f64>,
    /// Open gaps by severity.
    pub gaps: SeverityCounts,
    pub tasks: TaskCounts,
}

impl Snapshot {
    /// The snapshot of today's readiness and tasks.
    pub fn take(
        assessment_id: Uuid,
        today: NaiveDate,
        readiness: &Readiness,
        tasks: &[Task],
    ) -> Snapshot {
        Snapshot {
            assessment_id,
            taken_on: today,
            overall: readiness.overall,
            gaps: readiness.gaps,
            tasks: TaskCounts::of(tasks),
        }
    }
}
