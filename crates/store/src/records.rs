//! The records section of the portable file (format version 3): the remediation tasks with
//! their status history, the evidence records (with the date each file shows and the request
//! items it answers), the duty occurrences of the Type 2 calendar, the readiness snapshots
//! behind the trend line, and the auditor's comments read back from a returned workbook.
//!
//! With them the file holds the whole assessment, so it is also how a founder moves to a new
//! laptop. Ids are kept as saved, so links between records (a risk's tasks, a vendor report's
//! stored file, a duty's evidence) survive; when the file is loaded as a copy beside the
//! assessment it came from, every task, evidence record and duty occurrence gets a new id and
//! the links follow them ([`IdMap`]).
//!
//! Every record is checked on loading as if it were typed in. The evidence files themselves are
//! not in the JSON: the `.preflight` archive ([`crate::archive`]) carries them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use preflight_remediation::evidence::stored_path;
use preflight_remediation::{DutyOccurrence, Evidence, People, RemediationError, Snapshot, Task};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::review::{AuditorComment, STATUS_CODES};
use crate::tasks::{insert_occurrence, insert_task};
use crate::{Store, StoreError};
use preflight_assessment::portable::PortableError;

/// The most characters a duty occurrence's note may hold (as typed in the window).
const MAX_NOTE_CHARS: usize = preflight_remediation::fields::MAX_TEXT_CHARS;

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Records {
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    #[serde(default)]
    pub duty_occurrences: Vec<DutyOccurrence>,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    #[serde(default)]
    pub auditor_comments: Vec<AuditorComment>,
}

/// An evidence record with what the request list knows of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    #[serde(flatten)]
    pub evidence: Evidence,
    /// The date the file shows (not the day it was attached), when the user gave one.
    #[serde(default)]
    pub effective_date: Option<NaiveDate>,
    /// The request items it answers.
    #[serde(default)]
    pub requests: Vec<String>,
}

/// Old id to the id a record got on loading.
#[derive(Debug, Default)]
pub struct IdMap {
    pub tasks: HashMap<Uuid, Uuid>,
    pub evidence: HashMap<Uuid, Uuid>,
    pub occurrences: HashMap<Uuid, Uuid>,
}

impl IdMap {
    pub fn task(&self, old: Uuid) -> Option<Uuid> {
        self.tasks.get(&old).copied()
    }
    pub fn evidence(&self, old: Uuid) -> Option<Uuid> {
        self.evidence.get(&old).copied()
    }
    pub fn occurrence(&self, old: Uuid) -> Option<Uuid> {
        self.occurrences.get(&old).copied()
    }
}

/// The records of an assessment, as the portable file carries them.
pub fn records_of(store: &Store, id: Uuid) -> Result<Records, StoreError> {
    let dates = store.evidence_dates(id)?;
    let mut links: HashMap<Uuid, Vec<String>> = HashMap::new();
    for (e, r) in store.request_links(id)? {
        links.entry(e).or_default().push(r);
    }
    let mut evidence = store.evidence(id)?;
    evidence.extend(store.removed_evidence(id)?);
    let evidence = evidence
        .into_iter()
        .map(|e| EvidenceRecord {
            effective_date: dates.get(&e.id).copied(),
            requests: links.remove(&e.id).unwrap_or_default(),
            evidence: e,
        })
        .collect();
    Ok(Records {
        tasks: store.tasks(id)?,
        evidence,
        duty_occurrences: store.duty_occurrences(id)?,
        snapshots: store.snapshot_history(id)?,
        auditor_comments: store.auditor_comments(id)?,
    })
}

/// The records section as JSON.
pub fn records_json(store: &Store, id: Uuid) -> Result<serde_json::Value, StoreError> {
    serde_json::to_value(records_of(store, id)?)
        .map_err(|e| StoreError::BadValue(format!("records: {e}")))
}

/// Reads the records section, or none for a file older than format version 3.
pub fn read_records(value: Option<&serde_json::Value>) -> Result<Records, StoreError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(Records::default()),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| PortableError::WrongShape(format!("the records section: {e}")).into()),
    }
}

fn wrong(what: String) -> StoreError {
    PortableError::WrongShape(what).into()
}

/// Saves loaded records for assessment `a` inside the caller's transaction, after its people
/// are in. With `fresh_ids`, tasks, evidence and duty occurrences get new ids.
pub(crate) fn save_records(
    tx: &Transaction<'_>,
    catalog: &Catalog,
    a: &Assessment,
    people: &People,
    records: &Records,
    fresh_ids: bool,
) -> Result<IdMap, StoreError> {
    let effective = preflight_assessment::objectives::effective_catalog(catalog, a);
    let new_id = |old: Uuid| if fresh_ids { Uuid::new_v4() } else { old };
    let mut ids = IdMap::default();
    // The request items evidence may answer, read once for all records.
    let known_requests: HashSet<String> = if records.evidence.iter().any(|r| !r.requests.is_empty())
    {
        preflight_requests::items()?
            .iter()
            .map(|i| i.id.clone())
            .collect()
    } else {
        HashSet::new()
    };
    for t in &records.tasks {
        let id = new_id(t.id);
        if ids.tasks.insert(t.id, id).is_some() {
            return Err(wrong(format!("the task {} appears twice", t.id)));
        }
        let task = t.checked_copy(&effective, a.id, id, people)?;
        insert_task(tx, &task)?;
    }
    for r in &records.evidence {
        let e = &r.evidence;
        let id = new_id(e.id);
        if ids.evidence.insert(e.id, id).is_some() {
            return Err(wrong(format!("the evidence record {} appears twice", e.id)));
        }
        if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(wrong(format!(
                "the evidence record {} has no valid SHA-256",
                e.id
            )));
        }
        let name = e.original_name.trim();
        if name.is_empty() || name.chars().count() > 1_000 {
            return Err(wrong(format!(
                "the evidence record {} has no usable file name",
                e.id
            )));
        }
        let task_id = match e.task_id {
            None => None,
            Some(t) => Some(ids.task(t).ok_or_else(|| {
                wrong(format!(
                    "the evidence record {} is attached to a task the file does not hold",
                    e.id
                ))
            })?),
        };
        let question_id = match e.question_id.as_deref() {
            None => None,
            Some(q) => Some(
                effective
                    .question(q)
                    .ok_or_else(|| RemediationError::UnknownQuestion(q.to_string()))?
                    .id
                    .clone(),
            ),
        };
        if question_id.is_some() == task_id.is_some() {
            return Err(RemediationError::EvidenceLink.into());
        }
        let fresh = Evidence {
            id,
            assessment_id: a.id,
            original_name: name.to_string(),
            stored_path: stored_path(a.id, id, name),
            size: e.size,
            sha256: e.sha256.to_ascii_lowercase(),
            collected_on: e.collected_on,
            question_id,
            task_id,
            removed_at: e.removed_at,
        };
        crate::evidence::insert_evidence_row(tx, &fresh)?;
        if let Some(d) = r.effective_date {
            tx.execute(
                "UPDATE evidence SET effective_date = ?2 WHERE id = ?1",
                params![id.to_string(), d.to_string()],
            )?;
        }
        for req in &r.requests {
            if !known_requests.contains(req.trim()) {
                return Err(preflight_requests::RequestError::UnknownItem(req.clone()).into());
            }
            tx.execute(
                "INSERT OR IGNORE INTO evidence_request (evidence_id, assessment_id, request_id) VALUES (?1, ?2, ?3)",
                params![id.to_string(), a.id.to_string(), req.trim()],
            )?;
        }
    }
    for o in &records.duty_occurrences {
        let note_len = o.note.chars().count();
        if note_len > MAX_NOTE_CHARS {
            return Err(RemediationError::TooLong {
                field: "note",
                len: note_len,
                max: MAX_NOTE_CHARS,
            }
            .into());
        }
        let evidence_id = match o.evidence_id {
            None => None,
            Some(e) => Some(ids.evidence(e).ok_or_else(|| {
                wrong(format!(
                    "a duty occurrence points to evidence {e} the file does not hold"
                ))
            })?),
        };
        let id = new_id(o.id);
        if ids.occurrences.insert(o.id, id).is_some() {
            return Err(wrong(format!("the duty occurrence {} appears twice", o.id)));
        }
        insert_occurrence(
            tx,
            &DutyOccurrence {
                id,
                assessment_id: a.id,
                evidence_id,
                note: o.note.trim().to_string(),
                ..o.clone()
            },
        )?;
    }
    let mut days = HashSet::new();
    for s in &records.snapshots {
        if !days.insert(s.taken_on) {
            return Err(wrong(format!("two snapshots on {}", s.taken_on)));
        }
        if s.overall.is_some_and(|o| !(0.0..=100.0).contains(&o)) {
            return Err(wrong(format!(
                "the snapshot of {} has readiness outside 0 to 100",
                s.taken_on
            )));
        }
        crate::snapshots::insert_snapshot(
            tx,
            &Snapshot {
                assessment_id: a.id,
                ..s.clone()
            },
        )?;
    }
    let mut questions = HashSet::new();
    for c in &records.auditor_comments {
        if effective.question(&c.question_id).is_none() {
            return Err(RemediationError::UnknownQuestion(c.question_id.clone()).into());
        }
        if !questions.insert(c.question_id.as_str()) {
            return Err(wrong(format!(
                "two auditor comments on question {}",
                c.question_id
            )));
        }
        if let Some(s) = c.status.as_deref() {
            if !STATUS_CODES.contains(&s) {
                return Err(StoreError::BadValue(format!("auditor status \"{s}\"")));
            }
        }
        tx.execute(
            "INSERT INTO auditor_comment (assessment_id, question_id, comment, status, imported_at, source_file)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                a.id.to_string(),
                c.question_id,
                c.comment,
                c.status,
                c.imported_at.to_rfc3339(),
                c.source_file
            ],
        )?;
    }
    Ok(ids)
}
