//! The registers section of the portable file (format version 2): the people who own risks
//! and vendors, the risks and recorded risk assessments, the vendors with their report
//! reviews, and the company's own CUECs.
//!
//! On loading, every record is checked as if typed in (levels, names, criteria, questions,
//! dates). It keeps its id, except in a copy loaded beside the original, where every record
//! gets a new one so the two never collide.
//! Links to remediation tasks and evidence records follow the ids those got on loading
//! ([`crate::records`]); a link to a record the file does not hold is dropped.

use std::collections::HashSet;

use preflight_assessment::Assessment;
use preflight_catalog::Catalog;
use preflight_remediation::People;
use preflight_risks::{Risk, RiskContext, RiskReview};
use preflight_vendors::{CustomerControl, Vendor};
use rusqlite::{params, Transaction};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::risks::{insert_risk, json};
use crate::vendors::{insert_customer_control, insert_vendor};
use crate::{Store, StoreError};
use preflight_assessment::portable::PortableError;

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registers {
    #[serde(default)]
    pub people: Vec<String>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub risk_reviews: Vec<RiskReview>,
    /// Which Type 2 calendar occurrence each risk assessment ticked (format version 3).
    #[serde(default)]
    pub review_occurrences: Vec<(Uuid, Uuid)>,
    #[serde(default)]
    pub vendors: Vec<Vendor>,
    #[serde(default)]
    pub customer_controls: Vec<CustomerControl>,
    /// The people register with everything it holds (format version 2 files written before
    /// the register existed carry only `people`, the names).
    #[serde(default)]
    pub persons: Vec<preflight_people::Person>,
    #[serde(default)]
    pub policies: Vec<preflight_policies::Policy>,
    /// The system description: the sections the user saved, and the component lists.
    #[serde(default)]
    pub description_sections: Vec<(String, String)>,
    /// The day each saved section was last saved (format version 3; older files: the day
    /// they are loaded).
    #[serde(default)]
    pub description_dates: Vec<(String, chrono::NaiveDate)>,
    #[serde(default)]
    pub components: Vec<preflight_description::Component>,
    /// The request list's owners, due dates, statuses and auditor comments.
    #[serde(default)]
    pub request_states: Vec<preflight_requests::RequestState>,
    /// A Type 1 report's as-of date.
    #[serde(default)]
    pub as_of: Option<chrono::NaiveDate>,
}

/// The registers of an assessment as the JSON value the portable file carries.
pub fn registers_json(store: &Store, id: Uuid) -> Result<serde_json::Value, StoreError> {
    let r = Registers {
        people: store.people(id)?.names().to_vec(),
        risks: store.risks(id)?,
        risk_reviews: store.risk_reviews(id)?,
        review_occurrences: store.risk_review_occurrences(id)?,
        vendors: store.vendors(id)?,
        customer_controls: store.customer_controls(id)?,
        persons: store.persons(id)?,
        policies: store.policies(id)?,
        description_sections: store.saved_description_sections(id)?,
        description_dates: store.description_section_dates(id)?,
        components: store.components(id)?,
        request_states: store.request_states(id)?.into_values().collect(),
        as_of: store.as_of_date(id)?,
    };
    serde_json::to_value(&r).map_err(|e| StoreError::BadValue(format!("registers: {e}")))
}

/// Reads the registers section, or none for a version 1 file.
pub fn read_registers(value: Option<&serde_json::Value>) -> Result<Registers, StoreError> {
    match value {
        None | Some(serde_json::Value::Null) => Ok(Registers::default()),
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| PortableError::WrongShape(format!("the registers section: {e}")).into()),
    }
}

/// Saves loaded registers for assessment `a` inside the caller's transaction, checking each
/// record as if it were typed in.
pub fn save_registers(
    tx: &Transaction<'_>,
    catalog: &Catalog,
    a: &Assessment,
    r: Registers,
    records: &crate::records::Records,
    fresh_ids: bool,
) -> Result<(), StoreError> {
    let effective = preflight_assessment::objectives::effective_catalog(catalog, a);
    // Dates in the file are as saved; a date "in the future" of this machine's clock is still
    // refused, as typed input would be.
    let today = chrono::Local::now().date_naive();
    // The register first, checked as typed (acknowledgements come once the policies are in).
    let mut names: Vec<String> = Vec::new();
    for p in &r.persons {
        let mut input = p.to_input();
        input.acknowledgements.clear();
        let fresh = input.build(&names, today, |_, _| false)?;
        crate::people::insert_person(tx, a.id, &fresh)?;
        names.push(fresh.name);
    }
    let mut people = People::from_names(names.clone());
    let owners = r
        .risks
        .iter()
        .filter_map(|x| x.owner.clone())
        .chain(r.vendors.iter().filter_map(|v| v.owner.clone()))
        .chain(r.policies.iter().filter_map(|p| p.owner.clone()));
    for name in r.people.iter().cloned().chain(owners) {
        if people.find(&name).is_none() {
            let added = people.add(&name)?;
            tx.execute(
                "INSERT INTO person (assessment_id, name, position)
                 VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM person WHERE assessment_id = ?1))",
                params![a.id.to_string(), added],
            )?;
        }
    }
    // Tasks, evidence records, duties, snapshots and comments, once their owners are in.
    let ids = crate::records::save_records(tx, catalog, a, &people, records, fresh_ids)?;
    let keep = |fresh: Uuid, saved: Uuid| if fresh_ids { fresh } else { saved };
    // Policies with every version, under new ids; acknowledgements follow their policy.
    let mut policy_ids = std::collections::HashMap::new();
    for p in &r.policies {
        let mut fresh = crate::policies::checked_copy(p, a.id, &people, today)?;
        fresh.id = keep(fresh.id, p.id);
        fresh.version = p.version.max(1);
        policy_ids.insert(p.id.to_string(), fresh.id.to_string());
        crate::policies::insert_policy(tx, &fresh)?;
    }
    for p in &r.persons {
        for ack in &p.acknowledgements {
            let Some(pid) = policy_ids.get(&ack.policy_id) else {
                continue;
            };
            tx.execute(
                "INSERT OR IGNORE INTO acknowledgement (assessment_id, person, policy_id, version, acknowledged_on)
                 SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS
                   (SELECT 1 FROM policy_version WHERE policy_id = ?3 AND number = ?4)",
                params![a.id.to_string(), p.name.trim(), pid, ack.version, ack.on.to_string()],
            )?;
        }
    }
    // The system description and the request list's states.
    for (section, text) in &r.description_sections {
        let saved_on = r
            .description_dates
            .iter()
            .find(|(s, _)| s == section)
            .map(|(_, d)| *d)
            .filter(|d| *d <= today)
            .unwrap_or(today);
        preflight_description::section::section(section)?;
        let len = text.chars().count();
        if len > crate::description::MAX_SECTION_CHARS {
            return Err(preflight_description::section::DescriptionError::TooLong {
                field: "section text",
                len,
                max: crate::description::MAX_SECTION_CHARS,
            }
            .into());
        }
        tx.execute(
            "INSERT INTO description_section (assessment_id, section_id, text, updated_on) VALUES (?1, ?2, ?3, ?4)",
            params![a.id.to_string(), section, text, saved_on.to_string()],
        )?;
    }
    for (i, c) in r.components.iter().enumerate() {
        let c = preflight_description::Component::checked(c.kind, &c.name, &c.detail)?;
        tx.execute(
            "INSERT INTO description_component (assessment_id, kind, position, name, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![a.id.to_string(), c.kind.as_str(), i as i64, c.name, c.detail],
        )?;
    }
    let known = preflight_requests::items()?;
    for st in &r.request_states {
        if !known.iter().any(|i| i.id == st.request_id) {
            return Err(
                preflight_requests::RequestError::UnknownItem(st.request_id.clone()).into(),
            );
        }
        let owner = people.resolve_owner(st.owner.as_deref())?;
        tx.execute(
            "INSERT INTO request_state (assessment_id, request_id, owner, due, set_status, auditor_comment, auditor_status, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![a.id.to_string(), st.request_id, owner, st.due.map(|d| d.to_string()), st.set_status.map(|s| s.as_str()), st.auditor_comment, st.auditor_status, i64::from(st.version.max(1))],
        )?;
    }
    if let Some(d) = r.as_of {
        tx.execute(
            "INSERT INTO report_settings (assessment_id, as_of) VALUES (?1, ?2)",
            params![a.id.to_string(), d.to_string()],
        )?;
    }
    let task_ids: HashSet<Uuid> = ids.tasks.values().copied().collect();
    let cx = RiskContext {
        catalog: &effective,
        people: &people,
        task_ids: &task_ids,
        today,
    };
    for risk in &r.risks {
        let mut input = risk.to_input();
        input.tasks = risk
            .tasks
            .iter()
            .filter_map(|t| ids.task(*t))
            .map(|t| t.to_string())
            .collect();
        let mut fresh = input.build(a.id, risk.starter_id.clone(), &cx)?;
        fresh.id = keep(fresh.id, risk.id);
        fresh.version = risk.version.max(1);
        fresh.created_on = risk.created_on;
        fresh.updated_on = risk.updated_on;
        insert_risk(tx, &fresh)?;
    }
    for review in &r.risk_reviews {
        let register = serde_json::to_string(&review.register)
            .map_err(|e| StoreError::BadValue(format!("risk register snapshot: {e}")))?;
        if review.summary.trim().is_empty() || review.participants.is_empty() {
            return Err(PortableError::WrongShape(
                "a risk assessment without summary or participants".into(),
            )
            .into());
        }
        tx.execute(
            "INSERT INTO risk_review (id, assessment_id, held_on, participants, summary, register, recorded_on, occurrence_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                keep(Uuid::new_v4(), review.id).to_string(),
                a.id.to_string(),
                review.held_on.to_string(),
                json(&review.participants),
                review.summary,
                register,
                review.recorded_on.to_string(),
                r.review_occurrences
                    .iter()
                    .find(|(rv, _)| *rv == review.id)
                    .and_then(|(_, o)| ids.occurrence(*o))
                    .map(|o| o.to_string()),
            ],
        )?;
    }
    let mut names = HashSet::new();
    for v in &r.vendors {
        let input = preflight_vendors::VendorInput {
            name: v.name.clone(),
            service: v.service.clone(),
            data: v.data.as_str().into(),
            criticality: v.criticality.as_str().into(),
            contract: v.contract,
            dpa: v.dpa,
            owner: v.owner.clone(),
            last_review: v.last_review.map(|d| d.to_string()),
            next_review: v.next_review.map(|d| d.to_string()),
            subservice: v.subservice.is_some(),
            subservice_method: v.subservice.as_ref().map(|s| s.method.as_str().into()),
            csocs: v
                .subservice
                .as_ref()
                .map(|s| s.csocs.clone())
                .unwrap_or_default(),
        };
        let mut fresh = input.build(a.id, &people, today)?;
        if !names.insert(preflight_vendors::vendor::name_key(&fresh.name)) {
            return Err(preflight_vendors::VendorError::DuplicateName(fresh.name).into());
        }
        fresh.id = keep(fresh.id, v.id);
        fresh.version = v.version.max(1);
        fresh.created_on = v.created_on;
        fresh.report = v.report.clone().map(|mut rep| {
            rep.evidence_id = rep.evidence_id.and_then(|e| ids.evidence(e));
            for c in &mut rep.cuecs {
                c.task_id = c.task_id.and_then(|t| ids.task(t));
                c.id = keep(Uuid::new_v4(), c.id);
            }
            for e in &mut rep.exceptions {
                e.id = keep(Uuid::new_v4(), e.id);
            }
            rep
        });
        insert_vendor(tx, &fresh)?;
    }
    for c in &r.customer_controls {
        let input = preflight_vendors::CustomerControlInput {
            title: c.title.clone(),
            description: c.description.clone(),
            criteria: c.criteria.clone(),
        };
        let mut fresh = input.build(&effective, a.id, c.starter_id.clone())?;
        fresh.id = keep(fresh.id, c.id);
        insert_customer_control(tx, &fresh)?;
    }
    Ok(())
}
