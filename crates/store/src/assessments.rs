//! Saved assessments: create, list, read, rename, delete.

use chrono::{DateTime, NaiveDate, Utc};
use preflight_assessment::assessment::clean_name;
use preflight_assessment::objectives::ObjectiveText;
use preflight_assessment::scoring::progress;
use preflight_assessment::{
    Assessment, Exclusion, ObservationPeriod, ReportKind, ReportType, Scope,
};
use preflight_catalog::Catalog;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use serde::Serialize;
use uuid::Uuid;

use crate::{Store, StoreError};

/// What an assessment holds, counted: everything that goes when it is deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AssessmentContents {
    /// Saved answers: a value or a note, in or out of the current scope.
    pub answers: usize,
    pub tasks: usize,
    /// Evidence records (the files in the data folder go with them).
    pub evidence_files: usize,
    /// The auditor's comments and statuses, on questions and on request list items.
    pub auditor_comments: usize,
    /// Recurring duties recorded as done (the calendar).
    pub duty_records: usize,
    pub risks: usize,
    pub vendors: usize,
    pub customer_controls: usize,
    pub policies: usize,
    pub people: usize,
    /// Saved sections and listed components of the system description.
    pub description_entries: usize,
    /// Request list items given an owner, a due date or a status.
    pub request_items: usize,
}

/// An assessment as listed: the assessment and how far it has got.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentSummary {
    pub assessment: Assessment,
    /// The questions that apply to its scope.
    pub questions: usize,
    /// Of those, the ones with an answer value (Yes, Partly, No, N/A or Don't know), by the
    /// one rule of [`preflight_assessment::scoring::progress`]: answers kept for questions
    /// outside the scope do not count.
    pub answered: usize,
}

impl Store {
    /// Saves a new assessment (already validated by `NewAssessment::build`).
    pub fn create_assessment(&mut self, a: &Assessment) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        insert_assessment(&tx, a)?;
        tx.commit()?;
        Ok(())
    }

    /// All assessments, most recently changed first, each with how far it has got (questions
    /// in scope and answered, counted against `catalog` made effective for it).
    pub fn list_assessments(
        &self,
        catalog: &Catalog,
    ) -> Result<Vec<AssessmentSummary>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.name, a.company, a.report_kind, a.report_type, a.observation_start,
                    a.observation_end, a.created_at, a.updated_at, a.profile
             FROM assessment a ORDER BY a.updated_at DESC, a.name",
        )?;
        let rows = stmt.query_map([], RawAssessment::from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let assessment = row?.into_assessment(self)?;
            let p = progress(catalog, &assessment, &self.answers(assessment.id)?);
            out.push(AssessmentSummary {
                assessment,
                questions: p.questions,
                answered: p.answered,
            });
        }
        Ok(out)
    }

    /// One assessment by id.
    pub fn assessment(&self, id: Uuid) -> Result<Assessment, StoreError> {
        let raw = self
            .conn
            .query_row(
                "SELECT id, name, company, report_kind, report_type, observation_start,
                        observation_end, created_at, updated_at, profile
                 FROM assessment WHERE id = ?1",
                [id.to_string()],
                RawAssessment::from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::UnknownAssessment(id.to_string()))?;
        raw.into_assessment(self)
    }

    /// Renames an assessment.
    pub fn rename_assessment(&mut self, id: Uuid, name: &str) -> Result<Assessment, StoreError> {
        let name = clean_name(name, "assessment name")?;
        let n = self.conn.execute(
            "UPDATE assessment SET name = ?2, updated_at = ?3 WHERE id = ?1",
            params![id.to_string(), name, Utc::now().to_rfc3339()],
        )?;
        if n == 0 {
            return Err(StoreError::UnknownAssessment(id.to_string()));
        }
        self.assessment(id)
    }

    /// Saves a SOC 1 assessment's objectives in scope and their wording (after
    /// `Assessment::reword_objective` or `add_own_objective`), in one transaction.
    pub fn save_objectives(&mut self, a: &Assessment) -> Result<(), StoreError> {
        let id = a.id.to_string();
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM assessment_objective WHERE assessment_id = ?1",
            [&id],
        )?;
        tx.execute(
            "DELETE FROM assessment_objective_text WHERE assessment_id = ?1",
            [&id],
        )?;
        for o in &a.scope.objectives {
            tx.execute(
                "INSERT INTO assessment_objective (assessment_id, objective_id) VALUES (?1, ?2)",
                params![id, o],
            )?;
        }
        insert_objective_texts(&tx, a)?;
        let n = tx.execute(
            "UPDATE assessment SET updated_at = ?2 WHERE id = ?1",
            params![id, Utc::now().to_rfc3339()],
        )?;
        if n == 0 {
            return Err(StoreError::UnknownAssessment(id));
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes an assessment and everything saved with it.
    pub fn delete_assessment(&mut self, id: Uuid) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM assessment WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::UnknownAssessment(id.to_string()));
        }
        Ok(())
    }

    /// What an assessment holds, counted (for the delete confirmation).
    pub fn assessment_contents(&self, id: Uuid) -> Result<AssessmentContents, StoreError> {
        if !self.has_assessment(id)? {
            return Err(StoreError::UnknownAssessment(id.to_string()));
        }
        let counts: Vec<i64> = self.conn.query_row(
            "SELECT
                (SELECT count(*) FROM answer WHERE assessment_id = ?1
                    AND (value IS NOT NULL OR note <> '')),
                (SELECT count(*) FROM task WHERE assessment_id = ?1),
                (SELECT count(*) FROM evidence WHERE assessment_id = ?1),
                (SELECT count(*) FROM auditor_comment WHERE assessment_id = ?1)
                  + (SELECT count(*) FROM request_state WHERE assessment_id = ?1
                    AND (auditor_comment <> '' OR auditor_status IS NOT NULL)),
                (SELECT count(*) FROM duty_occurrence WHERE assessment_id = ?1),
                (SELECT count(*) FROM risk WHERE assessment_id = ?1),
                (SELECT count(*) FROM vendor WHERE assessment_id = ?1),
                (SELECT count(*) FROM customer_control WHERE assessment_id = ?1),
                (SELECT count(*) FROM policy WHERE assessment_id = ?1),
                (SELECT count(*) FROM person WHERE assessment_id = ?1),
                (SELECT count(*) FROM description_section WHERE assessment_id = ?1)
                  + (SELECT count(*) FROM description_component WHERE assessment_id = ?1),
                (SELECT count(*) FROM request_state WHERE assessment_id = ?1
                    AND (owner IS NOT NULL OR due IS NOT NULL OR set_status IS NOT NULL))",
            [id.to_string()],
            |r| (0..12).map(|i| r.get::<_, i64>(i)).collect(),
        )?;
        let n = |i: usize| usize::try_from(counts[i]).unwrap_or(0);
        Ok(AssessmentContents {
            answers: n(0),
            tasks: n(1),
            evidence_files: n(2),
            auditor_comments: n(3),
            duty_records: n(4),
            risks: n(5),
            vendors: n(6),
            customer_controls: n(7),
            policies: n(8),
            people: n(9),
            description_entries: n(10),
            request_items: n(11),
        })
    }

    /// Whether an assessment with this id exists.
    pub fn has_assessment(&self, id: Uuid) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM assessment WHERE id = ?1",
                [id.to_string()],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }
}

pub(crate) fn insert_assessment(tx: &Transaction<'_>, a: &Assessment) -> Result<(), StoreError> {
    let s = &a.scope;
    tx.execute(
        "INSERT INTO assessment (id, name, company, report_kind, report_type, observation_start,
                                 observation_end, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.id.to_string(),
            a.name,
            a.company,
            kind_str(s.kind),
            type_str(s.report_type),
            s.observation.map(|p| p.start.to_string()),
            s.observation.map(|p| p.end.to_string()),
            a.created_at.to_rfc3339(),
            a.updated_at.to_rfc3339(),
        ],
    )?;
    for c in &s.categories {
        tx.execute(
            "INSERT INTO assessment_category (assessment_id, category_id) VALUES (?1, ?2)",
            params![a.id.to_string(), c],
        )?;
    }
    for o in &s.objectives {
        tx.execute(
            "INSERT INTO assessment_objective (assessment_id, objective_id) VALUES (?1, ?2)",
            params![a.id.to_string(), o],
        )?;
    }
    for e in &a.exclusions {
        tx.execute(
            "INSERT INTO assessment_exclusion (assessment_id, category_id, justification) VALUES (?1, ?2, ?3)",
            params![a.id.to_string(), e.category, e.justification],
        )?;
    }
    insert_objective_texts(tx, a)?;
    if let Some(p) = &a.profile {
        let json = serde_json::to_string(p)
            .map_err(|e| StoreError::BadValue(format!("company profile: {e}")))?;
        tx.execute(
            "UPDATE assessment SET profile = ?2 WHERE id = ?1",
            params![a.id.to_string(), json],
        )?;
    }
    Ok(())
}

fn insert_objective_texts(tx: &Transaction<'_>, a: &Assessment) -> Result<(), StoreError> {
    for t in &a.objective_texts {
        tx.execute(
            "INSERT INTO assessment_objective_text (assessment_id, objective_id, title, statement, custom)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.id.to_string(), t.id, t.title, t.statement, i64::from(t.custom)],
        )?;
    }
    Ok(())
}

fn kind_str(k: ReportKind) -> &'static str {
    match k {
        ReportKind::Soc1 => "soc1",
        ReportKind::Soc2 => "soc2",
        ReportKind::Soc3 => "soc3",
    }
}

fn type_str(t: ReportType) -> &'static str {
    match t {
        ReportType::Type1 => "type1",
        ReportType::Type2 => "type2",
    }
}

struct RawAssessment {
    id: String,
    name: String,
    company: String,
    kind: String,
    report_type: String,
    obs_start: Option<String>,
    obs_end: Option<String>,
    created_at: String,
    updated_at: String,
    profile: Option<String>,
}

impl RawAssessment {
    fn from_row(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawAssessment {
            id: r.get(0)?,
            name: r.get(1)?,
            company: r.get(2)?,
            kind: r.get(3)?,
            report_type: r.get(4)?,
            obs_start: r.get(5)?,
            obs_end: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
            profile: r.get(9)?,
        })
    }

    fn into_assessment(self, store: &Store) -> Result<Assessment, StoreError> {
        let bad = |what: &str, v: &str| StoreError::BadValue(format!("{what} \"{v}\""));
        let id = Uuid::parse_str(&self.id).map_err(|_| bad("assessment id", &self.id))?;
        let kind = match self.kind.as_str() {
            "soc1" => ReportKind::Soc1,
            "soc2" => ReportKind::Soc2,
            "soc3" => ReportKind::Soc3,
            other => return Err(bad("report kind", other)),
        };
        let report_type = match self.report_type.as_str() {
            "type1" => ReportType::Type1,
            "type2" => ReportType::Type2,
            other => return Err(bad("report type", other)),
        };
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| bad("date", s));
        let observation = match (self.obs_start.as_deref(), self.obs_end.as_deref()) {
            (Some(s), Some(e)) => Some(ObservationPeriod {
                start: date(s)?,
                end: date(e)?,
            }),
            _ => None,
        };
        let list = |sql: &str| -> Result<Vec<String>, StoreError> {
            let mut stmt = store.conn.prepare_cached(sql)?;
            let rows = stmt.query_map([&self.id], |r| r.get::<_, String>(0))?;
            Ok(rows.collect::<Result<Vec<_>, _>>()?)
        };
        let categories = list(
            "SELECT category_id FROM assessment_category WHERE assessment_id = ?1 ORDER BY rowid",
        )?;
        let objectives = list(
            "SELECT objective_id FROM assessment_objective WHERE assessment_id = ?1 ORDER BY rowid",
        )?;
        let mut stmt = store.conn.prepare_cached(
            "SELECT category_id, justification FROM assessment_exclusion WHERE assessment_id = ?1 ORDER BY rowid",
        )?;
        let exclusions = stmt
            .query_map([&self.id], |r| {
                Ok(Exclusion {
                    category: r.get(0)?,
                    justification: r.get(1)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let mut stmt = store.conn.prepare_cached(
            "SELECT objective_id, title, statement, custom FROM assessment_objective_text
             WHERE assessment_id = ?1 ORDER BY rowid",
        )?;
        let objective_texts = stmt
            .query_map([&self.id], |r| {
                Ok(ObjectiveText {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    statement: r.get(2)?,
                    custom: r.get::<_, i64>(3)? != 0,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let profile = match self.profile.as_deref() {
            None => None,
            Some(p) => Some(serde_json::from_str(p).map_err(|_| bad("company profile", p))?),
        };
        Ok(Assessment {
            objective_texts,
            exclusions,
            profile,
            id,
            name: self.name,
            company: self.company,
            scope: Scope {
                kind,
                report_type,
                categories,
                objectives,
                observation,
            },
            created_at: timestamp(&self.created_at)?,
            updated_at: timestamp(&self.updated_at)?,
        })
    }
}

pub(crate) fn timestamp(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|_| StoreError::BadValue(format!("timestamp \"{s}\"")))
}
