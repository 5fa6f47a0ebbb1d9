//! The request list of an assessment: each item's owner, due date and status, the evidence
//! linked to it (many to many) with the date each file shows, and the auditor's comments read
//! back from the returned workbook. The items themselves come from `preflight-requests`.

use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_catalog::Catalog;
use preflight_requests::effective::DateCheck;
use preflight_requests::list::request_list;
use preflight_requests::{
    check_effective_date, items, rows, EvidenceWindow, RequestError, RequestRow, RequestState,
    RequestStatus,
};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

use crate::tasks::{bad, date, people_of, uuid};
use crate::{Store, StoreError};

/// A change of a request item typed in the window.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct RequestEdit {
    pub version: u32,
    #[serde(default)]
    pub owner: Option<String>,
    /// `YYYY-MM-DD` or blank.
    #[serde(default)]
    pub due: Option<String>,
    /// not_started, collected, delivered or accepted.
    pub status: String,
}

impl Store {
    /// The window evidence must fall in: the observation period (Type 2) or on or before the
    /// as-of date (Type 1).
    pub fn evidence_window(&self, assessment_id: Uuid) -> Result<EvidenceWindow, StoreError> {
        let a = self.assessment(assessment_id)?;
        Ok(EvidenceWindow::of(
            a.scope.observation,
            self.as_of_date(assessment_id)?,
        ))
    }

    /// The effective dates of an assessment's evidence.
    pub fn evidence_dates(
        &self,
        assessment_id: Uuid,
    ) -> Result<HashMap<Uuid, NaiveDate>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, effective_date FROM evidence WHERE assessment_id = ?1 AND effective_date IS NOT NULL",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (id, d) = row?;
            out.insert(uuid(&id)?, date(&d)?);
        }
        Ok(out)
    }

    fn evidence_assessment(&self, evidence_id: Uuid) -> Result<Uuid, StoreError> {
        let aid: Option<String> = self
            .conn
            .query_row(
                "SELECT assessment_id FROM evidence WHERE id = ?1 AND removed_at IS NULL",
                [evidence_id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        uuid(&aid.ok_or_else(|| StoreError::UnknownEvidence(evidence_id.to_string()))?)
    }

    /// Sets the date a piece of evidence shows. Refused in the wrong form or in the future;
    /// a date outside the window is saved and reported as not fitting.
    pub fn set_evidence_date(
        &mut self,
        evidence_id: Uuid,
        text: &str,
        today: NaiveDate,
    ) -> Result<DateCheck, StoreError> {
        let aid = self.evidence_assessment(evidence_id)?;
        let check = check_effective_date(text, today, self.evidence_window(aid)?)?;
        self.conn.execute(
            "UPDATE evidence SET effective_date = ?2 WHERE id = ?1",
            params![evidence_id.to_string(), check.date.to_string()],
        )?;
        Ok(check)
    }

    fn require_request(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        request_id: &str,
    ) -> Result<(), StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let all = items()?;
        if request_list(&effective, &a.scope, all)
            .iter()
            .any(|l| l.item.id == request_id)
        {
            Ok(())
        } else {
            Err(RequestError::UnknownItem(request_id.to_string()).into())
        }
    }

    /// Links a piece of evidence to a request item of its assessment.
    pub fn link_evidence_to_request(
        &mut self,
        catalog: &Catalog,
        evidence_id: Uuid,
        request_id: &str,
    ) -> Result<(), StoreError> {
        let aid = self.evidence_assessment(evidence_id)?;
        self.require_request(catalog, aid, request_id.trim())?;
        self.conn.execute(
            "INSERT OR IGNORE INTO evidence_request (evidence_id, assessment_id, request_id) VALUES (?1, ?2, ?3)",
            params![evidence_id.to_string(), aid.to_string(), request_id.trim()],
        )?;
        Ok(())
    }

    pub fn unlink_evidence_from_request(
        &mut self,
        evidence_id: Uuid,
        request_id: &str,
    ) -> Result<(), StoreError> {
        self.conn.execute(
            "DELETE FROM evidence_request WHERE evidence_id = ?1 AND request_id = ?2",
            params![evidence_id.to_string(), request_id.trim()],
        )?;
        Ok(())
    }

    /// (evidence id, request id) pairs of an assessment.
    pub fn request_links(&self, assessment_id: Uuid) -> Result<Vec<(Uuid, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT evidence_id, request_id FROM evidence_request WHERE assessment_id = ?1 ORDER BY request_id, rowid")?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (e, r) = row?;
            out.push((uuid(&e)?, r));
        }
        Ok(out)
    }

    pub fn request_states(
        &self,
        assessment_id: Uuid,
    ) -> Result<HashMap<String, RequestState>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT request_id, owner, due, set_status, auditor_comment, auditor_status, version FROM request_state WHERE assessment_id = ?1",
        )?;
        let rows = stmt.query_map([assessment_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?;
        let mut out = HashMap::new();
        for row in rows {
            let (rid, owner, due, set, comment, status, version) = row?;
            out.insert(
                rid.clone(),
                RequestState {
                    request_id: rid,
                    owner,
                    due: due.as_deref().map(date).transpose()?,
                    set_status: set
                        .as_deref()
                        .map(RequestStatus::parse)
                        .transpose()
                        .map_err(|_| bad("request status", set.as_deref().unwrap_or("")))?,
                    auditor_comment: comment,
                    auditor_status: status,
                    version: u32::try_from(version)
                        .map_err(|_| bad("version", &version.to_string()))?,
                },
            );
        }
        Ok(out)
    }

    /// The request list of an assessment, row by row.
    pub fn request_rows(
        &self,
        catalog: &Catalog,
        assessment_id: Uuid,
        today: NaiveDate,
    ) -> Result<Vec<RequestRow>, StoreError> {
        let a = self.assessment(assessment_id)?;
        let effective = preflight_assessment::objectives::effective_catalog(catalog, &a);
        let all = items()?;
        let listed = request_list(&effective, &a.scope, all);
        let links = self.request_links(assessment_id)?;
        // The evidence is read only to describe the linked files: none linked, none read (an
        // assessment may hold tens of thousands of evidence records).
        let mut evidence = Vec::new();
        if !links.is_empty() {
            evidence = self.evidence(assessment_id)?;
            evidence.extend(self.removed_evidence(assessment_id)?);
        }
        Ok(rows(
            &listed,
            &self.request_states(assessment_id)?,
            &links,
            &evidence,
            &self.evidence_dates(assessment_id)?,
            self.evidence_window(assessment_id)?,
            today,
        ))
    }

    /// Saves a request item's owner, due date and status. "Collected" and beyond need evidence
    /// with a valid date; a change made on an older version is refused.
    pub fn update_request(
        &mut self,
        catalog: &Catalog,
        assessment_id: Uuid,
        request_id: &str,
        edit: &RequestEdit,
        today: NaiveDate,
    ) -> Result<RequestRow, StoreError> {
        let row = self
            .request_rows(catalog, assessment_id, today)?
            .into_iter()
            .find(|r| r.id == request_id.trim())
            .ok_or_else(|| RequestError::UnknownItem(request_id.to_string()))?;
        if row.version != edit.version {
            return Err(RequestError::StaleVersion {
                yours: edit.version,
                saved: row.version,
            }
            .into());
        }
        let wanted = RequestStatus::parse(&edit.status)?;
        let valid = row.evidence.iter().any(|e| e.is_valid());
        let set = RequestState::check_status(&row.item, wanted, valid)?;
        let owner = people_of(&self.conn, assessment_id)?.resolve_owner(edit.owner.as_deref())?;
        let due = preflight_remediation::fields::parse_due_date(edit.due.as_deref())?;
        self.conn.execute(
            "INSERT INTO request_state (assessment_id, request_id, owner, due, set_status, version) VALUES (?1, ?2, ?3, ?4, ?5, 2)
             ON CONFLICT (assessment_id, request_id) DO UPDATE SET owner = excluded.owner, due = excluded.due,
                set_status = excluded.set_status, version = request_state.version + 1",
            params![assessment_id.to_string(), row.id, owner, due.map(|d| d.to_string()), set.map(|s| s.as_str())],
        )?;
        self.request_rows(catalog, assessment_id, today)?
            .into_iter()
            .find(|r| r.id == row.id)
            .ok_or_else(|| RequestError::UnknownItem(row.id.clone()).into())
    }

    /// Saves the auditor's comments and statuses on request items (from a returned workbook),
    /// in one transaction; returns how many changed.
    pub fn save_request_review(
        &mut self,
        assessment_id: Uuid,
        entries: &[(String, String, Option<String>)],
    ) -> Result<usize, StoreError> {
        self.require_assessment(assessment_id)?;
        let tx = self.conn.transaction()?;
        let mut changed = 0;
        for (rid, comment, status) in entries {
            let n = tx.execute(
                "INSERT INTO request_state (assessment_id, request_id, auditor_comment, auditor_status) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (assessment_id, request_id) DO UPDATE SET auditor_comment = excluded.auditor_comment,
                    auditor_status = excluded.auditor_status, version = request_state.version + 1
                 WHERE request_state.auditor_comment IS NOT excluded.auditor_comment
                    OR request_state.auditor_status IS NOT excluded.auditor_status",
                params![assessment_id.to_string(), rid, comment, status],
            )?;
            changed += n;
        }
        tx.commit()?;
        Ok(changed)
    }
}
