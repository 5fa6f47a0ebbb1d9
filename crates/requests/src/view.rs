//! A request item as the list shows it: what is asked, its owner, due date and status (derived
//! from its evidence, or set by hand), the evidence linked with each file's effective date and
//! whether it fits the window, and the auditor's comment.

use std::collections::HashMap;

use chrono::NaiveDate;
use preflight_remediation::Evidence;
use serde::Serialize;
use uuid::Uuid;

use crate::effective::{judge, DateCheck, EvidenceWindow};
use crate::item::Kind;
use crate::list::ListedItem;
use crate::status::{RequestState, RequestStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedEvidence {
    pub id: Uuid,
    pub name: String,
    pub sha256: String,
    pub effective_date: Option<NaiveDate>,
    /// Where the effective date falls; `None` while no date is given.
    pub check: Option<DateCheck>,
    pub removed: bool,
}

impl LinkedEvidence {
    /// Counts for "collected": in use, dated, and the date fits the window.
    pub fn is_valid(&self) -> bool {
        !self.removed && self.check.as_ref().is_some_and(|c| c.fits)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RequestRow {
    pub id: String,
    pub item: String,
    pub detail: String,
    pub kind: Kind,
    pub type2_only: bool,
    pub criteria: Vec<String>,
    pub questions: Vec<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: RequestStatus,
    pub auditor_comment: String,
    pub auditor_status: Option<String>,
    pub version: u32,
    pub evidence: Vec<LinkedEvidence>,
    pub overdue: bool,
}

/// The rows of a request list. `links` are (evidence id, request id) pairs; `dates` the
/// evidence's effective dates.
pub fn rows(
    listed: &[ListedItem<'_>],
    states: &HashMap<String, RequestState>,
    links: &[(Uuid, String)],
    evidence: &[Evidence],
    dates: &HashMap<Uuid, NaiveDate>,
    window: EvidenceWindow,
    today: NaiveDate,
) -> Vec<RequestRow> {
    listed
        .iter()
        .map(|l| {
            let state = states.get(&l.item.id).cloned().unwrap_or(RequestState {
                request_id: l.item.id.clone(),
                version: 1,
                ..Default::default()
            });
            let ev: Vec<LinkedEvidence> = links
                .iter()
                .filter(|(_, r)| *r == l.item.id)
                .filter_map(|(e, _)| evidence.iter().find(|x| x.id == *e))
                .map(|e| {
                    let date = dates.get(&e.id).copied();
                    LinkedEvidence {
                        id: e.id,
                        name: e.original_name.clone(),
                        sha256: e.sha256.clone(),
                        effective_date: date,
                        check: date.map(|d| judge(d, window)),
                        removed: e.is_removed(),
                    }
                })
                .collect();
            let valid = ev.iter().any(LinkedEvidence::is_valid);
            let status = state.status(valid);
            RequestRow {
                id: l.item.id.clone(),
                item: l.item.item.clone(),
                detail: l.item.detail.clone(),
                kind: l.item.kind,
                type2_only: l.item.type2_only,
                criteria: l.criteria_in_scope.clone(),
                questions: l.questions_in_scope.clone(),
                owner: state.owner.clone(),
                due: state.due,
                overdue: state.due.is_some_and(|d| d < today) && status < RequestStatus::Delivered,
                status,
                auditor_comment: state.auditor_comment.clone(),
                auditor_status: state.auditor_status.clone(),
                version: state.version,
                evidence: ev,
            }
        })
        .collect()
}
