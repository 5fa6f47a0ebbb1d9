//! The people register: the people list that task, risk, vendor and policy owners come from,
//! with what an auditor samples (role, employee or contractor, start and end dates, background
//! check, training, policy acknowledgements, access removal). Each save is its own
//! transaction; an edit carries the version it was made on. Renaming a person renames them as
//! owner everywhere (the foreign keys cascade).

use chrono::NaiveDate;
use preflight_people::import::{preview, ImportPreview};
use preflight_people::person::{Acknowledgement, BackgroundCheck, PersonKind};
use preflight_people::{PeopleError, Person, PersonInput};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::tasks::{bad, date};
use crate::{Store, StoreError};

/// What an accepted people import saved.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PeopleImport {
    pub report: ImportPreview,
    pub saved: usize,
}

impl Store {
    /// The people register of an assessment, in the order people were added.
    pub fn persons(&self, assessment_id: Uuid) -> Result<Vec<Person>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_persons(&self.conn, assessment_id)
    }

    pub fn person(&self, assessment_id: Uuid, name: &str) -> Result<Person, StoreError> {
        self.persons(assessment_id)?
            .into_iter()
            .find(|p| {
                p.name.eq_ignore_ascii_case(name.trim())
                    || p.name.to_lowercase() == name.trim().to_lowercase()
            })
            .ok_or_else(|| {
                preflight_remediation::RemediationError::UnknownPerson(name.trim().to_string())
                    .into()
            })
    }

    /// Adds a person with everything the register holds.
    pub fn create_person(
        &mut self,
        assessment_id: Uuid,
        input: &PersonInput,
        today: NaiveDate,
    ) -> Result<Person, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let names = names(&tx, assessment_id)?;
        let p = input.build(&names, today, |pid, v| {
            version_exists(&tx, assessment_id, pid, v)
        })?;
        insert_person(&tx, assessment_id, &p)?;
        tx.commit()?;
        Ok(p)
    }

    /// Saves an edit made on `version` of the person named `name`. A new name renames them as
    /// owner of their tasks, risks, vendors and policies too.
    pub fn update_person(
        &mut self,
        assessment_id: Uuid,
        name: &str,
        version: u32,
        input: &PersonInput,
        today: NaiveDate,
    ) -> Result<Person, StoreError> {
        let current = self.person(assessment_id, name)?;
        let tx = self.conn.transaction()?;
        let others: Vec<String> = names(&tx, assessment_id)?
            .into_iter()
            .filter(|n| n != &current.name)
            .collect();
        let next = current.edit(version, input, &others, today, |pid, v| {
            version_exists(&tx, assessment_id, pid, v)
        })?;
        let n = tx.execute(
            "UPDATE person SET name = ?3, role = ?4, kind = ?5, start_date = ?6, end_date = ?7,
                background_check = ?8, training = ?9, access_removed_on = ?10, version = ?11
             WHERE assessment_id = ?1 AND name = ?2 AND version = ?12",
            params![
                assessment_id.to_string(),
                current.name,
                next.name,
                next.role,
                next.kind.as_str(),
                next.start_date.map(|d| d.to_string()),
                next.end_date.map(|d| d.to_string()),
                json_of(&next.background_check)?,
                json_of(&next.training)?,
                next.access_removed_on.map(|d| d.to_string()),
                next.version,
                version,
            ],
        )?;
        if n == 0 {
            return Err(PeopleError::StaleVersion {
                yours: version,
                saved: current.version,
            }
            .into());
        }
        tx.execute(
            "DELETE FROM acknowledgement WHERE assessment_id = ?1 AND person = ?2",
            params![assessment_id.to_string(), next.name],
        )?;
        insert_acks(&tx, assessment_id, &next)?;
        tx.commit()?;
        Ok(next)
    }

    /// Records that a person acknowledged the given policy versions on a day (the current
    /// versions, usually). One transaction; a version that does not exist is refused.
    pub fn acknowledge(
        &mut self,
        assessment_id: Uuid,
        name: &str,
        versions: &[(Uuid, u32)],
        on: &str,
        today: NaiveDate,
    ) -> Result<Person, StoreError> {
        let current = self.person(assessment_id, name)?;
        let mut input = current.to_input();
        for (pid, v) in versions {
            input
                .acknowledgements
                .push(preflight_people::person::AcknowledgementInput {
                    policy_id: pid.to_string(),
                    version: *v,
                    on: on.to_string(),
                });
        }
        self.update_person(assessment_id, &current.name, current.version, &input, today)
    }

    /// Reads an HR export (CSV) and reports row by row what would be taken; saves nothing.
    pub fn preview_people_import(
        &self,
        assessment_id: Uuid,
        bytes: &[u8],
        today: NaiveDate,
    ) -> Result<ImportPreview, StoreError> {
        self.require_assessment(assessment_id)?;
        let names = names(&self.conn, assessment_id)?;
        Ok(preview(bytes, &names, today)?)
    }

    /// Imports an HR export: with any row rejected nothing is saved unless `good_rows_only`.
    pub fn import_people(
        &mut self,
        assessment_id: Uuid,
        bytes: &[u8],
        good_rows_only: bool,
        today: NaiveDate,
    ) -> Result<PeopleImport, StoreError> {
        let report = self.preview_people_import(assessment_id, bytes, today)?;
        let inputs = report.accepted(good_rows_only)?;
        let tx = self.conn.transaction()?;
        let mut names = names(&tx, assessment_id)?;
        for input in &inputs {
            let p = input.build(&names, today, |pid, v| {
                version_exists(&tx, assessment_id, pid, v)
            })?;
            insert_person(&tx, assessment_id, &p)?;
            names.push(p.name);
        }
        tx.commit()?;
        Ok(PeopleImport {
            saved: inputs.len(),
            report,
        })
    }
}

fn json_of<T: serde::Serialize>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::BadValue(e.to_string()))
}

fn names(conn: &Connection, assessment_id: Uuid) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached("SELECT name FROM person WHERE assessment_id = ?1")?;
    let rows = stmt.query_map([assessment_id.to_string()], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Whether `policy_id` names a policy of this assessment that has version `version`.
fn version_exists(conn: &Connection, assessment_id: Uuid, policy_id: &str, version: u32) -> bool {
    conn.query_row(
        "SELECT 1 FROM policy_version v JOIN policy p ON p.id = v.policy_id
         WHERE p.assessment_id = ?1 AND p.id = ?2 AND v.number = ?3",
        params![assessment_id.to_string(), policy_id, version],
        |_| Ok(()),
    )
    .optional()
    .ok()
    .flatten()
    .is_some()
}

pub(crate) fn insert_person(
    conn: &Connection,
    assessment_id: Uuid,
    p: &Person,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO person (assessment_id, name, position, role, kind, start_date, end_date, background_check, training, access_removed_on, version)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE assessment_id = ?1), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            assessment_id.to_string(),
            p.name,
            p.role,
            p.kind.as_str(),
            p.start_date.map(|d| d.to_string()),
            p.end_date.map(|d| d.to_string()),
            json_of(&p.background_check)?,
            json_of(&p.training)?,
            p.access_removed_on.map(|d| d.to_string()),
            p.version,
        ],
    )?;
    insert_acks(conn, assessment_id, p)
}

fn insert_acks(conn: &Connection, assessment_id: Uuid, p: &Person) -> Result<(), StoreError> {
    for a in &p.acknowledgements {
        conn.execute(
            "INSERT OR IGNORE INTO acknowledgement (assessment_id, person, policy_id, version, acknowledged_on)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![assessment_id.to_string(), p.name, a.policy_id, a.version, a.on.to_string()],
        )?;
    }
    Ok(())
}

type PersonRow = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
);

pub(crate) fn load_persons(
    conn: &Connection,
    assessment_id: Uuid,
) -> Result<Vec<Person>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, role, kind, start_date, end_date, background_check, training, access_removed_on, version
         FROM person WHERE assessment_id = ?1 ORDER BY position, name",
    )?;
    let rows: Vec<PersonRow> = stmt
        .query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut acks = conn.prepare_cached(
        "SELECT policy_id, version, acknowledged_on FROM acknowledgement
         WHERE assessment_id = ?1 AND person = ?2 ORDER BY policy_id, version, acknowledged_on",
    )?;
    let mut out = Vec::new();
    for (name, role, kind, start, end, check, training, removed, version) in rows {
        let acknowledgements = acks
            .query_map(params![assessment_id.to_string(), name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .map(|x| {
                let (policy_id, v, on) = x?;
                Ok(Acknowledgement {
                    policy_id,
                    version: u32::try_from(v)
                        .map_err(|_| bad("acknowledged version", &v.to_string()))?,
                    on: date(&on)?,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        out.push(Person {
            kind: PersonKind::parse(&kind).map_err(|_| bad("person kind", &kind))?,
            background_check: serde_json::from_str::<BackgroundCheck>(&check)
                .map_err(|_| bad("background check", &check))?,
            training: serde_json::from_str(&training)
                .map_err(|_| bad("training dates", &training))?,
            start_date: start.as_deref().map(date).transpose()?,
            end_date: end.as_deref().map(date).transpose()?,
            access_removed_on: removed.as_deref().map(date).transpose()?,
            version: u32::try_from(version).map_err(|_| bad("version", &version.to_string()))?,
            acknowledgements,
            name,
            role,
        });
    }
    Ok(out)
}
