//! Readiness snapshots: one per assessment per day. Taking one again on the same day replaces
//! that day's; the history comes back in date order for the trend line.

use chrono::NaiveDate;
use preflight_assessment::scoring::{readiness, SeverityCounts};
use preflight_catalog::Catalog;
use preflight_remediation::{Snapshot, TaskCounts};
use rusqlite::params;
use uuid::Uuid;

use crate::tasks::{count, date};
use crate::{Store, StoreError};

impl Store {
    /// Computes today's readiness and task counts and saves them as today's snapshot
    /// (replacing one taken earlier today).
    pub fn take_snapshot(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        today: NaiveDate,
    ) -> Result<Snapshot, StoreError> {
        let a = self.assessment(assessment_id)?;
        let answers = self.answers(assessment_id)?;
        let tasks = self.tasks(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let catalog: &Catalog = &effective;
        let r = readiness(catalog, &a.scope, &answers);
        let s = Snapshot::take(assessment_id, today, &r, &tasks);
        self.save_snapshot(&s)?;
        Ok(s)
    }

    /// Saves a snapshot, replacing the one of the same assessment and day.
    pub fn save_snapshot(&mut self, s: &Snapshot) -> Result<(), StoreError> {
        self.require_assessment(s.assessment_id)?;
        let tx = self.conn.transaction()?;
        insert_snapshot(&tx, s)?;
        tx.commit()?;
        Ok(())
    }

    /// Every snapshot of an assessment, oldest day first.
    pub fn snapshot_history(&self, assessment_id: Uuid) -> Result<Vec<Snapshot>, StoreError> {
        self.require_assessment(assessment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT taken_on, overall, gaps_high, gaps_medium, gaps_low, tasks_todo,
                    tasks_in_progress, tasks_done, tasks_risk_accepted
             FROM readiness_snapshot WHERE assessment_id = ?1 ORDER BY taken_on",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<f64>>(1)?,
                [r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?],
                [r.get::<_, i64>(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (on, overall, [high, medium, low], [todo, in_progress, done, accepted]) = row?;
            out.push(Snapshot {
                assessment_id,
                taken_on: date(&on)?,
                overall,
                gaps: SeverityCounts {
                    high: count(high),
                    medium: count(medium),
                    low: count(low),
                },
                tasks: TaskCounts {
                    todo: count(todo),
                    in_progress: count(in_progress),
                    done: count(done),
                    risk_accepted: count(accepted),
                },
            });
        }
        Ok(out)
    }
}

/// Saves a snapshot, replacing the one of the same assessment and day (inside the caller's
/// transaction).
pub(crate) fn insert_snapshot(conn: &rusqlite::Connection, s: &Snapshot) -> Result<(), StoreError> {
    let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
    conn.execute(
        "INSERT INTO readiness_snapshot (assessment_id, taken_on, overall, gaps_high,
             gaps_medium, gaps_low, tasks_todo, tasks_in_progress, tasks_done,
             tasks_risk_accepted)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (assessment_id, taken_on) DO UPDATE SET
             overall = excluded.overall, gaps_high = excluded.gaps_high,
             gaps_medium = excluded.gaps_medium, gaps_low = excluded.gaps_low,
             tasks_todo = excluded.tasks_todo, tasks_in_progress = excluded.tasks_in_progress,
             tasks_done = excluded.tasks_done, tasks_risk_accepted = excluded.tasks_risk_accepted",
        params![
            s.assessment_id.to_string(),
            s.taken_on.to_string(),
            s.overall,
            n(s.gaps.high),
            n(s.gaps.medium),
            n(s.gaps.low),
            n(s.tasks.todo),
            n(s.tasks.in_progress),
            n(s.tasks.done),
            n(s.tasks.risk_accepted),
        ],
    )?;
    Ok(())
}
