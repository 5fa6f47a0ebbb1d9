//! The policy set of an assessment: policies adopted from templates (rendered from what the
//! assessment knows) or written by hand, every version of their text, approval and retirement.
//! Each save is its own transaction; a change carries the version it was made on.

use chrono::NaiveDate;
use preflight_catalog::Catalog;
use preflight_policies::render::RenderContext;
use preflight_policies::template::template;
use preflight_policies::{render, NewPolicy, Policy, PolicyEdit, PolicyError, PolicyVersion, Role};
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::risks::{json, list};
use crate::tasks::{bad, date, people_of, uuid};
use crate::{Store, StoreError};

impl Store {
    /// The policies of an assessment, in the order adopted, each with all its versions.
    pub fn policies(&self, assessment_id: Uuid) -> Result<Vec<Policy>, StoreError> {
        self.require_assessment(assessment_id)?;
        load_policies(&self.conn, assessment_id)
    }

    pub fn policy(&self, id: Uuid) -> Result<Policy, StoreError> {
        load_policy(&self.conn, id)?.ok_or_else(|| StoreError::UnknownPolicy(id.to_string()))
    }

    /// The policies in force, as (policy id, title, current version): not retired, with an
    /// approved version. Staff must acknowledge these versions.
    pub fn current_policies(
        &self,
        assessment_id: Uuid,
    ) -> Result<Vec<(String, String, u32)>, StoreError> {
        Ok(self
            .policies(assessment_id)?
            .into_iter()
            .filter(|p| p.retired_on.is_none())
            .filter_map(|p| {
                p.current()
                    .map(|v| (p.id.to_string(), p.title.clone(), v.number))
            })
            .collect())
    }

    /// The person holding a role, from the roles written in the people register (people who
    /// have left are skipped).
    pub fn role_holder(
        &self,
        assessment_id: Uuid,
        role: Role,
        today: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        role_holder(&self.conn, assessment_id, role, today)
    }

    /// Adopts policy templates, rendered for this assessment, as draft version 1 each; the
    /// owner is the person whose role matches the template's. All or nothing; a template
    /// already adopted is refused.
    pub fn adopt_policies(
        &mut self,
        _catalog: &Catalog,
        assessment_id: Uuid,
        template_ids: &[String],
        today: NaiveDate,
    ) -> Result<Vec<Policy>, StoreError> {
        let a = self.assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let mut out = Vec::new();
        for tid in template_ids {
            let t = template(tid.trim())?;
            let taken: Option<String> = tx
                .query_row(
                    "SELECT title FROM policy WHERE assessment_id = ?1 AND template_id = ?2",
                    params![assessment_id.to_string(), t.id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(title) = taken {
                return Err(PolicyError::AlreadyAdopted(title).into());
            }
            let owner = role_holder(&tx, assessment_id, t.owner_role, today)?;
            let holder = |r: Role| role_holder(&tx, assessment_id, r, today).ok().flatten();
            let cx = RenderContext {
                company: &a.company,
                service: a.profile.as_ref().map(|p| p.service.as_str()),
                owner: owner.as_deref(),
                role_holder: &holder,
            };
            let text = render(t.body, &cx)
                .map_err(|e| PolicyError::TemplateData(format!("{}: {e}", t.id)))?;
            let p = NewPolicy {
                title: t.title.clone(),
                text,
                owner,
                review_months: None,
                template_id: Some(t.id.clone()),
                criteria: t.criteria.clone(),
            }
            .build(assessment_id, &people, today)?;
            insert_policy(&tx, &p)?;
            out.push(p);
        }
        tx.commit()?;
        Ok(out)
    }

    /// A policy written by hand.
    pub fn create_policy(
        &mut self,
        assessment_id: Uuid,
        new: &NewPolicy,
        today: NaiveDate,
    ) -> Result<Policy, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, assessment_id)?;
        let p = new.build(assessment_id, &people, today)?;
        insert_policy(&tx, &p)?;
        tx.commit()?;
        Ok(p)
    }

    /// Edits a policy: a changed text of an approved policy becomes a new draft version.
    pub fn update_policy(
        &mut self,
        id: Uuid,
        edit: &PolicyEdit,
        today: NaiveDate,
    ) -> Result<Policy, StoreError> {
        let current = self.policy(id)?;
        let tx = self.conn.transaction()?;
        let people = people_of(&tx, current.assessment_id)?;
        let next = current.edit(edit, &people, today)?;
        save(&tx, &current, &next)?;
        tx.commit()?;
        Ok(next)
    }

    /// Approves the latest draft version: read-only from then on.
    pub fn approve_policy(
        &mut self,
        id: Uuid,
        version: u32,
        approver: &str,
        on: Option<&str>,
        today: NaiveDate,
    ) -> Result<Policy, StoreError> {
        let current = self.policy(id)?;
        let next = current.approve(version, approver, on, today)?;
        let tx = self.conn.transaction()?;
        save(&tx, &current, &next)?;
        tx.commit()?;
        Ok(next)
    }

    pub fn retire_policy(
        &mut self,
        id: Uuid,
        version: u32,
        today: NaiveDate,
    ) -> Result<Policy, StoreError> {
        let current = self.policy(id)?;
        let next = current.retire(version, today)?;
        let tx = self.conn.transaction()?;
        save(&tx, &current, &next)?;
        tx.commit()?;
        Ok(next)
    }
}

/// A policy read from a file, checked as if typed in, under a new id: a title and an owner on
/// the people list, every version's text within limits, versions numbered from 1, an approval
/// always with its name and date, none in the future.
pub(crate) fn checked_copy(
    p: &Policy,
    assessment_id: Uuid,
    people: &preflight_remediation::People,
    today: NaiveDate,
) -> Result<Policy, StoreError> {
    let first = p
        .versions
        .first()
        .ok_or_else(|| PolicyError::TemplateData(format!("{}: no version", p.title)))?;
    let mut fresh = NewPolicy {
        title: p.title.clone(),
        text: first.text.clone(),
        owner: p.owner.clone(),
        review_months: Some(i64::from(p.review_months)),
        template_id: p.template_id.clone(),
        criteria: p.criteria.clone(),
    }
    .build(assessment_id, people, first.created_on)?;
    fresh.versions.clear();
    for (i, v) in p.versions.iter().enumerate() {
        let check = NewPolicy {
            title: p.title.clone(),
            text: v.text.clone(),
            ..Default::default()
        };
        check.build(
            assessment_id,
            &preflight_remediation::People::default(),
            v.created_on,
        )?;
        let bad_number = u32::try_from(i + 1).ok() != Some(v.number);
        let half_approved = v.approved_by.is_some() != v.approved_on.is_some();
        let future = v.approved_on.is_some_and(|d| d > today) || v.created_on > today;
        if bad_number || half_approved || future {
            return Err(PolicyError::TemplateData(format!(
                "{}: version {} is not consistent",
                p.title, v.number
            ))
            .into());
        }
        fresh.versions.push(v.clone());
    }
    fresh.retired_on = p.retired_on;
    fresh.created_on = p.created_on;
    Ok(fresh)
}

fn role_holder(
    conn: &Connection,
    assessment_id: Uuid,
    role: Role,
    today: NaiveDate,
) -> Result<Option<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT name, role FROM person WHERE assessment_id = ?1 AND (end_date IS NULL OR end_date >= ?2)
         ORDER BY position, name",
    )?;
    let rows = stmt.query_map(params![assessment_id.to_string(), today.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (name, text) = row?;
        if role.matches(&text) {
            return Ok(Some(name));
        }
    }
    Ok(None)
}

pub(crate) fn insert_policy(conn: &Connection, p: &Policy) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO policy (id, assessment_id, position, template_id, title, owner, review_months, criteria, retired_on, created_on, version)
         VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM policy WHERE assessment_id = ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            p.id.to_string(),
            p.assessment_id.to_string(),
            p.template_id,
            p.title,
            p.owner,
            p.review_months,
            json(&p.criteria),
            p.retired_on.map(|d| d.to_string()),
            p.created_on.to_string(),
            p.version,
        ],
    )?;
    for v in &p.versions {
        insert_version(conn, p.id, v)?;
    }
    Ok(())
}

fn insert_version(conn: &Connection, policy: Uuid, v: &PolicyVersion) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO policy_version (policy_id, number, text, created_on, approved_by, approved_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            policy.to_string(),
            v.number,
            v.text,
            v.created_on.to_string(),
            v.approved_by,
            v.approved_on.map(|d| d.to_string()),
        ],
    )?;
    Ok(())
}

/// Saves a change made on `current`: refused when the saved policy moved on meanwhile.
fn save(conn: &Connection, current: &Policy, next: &Policy) -> Result<(), StoreError> {
    let n = conn.execute(
        "UPDATE policy SET title = ?2, owner = ?3, review_months = ?4, retired_on = ?5, version = ?6
         WHERE id = ?1 AND version = ?7",
        params![
            next.id.to_string(),
            next.title,
            next.owner,
            next.review_months,
            next.retired_on.map(|d| d.to_string()),
            next.version,
            current.version,
        ],
    )?;
    if n == 0 {
        return Err(PolicyError::StaleVersion {
            yours: current.version,
            saved: current.version + 1,
        }
        .into());
    }
    for v in &next.versions {
        match current.versions.iter().find(|c| c.number == v.number) {
            None => insert_version(conn, next.id, v)?,
            Some(old) if old != v => {
                conn.execute(
                    "UPDATE policy_version SET text = ?3, approved_by = ?4, approved_on = ?5
                     WHERE policy_id = ?1 AND number = ?2",
                    params![
                        next.id.to_string(),
                        v.number,
                        v.text,
                        v.approved_by,
                        v.approved_on.map(|d| d.to_string()),
                    ],
                )?;
            }
            Some(_) => {}
        }
    }
    Ok(())
}

type PolicyRow = (
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    i64,
    String,
    Option<String>,
    String,
    i64,
);

const POLICY_SELECT: &str = "SELECT id, assessment_id, template_id, title, owner, review_months, criteria, retired_on, created_on, version FROM policy";

fn policy_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PolicyRow> {
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
        r.get(9)?,
    ))
}

fn parse_policy(conn: &Connection, row: PolicyRow) -> Result<Policy, StoreError> {
    let (id, aid, template_id, title, owner, review, criteria, retired, created, version) = row;
    let id = uuid(&id)?;
    let mut stmt = conn.prepare_cached(
        "SELECT number, text, created_on, approved_by, approved_on FROM policy_version WHERE policy_id = ?1 ORDER BY number",
    )?;
    let versions = stmt
        .query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .map(|x| {
            let (n, text, created, by, on) = x?;
            Ok(PolicyVersion {
                number: u32::try_from(n).map_err(|_| bad("policy version", &n.to_string()))?,
                text,
                created_on: date(&created)?,
                approved_by: by,
                approved_on: on.as_deref().map(date).transpose()?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    if versions.is_empty() {
        return Err(bad("policy without versions", &id.to_string()));
    }
    Ok(Policy {
        id,
        assessment_id: uuid(&aid)?,
        template_id,
        title,
        owner,
        review_months: u32::try_from(review)
            .map_err(|_| bad("review cycle", &review.to_string()))?,
        criteria: list(&criteria)?,
        versions,
        retired_on: retired.as_deref().map(date).transpose()?,
        created_on: date(&created)?,
        version: u32::try_from(version).map_err(|_| bad("version", &version.to_string()))?,
    })
}

pub(crate) fn load_policies(
    conn: &Connection,
    assessment_id: Uuid,
) -> Result<Vec<Policy>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "{POLICY_SELECT} WHERE assessment_id = ?1 ORDER BY position, rowid"
    ))?;
    let rows = stmt
        .query_map([assessment_id.to_string()], policy_row)?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter().map(|r| parse_policy(conn, r)).collect()
}

fn load_policy(conn: &Connection, id: Uuid) -> Result<Option<Policy>, StoreError> {
    let row = conn
        .query_row(
            &format!("{POLICY_SELECT} WHERE id = ?1"),
            [id.to_string()],
            policy_row,
        )
        .optional()?;
    row.map(|r| parse_policy(conn, r)).transpose()
}
