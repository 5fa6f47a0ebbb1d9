//! The risk register of an assessment and its recorded risk assessments. Each save is its own
//! transaction; an edit carries the version it was made on and is refused when the risk
//! changed since. Recording a risk assessment ticks the Type 2 calendar's yearly duty in the
//! same transaction.

use std::collections::HashSet;

use chrono::NaiveDate;
use preflight_assessment::ReportType;
use preflight_catalog::Catalog;
use preflight_remediation::{Duty, NewOccurrence};
use preflight_risks::starter::starter;
use preflight_risks::{
    Acceptance, Category, ReviewInput, Risk, RiskContext, RiskInput, RiskReview, Treatment,
};
use rusqlite::{params, Connection, OptionalExtension, Row};
use uuid::Uuid;

use crate::tasks::{bad, date, insert_occurrence, people_of, uuid};
use crate::{Store, StoreError};

const RISK_COLUMNS: &str = "id, assessment_id, starter_id, title, description, category, likelihood, impact, treatment, treatment_reason, accepted_by, accepted_on, owner, criteria, questions, residual_likelihood, residual_impact, created_on, updated_on, version";

impl Store {
    /// The risks of an assessment, in the order they were added.
    pub fn risks(&self, assessment_id: Uuid) -> Result<Vec<Risk>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_risks(&self.conn, assessment_id)
    }

    pub fn risk(&self, id: Uuid) -> Result<Risk, StoreError> {
        load_risk(&self.conn, id)?.ok_or_else(|| StoreError::UnknownRisk(id.to_string()))
    }

    /// Adds a risk typed in by the user (or adopted from a starter, then `starter_id` is set).
    pub fn create_risk(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        input: &RiskInput,
        today: NaiveDate,
    ) -> Result<Risk, StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let tasks = task_ids(&tx, assessment_id)?;
        let cx = RiskContext {
            catalog: &effective,
            people: &people,
            task_ids: &tasks,
            today,
        };
        let risk = input.build(assessment_id, None, &cx)?;
        insert_risk(&tx, &risk)?;
        tx.commit()?;
        Ok(risk)
    }

    /// Adopts starter risks, all or nothing. Starters already adopted in this assessment are
    /// skipped. A starter that proposes accepting the risk needs `accepted_by`.
    pub fn adopt_starter_risks(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        starter_ids: &[String],
        accepted_by: Option<&str>,
        today: NaiveDate,
    ) -> Result<Vec<Risk>, StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let tasks = task_ids(&tx, assessment_id)?;
        let cx = RiskContext {
            catalog: &effective,
            people: &people,
            task_ids: &tasks,
            today,
        };
        let mut adopted: HashSet<String> = {
            let mut stmt = tx.prepare_cached(
                "SELECT starter_id FROM risk WHERE assessment_id = ?1 AND starter_id IS NOT NULL",
            )?;
            let rows = stmt.query_map([assessment_id.to_string()], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<_, _>>()?
        };
        let mut out = Vec::new();
        for id in starter_ids {
            let s = starter(id.trim())?;
            if !adopted.insert(s.id.clone()) {
                continue;
            }
            let risk = s
                .to_input(accepted_by)
                .build(assessment_id, Some(s.id.clone()), &cx)
                .map_err(|e| StoreError::Starter(format!("Starter risk \"{}\": {e}", s.title)))?;
            insert_risk(&tx, &risk)?;
            out.push(risk);
        }
        tx.commit()?;
        Ok(out)
    }

    /// Saves an edit made on `version`; refused with `stale_version` when the risk changed.
    pub fn update_risk(
        &mut self,
        catalog: &Catalog,
        id: Uuid,
        version: u32,
        input: &RiskInput,
        today: NaiveDate,
    ) -> Result<Risk, StoreError> {
        let current = self.risk(id)?;
        let a = self.assessment(current.assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, current.assessment_id)?;
        let tasks = task_ids(&tx, current.assessment_id)?;
        let cx = RiskContext {
            catalog: &effective,
            people: &people,
            task_ids: &tasks,
            today,
        };
        let next = current.edit(version, input, &cx)?;
        let mut values = risk_values(&next);
        values.push(Box::new(version));
        let n = tx.execute(
            &format!(
                "UPDATE risk SET ({RISK_COLUMNS}) = ({}) WHERE id = ?1 AND version = ?{}",
                placeholders(RISK_COLUMN_COUNT),
                RISK_COLUMN_COUNT + 1
            ),
            rusqlite::params_from_iter(values),
        )?;
        if n == 0 {
            return Err(preflight_risks::RiskError::StaleVersion {
                yours: version,
                saved: current.version,
            }
            .into());
        }
        tx.execute("DELETE FROM risk_task WHERE risk_id = ?1", [id.to_string()])?;
        insert_risk_tasks(&tx, &next)?;
        tx.commit()?;
        Ok(next)
    }

    pub fn delete_risk(&mut self, id: Uuid) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute("DELETE FROM risk WHERE id = ?1", [id.to_string()])?;
        if n == 0 {
            return Err(StoreError::UnknownRisk(id.to_string()));
        }
        Ok(())
    }

    /// Records this year's risk assessment with a snapshot of the register as it is now, and,
    /// for a Type 2 assessment, ticks the calendar's yearly risk-assessment duty on the day it
    /// was held. One transaction.
    pub fn record_risk_review(
        &mut self,
        assessment_id: Uuid,
        input: &ReviewInput,
        today: NaiveDate,
    ) -> Result<RiskReview, StoreError> {
        let a = self.assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let register = load_risks(&tx, assessment_id)?;
        let review = input.build(assessment_id, &register, today)?;
        let occurrence = if a.scope.report_type == ReportType::Type2 {
            let o = NewOccurrence {
                duty: Duty::RiskAssessment,
                done_on: review.held_on.to_string(),
                evidence_id: None,
                note: format!(
                    "Risk assessment recorded in the register ({} risks).",
                    register.len()
                ),
            }
            .build(assessment_id)?;
            insert_occurrence(&tx, &o)?;
            Some(o.id)
        } else {
            None
        };
        let register_json = serde_json::to_string(&review.register)
            .map_err(|e| StoreError::BadValue(format!("risk register snapshot: {e}")))?;
        tx.execute(
            "INSERT INTO risk_review (id, assessment_id, held_on, participants, summary, register, recorded_on, occurrence_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                review.id.to_string(),
                assessment_id.to_string(),
                review.held_on.to_string(),
                json(&review.participants),
                review.summary,
                register_json,
                review.recorded_on.to_string(),
                occurrence.map(|o| o.to_string()),
            ],
        )?;
        tx.commit()?;
        Ok(review)
    }

    /// (risk assessment id, the Type 2 calendar occurrence it ticked) pairs of an assessment.
    pub fn risk_review_occurrences(
        &self,
        assessment_id: Uuid,
    ) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, occurrence_id FROM risk_review WHERE assessment_id = ?1 AND occurrence_id IS NOT NULL",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (review, occurrence) = row?;
            out.push((uuid(&review)?, uuid(&occurrence)?));
        }
        Ok(out)
    }

    /// The recorded risk assessments, oldest first.
    pub fn risk_reviews(&self, assessment_id: Uuid) -> Result<Vec<RiskReview>, StoreError> {
        self.require_assessment(assessment_id)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, held_on, participants, summary, register, recorded_on FROM risk_review
             WHERE assessment_id = ?1 ORDER BY held_on, rowid",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, held_on, participants, summary, register, recorded_on) = row?;
            out.push(RiskReview {
                id: uuid(&id)?,
                assessment_id,
                held_on: date(&held_on)?,
                participants: list(&participants)?,
                summary,
                register: serde_json::from_str(&register)
                    .map_err(|_| bad("risk register snapshot", &id))?,
                recorded_on: date(&recorded_on)?,
            });
        }
        Ok(out)
    }
}

/// A list of short texts as stored: a JSON array.
pub(crate) fn json(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn list(text: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(text).map_err(|_| bad("list", text))
}

pub(crate) fn task_ids(
    conn: &Connection,
    assessment_id: Uuid,
) -> Result<HashSet<Uuid>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT id FROM task WHERE assessment_id = ?1")?;
    let rows = stmt.query_map([assessment_id.to_string()], |r| r.get::<_, String>(0))?;
    let mut out = HashSet::new();
    for r in rows {
        out.insert(uuid(&r?)?);
    }
    Ok(out)
}

const RISK_COLUMN_COUNT: usize = 20;

/// `?1, ?2, ... ?n`.
pub(crate) fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A risk's values in the order of [`RISK_COLUMNS`].
fn risk_values(r: &Risk) -> Vec<Box<dyn rusqlite::ToSql>> {
    vec![
        Box::new(r.id.to_string()),
        Box::new(r.assessment_id.to_string()),
        Box::new(r.starter_id.clone()),
        Box::new(r.title.clone()),
        Box::new(r.description.clone()),
        Box::new(r.category.as_str()),
        Box::new(r.likelihood.get()),
        Box::new(r.impact.get()),
        Box::new(r.treatment.as_str()),
        Box::new(r.treatment_reason.clone()),
        Box::new(r.acceptance.as_ref().map(|a| a.accepted_by.clone())),
        Box::new(r.acceptance.as_ref().map(|a| a.accepted_on.to_string())),
        Box::new(r.owner.clone()),
        Box::new(json(&r.criteria)),
        Box::new(json(&r.questions)),
        Box::new(r.residual_likelihood.get()),
        Box::new(r.residual_impact.get()),
        Box::new(r.created_on.to_string()),
        Box::new(r.updated_on.to_string()),
        Box::new(r.version),
    ]
}

pub(crate) fn insert_risk(conn: &Connection, r: &Risk) -> Result<(), StoreError> {
    conn.execute(
        &format!(
            "INSERT INTO risk ({RISK_COLUMNS}, position) VALUES ({},
             (SELECT coalesce(max(position), 0) + 1 FROM risk WHERE assessment_id = ?2))",
            placeholders(RISK_COLUMN_COUNT)
        ),
        rusqlite::params_from_iter(risk_values(r)),
    )?;
    insert_risk_tasks(conn, r)
}

fn insert_risk_tasks(conn: &Connection, r: &Risk) -> Result<(), StoreError> {
    for (i, t) in r.tasks.iter().enumerate() {
        conn.execute(
            "INSERT INTO risk_task (risk_id, task_id, position) VALUES (?1, ?2, ?3)",
            params![r.id.to_string(), t.to_string(), i as i64],
        )?;
    }
    Ok(())
}

fn level(v: i64, what: &'static str) -> Result<preflight_risks::Level, StoreError> {
    preflight_risks::Level::new(v, what).map_err(|_| bad(what, &v.to_string()))
}

fn risk_from_row(r: &Row<'_>) -> rusqlite::Result<[Option<String>; 20]> {
    let mut out: [Option<String>; 20] = Default::default();
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = match r.get_ref(i)? {
            rusqlite::types::ValueRef::Null => None,
            rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
            v => Some(v.as_str().map(str::to_string).unwrap_or_default()),
        };
    }
    Ok(out)
}

fn parse_risk(conn: &Connection, c: [Option<String>; 20]) -> Result<Risk, StoreError> {
    let s = |i: usize| c[i].clone().unwrap_or_default();
    let n = |i: usize, what: &'static str| -> Result<i64, StoreError> {
        s(i).parse::<i64>().map_err(|_| bad(what, &s(i)))
    };
    let id = uuid(&s(0))?;
    let acceptance = match (&c[10], &c[11]) {
        (Some(by), Some(on)) => Some(Acceptance {
            accepted_by: by.clone(),
            accepted_on: date(on)?,
        }),
        _ => None,
    };
    let mut stmt =
        conn.prepare_cached("SELECT task_id FROM risk_task WHERE risk_id = ?1 ORDER BY position")?;
    let tasks = stmt
        .query_map([id.to_string()], |r| r.get::<_, String>(0))?
        .map(|t| t.map_err(StoreError::from).and_then(|t| uuid(&t)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Risk {
        id,
        assessment_id: uuid(&s(1))?,
        starter_id: c[2].clone(),
        title: s(3),
        description: s(4),
        category: Category::parse(&s(5)).map_err(|_| bad("risk category", &s(5)))?,
        likelihood: level(n(6, "likelihood")?, "likelihood")?,
        impact: level(n(7, "impact")?, "impact")?,
        treatment: Treatment::parse(&s(8)).map_err(|_| bad("treatment", &s(8)))?,
        treatment_reason: s(9),
        acceptance,
        owner: c[12].clone(),
        criteria: list(&s(13))?,
        questions: list(&s(14))?,
        tasks,
        residual_likelihood: level(n(15, "residual likelihood")?, "residual likelihood")?,
        residual_impact: level(n(16, "residual impact")?, "residual impact")?,
        created_on: date(&s(17))?,
        updated_on: date(&s(18))?,
        version: u32::try_from(n(19, "version")?).map_err(|_| bad("version", &s(19)))?,
    })
}

pub(crate) fn load_risks(conn: &Connection, assessment_id: Uuid) -> Result<Vec<Risk>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RISK_COLUMNS} FROM risk WHERE assessment_id = ?1 ORDER BY position, rowid"
    ))?;
    let rows = stmt
        .query_map([assessment_id.to_string()], risk_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|c| parse_risk(conn, c)).collect()
}

fn load_risk(conn: &Connection, id: Uuid) -> Result<Option<Risk>, StoreError> {
    let row = conn
        .query_row(
            &format!("SELECT {RISK_COLUMNS} FROM risk WHERE id = ?1"),
            [id.to_string()],
            risk_from_row,
        )
        .optional()?;
    row.map(|c| parse_risk(conn, c)).transpose()
}
